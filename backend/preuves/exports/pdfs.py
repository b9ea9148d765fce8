"""The dossier PDF: the portfolio's content on paper, photos as thumbnails and a line for
each video and sound."""

from __future__ import annotations

from preuves.dossiers.models import Dossier
from preuves.exports.content import dossier_view, media_of
from preuves.exports.media import FOR_PAGE, prepare_all
from preuves.exports.render import data_uri, pdf, render, source


def dossier_pdf(dossier: Dossier) -> bytes:
    """The tagged PDF of a dossier."""
    view = dossier_view(dossier)
    found = prepare_all(media_of(view), FOR_PAGE)
    html = render(
        "dossier.html",
        view=view,
        src=source(found, data_uri),
        poster=source({}, data_uri),  # videos are a line of text on paper
        print=True,
        full_name=view.full_name,
        block_titles=view.block_titles,
        level_label=view.level_label,
    )
    return pdf(html)
