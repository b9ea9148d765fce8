"""The export views; the routes are in blueprint.py."""

from __future__ import annotations

import uuid

from flask import Response

from preuves.dossiers.models import Dossier
from preuves.exports import access
from preuves.exports.minutes import minutes_pdf
from preuves.exports.pdfs import dossier_pdf
from preuves.exports.portfolio import portfolio_zip
from preuves.exports.responses import download, safe_name
from preuves.extensions import db
from preuves.identity.principal import current_principal
from preuves.people.models import Person
from preuves.policy.guard import checked

READERS = "access.exportable_dossier: candidate, guardian or staff by policy relations; audited"


@checked(READERS)
def portfolio(dossier_id: uuid.UUID) -> Response:
    """The accessible HTML portfolio, zipped, that opens with no server and no network."""
    principal = current_principal()
    dossier = access.exportable_dossier(principal, dossier_id)
    access.audit_export(principal, dossier, "portfolio.zip")
    db.session.commit()
    body = portfolio_zip(dossier)
    return download(
        body, "application/zip", safe_name("portfolio", *_names(dossier), extension="zip")
    )


@checked(READERS)
def dossier(dossier_id: uuid.UUID) -> Response:
    """The dossier as a tagged PDF."""
    principal = current_principal()
    found = access.exportable_dossier(principal, dossier_id)
    access.audit_export(principal, found, "dossier.pdf")
    db.session.commit()
    body = dossier_pdf(found)
    return download(body, "application/pdf", safe_name("dossier", *_names(found), extension="pdf"))


@checked("access.minutes_of: the session's members while the policy gives them the dossier, "
         "the candidate, guardian and staff; audited")  # fmt: skip
def minutes(session_id: uuid.UUID, dossier_id: uuid.UUID) -> Response:
    """The jury's minutes (procès-verbal) for one dossier, as a tagged PDF."""
    principal = current_principal()
    session, found = access.minutes_of(principal, session_id, dossier_id)
    access.audit_export(principal, found, "minutes.pdf")
    db.session.commit()
    body = minutes_pdf(session, found)
    name = safe_name("proces-verbal", *_names(found), str(session.held_on), extension="pdf")
    return download(body, "application/pdf", name)


def _names(dossier: Dossier) -> tuple[str, str]:
    candidate = db.session.get(Person, dossier.candidate_id)
    return candidate.given_name, candidate.family_name
