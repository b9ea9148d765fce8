"""Friendly, stylised portraits for the demo candidates: flat shapes, never a real face.

`portrait_png(seed)` always gives the same image for the same seed (a person's key),
so the demo needs no image files and a re-seed produces identical blobs.
"""

from __future__ import annotations

import hashlib
import io
import sys
from pathlib import Path
from typing import TypeVar

from PIL import Image, ImageDraw

Colour = tuple[int, int, int]
T = TypeVar("T")

# Draw at 4x and scale down: Pillow's shapes have no anti-aliasing of their own.
_SUPERSAMPLE = 4

_BACKGROUNDS: tuple[Colour, ...] = (
    (255, 214, 165),  # apricot
    (190, 227, 219),  # mint
    (204, 213, 255),  # periwinkle
    (255, 200, 221),  # pink
    (253, 240, 175),  # butter
    (202, 240, 248),  # sky
    (222, 207, 243),  # lilac
    (214, 236, 194),  # sage
)
_SKIN_TONES: tuple[Colour, ...] = (
    (255, 224, 196),
    (241, 194, 150),
    (224, 172, 125),
    (198, 140, 95),
    (161, 102, 66),
    (120, 74, 48),
    (88, 55, 38),
)
_HAIR_COLOURS: tuple[Colour, ...] = (
    (35, 28, 26),  # black
    (74, 48, 33),  # dark brown
    (120, 78, 44),  # chestnut
    (168, 84, 46),  # auburn
    (214, 170, 98),  # blond
    (58, 36, 40),  # mahogany
)
_CLOTHES: tuple[Colour, ...] = (
    (38, 70, 140),  # navy
    (46, 139, 87),  # green
    (200, 64, 64),  # tomato
    (240, 160, 40),  # saffron
    (106, 76, 156),  # purple
    (0, 128, 140),  # teal
    (70, 70, 80),  # charcoal
    (232, 232, 232),  # kitchen white
)
_HAIR_STYLES = ("short", "long", "bun", "curly", "shaved", "fringe")


class _Dice:
    """Deterministic choices drawn from the SHA-256 of the seed."""

    def __init__(self, seed: str) -> None:
        """Start from the digest of the seed."""
        self._bytes = hashlib.sha256(seed.encode("utf-8")).digest()
        self._pos = 0

    def _next(self) -> int:
        """Return the next byte, re-hashing when the digest runs out."""
        if self._pos == len(self._bytes):
            self._bytes = hashlib.sha256(self._bytes).digest()
            self._pos = 0
        value = self._bytes[self._pos]
        self._pos += 1
        return value

    def pick(self, options: tuple[T, ...]) -> T:
        """Pick one of the options."""
        return options[self._next() % len(options)]

    def between(self, low: float, high: float) -> float:
        """Return a number between low and high."""
        return low + (high - low) * self._next() / 255


def _shade(colour: Colour, factor: float) -> Colour:
    """Darken (factor < 1) or lighten (factor > 1) a colour."""
    if factor < 1:
        return _blend(colour, (0, 0, 0), 1 - factor)
    return _blend(colour, (255, 255, 255), factor - 1)


def _contrast_hair(dice: _Dice, skin: Colour) -> Colour:
    """Pick a hair colour that stands out from the skin tone."""
    hair = dice.pick(_HAIR_COLOURS)
    if sum(abs(h - s) for h, s in zip(hair, skin, strict=True)) < 120:
        hair = _HAIR_COLOURS[0] if sum(skin) > 450 else _HAIR_COLOURS[4]
    return hair


