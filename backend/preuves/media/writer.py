"""Writes an upload's pieces to its partial file and hashes them, in the request thread.

Each piece is written and hashed as soon as it is read, by the thread that read it. Threads
that wrote and hashed while the request thread read the next piece (as Node's file-store
overlaps its reads and writes) were measured about 20 % slower on the 2-core benchmark machine
(`make bench-upload`): handing every piece to another thread, and the GIL back, costs more
than it saves when the client, not the server, sets the pace; the kernel's socket buffer
holds what arrives meanwhile. Only the piece in hand is held: memory stays ~1 MiB.
"""

from __future__ import annotations

import os
from typing import Any, BinaryIO


class Writer:
    """Appends pieces to `handle` (unbuffered) in order and updates `hashes` with each."""

    def __init__(self, handle: BinaryIO, hashes: list[Any]) -> None:
        self.handle, self.hashes = handle, hashes
        self.written = 0
        self._previous: int | None = None  # where the last piece written began

    def put(self, piece: bytes) -> None:
        """Write the piece at the end of what is written, then hash it."""
        at, view = self.handle.tell(), memoryview(piece)
        while view:  # an unbuffered write may be short
            view = view[self.handle.write(view) :]
        self.written += len(piece)
        self._let_go(at, len(piece))
        for running in self.hashes:
            running.update(piece)  # hashlib lets the GIL go for pieces over 2 KiB

    def _let_go(self, at: int, size: int) -> None:
        """Start writing this piece back, and drop the one before it from the page cache.

        On Linux, DONTNEED starts writeback of dirty pages and drops the clean ones: the
        fdatasync before the offset is committed then has little left to wait for, and
        the cache recycles a few MiB instead of growing by the whole upload (on a VM,
        fresh pages cost a host fault each: writes ran at 350 MB/s against 1 GB/s).
        Durability is still that fdatasync's job; these bytes are not read again soon.
        """
        if hasattr(os, "posix_fadvise"):
            since = self._previous if self._previous is not None else at
            os.posix_fadvise(self.handle.fileno(), since, at + size - since, os.POSIX_FADV_DONTNEED)
            self._previous = at
