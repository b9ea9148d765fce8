"""Placeholder media for the demo evidence: small, deterministic, and of the real types.

Each file is made from the evidence's key, so two pieces of evidence never share a blob
(erasing one candidate must not touch another's files) and re-seeding gives the same bytes.
"""

from __future__ import annotations

import base64
import hashlib
import io
import math
import struct
import wave

from PIL import Image, ImageDraw

# Two seconds of H.264 (baseline, 96x96, 4 fps, no sound): an orange square crossing a
# green field, made once with ffmpeg so that seeding needs no encoder.
_VIDEO = base64.b64decode(
    "AAAAIGZ0eXBpc29tAAACAGlzb21pc28yYXZjMW1wNDEAAAMhbW9vdgAAAGxtdmhkAAAAAAAAAAAAAAAAAAAD6AAA"
    "B9AAAQAAAQAAAAAAAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAAAAAAgAAAnB0cmFrAAAAXHRraGQAAAADAAAAAAAAAAAAAAABAAAAAAAAB9AAAAAAAAAAAAAA"
    "AAAAAAAAAAEAAAAAAAAAAAAAAAAAAAABAAAAAAAAAAAAAAAAAABAAAAAAGAAAABgAAAAAAAkZWR0cwAAABxlbHN0"
    "AAAAAAAAAAEAAAfQAAAAAAABAAAAAAHobWRpYQAAACBtZGhkAAAAAAAAAAAAAAAAAABAAAAAgABVxAAAAAAALWhk"
    "bHIAAAAAAAAAAHZpZGUAAAAAAAAAAAAAAABWaWRlb0hhbmRsZXIAAAABk21pbmYAAAAUdm1oZAAAAAEAAAAAAAAA"
    "AAAAACRkaW5mAAAAHGRyZWYAAAAAAAAAAQAAAAx1cmwgAAAAAQAAAVNzdGJsAAAAu3N0c2QAAAAAAAAAAQAAAKth"
    "dmMxAAAAAAAAAAEAAAAAAAAAAAAAAAAAAAAAAGAAYABIAAAASAAAAAAAAAABDExhdmMgbGlieDI2NAAAAAAAAAAA"
    "AAAAAAAAAAAAAAAAGP//AAAAMWF2Y0MBQsAL/+EAGGdCwAumERjbARAAAAMAEAAAAwCA8UKhGAEABmjIQgJSyAAA"
    "ABBwYXNwAAAAAQAAAAEAAAAUYnRydAAAAAAAAAvIAAALyAAAABhzdHRzAAAAAAAAAAEAAAAIAAAQAAAAABRzdHNz"
    "AAAAAAAAAAEAAAABAAAAHHN0c2MAAAAAAAAAAQAAAAEAAAAIAAAAAQAAADRzdHN6AAAAAAAAAAAAAAAIAAACpQAA"
    "AAsAAAALAAAACwAAAAsAAAALAAAACwAAAAsAAAAUc3RjbwAAAAAAAAABAAADUQAAAD11ZHRhAAAANW1ldGEAAAAA"
    "AAAAIWhkbHIAAAAAAAAAAG1kaXJhcHBsAAAAAAAAAAAAAAAACGlsc3QAAAAIZnJlZQAAAvptZGF0AAACcgYF//9u"
    "3EXpvebZSLeWLNgg2SPu73gyNjQgLSBjb3JlIDE2NCByMzA5NSBiYWVlNDAwIC0gSC4yNjQvTVBFRy00IEFWQyBj"
    "b2RlYyAtIENvcHlsZWZ0IDIwMDMtMjAyMiAtIGh0dHA6Ly93d3cudmlkZW9sYW4ub3JnL3gyNjQuaHRtbCAtIG9w"
    "dGlvbnM6IGNhYmFjPTAgcmVmPTE2IGRlYmxvY2s9MTowOjAgYW5hbHlzZT0weDE6MHgxMzEgbWU9dW1oIHN1Ym1l"
    "PTEwIHBzeT0xIHBzeV9yZD0xLjAwOjAuMDAgbWl4ZWRfcmVmPTEgbWVfcmFuZ2U9MjQgY2hyb21hX21lPTEgdHJl"
    "bGxpcz0yIDh4OGRjdD0wIGNxbT0wIGRlYWR6b25lPTIxLDExIGZhc3RfcHNraXA9MSBjaHJvbWFfcXBfb2Zmc2V0"
    "PS0yIHRocmVhZHM9MyBsb29rYWhlYWRfdGhyZWFkcz0xIHNsaWNlZF90aHJlYWRzPTAgbnI9MCBkZWNpbWF0ZT0x"
    "IGludGVybGFjZWQ9MCBibHVyYXlfY29tcGF0PTAgY29uc3RyYWluZWRfaW50cmE9MCBiZnJhbWVzPTAgd2VpZ2h0"
    "cD0wIGtleWludD0yNTAga2V5aW50X21pbj00IHNjZW5lY3V0PTQwIGludHJhX3JlZnJlc2g9MCByY19sb29rYWhl"
    "YWQ9NjAgcmM9Y3JmIG1idHJlZT0xIGNyZj0zNS4wIHFjb21wPTAuNjAgcXBtaW49MCBxcG1heD02OSBxcHN0ZXA9"
    "NCBpcF9yYXRpbz0xLjQwIGFxPTE6MS4wMACAAAAAK2WIggJeIxQABFmjhjgACCHfffffXXXXXXXXXXXXXXXXXXXX"
    "XXXXXXXXXXgAAAAHQZocBLwSwAAAAAdBmioBLwSwAAAAB0GaOwEvBLAAAAAHQZpJAEvBLAAAAAdBmllAS8EsAAAA"
    "B0GaaYBHwSwAAAAHQZp5wEPBLA=="
)
_PASTELS = (
    (159, 211, 199),
    (244, 162, 97),
    (233, 196, 106),
    (142, 202, 230),
    (205, 180, 219),
    (255, 200, 221),
    (189, 224, 254),
    (202, 255, 191),
)


