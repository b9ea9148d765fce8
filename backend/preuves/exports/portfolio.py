"""The HTML portfolio: `index.html` and its `media/`, zipped, to open from a USB stick with no
server and no network. The zip is written to a spooled temporary file (on disk past a few
MiB), never held whole in memory, and media are copied into it in chunks."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from typing import IO

from preuves.dossiers.models import Dossier
from preuves.exports.content import DossierView, dossier_view, media_of
from preuves.exports.media import POSTERS, MediaFile, prepare_all, still_to_make
from preuves.exports.render import render, source

SPOOL_BYTES = 8 * 1024 * 1024
CHUNK = 1024 * 1024


def portfolio_zip(dossier: Dossier) -> IO[bytes]:
    """The zip, rewound, in a temporary file the caller closes."""
    view = dossier_view(dossier)
    found = prepare_all(media_of(view))
    posters = prepare_all(_videos(view), POSTERS)
    html = render(
        "portfolio.html",
        view=view,
        src=source(found, _relative),
        poster=source(posters, _relative),
        print=False,
        full_name=view.full_name,
        block_titles=view.block_titles,
        level_label=view.level_label,
    )
    # Returned open: the response streams it and closes it (exports.responses).
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_BYTES, prefix="preuves-portfolio-")  # noqa: SIM115
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED, allowZip64=True) as archive:
        archive.writestr("index.html", html, compress_type=zipfile.ZIP_DEFLATED)
        for media in {m.name: m for m in [*found.values(), *posters.values()]}.values():
            _copy_into(archive, media)
    spool.seek(0)
    return spool


def waiting_for_worker(dossier: Dossier) -> int:
    """How many of the portfolio's files the media worker has still to make (0: ready)."""
    view = dossier_view(dossier)
    return still_to_make(media_of(view)) + still_to_make(_videos(view), POSTERS)


def _videos(view: DossierView) -> list[str]:
    return [e.media_sha256 for e in view.all_evidence if e.kind == "video" and e.media_sha256]


def _relative(media: MediaFile) -> str:
    return f"media/{media.name}"


def _copy_into(archive: zipfile.ZipFile, media: MediaFile) -> None:
    # Stored, not deflated: photos, MP4 and M4A are compressed already.
    name = f"media/{media.name}"
    with media.open() as source_file, archive.open(name, "w", force_zip64=True) as target:
        shutil.copyfileobj(source_file, target, CHUNK)
