"""The media files an export carries: what the screens show, never an original's metadata.

Each original is replaced by the derivative the screens use (a photo's `display` or
`thumbnail` JPEG, a video's or a sound's `web` copy), all made without metadata, GPS
included (media/derivatives). When the worker has not made it yet, it is made now, with the
worker's own code, into the export's work folder. A PDF document is carried as it is.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from preuves.extensions import db
from preuves.media import blobs
from preuves.media.derivatives import jobs, making
from preuves.media.derivatives.errors import ConversionFailed
from preuves.media.derivatives.models import READY, Derivative
from preuves.media.models import Blob

EXTENSIONS = {"image/jpeg": ".jpg", "video/mp4": ".mp4", "audio/mp4": ".m4a",
              "application/pdf": ".pdf"}  # fmt: skip
# Which derivative stands for an original of each kind, for a screen or for a page.
Names = dict[str, str | None]
# None: the original itself (a PDF has no metadata a phone writes).
FOR_SCREEN = {"image": "display", "video": "web", "audio": "web", "application": None}
FOR_PAGE = {"image": "thumbnail"}
POSTERS = {"video": "poster"}


@dataclass(frozen=True)
class MediaFile:
    """Bytes ready to go into an export, named by their own SHA-256."""

    sha256: str
    media_type: str
    made: Path | None = None  # made for this export; None: read from the blob store

    @property
    def kind(self) -> str:
        """image, video, audio or application (a PDF document)."""
        return self.media_type.split("/", 1)[0]

    @property
    def name(self) -> str:
        return f"{self.sha256}{EXTENSIONS.get(self.media_type, '')}"

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        with self.made.open("rb") if self.made else blobs.open_blob(self.sha256) as handle:
            yield handle


def prepare(original: str, folder: Path, names: Names = FOR_SCREEN) -> MediaFile | None:
    """The file that shows this original, or None when there is none (no blob, or a file
    that cannot be converted, or a kind `names` leaves out)."""
    blob = db.session.get(Blob, original)
    if blob is None:
        return None
    kind = blob.media_type.split("/", 1)[0]
    if kind not in names:
        return None
    name = names[kind]
    if name is None:
        return MediaFile(blob.sha256, blob.media_type) if blobs.exists(blob.sha256) else None
    row = jobs.find(blob.sha256, name)
    if _ready(row):
        return MediaFile(row.blob_sha256, row.media_type)
    return _made_now(blob, name, folder)


def _ready(row: Derivative | None) -> bool:
    """Made by the worker, and its bytes are still in the store (else made again here)."""
    if row is None or row.status != READY or not row.blob_sha256 or not row.media_type:
        return False
    return blobs.exists(row.blob_sha256)


def _made_now(blob: Blob, name: str, folder: Path) -> MediaFile | None:
    work = folder / f"{blob.sha256}-{name}"
    work.mkdir(parents=True, exist_ok=True)
    try:
        with making.local_copy(blob.sha256, work) as source:
            made = making.make(name, blob.media_type, source, work, lambda: True)
    except ConversionFailed:
        return None
    if made.path is None or made.media_type is None:
        return None
    sha256 = blobs.hash_file(made.path)
    kept = folder / sha256
    shutil.move(made.path, kept)
    shutil.rmtree(work, ignore_errors=True)
    return MediaFile(sha256, made.media_type, kept)


def prepare_all(
    originals: list[str], folder: Path, names: Names = FOR_SCREEN
) -> dict[str, MediaFile]:
    """{original sha256: MediaFile} for those that have a file to show."""
    found = {sha256: prepare(sha256, folder, names) for sha256 in originals}
    return {sha256: media for sha256, media in found.items() if media is not None}