def _digest(key: str) -> bytes:
    return hashlib.sha256(key.encode("utf-8")).digest()


def photo_jpeg(key: str, size: tuple[int, int] = (480, 360)) -> bytes:
    """A simple drawing: a work table with a few objects, colours drawn from the key."""
    dice = _digest(key)
    width, height = size
    image = Image.new("RGB", size, _PASTELS[dice[0] % len(_PASTELS)])
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, height * 2 // 3, width, height), fill=(222, 184, 135))
    for index in range(2 + dice[1] % 4):
        x = width * (index + 1) // (3 + dice[1] % 4)
        radius = 18 + dice[2 + index] % 24
        colour = _PASTELS[dice[8 + index] % len(_PASTELS)]
        top = height * 2 // 3 - radius
        draw.ellipse(
            (x - radius, top - radius, x + radius, top + radius),
            fill=colour,
            outline=(90, 90, 90),
            width=3,
        )
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", quality=80)
    return buffer.getvalue()


def video_mp4(key: str) -> bytes:
    """The shared clip plus a `free` box naming the key: players skip it, the hash differs."""
    payload = f"preuves demo {key}".encode()
    return _VIDEO + struct.pack(">I", 8 + len(payload)) + b"free" + payload


def audio_wav(key: str, seconds: float = 1.5, rate: int = 8000) -> bytes:
    """A soft three-note chime (8-bit mono WAV), its notes drawn from the key."""
    dice = _digest(key)
    notes = [330 + 40 * (dice[i] % 8) for i in range(3)]
    frames = bytearray()
    total = int(seconds * rate)
    for n in range(total):
        note = notes[min(2, n * 3 // total)]
        fade = min(1.0, (total - n) / (rate * 0.2))
        frames.append(int(128 + 40 * fade * math.sin(2 * math.pi * note * n / rate)))
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(1)
        out.setframerate(rate)
        out.writeframes(bytes(frames))
    return buffer.getvalue()


MEDIA = {
    "photo": (photo_jpeg, "image/jpeg"),
    "video": (video_mp4, "video/mp4"),
    "audio": (audio_wav, "audio/wav"),
}
