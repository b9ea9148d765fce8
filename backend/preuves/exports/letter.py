"""The commitment letter as a PDF: its text as signed on the device (exports.commitment),
then each signature with its drawn mark and whether it still holds (its hash against the
text the dossier gives now)."""

from __future__ import annotations

import hashlib

from sqlalchemy import select

from preuves.consents.models import Signature
from preuves.dossiers.models import Dossier
from preuves.exports.commitment import SIGNER_WORDS, TITLE, letter_input, letter_text
from preuves.exports.media import FOR_PAGE, prepare
from preuves.exports.minutes import SignatureLine
from preuves.exports.render import data_uri, pdf, render
from preuves.extensions import db


def letter_pdf(dossier: Dossier) -> bytes:
    """The letter as a tagged PDF."""
    data = letter_input(dossier)
    text = letter_text(data)
    sha256 = hashlib.sha256(text.encode("utf-8")).hexdigest()
    rows = db.session.scalars(
        select(Signature)
        .where(
            Signature.dossier_id == dossier.id,
            Signature.document_kind == "commitment_letter",
            Signature.deleted.is_(False),
        )
        .order_by(Signature.signed_at, Signature.id)
    ).all()
    html = render(
        "letter.html",
        title=TITLE,
        paragraphs=text.splitlines()[1:],
        signatures=[_line(row, sha256) for row in rows],
        sha256=sha256,
    )
    return pdf(html)


def _line(signature: Signature, sha256: str) -> SignatureLine:
    mark = prepare(signature.mark_sha256, FOR_PAGE) if signature.mark_sha256 else None
    return SignatureLine(
        name=signature.signer_name,
        role=SIGNER_WORDS.get(signature.signer_role, signature.signer_role),
        signed_at=signature.signed_at,
        mark=data_uri(mark) if mark else None,
        matches=signature.document_sha256 == sha256,
    )
