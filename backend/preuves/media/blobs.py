"""The blob store of the running app, as module functions the rest of the code calls.

Filesystem by default (BLOB_DIR/ab/cd/<sha256>), S3-compatible with PREUVES_BLOB_STORE=s3
(store.py, s3store.py). The same bytes are stored once, under the SHA-256 of their content.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from preuves.media.store import CHUNK, BlobStore, FileStore, checked

_EXTENSION_KEY = "preuves_blob_store"


def make_store(config: dict) -> BlobStore:
    """The store the configuration names."""
    if config.get("BLOB_STORE", "file") == "s3":
        from preuves.media.s3store import S3Store

        if not config.get("S3_BUCKET"):
            raise RuntimeError("PREUVES_BLOB_STORE=s3 needs PREUVES_S3_BUCKET.")
        return S3Store(
            config["S3_BUCKET"], config.get("S3_ENDPOINT_URL"), config.get("S3_PREFIX", "")
        )
    return FileStore(config["BLOB_DIR"])


def store() -> BlobStore:
    """The app's store, made once per configuration (tests may point an app elsewhere)."""
    config = current_app.config
    names = ("BLOB_STORE", "BLOB_DIR", "S3_BUCKET", "S3_ENDPOINT_URL", "S3_PREFIX")
    key = tuple(config.get(name) for name in names)
    cached = current_app.extensions.get(_EXTENSION_KEY)
    if cached is None or cached[0] != key:
        cached = current_app.extensions[_EXTENSION_KEY] = (key, make_store(config))
    return cached[1]


def blob_path(sha256: str) -> Path:
    """Where a blob lives in the filesystem store (no path tricks: a SHA-256 or ValueError)."""
    return FileStore(current_app.config["BLOB_DIR"]).path(checked(sha256))


def hash_file(path: Path) -> str:
    """The SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as handle:
        while data := handle.read(CHUNK):
            digest.update(data)
    return digest.hexdigest()


def put_file(path: Path, sha256: str | None = None, *, move: bool = False) -> str:
    """Store a file's bytes once; returns their SHA-256 (hashed here unless given).

    The file is left in place unless `move` (uploads hand over their finished file).
    """
    sha256 = checked(sha256) if sha256 else hash_file(path)
    store().put_file(Path(path), sha256, move=move)
    return sha256


def put_bytes(data: bytes) -> str:
    """Store bytes once and return their SHA-256."""
    sha256 = hashlib.sha256(data).hexdigest()
    if store().exists(sha256):
        return sha256
    fd, tmp = tempfile.mkstemp(prefix="preuves-blob-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        store().put_file(Path(tmp), sha256, move=True)
    finally:
        Path(tmp).unlink(missing_ok=True)
    return sha256


def open_blob(sha256: str) -> BinaryIO:
    """Open a stored blob for reading; FileNotFoundError if it is not there."""
    return store().open(checked(sha256))


def exists(sha256: str) -> bool:
    """Whether the store holds that blob."""
    return store().exists(checked(sha256))


def size(sha256: str) -> int | None:
    """The size of a stored blob, None if it is not there."""
    return store().size(checked(sha256))


def delete_blob(sha256: str) -> bool:
    """Remove a blob; returns whether there was one."""
    return store().delete(checked(sha256))
