"""What a file is, from its first bytes only: never from its name or the type a client declares.

Accepted: photos (JPEG, PNG, WebP, HEIC/HEIF), videos (MP4, MOV, WebM), sound (M4A, AAC,
Ogg Opus or Vorbis, MP3, WAV) and PDF. Anything else (HTML, SVG, scripts, executables,
archives) is refused. The declared type only chooses between two names of one container
(audio/mp4 or video/mp4) when the first bytes cannot tell.
"""

from __future__ import annotations

from typing import NamedTuple

HEAD_BYTES = 64 * 1024  # enough for every signature, and for the track list of a recording


class Sniffed(NamedTuple):
    media_type: str
    kind: str  # photo, video, audio, document


HEIC_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis"}
HEIF_BRANDS = {b"mif1", b"msf1"}
AUDIO_MP4_BRANDS = {b"M4A ", b"M4B ", b"F4A "}
MP4_BRANDS = {
    *(b"iso" + bytes([c]) for c in b"m23456"),
    *(b"mp4" + bytes([c]) for c in b"12v"),
    b"avc1",
    b"dash",
    b"M4V ",
    b"MSNV",
    b"f4v ",
    b"mmp4",
}


def sniff(head: bytes, declared: str | None = None) -> Sniffed | None:
    """The content's type and kind, or None when it is not one we accept."""
    declared_audio = (declared or "").lower().startswith("audio/")
    for check in (_image, _iso_media, _webm, _ogg, _mpeg_audio, _riff, _pdf):
        found = check(head, declared_audio)
        if found is not None:
            return found
    return None


def _image(head: bytes, _audio: bool) -> Sniffed | None:
    if head.startswith(b"\xff\xd8\xff"):
        return Sniffed("image/jpeg", "photo")
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return Sniffed("image/png", "photo")
    return None


def _ftyp_brands(head: bytes) -> list[bytes]:
    if len(head) < 16 or head[4:8] != b"ftyp":
        return []
    size = min(int.from_bytes(head[:4], "big"), len(head))
    return [head[i : i + 4] for i in range(8, size - 3, 4) if i != 12]


def _iso_media(head: bytes, declared_audio: bool) -> Sniffed | None:
    brands = _ftyp_brands(head)
    if not brands:
        return None
    major = brands[0]
    if major in HEIC_BRANDS or (major in HEIF_BRANDS and HEIC_BRANDS & set(brands)):
        return Sniffed("image/heic", "photo")
    if major in HEIF_BRANDS:
        return Sniffed("image/heif", "photo")
    if major in AUDIO_MP4_BRANDS:
        return Sniffed("audio/mp4", "audio")
    if major == b"qt  ":
        return Sniffed("video/quicktime", "video")
    if MP4_BRANDS & set(brands):
        sound_only = b"soun" in head and b"vide" not in head
        if sound_only or (declared_audio and b"vide" not in head):
            return Sniffed("audio/mp4", "audio")
        return Sniffed("video/mp4", "video")
    return None


def _webm(head: bytes, declared_audio: bool) -> Sniffed | None:
    if not head.startswith(b"\x1a\x45\xdf\xa3"):
        return None
    header = head[4:64]
    if b"\x42\x82" not in header or b"webm" not in header:
        return None  # EBML, but not WebM (Matroska and others are refused)
    has_video = any(codec in head for codec in (b"V_VP8", b"V_VP9", b"V_AV1"))
    has_audio = any(codec in head for codec in (b"A_OPUS", b"A_VORBIS"))
    if (has_audio and not has_video) or (declared_audio and not has_video):
        return Sniffed("audio/webm", "audio")
    return Sniffed("video/webm", "video")


def _ogg(head: bytes, _audio: bool) -> Sniffed | None:
    if head.startswith(b"OggS") and (b"OpusHead" in head[:80] or b"\x01vorbis" in head[:80]):
        return Sniffed("audio/ogg", "audio")
    return None


def _mpeg_audio(head: bytes, _audio: bool) -> Sniffed | None:
    id3 = len(head) >= 10 and head.startswith(b"ID3") and head[3] in (2, 3, 4)
    # An ID3v2 tag: known flags only, and a "synchsafe" size (no byte with its top bit set).
    if id3 and head[5] & 0x0F == 0 and all(b < 0x80 for b in head[6:10]):
        return Sniffed("audio/mpeg", "audio")
    if len(head) < 4 or head[0] != 0xFF or head[1] & 0xE0 != 0xE0:
        return None
    layer = (head[1] >> 1) & 0b11
    if layer == 0b00 and head[1] & 0xF6 == 0xF0:  # ADTS: MPEG-2/4 AAC, layer bits 00
        return Sniffed("audio/aac", "audio")
    bitrate, rate = head[2] >> 4, (head[2] >> 2) & 0b11
    if layer == 0b01 and bitrate not in (0, 15) and rate != 3:  # MPEG audio layer III
        return Sniffed("audio/mpeg", "audio")
    return None


def _riff(head: bytes, _audio: bool) -> Sniffed | None:
    if not head.startswith(b"RIFF") or len(head) < 12:
        return None
    if head[8:12] == b"WEBP":
        return Sniffed("image/webp", "photo")
    if head[8:12] == b"WAVE":
        return Sniffed("audio/wav", "audio")
    return None


def _pdf(head: bytes, _audio: bool) -> Sniffed | None:
    return Sniffed("application/pdf", "document") if head.startswith(b"%PDF-") else None
