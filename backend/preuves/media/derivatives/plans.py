"""Which derivatives each kind of original gets, and what each one is."""

from __future__ import annotations

# Longest side in pixels of the photo derivatives (a list tile; a full-screen view on a tablet).
PHOTO_SIZES = {"thumbnail": 320, "display": 1600}
POSTER_SIZE = 1280
VIDEO_MAX_SIDE = 1920

_BY_KIND = {
    "image": ("thumbnail", "display"),
    # Chrome records WebM with no duration (it cannot be seeked) and Safari plays no WebM: every
    # video gets an MP4 (H.264/AAC) copy that both play, and a still for the lists.
    "video": ("poster", "web"),
    # AAC in M4A is the one audio format both Chrome and Safari play.
    "audio": ("web",),
}


def derivative_names(media_type: str) -> tuple[str, ...]:
    """The derivatives an original of this (sniffed) media type gets; none for a PDF."""
    kind = media_type.split("/", 1)[0].lower()
    return _BY_KIND.get(kind, ())
