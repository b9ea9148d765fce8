"""Append one request body to an upload's partial file, hashing as it streams.

The body is read in 1 MiB pieces, never whole; each piece is written and hashed before the
next one is read (writer.py). Without Upload-Checksum, what arrived before an interruption is
kept (the client resends less than one chunk); with it, the request is all or nothing, since
a piece of a body cannot be checked. Bytes are fdatasynced before any offset that counts
them is committed (lease renewals, end of request), never per piece.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from werkzeug.exceptions import ClientDisconnected

from preuves.media.leases import Lease
from preuves.media.tus import CHECKSUMS
from preuves.media.writer import Writer

PIECE = 1024 * 1024  # per read: gunicorn reads 1 MiB at a time, larger pieces cost copies


class TooLong(Exception):
    """The body goes past Upload-Length."""


@dataclass
class Received:
    offset: int  # where the upload stands now
    received: int  # body bytes that reached the server in this request
    state: Any | None  # the SHA-256 of the first `offset` bytes, when this process knows it
    interrupted: bool = False
    mismatch: bool = False


def receive(
    lease: Lease,
    path: Path,
    start: int,
    room: int,
    stream: BinaryIO,
    state: Any | None,
    checksum: tuple[str, bytes] | None,
) -> Received:
    """Write the body at `start`; TooLong (nothing kept) if it carries more than `room`."""
    before = state.copy() if state is not None else None  # to rewind to, cheap to take
    digest = CHECKSUMS[checksum[0]]() if checksum else None
    got = Received(start, 0, state)
    with path.open("r+b", buffering=0) as handle:
        handle.truncate(start)  # what a crashed writer left past the committed offset
        handle.seek(start)
        writer = Writer(handle, [running for running in (state, digest) if running is not None])
        try:
            _copy(lease, handle, stream, writer, got, start + room, checkpoint=checksum is None)
        except (ClientDisconnected, ConnectionError, TimeoutError):
            got.interrupted = True  # every piece read so far is written
        except TooLong:
            _rewind(handle, got, start, before)
            raise
        got.offset = start + writer.written
        if checksum and (got.interrupted or digest.digest() != checksum[1]):
            got.mismatch = not got.interrupted
            _rewind(handle, got, start, before)
        _sync(handle)
    return got


def _copy(
    lease: Lease,
    handle: BinaryIO,
    stream: BinaryIO,
    writer: Writer,
    got: Received,
    end: int,
    checkpoint: bool,
) -> None:
    while data := stream.read(PIECE):
        got.received += len(data)
        if got.offset + writer.written + len(data) > end:
            raise TooLong()
        if lease.due():
            # Progress is saved with each renewal when partial bodies are kept: only bytes
            # written and synced count. LeaseLost stops the copy before another write.
            if checkpoint:
                _sync(handle)
            lease.renew(**({"offset": got.offset + writer.written} if checkpoint else {}))
        writer.put(data)


def _rewind(handle: BinaryIO, got: Received, start: int, before: Any | None) -> None:
    handle.truncate(start)
    got.offset, got.state = start, before


def _sync(handle: BinaryIO) -> None:
    """On disk before the offset that counts it is committed: a power cut loses nothing."""
    os.fdatasync(handle.fileno())
