"""Media settings: defaults that work on one machine, then the environment (docs/media.md)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from flask import current_app

MIB = 1024 * 1024
GIB = 1024 * MIB

# Largest original accepted per kind of content (PREUVES_MAX_<KIND>_BYTES).
KIND_CAPS = {
    "photo": 50 * MIB,
    "video": 2 * GIB,
    "audio": 200 * MIB,
    "document": 50 * MIB,
}


def defaults() -> dict[str, Any]:
    """Media settings before the environment speaks."""
    return {
        "BLOB_STORE": "file",
        "S3_BUCKET": None,
        "S3_ENDPOINT_URL": None,
        "S3_PREFIX": "",
        "UPLOAD_DIR": None,  # None: beside BLOB_DIR, `uploads/`
        "UPLOAD_EXPIRATION_DAYS": 60,
        "UPLOAD_LEASE_SECONDS": 20,
        "STRUCTURE_QUOTA_BYTES": 50 * GIB,
        "MEDIA_MAX_AGE": 3600,
        **{f"MAX_{kind.upper()}_BYTES": cap for kind, cap in KIND_CAPS.items()},
    }


_TEXT = ("BLOB_STORE", "S3_BUCKET", "S3_ENDPOINT_URL", "S3_PREFIX", "UPLOAD_DIR")
_NUMBERS = (
    "UPLOAD_EXPIRATION_DAYS",
    "UPLOAD_LEASE_SECONDS",
    "STRUCTURE_QUOTA_BYTES",
    "MEDIA_MAX_AGE",
    *(f"MAX_{kind.upper()}_BYTES" for kind in KIND_CAPS),
)


def from_environment() -> dict[str, Any]:
    """PREUVES_<NAME> for each media setting that the operator set."""
    settings: dict[str, Any] = {}
    for name in _TEXT:
        if value := os.environ.get(f"PREUVES_{name}"):
            settings[name] = value
    for name in _NUMBERS:
        if value := os.environ.get(f"PREUVES_{name}"):
            settings[name] = int(value)
    return settings


def upload_dir() -> Path:
    """Where partial uploads are written: shared storage when several app servers run."""
    configured = current_app.config.get("UPLOAD_DIR")
    if configured:
        return Path(configured)
    return Path(current_app.config["BLOB_DIR"]).parent / "uploads"


def kind_cap(kind: str) -> int:
    """The size limit of one kind of content."""
    return int(current_app.config.get(f"MAX_{kind.upper()}_BYTES", KIND_CAPS[kind]))


def max_upload_size() -> int:
    """Tus-Max-Size: the largest cap of all kinds."""
    return max(kind_cap(kind) for kind in KIND_CAPS)


def setting(name: str) -> Any:
    """One media setting, with its default when the app config lacks it."""
    return current_app.config.get(name, defaults()[name])
