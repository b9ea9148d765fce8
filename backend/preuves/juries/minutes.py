"""The minutes (procès-verbal) a jury member signs: their content, its text and its hash.

The content is built from the effective decisions (juries.results); its text is JSON with
sorted keys and no whitespace, in UTF-8; a `jury_minutes` signature holds the SHA-256 of
that text, so it stays valid only while the decisions stay the same. The PWA computes the
same bytes (lib/decisions/minutes.js); shared_schemas/examples/jury_minutes/ holds vectors
both sides check.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from preuves.consents.models import Signature
from preuves.extensions import db
from preuves.juries.models import JuryMember
from preuves.juries.results import DossierResult, dossier_result

VERSION = 1


def minutes_content(result: DossierResult) -> dict[str, Any]:
    """The signed content of one dossier's minutes (version 1)."""
    competencies = [
        {
            "competency_id": str(d.competency_id),
            "outcome": d.outcome,
            "level_key": d.level_key,
            "comment": d.comment,
        }
        for d in sorted(result.competencies.values(), key=lambda d: str(d.competency_id))
    ]
    overall = result.overall and {
        "overall_outcome": result.overall.overall_outcome,
        "validated_block_keys": sorted(result.overall.validated_block_keys),
        "comment": result.overall.comment,
    }
    return {
        "v": VERSION,
        "session_id": str(result.session.id),
        "dossier_id": str(result.dossier_id),
        "competencies": competencies,
        "overall": overall,
    }


def minutes_text(content: dict[str, Any]) -> str:
    """The canonical text: sorted keys, no whitespace, characters kept as they are."""
    return json.dumps(content, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def minutes_sha256(content_or_text: dict[str, Any] | str) -> str:
    """SHA-256 (hex) of the UTF-8 bytes of the canonical text."""
    text = content_or_text if isinstance(content_or_text, str) else minutes_text(content_or_text)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def current_sha256(session_id: uuid.UUID, dossier_id: uuid.UUID) -> str:
    """The hash a member signs now for that dossier in that session."""
    return minutes_sha256(minutes_content(dossier_result(session_id, dossier_id)))


@dataclass(frozen=True)
class SignatureCheck:
    signature: Signature
    matches: bool  # signed the minutes as they stand now


def minutes_signatures(session_id: uuid.UUID, dossier_id: uuid.UUID) -> list[SignatureCheck]:
    """Each member's jury_minutes signature on the dossier, in order, and whether it holds."""
    members = select(JuryMember.person_id).where(
        JuryMember.session_id == session_id, JuryMember.deleted.is_(False)
    )
    signatures = db.session.scalars(
        select(Signature)
        .where(
            Signature.dossier_id == dossier_id,
            Signature.document_kind == "jury_minutes",
            Signature.signer_id.in_(members),
            Signature.deleted.is_(False),
        )
        .order_by(Signature.signed_at, Signature.id)
    )
    sha256 = current_sha256(session_id, dossier_id)
    return [SignatureCheck(s, s.document_sha256 == sha256) for s in signatures]
