"""The PATCH body's path: bounded reads from the server, and the writer."""

from __future__ import annotations

import hashlib
import io
import os

import pytest
from werkzeug.exceptions import ClientDisconnected

from preuves.media.body import Body
from preuves.media.writer import Writer


def test_the_body_never_reads_past_content_length():
    raw = io.BytesIO(b"a" * 10 + b"NEXT REQUEST")
    body = Body(raw, 10)
    assert body.read(4) + body.read(100) == b"a" * 10
    assert body.read(100) == b"" and raw.read() == b"NEXT REQUEST"


def test_a_body_shorter_than_content_length_is_a_disconnection():
    body = Body(io.BytesIO(b"abc"), 10)
    assert body.read(100) == b"abc"
    with pytest.raises(ClientDisconnected):
        body.read(100)


def test_the_writer_writes_and_hashes_in_order(tmp_path):
    pieces = [os.urandom(3 * 1024 * 1024 + n) for n in range(5)]
    running = hashlib.sha256()
    with (tmp_path / "part").open("w+b", buffering=0) as handle:
        writer = Writer(handle, [running])
        for piece in pieces:
            writer.put(piece)
        assert writer.written == sum(map(len, pieces))
    assert (tmp_path / "part").read_bytes() == b"".join(pieces)
    assert running.hexdigest() == hashlib.sha256(b"".join(pieces)).hexdigest()


class _Full(io.RawIOBase):
    def fileno(self) -> int:
        raise OSError(28, "No space left on device")

    def tell(self) -> int:
        return 0

    def write(self, data) -> int:
        raise OSError(28, "No space left on device")


def test_a_failed_write_fails_the_request_and_hashes_nothing():
    running = hashlib.sha256()
    writer = Writer(_Full(), [running])
    with pytest.raises(OSError, match="No space"):
        writer.put(b"x" * 4096)
    assert writer.written == 0 and running.digest() == hashlib.sha256().digest()
