"""Threads that write and hash an upload's pieces while the request thread reads the next.

Reading the socket, writing the file and hashing then overlap, as in Node's file-store: a
PATCH takes about as long as the slowest of the three, not their sum. Writing and hashing
each have their own thread (a lane), fed the same pieces in order; write() and hashlib (for
pieces over 2 KiB) release the GIL, so the threads really run side by side. Each lane's
queue is short: at most DEPTH pieces wait, so memory stays a few MiB whatever the body size.
"""

from __future__ import annotations

import os
import queue
import threading
from collections.abc import Callable
from typing import Any, BinaryIO

DEPTH = 2


class Lane:
    """One thread applying `work` to every piece put, in order; its first error is kept."""

    def __init__(self, work: Callable[[bytes], None], name: str) -> None:
        self.work, self.error = work, None
        self.discard = False
        self._queue: queue.Queue[bytes | None] = queue.Queue(maxsize=DEPTH)
        self._thread = threading.Thread(target=self._run, name=name, daemon=True)
        self._thread.start()

    def put(self, piece: bytes | None) -> None:
        self._queue.put(piece)

    def drain(self) -> None:
        self._queue.join()

    def close(self) -> None:
        self._queue.put(None)
        self._thread.join()

    def _run(self) -> None:
        while (piece := self._queue.get()) is not None:
            try:
                if self.error is None and not self.discard:
                    self.work(piece)
            except BaseException as error:  # handed to the request thread, which raises it
                self.error = error
            finally:
                self._queue.task_done()
        self._queue.task_done()


class Writer:
    """Appends pieces to `handle` (unbuffered) in order and updates `hashes` with each."""

    def __init__(self, handle: BinaryIO, hashes: list[Any]) -> None:
        self.handle, self.hashes = handle, hashes
        self.written = 0
        self._previous: int | None = None  # where the last piece written began
        self._lanes = [Lane(self._write, "upload-writer")]
        if hashes:
            self._lanes.append(Lane(self._hash, "upload-hasher"))

    def put(self, piece: bytes) -> None:
        """Hand a piece over; waits while DEPTH pieces are already waiting in a lane."""
        self._raise()
        for lane in self._lanes:
            lane.put(piece)

    def drain(self) -> None:
        """Wait until every piece handed over so far is written and hashed."""
        for lane in self._lanes:
            lane.drain()
        self._raise()

    def close(self, discard: bool = False) -> None:
        """Stop the threads: after the pieces waiting, or at once (dropping them) if `discard`."""
        for lane in self._lanes:
            lane.discard = discard
            lane.close()
        if not discard:
            self._raise()

    def _raise(self) -> None:
        for lane in self._lanes:
            if lane.error is not None:
                raise lane.error

    def _hash(self, piece: bytes) -> None:
        for running in self.hashes:
            running.update(piece)

    def _write(self, piece: bytes) -> None:
        at, view = self.handle.tell(), memoryview(piece)
        while view:  # an unbuffered write may be short
            view = view[self.handle.write(view) :]
        self.written += len(piece)
        self._let_go(at, len(piece))

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
