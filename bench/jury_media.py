"""The media of the bench's dossier: real, distinct files that pass the server's sniffing.

Mostly videos of 4-8 MB (H.264 + AAC in MP4, 720p, a moving test pattern with grain so that
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
    shapes = Image.frombytes("RGB", (width // 8, height // 8), rng.randbytes(width * height * 3 // 64))
    grain = Image.frombytes("L", (width, height), rng.randbytes(width * height)).convert("RGB")
    picture = Image.blend(shapes.resize((width, height), Image.BILINEAR), grain, 0.3)
    buffer = io.BytesIO()
    picture.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())


def _kinds(count: int) -> list[str]:
    kinds = [kind for kind, share in MIX[1:] for _ in range(round(count * share))]
    return ["video"] * (count - len(kinds)) + kinds


def _calibrate(folder: Path) -> float:
    """Bytes per second of video from this ffmpeg, so that sizes land near their targets."""
    probe = folder / "calibration.mp4"
    make_video(probe, 3.0, seed=1)
    rate = probe.stat().st_size / 3.0
    probe.unlink()
    return rate or VIDEO_BYTES_PER_SECOND


def make_media(folder: Path, count: int, seed: int = 8) -> list[Medium]:
    """`count` distinct files in folder; videos of 4-8 MB, made in parallel."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rate = _calibrate(folder)

    def one(n: int, kind: str, target: float, photo_seed: int) -> Medium:
        if kind == "video":
            path = folder / f"video-{n:03}.mp4"
            make_video(path, max(1.0, target / rate), seed=1000 + n)
            return Medium(path, "video", f"Vidéo {n} : je prépare le poste.")
        if kind == "audio":
            path = folder / f"voice-{n:03}.m4a"
            make_voice_note(path, rng_for(n).uniform(30, 90), seed=2000 + n)
            return Medium(path, "audio", f"Message vocal {n} : j'explique ce que je fais.")
        path = folder / f"photo-{n:03}.jpg"
        make_photo(path, random.Random(photo_seed))
        return Medium(path, "photo", f"Photo {n} : mon travail terminé.")

    def rng_for(n: int) -> random.Random:
        return random.Random(seed * 100_000 + n)

    jobs = [(n, kind, rng.uniform(4.5, 8.5) * MB, rng.randrange(1 << 30))
            for n, kind in enumerate(_kinds(count))]  # fmt: skip
    rng.shuffle(jobs)  # the evidence of a real dossier comes in no order of kind
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        return list(pool.map(lambda job: one(*job), jobs))
