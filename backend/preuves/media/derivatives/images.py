"""Photo derivatives with Pillow: upright, sRGB, resized, and with no metadata at all.

EXIF is where phones put the GPS position, the device and the time; it is never copied. Pillow
writes EXIF or an ICC profile into a JPEG only when asked to, and we never ask: colours are
converted to sRGB first so that dropping the profile changes nothing on screen.
"""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError
from pillow_heif import register_heif_opener

from preuves.media.derivatives.errors import ConversionFailed

# HEIC is what iPads and iPhones take photos in; Pillow reads it through this plugin.
register_heif_opener()

_SRGB = ImageCms.createProfile("sRGB")


def _upright_srgb(image: Image.Image) -> Image.Image:
    """Apply the EXIF orientation, convert to sRGB, flatten transparency on white."""
    image = ImageOps.exif_transpose(image)
    icc = image.info.get("icc_profile")
    if icc and image.mode in ("RGB", "RGBA", "CMYK"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(icc))
            mode = "RGBA" if image.mode == "RGBA" else "RGB"
            image = ImageCms.profileToProfile(image, source, _SRGB, outputMode=mode)
        except ImageCms.PyCMSError:
            pass  # A broken profile: the pixels as they are are the best guess.
    if image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def clean_jpeg(source: Path, target: Path, max_side: int) -> None:
    """Write a JPEG of at most max_side pixels per side, with no metadata."""
    image = _decoded(source, max_side)
    # Outside the decoding's error handling: a full disk is worth a retry, a bad file is not.
    image.save(target, "JPEG", quality=82, optimize=True, progressive=True)


def _decoded(source: Path, max_side: int) -> Image.Image:
    try:
        with warnings.catch_warnings():
            # A decompression bomb (a tiny file claiming gigapixels) is refused, not decoded.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as original:
                # JPEG decodes straight at a smaller scale: far less memory for a 48 MP photo.
                original.draft("RGB", (max_side, max_side))
                image = _upright_srgb(original)
                image.thumbnail((max_side, max_side), Image.Resampling.LANCZOS)
                return image
    except UnidentifiedImageError:
        raise ConversionFailed("The file could not be read as a photo.") from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ConversionFailed("The photo is too large to convert.") from None
    except (OSError, SyntaxError, ValueError) as error:
        # Pillow raises these for truncated or damaged files.
        raise ConversionFailed("The photo could not be read: it may be damaged.") from error
