"""Small real media files for the media tests, made with Pillow and Debian's ffmpeg."""

from __future__ import annotations

import subprocess
from fractions import Fraction
from pathlib import Path

from PIL import Image

FFMPEG = "/usr/bin/ffmpeg"
# 48° 51' 24" N: a place a photo must never reveal.
PARIS = (Fraction(48), Fraction(51), Fraction(24))


def jpeg_turned_with_gps(path: Path) -> Path:
    """A 200x100 JPEG, red on its left half, stored sideways: orientation 6 (turn it 90°
    clockwise to show it), with a GPS position and a camera model in its EXIF."""
    image = Image.new("RGB", (200, 100), "blue")
    image.paste((255, 0, 0), (0, 0, 100, 100))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation
    exif[0x0110] = "Tablette atelier"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", PARIS, "E", (Fraction(2), Fraction(21), Fraction(0))
    image.save(path, "JPEG", exif=exif.tobytes(), quality=95)
    return path


def heic_with_gps(path: Path) -> Path:
    """A 300x200 HEIC as an iPad takes it, red on its top half, with a GPS position."""
    from pillow_heif import register_heif_opener

    register_heif_opener()
    image = Image.new("RGB", (300, 200), "blue")
    image.paste((255, 0, 0), (0, 0, 300, 100))
    exif = Image.Exif()
    exif[0x0110] = "Tablette atelier"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1], gps[2], gps[3], gps[4] = "N", PARIS, "E", (Fraction(2), Fraction(21), Fraction(0))
    image.save(path, "HEIF", exif=exif.tobytes(), quality=90)
    return path


def ffmpeg(*args: str) -> None:
    subprocess.run([FFMPEG, "-nostdin", "-v", "error", "-y", *args], check=True, timeout=120)


def webm_like_chrome(path: Path, seconds: int = 2) -> Path:
    """VP8/Opus WebM written to a pipe, as MediaRecorder does: no duration, no cues."""
    with path.open("wb") as out:
        subprocess.run(
            [FFMPEG, "-nostdin", "-v", "error", "-f", "lavfi", "-i",
             f"testsrc=size=320x240:rate=15:duration={seconds}", "-f", "lavfi", "-i",
             f"sine=frequency=440:duration={seconds}", "-c:v", "libvpx", "-b:v", "300k",
             "-c:a", "libopus", "-metadata", "location=+48.8566+002.3522/",
             "-f", "webm", "pipe:1"],
            stdout=out, check=True, timeout=120,
        )  # fmt: skip
    return path


def ogg_opus(path: Path) -> Path:
    """One second of Opus in Ogg (Firefox and Android voice notes), with a title tag."""
    ffmpeg("-f", "lavfi", "-i", "sine=frequency=330:duration=1", "-c:a", "libopus",
           "-metadata", "title=Note de Léa", str(path))  # fmt: skip
    return path


def probe(path: Path) -> dict:
    """ffprobe's view of a file: format and streams, tags included."""
    import json

    done = subprocess.run(
        ["/usr/bin/ffprobe", "-v", "error", "-show_format", "-show_streams", "-of", "json",
         str(path)],
        capture_output=True, check=True, timeout=60,
    )  # fmt: skip
    return json.loads(done.stdout)
