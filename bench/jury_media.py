"""The media of the bench's dossier: real, distinct files that pass the server's sniffing.

Mostly videos of 4.5-8.5 MB (H.264 + AAC in MP4, 720p, a moving test pattern with grain so that
each clip is its own bytes), photos of about 2 MB (JPEG) and voice notes (AAC in M4A).
They are what a tablet records and already what browsers play: the media worker's web copy
of each is a remux (`-c copy`), not a transcode, so preparing the dossier takes seconds a
file, as it does for an iPad's videos (preuves.media.derivatives.av).
"""

from __future__ import annotations

import io
import os
import random
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

MB = 1_000_000
FFMPEG = "/usr/bin/ffmpeg"
# Out of 200: 140 videos, 45 photos, 15 voice notes (about 1 GB in all).
MIX = (("video", 0.70), ("photo", 0.225), ("audio", 0.075))
VIDEO_BYTES_PER_SECOND = 3.4 * MB  # about what the encoder below gives (calibrated per run)
CLIPS = 24  # distinct encodings; 24 x 23 ordered pairs of them are far more than 140 videos


@dataclass(frozen=True)
class Medium:
    """One file of the dossier, ready to be stored as a piece of evidence."""

    path: Path
    kind: str  # evidence kind: video, photo, audio
    caption: str

    @property
    def size(self) -> int:
        return self.path.stat().st_size


def _run(command: list) -> None:
    subprocess.run([str(part) for part in command], check=True, capture_output=True, timeout=120)


def make_video(path: Path, seconds: float, seed: int) -> None:
    """720p, 30 fps, H.264 (yuv420p) and AAC, index first: what a phone or tablet records."""
    picture = f"testsrc2=s=1280x720:r=30:d={seconds:.2f},noise=alls=20:allf=t+u:all_seed={seed}"
    sound = f"anoisesrc=d={seconds:.2f}:a=0.05:seed={seed}"
    _run([FFMPEG, "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", picture,
          "-f", "lavfi", "-i", sound, "-c:v", "libx264", "-preset", "ultrafast", "-qp", "28",
          "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "96k", "-shortest",
          "-movflags", "+faststart", path])  # fmt: skip


def make_voice_note(path: Path, seconds: float, seed: int) -> None:
    """A recorded voice note: AAC in M4A (what Safari records; Chrome's WebM gets one too)."""
    sound = f"anoisesrc=d={seconds:.1f}:a=0.2:c=pink:seed={seed}"
    _run([FFMPEG, "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", sound,
          "-c:a", "aac", "-b:a", "96k", "-f", "ipod", path])  # fmt: skip


def make_photo(path: Path, rng: random.Random) -> None:
    """A 2048x1536 JPEG of about 2 MB: soft shapes with sensor noise, as a camera gives."""
    width, height = 2048, 1536
    shapes = Image.frombytes(
        "RGB", (width // 8, height // 8), rng.randbytes(width * height * 3 // 64)
    )
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    picture = Image.blend(shapes.resize((width, height), Image.BILINEAR), grain, 0.3)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=90)
    path.write_bytes(buffer.getvalue())


def _kinds(count: int) -> list[str]:
    kinds = [kind for kind, share in MIX[1:] for _ in range(round(count * share))]
    return ["video"] * (count - len(kinds)) + kinds


def _clips(folder: Path, rng: random.Random, pool: ThreadPoolExecutor) -> list[Path]:
    """Distinct short clips of 2.2-4.3 MB, each encoded once (calibrated on the first)."""
    first = folder / "clip-00.mp4"
    make_video(first, 1.0, seed=1)
    rate = first.stat().st_size or VIDEO_BYTES_PER_SECOND
    paths = [folder / f"clip-{n:02}.mp4" for n in range(1, CLIPS)]
    seconds = [rng.uniform(2.2, 4.3) * MB / rate for _ in paths]
    list(pool.map(lambda n: make_video(paths[n], seconds[n], seed=100 + n), range(len(paths))))
    return [first, *paths]


def join_clips(clips: list[Path], path: Path) -> None:
    """Clips one after the other, remuxed (no encoding): one longer recording."""
    listing = path.with_suffix(".txt")
    listing.write_text("".join(f"file '{clip}'\n" for clip in clips))
    _run([FFMPEG, "-nostdin", "-v", "error", "-y", "-f", "concat", "-safe", "0", "-i", listing,
          "-c", "copy", "-movflags", "+faststart", path])  # fmt: skip
    listing.unlink()


def make_media(folder: Path, count: int, seed: int = 8) -> list[Medium]:
    """`count` distinct files in folder: each video is two clips of a pool in an order of its
    own (4.5-8.5 MB), so that 1 GB takes seconds to make rather than a minute of encoding."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    kinds = _kinds(count)
    rng.shuffle(kinds)  # the evidence of a real dossier comes in no order of kind
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        clips = _clips(folder, rng, pool)
        pairs = rng.sample([(a, b) for a in clips for b in clips if a != b], kinds.count("video"))
        jobs = [(n, kind, pairs.pop() if kind == "video" else None, rng.randrange(1 << 30))
                for n, kind in enumerate(kinds)]  # fmt: skip
        media = list(pool.map(lambda job: _one(folder, *job), jobs))
    for clip in clips:
        clip.unlink()
    return media


def _one(folder: Path, n: int, kind: str, clips: tuple[Path, Path] | None, seed: int) -> Medium:
    if kind == "video":
        path = folder / f"video-{n:03}.mp4"
        join_clips(list(clips or ()), path)
        return Medium(path, "video", f"Vidéo {n} : je prépare mon poste.")
    if kind == "audio":
        path = folder / f"voice-{n:03}.m4a"
        make_voice_note(path, random.Random(seed).uniform(30, 90), seed=seed % 100_000)
        return Medium(path, "audio", f"Message vocal {n} : j'explique ce que je fais.")
    path = folder / f"photo-{n:03}.jpg"
    make_photo(path, random.Random(seed))
    return Medium(path, "photo", f"Photo {n} : mon travail terminé.")
