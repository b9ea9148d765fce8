"""Draw the app icons once: a bold white "P" with a yellow check mark on the brand blue.

Run with the project's venv (Pillow is a server dependency) and commit the PNGs:
    ../.venv/bin/python scripts/make-icons.py
"""

from __future__ import annotations

from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

BRAND = "#0b4f9c"
INK = "#ffffff"
ACCENT = "#ffd23f"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OUT = Path(__file__).resolve().parents[1] / "src" / "icons"


def draw(size: int, safe: float) -> Image.Image:
    """Draw at 4x and scale down for smooth edges; `safe` is the share of the side the art uses."""
    big = size * 4
    image = Image.new("RGB", (big, big), BRAND)
    pen = ImageDraw.Draw(image)
    art = big * safe
    left = (big - art) / 2
    top = (big - art) / 2

    font = ImageFont.truetype(FONT, int(art * 0.9))
    box = pen.textbbox((0, 0), "P", font=font)
    width, height = box[2] - box[0], box[3] - box[1]
    x = left + art * 0.42 - width / 2 - box[0]
    y = top + art / 2 - height / 2 - box[1]
    pen.text((x, y), "P", font=font, fill=INK)

    # The check sits in a yellow disc at the lower right: "shown, and recognised".
    radius = art * 0.22
    cx, cy = left + art * 0.76, top + art * 0.76
    pen.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=ACCENT, outline=BRAND,
                width=int(art * 0.03))
    points = [
        (cx - radius * 0.5, cy + radius * 0.02),
        (cx - radius * 0.12, cy + radius * 0.4),
        (cx + radius * 0.52, cy - radius * 0.38),
    ]
    pen.line(points, fill=BRAND, width=int(radius * 0.26), joint="curve")
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    """Write the four PNGs the manifest lists."""
    OUT.mkdir(parents=True, exist_ok=True)
    for size in (192, 512):
        draw(size, safe=0.86).save(OUT / f"icon-{size}.png", optimize=True)
        # Maskable icons are cropped to a circle or squircle: keep the art in the central 80%.
        draw(size, safe=0.62).save(OUT / f"maskable-{size}.png", optimize=True)


if __name__ == "__main__":
    main()
