"""The media files an export carries: what the screens show, never an original's metadata.

Each original is replaced by the derivative the screens use (a photo's `display` or
`thumbnail` JPEG, a video's or a sound's `web` copy), all made without metadata, GPS
included (media/derivatives). Derivatives are made by the background worker, never inside a
request (ARCHITECTURE.md, "Media"): while one is still to be made, the export answers
`export_not_ready` (503, Retry-After) and the person tries again in a minute; one the worker
could not make is left out, and the page says what it was. A PDF document is carried as it is.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.media import blobs
from preuves.media.derivatives import jobs
from preuves.media.derivatives.models import FAILED, NOT_NEEDED, READY
from preuves.media.models import Blob

EXTENSIONS = {"image/jpeg": ".jpg", "video/mp4": ".mp4", "audio/mp4": ".m4a",
              "application/pdf": ".pdf"}  # fmt: skip
# Which derivative stands for an original of each kind, for a screen or for a page.
Names = dict[str, str | None]
# None: the original itself (a PDF has no metadata a phone writes).
FOR_SCREEN = {"image": "display", "video": "web", "audio": "web", "application": None}
FOR_PAGE = {"image": "thumbnail"}
POSTERS = {"video": "poster"}
RETRY_AFTER_SECONDS = 60


@dataclass(frozen=True)
class MediaFile:
    """Bytes ready to go into an export, named by their own SHA-256."""

    sha256: str
    media_type: str

    @property
    def kind(self) -> str:
        """image, video, audio or application (a PDF document)."""
        return self.media_type.split("/", 1)[0]

    @property
    def name(self) -> str:
        return f"{self.sha256}{EXTENSIONS.get(self.media_type, '')}"

    @contextmanager
    def open(self) -> Iterator[BinaryIO]:
        with blobs.open_blob(self.sha256) as handle:
            yield handle


def prepare(original: str, names: Names = FOR_SCREEN) -> MediaFile | None:
    """The file that shows this original, or None when there is none (no blob, a file the
    worker could not convert, or a kind `names` leaves out)."""
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
    if row is not None and row.status == READY and row.blob_sha256 and row.media_type:
        # Its bytes may be gone (a store restored from an older backup): left out, said so.
        return MediaFile(row.blob_sha256, row.media_type) if blobs.exists(row.blob_sha256) else None
    if row is not None and row.status in (FAILED, NOT_NEEDED):
        return None
    raise Problem(
        "export_not_ready",
        f"The {name} copy of {blob.sha256} is still to be made by the media worker.",
        retry_after=RETRY_AFTER_SECONDS,
    )


def still_to_make(originals: list[str], names: Names = FOR_SCREEN) -> int:
    """How many of these originals still wait for the media worker."""
    waiting = 0
    for sha256 in originals:
        try:
            prepare(sha256, names)
        except Problem:
            waiting += 1
    return waiting


def prepare_all(originals: list[str], names: Names = FOR_SCREEN) -> dict[str, MediaFile]:
    """{original sha256: MediaFile} for those that have a file to show."""
    found = {sha256: prepare(sha256, names) for sha256 in originals}
    return {sha256: media for sha256, media in found.items() if media is not None}
