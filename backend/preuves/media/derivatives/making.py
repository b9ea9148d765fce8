"""Make one derivative from its original, in a temporary folder."""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from flask import current_app

from preuves.media import blobs
from preuves.media.derivatives import av, images
from preuves.media.derivatives.errors import ConversionFailed
from preuves.media.derivatives.plans import PHOTO_SIZES


@dataclass(frozen=True)
class Made:
    """A derivative on disk, or None when this original needs none of that name."""

    path: Path | None
    media_type: str | None = None


def _tool(name: str) -> str:
    # Debian's ffmpeg, installed by `make system-deps`; configurable for other systems.
    return current_app.config.get(f"MEDIA_{name.upper()}", f"/usr/bin/{name}")


@contextmanager
def local_copy(sha256: str, folder: Path) -> Iterator[Path]:
    """The original as a file ffmpeg can open: the stored file itself when the store is a
    filesystem, else a copy streamed into folder (an S3 store)."""
    try:
        handle = blobs.open_blob(sha256)
    except FileNotFoundError:
        raise ConversionFailed("The original file is missing from the store.") from None
    with handle:
        name = getattr(handle, "name", None)
        if isinstance(name, str) and Path(name).is_file():
            yield Path(name)
            return
        copy = folder / "original"
        with copy.open("wb") as out:
            shutil.copyfileobj(handle, out, 1024 * 1024)
        yield copy


def make(name: str, source_type: str, source: Path, folder: Path, beat: Callable[[], bool]) -> Made:
    """Dispatch on the original's kind and the derivative's name."""
    kind = source_type.split("/", 1)[0]
    if kind == "image":
        target = folder / f"{name}.jpg"
        images.clean_jpeg(source, target, PHOTO_SIZES[name])
        return Made(target, "image/jpeg")
    ffmpeg, ffprobe = _tool("ffmpeg"), _tool("ffprobe")
    streams = av.probe(ffprobe, source)
    if name == "poster":
        if streams.video is None:
            return Made(None)  # A WebM from a microphone: sound only, no picture to show.
        av.poster(ffmpeg, source, folder / "poster.jpg", beat)
        return Made(folder / "poster.jpg", "image/jpeg")
    if name == "web" and kind == "video" and streams.video is not None:
        av.web_video(ffmpeg, source, folder / "web.mp4", streams, beat)
        return Made(folder / "web.mp4", "video/mp4")
    if name == "web":
        av.web_audio(ffmpeg, source, folder / "web.m4a", streams, beat)
        return Made(folder / "web.m4a", "audio/mp4")
    raise ConversionFailed(f"No derivative called {name!r} exists for this kind of file.")


def store(path: Path) -> tuple[str, int]:
    """Move a made file into the blob store; returns its SHA-256 and size."""
    size = path.stat().st_size
    return blobs.put_file(path, move=True), size
