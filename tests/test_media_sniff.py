"""Content detection by the first bytes: what we accept, and everything we refuse."""

from __future__ import annotations

import io
import shutil
import struct
import subprocess

import pytest
from PIL import Image

from preuves.demo.media import audio_wav, photo_jpeg, video_mp4
from preuves.media.sniff import sniff


def _image(fmt: str) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 200, 30)).save(buffer, format=fmt)
    return buffer.getvalue()


def _ftyp(major: bytes, *compatible: bytes) -> bytes:
    body = major + b"\x00\x00\x00\x00" + b"".join(compatible)
    return struct.pack(">I", 8 + len(body)) + b"ftyp" + body + b"\x00" * 32


WEBM_HEAD = bytes.fromhex("1a45dfa3") + b"\x9f\x42\x86\x81\x01\x42\xf7\x81\x01\x42\x82\x84webm"

ACCEPTED = [
    (photo_jpeg("k"), "image/jpeg", "photo"),
    (_image("PNG"), "image/png", "photo"),
    (_image("WEBP"), "image/webp", "photo"),
    (_ftyp(b"heic", b"mif1", b"heic"), "image/heic", "photo"),
    (_ftyp(b"mif1", b"mif1"), "image/heif", "photo"),
    (video_mp4("k"), "video/mp4", "video"),
    (_ftyp(b"qt  ", b"qt  "), "video/quicktime", "video"),
    (WEBM_HEAD + b"\x86\x85V_VP8" + b"\x00" * 20, "video/webm", "video"),
    (WEBM_HEAD + b"\x86\x86A_OPUS" + b"\x00" * 20, "audio/webm", "audio"),
    (_ftyp(b"M4A ", b"M4A ", b"mp42"), "audio/mp4", "audio"),
    (b"\xff\xf1\x50\x80\x02\x1f\xfc" + b"\x00" * 20, "audio/aac", "audio"),
    (b"OggS\x00\x02" + b"\x00" * 22 + b"OpusHead\x01\x02", "audio/ogg", "audio"),
    (b"ID3\x04\x00\x00\x00\x00\x00\x21" + b"\x00" * 40, "audio/mpeg", "audio"),
    (b"\xff\xfb\x90\x64" + b"\x00" * 40, "audio/mpeg", "audio"),
    (audio_wav("k"), "audio/wav", "audio"),
    (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n", "application/pdf", "document"),
]

REFUSED = [
    b"<!DOCTYPE html><html><script>alert(1)</script>",
    b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>",
    b"<?xml version='1.0'?><svg/>",
    b"\x7fELF\x02\x01\x01" + b"\x00" * 40,
    b"MZ\x90\x00\x03" + b"\x00" * 40,
    b"PK\x03\x04\x14\x00" + b"\x00" * 40,
    b"#!/bin/sh\nrm -rf /\n",
    b"GIF89a\x01\x00\x01\x00",
    bytes.fromhex("1a45dfa3") + b"\x9f\x42\x82\x88matroska" + b"\x00" * 20,
    _ftyp(b"zzzz", b"zzzz"),
    b"OggS\x00\x02" + b"\x00" * 22 + b"\x80theora",
    b"",
]


@pytest.mark.parametrize(("head", "media_type", "kind"), ACCEPTED, ids=lambda v: str(v)[:12])
def test_accepted_content(head, media_type, kind):
    assert sniff(head) == (media_type, kind)


@pytest.mark.parametrize("head", REFUSED, ids=range(len(REFUSED)))
def test_refused_content_whatever_it_claims(head):
    assert sniff(head, "image/jpeg") is None
    assert sniff(head, "video/mp4") is None


def test_the_declared_type_only_names_an_mp4_without_a_track_list():
    head = _ftyp(b"isom", b"isom", b"mp42")
    assert sniff(head, "audio/mp4").media_type == "audio/mp4"
    assert sniff(head, "video/mp4").media_type == "video/mp4"
    assert sniff(head + b"hdlr\x00\x00\x00\x00vide", "audio/mp4").media_type == "video/mp4"


@pytest.mark.skipif(shutil.which("ffmpeg") is None, reason="ffmpeg is installed by make")
@pytest.mark.parametrize(
    ("args", "suffix", "media_type"),
    [
        (["-f", "lavfi", "-i", "sine=d=0.5", "-c:a", "libopus"], "ogg", "audio/ogg"),
        (["-f", "lavfi", "-i", "sine=d=0.5", "-c:a", "libopus"], "webm", "audio/webm"),
        (["-f", "lavfi", "-i", "sine=d=0.5", "-c:a", "aac"], "m4a", "audio/mp4"),
        (["-f", "lavfi", "-i", "sine=d=0.5", "-c:a", "libmp3lame"], "mp3", "audio/mpeg"),
        (["-f", "lavfi", "-i", "testsrc=d=0.5:s=64x48", "-c:v", "libvpx"], "webm", "video/webm"),
        (
            ["-f", "lavfi", "-i", "testsrc=d=0.5:s=64x48", "-c:v", "libx264"],
            "mov",
            "video/quicktime",
        ),
    ],
    ids=["opus", "webm-audio", "m4a", "mp3", "webm-video", "mov"],
)
def test_real_recordings_made_by_ffmpeg(tmp_path, args, suffix, media_type):
    out = tmp_path / f"clip.{suffix}"
    made = subprocess.run(["ffmpeg", "-v", "error", "-y", *args, str(out)], capture_output=True)
    if made.returncode != 0:
        pytest.skip(f"this ffmpeg cannot encode it: {made.stderr[-200:]!r}")
    assert sniff(out.read_bytes()[: 64 * 1024]).media_type == media_type
