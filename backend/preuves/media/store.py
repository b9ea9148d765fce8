"""Blob stores, content-addressed by SHA-256: the filesystem (default) or S3-compatible.

Both answer the same few questions, so the rest of the server never asks which one runs.
A blob's name is its hash, so a blob never changes once written: the same bytes sent twice
are stored once, and copying a store incrementally is always enough.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO, Protocol

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
CHUNK = 1024 * 1024


def checked(sha256: str) -> str:
    """A lowercase hex SHA-256, or ValueError: nothing else ever becomes a path or a key."""
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise ValueError(f"Not a SHA-256: {sha256!r}")
    return sha256


def fan_out(sha256: str) -> str:
    """ab/cd/abcd...: two levels of folders keep every folder small."""
    return f"{sha256[:2]}/{sha256[2:4]}/{checked(sha256)}"


class BlobStore(Protocol):
    def put_file(self, path: Path, sha256: str, *, move: bool = False) -> None: ...
    def open(self, sha256: str) -> BinaryIO: ...
    def read_range(self, sha256: str, start: int, length: int) -> Iterator[bytes]: ...
    def exists(self, sha256: str) -> bool: ...
    def size(self, sha256: str) -> int | None: ...
    def delete(self, sha256: str) -> bool: ...
    def local_path(self, sha256: str) -> Path | None: ...


class FileStore:
    """BLOB_DIR/ab/cd/<sha256>, written beside its place then renamed: never half a blob."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def path(self, sha256: str) -> Path:
        return self.root / fan_out(sha256)

    def put_file(self, path: Path, sha256: str, *, move: bool = False) -> None:
        target = self.path(sha256)
        if target.is_file():
            if move:
                Path(path).unlink(missing_ok=True)
            return
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".incoming-")
        os.close(fd)
        try:
            if move:
                shutil.move(str(path), tmp)  # a rename on the same filesystem
            else:
                shutil.copyfile(path, tmp)
            os.chmod(tmp, 0o644)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise

    def open(self, sha256: str) -> BinaryIO:
        return self.path(sha256).open("rb")

    def read_range(self, sha256: str, start: int, length: int) -> Iterator[bytes]:
        with self.open(sha256) as handle:
            handle.seek(start)
            while length > 0 and (data := handle.read(min(CHUNK, length))):
                length -= len(data)
                yield data

    def exists(self, sha256: str) -> bool:
        return self.path(sha256).is_file()

    def size(self, sha256: str) -> int | None:
        try:
            return self.path(sha256).stat().st_size
        except FileNotFoundError:
            return None

    def delete(self, sha256: str) -> bool:
        try:
            self.path(sha256).unlink()
        except FileNotFoundError:
            return False
        return True

    def local_path(self, sha256: str) -> Path | None:
        return self.path(sha256)
