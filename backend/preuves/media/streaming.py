"""Append one request body to an upload's partial file, hashing as it streams.

The body is read in 1 MiB pieces from the WSGI stream, never whole. Without Upload-Checksum,
what arrived before an interruption is kept (the client resends less than one chunk); with
it, the request is all or nothing, since a piece of a body cannot be checked.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from werkzeug.exceptions import ClientDisconnected

from preuves.media.leases import Lease
from preuves.media.tus import CHECKSUMS

CHUNK = 1024 * 1024


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
    with path.open("r+b") as handle:
        handle.truncate(start)  # what a crashed writer left past the committed offset
        handle.seek(start)
        try:
            _copy(lease, handle, stream, got, start + room, digest, checkpoint=checksum is None)
        except TooLong:
            _rewind(handle, got, start, before)
            raise
        except (ClientDisconnected, ConnectionError, TimeoutError):
            got.interrupted = True
        if checksum and (got.interrupted or digest.digest() != checksum[1]):
            got.mismatch = not got.interrupted
            _rewind(handle, got, start, before)
        _sync(handle)
    return got


def _copy(
    lease: Lease,
    handle: BinaryIO,
    stream: BinaryIO,
    got: Received,
    end: int,
    digest: Any | None,
    checkpoint: bool,
) -> None:
    while data := stream.read(CHUNK):
        got.received += len(data)
        if got.offset + len(data) > end:
            raise TooLong()
        if lease.due():
            # Progress is saved with each renewal when partial bodies are kept.
            if checkpoint:
                _sync(handle)
            lease.renew(**({"offset": got.offset} if checkpoint else {}))
        handle.write(data)
        got.offset += len(data)
        for running in (got.state, digest):
            if running is not None:
                running.update(data)


def _rewind(handle: BinaryIO, got: Received, start: int, before: Any | None) -> None:
    handle.truncate(start)
    got.offset, got.state = start, before


def _sync(handle: BinaryIO) -> None:
    """On disk before the offset that counts it is committed: a power cut loses nothing."""
    handle.flush()
    os.fdatasync(handle.fileno())
