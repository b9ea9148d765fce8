"""One PATCH of a tus upload, from the lease to the stored blob.

The lease is committed before the body streams and released with the new offset after it;
no database transaction is open in between. When the first bytes are in, they are sniffed
(refused content fails at once, not after 500 MB); when the last are in, the upload is
hashed, stored once in the blob store, and linked to its dossier.
"""

from __future__ import annotations

import uuid
from typing import Any, BinaryIO

from sqlalchemy import or_

from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.media import blobs, hashes, settings, sniff
from preuves.media.leases import Lease, LeaseLost
from preuves.media.models import Upload
from preuves.media.operations import link, record_blob
from preuves.media.streaming import Received, TooLong, receive
from preuves.media.uploads import expiry, forget_bytes, partial_path


def patch(upload: Upload, offset: int, size: int | None, stream: BinaryIO, checksum: Any) -> None:
    """Append a body at `offset`; `upload` (and the row) hold the outcome once this returns."""
    _check(upload, offset, size)  # cheap answers first, without taking the lease
    upload_id, path = upload.id, partial_path(upload.id)
    start, room = offset, upload.length - offset
    # The row as loaded stays right while the lease is held: the UPDATE below takes it only
    # at this offset, and what a PATCH changes (media type, offset...) moves the offset.
    # Out of the session, the commits below do not expire it: no reading it again.
    db.session.expunge(upload)
    lease = Lease(upload_id)
    # One committed UPDATE takes the lease and judges the upload again, as it stands now:
    # another PATCH may have moved or ended it meanwhile. Nothing stays open while it streams.
    if not lease.try_acquire(*_still_at(offset)):
        _check(db.session.get(Upload, upload_id), offset, size)
        raise Problem("upload_locked", "Another request is sending this upload; retry soon.")
    if not path.is_file() or path.stat().st_size < start:
        _fail(lease, "partial_lost", upload_id)
        raise Problem("upload_gone", "The bytes received so far were lost; start again.")
    got = _receive(lease, path, start, room, stream, hashes.resume(upload_id, start), checksum)
    _after(lease, upload, got)


def _still_at(offset: int) -> tuple[Any, ...]:
    """_check as SQL: the upload has not ended and stands at `offset`."""
    return (
        Upload.offset == offset,
        Upload.terminated_at.is_(None),
        Upload.failed_at.is_(None),
        or_(Upload.completed_at.is_not(None), Upload.expires_at > utcnow()),
    )


def _check(upload: Upload, offset: int, size: int | None) -> None:
    if upload.ended:
        raise Problem("upload_gone", "This upload is over; start a new one.")
    if offset != upload.offset:
        raise Problem(
            "upload_offset_mismatch",
            f"Upload-Offset is {offset}; the upload is at {upload.offset}.",
            upload_offset=upload.offset,
        )
    room = upload.length - upload.offset
    if size is not None and size > room:
        raise Problem("beyond_upload_length", f"{size} bytes sent; {room} left to send.")


def _receive(lease: Lease, *args: Any) -> Received:
    """Stream the body (streaming.receive); the lease goes back whatever goes wrong."""
    try:
        return receive(lease, *args)
    except TooLong:
        lease.release(offset=args[1])  # back to where this body started (streaming rewound)
        raise Problem("beyond_upload_length", "The body goes past Upload-Length.") from None
    except LeaseLost:
        raise Problem("upload_locked", "The lease ran out while the body was slow.") from None
    except BaseException:
        lease.release()
        raise


def _after(lease: Lease, upload: Upload, got: Received) -> None:
    received = Upload.received + got.received
    if got.mismatch:
        hashes.keep(upload.id, got.offset, got.state)
        lease.release(received=received)
        raise Problem("checksum_mismatch", "Upload-Checksum does not match the body.")
    if upload.media_type is None and got.offset >= min(sniff.HEAD_BYTES, upload.length):
        _sniff(lease, upload, got)
    if got.offset == upload.length:
        _complete(lease, upload, got)
        return
    hashes.keep(upload.id, got.offset, got.state)
    _release(lease, upload, received, offset=got.offset, expires_at=expiry())


def _sniff(lease: Lease, upload: Upload, got: Received) -> None:
    with partial_path(upload.id).open("rb") as handle:
        found = sniff.sniff(handle.read(sniff.HEAD_BYTES), upload.declared_type)
    if found is None:
        _fail(lease, "media_type_refused", upload.id)
        raise Problem("media_type_refused", "Not a photo, video, sound or PDF we accept.")
    cap = settings.kind_cap(found.kind)
    if upload.length > cap:
        _fail(lease, "too_large", upload.id)
        raise Problem("too_large", f"A {found.kind} may have at most {cap} bytes.", max_bytes=cap)
    upload.media_type, upload.kind = found.media_type, found.kind
    lease.renew(media_type=found.media_type, kind=found.kind, offset=got.offset)


def _complete(lease: Lease, upload: Upload, got: Received) -> None:
    path = partial_path(upload.id)
    sha256 = got.state.hexdigest() if got.state is not None else blobs.hash_file(path)
    expected = upload.upload_metadata.get("sha256")
    if expected and expected != sha256:
        _fail(lease, "checksum_mismatch", upload.id)
        raise Problem("checksum_mismatch", f"The file's SHA-256 is {sha256}, not {expected}.")
    blobs.put_file(path, sha256, move=True)
    found = sniff.Sniffed(upload.media_type, upload.kind)
    record_blob(sha256, upload.length, found)
    link(sha256, upload.dossier_id, upload.created_by_id)
    _enqueue_derivatives(sha256, found.media_type)
    hashes.forget(upload.id)
    done = dict(offset=got.offset, sha256=sha256, completed_at=utcnow())
    _release(lease, upload, Upload.received + got.received, **done)  # commits the rows above


def _release(lease: Lease, upload: Upload, received: Any, **values: Any) -> None:
    """Give the lease back with the new state, which the answer then reports."""
    if not lease.release(received=received, **values):
        raise Problem("upload_locked", "The lease ran out while the body was slow.")
    for name, value in values.items():
        setattr(upload, name, value)


def _enqueue_derivatives(sha256: str, media_type: str) -> None:
    from preuves.media.derivatives.jobs import enqueue_for_blob

    enqueue_for_blob(sha256, media_type)


def _fail(lease: Lease, reason: str, upload_id: uuid.UUID) -> None:
    """The upload ends here: nothing of it is stored."""
    lease.release(failed_at=utcnow(), failure=reason)
    forget_bytes(upload_id)
