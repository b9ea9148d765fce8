"""A content-addressed blob store on the filesystem: BLOB_DIR/ab/cd/<sha256>.

The same bytes are stored once, under the SHA-256 of their content. The media feature
will add an S3-compatible store behind the same four functions.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from pathlib import Path
from typing import BinaryIO

from flask import current_app

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _root() -> Path:
    return Path(current_app.config["BLOB_DIR"])


def blob_path(sha256: str) -> Path:
    """Where a blob lives; refuses anything but a lowercase hex SHA-256 (no path tricks)."""
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise ValueError(f"Not a SHA-256: {sha256!r}")
    return _root() / sha256[:2] / sha256[2:4] / sha256


def put_bytes(data: bytes) -> str:
    """Store bytes once and return their SHA-256."""
    sha256 = hashlib.sha256(data).hexdigest()
    path = blob_path(sha256)
    if path.exists():
        return sha256
    path.parent.mkdir(parents=True, exist_ok=True)
    # Write beside the target then rename: readers never see half a blob.
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha256


def open_blob(sha256: str) -> BinaryIO:
    """Open a stored blob for reading; FileNotFoundError if it is not there."""
    return blob_path(sha256).open("rb")


def exists(sha256: str) -> bool:
    """Whether the store holds that blob."""
    return blob_path(sha256).is_file()


def delete_blob(sha256: str) -> bool:
    """Remove a blob; returns whether there was one."""
    path = blob_path(sha256)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    return True
