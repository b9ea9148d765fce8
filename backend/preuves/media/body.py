"""A request body read straight from the WSGI server's input, never past Content-Length.

werkzeug's request.stream wraps the input in a LimitedStream that copies every read once
more (M2 measured 393 MiB/s through it against 1.5 GiB/s straight from gunicorn). The
bound it gave is kept here: a read never asks for more than Content-Length has left, so
bytes of the next request on a keep-alive connection are never taken for this body.
"""

from __future__ import annotations

from typing import BinaryIO

from werkzeug.exceptions import ClientDisconnected


class Body:
    """`read(size)` of at most `length` bytes; ClientDisconnected if they stop coming early."""

    def __init__(self, raw: BinaryIO, length: int) -> None:
        self.raw, self.left = raw, length

    def read(self, size: int = -1) -> bytes:
        want = self.left if size < 0 else min(size, self.left)
        if want <= 0:
            return b""
        data = self.raw.read(want)
        if not data:
            raise ClientDisconnected()  # the client went away before Content-Length
        data = data[:want]  # a server that gave more than asked: the bound still holds
        self.left -= len(data)
        return data
