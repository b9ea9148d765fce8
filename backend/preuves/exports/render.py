"""Templates to text, and text to a tagged PDF (WeasyPrint, PDF/UA-1)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, select_autoescape
from markupsafe import Markup
from weasyprint import HTML
from weasyprint.urls import URLFetcher

from preuves.core import labels
from preuves.evidence.models import Evidence
from preuves.exports.media import MediaFile


@cache
def environment() -> Environment:
    """The exports' own templates (exports/templates), escaped, strict about names."""
    env = Environment(
        loader=PackageLoader("preuves.exports", "templates"),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
    )
    tables = ("SCHEMES", "MODALITIES", "OUTCOMES", "OVERALL_OUTCOMES", "JURY_ROLES",
              "TESTIMONY_KINDS", "ANNOTATION_KINDS", "EVIDENCE_KINDS", "STATUSES")  # fmt: skip
    env.globals.update({name: getattr(labels, name) for name in tables})
    env.globals.update(label=labels.label, french_date=labels.french_date, alt_text=alt_text)
    return env


def css() -> str:
    return files("preuves.exports").joinpath("templates/style.css").read_text(encoding="utf-8")


def render(template: str, **context: Any) -> str:
    """One template with the shared style and today's date."""
    style = Markup(css())  # our own file, not data: never escaped
    return environment().get_template(template).render(css=style, today=date.today(), **context)


def alt_text(evidence: Evidence) -> str:
    """What a photo shows, in the candidate's words when there are some."""
    words = evidence.caption_text or evidence.task
    if words:
        return f"Photo : {words}"
    return f"Photo prise le {labels.french_date(evidence.captured_at)}"


def data_uri(media: MediaFile) -> str:
    """The file inline, for a PDF (small files only: thumbnails and drawn marks)."""
    with media.open() as handle:
        encoded = base64.b64encode(handle.read()).decode("ascii")
    return f"data:{media.media_type};base64,{encoded}"


def source(found: dict[str, MediaFile], to_url: Callable[[MediaFile], str]) -> Callable:
    """The template's `src(original sha256)`: the URL of the file standing for it, or None."""

    def src(sha256: str | None) -> str | None:
        media = found.get(sha256 or "")
        return to_url(media) if media is not None else None

    return src


def pdf(html: str) -> bytes:
    """A tagged PDF (PDF/UA-1): title and language from the HTML. Nothing is fetched: the
    only resources are inline (`data:` images)."""
    fetcher = URLFetcher(allowed_protocols={"data"})
    document = HTML(string=html, url_fetcher=fetcher, base_url="about:blank")
    return document.write_pdf(pdf_variant="pdf/ua-1")