def _render(seed: str, size: int) -> Image.Image:
    """Draw the portrait at `size` x `size` pixels, supersampled."""
    dice = _Dice(seed)
    background = dice.pick(_BACKGROUNDS)
    skin = dice.pick(_SKIN_TONES)
    hair = _contrast_hair(dice, skin)
    clothes = dice.pick(_CLOTHES)
    style = dice.pick(_HAIR_STYLES)
    head_w = dice.between(0.35, 0.39)
    head_h = head_w * dice.between(1.08, 1.2)
    smile = dice.between(0.05, 0.09)

    big = size * _SUPERSAMPLE
    image = Image.new("RGB", (big, big), background)
    draw = ImageDraw.Draw(image)

    def px(v: float) -> int:
        """Convert a fraction of the picture's side to pixels."""
        return round(v * big)

    def box(cx: float, cy: float, rx: float, ry: float) -> tuple[int, int, int, int]:
        """Return the bounding box of an ellipse centred on (cx, cy)."""
        return (px(cx - rx), px(cy - ry), px(cx + rx), px(cy + ry))

    # A soft halo behind the person.
    draw.ellipse(box(0.5, 0.5, 0.42, 0.42), fill=_shade(background, 1.35))

    cx, cy = 0.5, 0.43
    rx, ry = head_w / 2, head_h / 2
    hair_dark = _shade(hair, 0.85)

    # Hair that sits behind the head: a rim for most styles, a long fall for "long".
    if style == "long":
        draw.rounded_rectangle(
            (px(cx - rx * 1.22), px(cy - ry * 0.9), px(cx + rx * 1.22), px(cy + ry * 1.45)),
            radius=px(rx * 0.9),
            fill=hair_dark,
        )
    if style == "bun":
        draw.ellipse(box(cx, cy - ry * 1.08, rx * 0.42, rx * 0.4), fill=hair)
    if style == "curly":
        for i in range(11):
            t = -1 + i / 5
            draw.ellipse(
                box(cx + t * rx * 1.02, cy - ry * (0.35 + 0.7 * (1 - t * t)), rx * 0.3, rx * 0.3),
                fill=hair,
            )
    if style in ("short", "long", "bun", "fringe", "curly"):
        draw.ellipse(box(cx, cy - ry * 0.14, rx * 1.07, ry * 0.98), fill=hair)

    # Shoulders and body, then the neck.
    draw.rounded_rectangle((px(0.15), px(0.71), px(0.85), px(1.25)), radius=px(0.2), fill=clothes)
    neck_w = rx * 0.48
    neck = _shade(skin, 0.88)
    draw.rectangle((px(cx - neck_w), px(cy + ry * 0.6), px(cx + neck_w), px(0.74)), fill=neck)
    draw.pieslice((px(cx - neck_w), px(0.67), px(cx + neck_w), px(0.81)), 0, 180, fill=neck)
    collar = _shade(clothes, 1.3) if sum(clothes) < 600 else _shade(clothes, 0.85)
    draw.arc(
        (px(cx - neck_w * 1.35), px(0.645), px(cx + neck_w * 1.35), px(0.835)),
        10,
        170,
        fill=collar,
        width=px(0.016),
    )

    # Ears, then the head.
    for side in (-1, 1):
        draw.ellipse(box(cx + side * rx * 0.97, cy + ry * 0.08, rx * 0.16, ry * 0.19), fill=skin)
    draw.ellipse(box(cx, cy, rx, ry), fill=skin)

    # Hair over the top of the head.
    cap = (px(cx - rx * 1.02), px(cy - ry * 1.06), px(cx + rx * 1.02), px(cy + ry * 0.05))
    if style in ("short", "long", "bun", "curly"):
        draw.chord(cap, 180, 360, fill=hair)
    if style == "fringe":
        draw.chord(
            (px(cx - rx * 1.02), px(cy - ry * 1.06), px(cx + rx * 1.02), px(cy + ry * 0.25)),
            180,
            360,
            fill=hair,
        )
    if style == "shaved":
        # A chord of the head's own ellipse follows its outline: a buzz cut, not a cap.
        draw.chord(box(cx, cy, rx, ry), 198, 342, fill=_blend(skin, hair, 0.55))

    # A simple, friendly face: two eyes, rosy cheeks and a smile.
    eye_y = cy + ry * 0.05
    eye_dx = rx * 0.38
    eye_colour = (40, 32, 30)
    for side in (-1, 1):
        draw.ellipse(box(cx + side * eye_dx, eye_y, rx * 0.085, rx * 0.1), fill=eye_colour)
        draw.ellipse(
            box(cx + side * eye_dx * 1.25, eye_y + ry * 0.28, rx * 0.14, rx * 0.08),
            fill=_blend(skin, (235, 120, 120), 0.35),
        )
    mouth_y = cy + ry * 0.42
    draw.arc(
        box(cx, mouth_y - smile, rx * 0.3, smile + ry * 0.05),
        20,
        160,
        fill=_shade(skin, 0.45),
        width=px(0.014),
    )
    return image.resize((size, size), Image.Resampling.LANCZOS)


def _blend(a: Colour, b: Colour, t: float) -> Colour:
    """Mix colour a with colour b in proportion t."""
    r, g, b_ = (round(x + (y - x) * t) for x, y in zip(a, b, strict=True))
    return (r, g, b_)


def portrait_png(seed: str, size: int = 256) -> bytes:
    """Return a deterministic stylised portrait for `seed` as PNG bytes."""
    if size < 16:
        raise ValueError("size must be at least 16 pixels")
    buffer = io.BytesIO()
    _render(seed, size).save(buffer, format="PNG")
    return buffer.getvalue()


def write_portraits(seeds: list[str], folder: Path, size: int = 256) -> list[Path]:
    """Write one `<seed>.png` per seed into folder and return the paths."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in seeds:
        path = folder / f"{seed}.png"
        path.write_bytes(portrait_png(seed, size))
        paths.append(path)
    return paths


def main(argv: list[str] | None = None) -> int:
    """Render portraits: `python -m preuves.demo.portraits FOLDER SEED...`."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) < 2:
        print("usage: python -m preuves.demo.portraits FOLDER SEED...", file=sys.stderr)
        return 2
    for path in write_portraits(args[1:], Path(args[0])):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
