"""The export views; the routes are in blueprint.py."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from flask import Response, jsonify

from preuves.dossiers.models import Dossier
from preuves.exports import access
from preuves.exports.letter import letter_pdf
from preuves.exports.media import RETRY_AFTER_SECONDS
from preuves.exports.minutes import minutes_pdf
from preuves.exports.pdfs import dossier_pdf
from preuves.exports.portfolio import portfolio_zip, waiting_for_worker
from preuves.exports.responses import download, safe_name
from preuves.extensions import db
from preuves.identity.principal import current_principal
from preuves.people.models import Person
from preuves.policy.guard import checked

MEDIA_TYPES = {"zip": "application/zip", "pdf": "application/pdf"}
READERS = "access.exportable_dossier: candidate, guardian or staff by policy relations; audited"


@checked(READERS)
def portfolio(dossier_id: uuid.UUID) -> Response:
    """The accessible HTML portfolio, zipped, that opens with no server and no network."""
    return _export(dossier_id, "portfolio.zip", portfolio_zip, "portfolio")


@checked(READERS)
def dossier(dossier_id: uuid.UUID) -> Response:
    """The dossier as a tagged PDF."""
    return _export(dossier_id, "dossier.pdf", dossier_pdf, "dossier")


@checked(READERS)
def letter(dossier_id: uuid.UUID) -> Response:
    """The commitment letter and its signatures, as a tagged PDF."""
    return _export(dossier_id, "letter.pdf", letter_pdf, "lettre-d-engagement")


@checked("access.minutes_of: the session's members while the policy gives them the dossier, "
         "the candidate, guardian and staff; audited")  # fmt: skip
def minutes(session_id: uuid.UUID, dossier_id: uuid.UUID) -> Response:
    """The jury's minutes (procès-verbal) for one dossier, as a tagged PDF."""
    principal = current_principal()
    session, found = access.minutes_of(principal, session_id, dossier_id)
    body = minutes_pdf(session, found)
    access.audit_export(principal, found, "minutes.pdf")
    db.session.commit()
    name = safe_name("proces-verbal", *_names(found), str(session.held_on), extension="pdf")
    return download(body, "application/pdf", name)


def _export(
    dossier_id: uuid.UUID, name: str, build: Callable[[Dossier], Any], prefix: str
) -> Response:
    """One audited export of a dossier the caller may export, as a download."""
    principal = current_principal()
    found = access.exportable_dossier(principal, dossier_id)
    body = build(found)  # first: an export refused (export_not_ready) is no read
    access.audit_export(principal, found, name)
    db.session.commit()
    extension = name.rsplit(".", 1)[1]
    filename = safe_name(prefix, *_names(found), extension=extension)
    return download(body, MEDIA_TYPES[extension], filename)


@checked(READERS)
def readiness(dossier_id: uuid.UUID) -> Response:
    """Whether the dossier's exports can be made now, or still wait for the media worker."""
    found = access.exportable_dossier(current_principal(), dossier_id)
    waiting = waiting_for_worker(found)
    return jsonify(ready=waiting == 0, waiting=waiting, retry_after=RETRY_AFTER_SECONDS)


def _names(dossier: Dossier) -> tuple[str, str]:
    candidate = db.session.get(Person, dossier.candidate_id)
    return candidate.given_name, candidate.family_name
