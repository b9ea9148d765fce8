"""The HTML portfolio: `index.html` and its `media/`, zipped, to open from a USB stick with no
server and no network. The zip is written to a spooled temporary file (on disk past a few
MiB), never held whole in memory, and media are copied into it in chunks."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path
from typing import IO

from preuves.dossiers.models import Dossier
from preuves.exports.content import dossier_view, media_of
from preuves.exports.media import MediaFile, prepare_all
from preuves.exports.render import render, source

SPOOL_BYTES = 8 * 1024 * 1024
CHUNK = 1024 * 1024


def portfolio_zip(dossier: Dossier) -> IO[bytes]:
    """The zip, rewound, in a temporary file the caller closes."""
    view = dossier_view(dossier)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, prefix="preuves-portfolio-")
    with tempfile.TemporaryDirectory(prefix="preuves-export-") as work:
        found = prepare_all(media_of(view), Path(work))
        html = render(
            "portfolio.html",
            view=view,
            src=source(found, lambda media: f"media/{media.name}"),
            print=False,
            full_name=view.full_name,
            block_titles=view.block_titles,
            level_label=view.level_label,
        )
        with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
            archive.writestr("index.html", html, compress_type=zipfile.ZIP_DEFLATED)
            for media in {m.name: m for m in found.values()}.values():
                _copy_into(archive, media)
    spool.seek(0)
    return spool


def _copy_into(archive: zipfile.ZipFile, media: MediaFile) -> None:
    # Stored, not deflated: photos, MP4 and M4A are compressed already.
    with media.open() as source_file:
        with archive.open(f"media/{media.name}", "w", force_zip64=True) as target:
            shutil.copyfileobj(source_file, target, CHUNK)
