"""The witness's side of a one-time link: what it shows, and the testimony it gives.

The witness has no account. Their testimony is written through the records operations as the
staff member who asked for it (their access to the dossier is checked again now), so that it
syncs, is validated and audited like any other record; the audit says it came by link.
"""

from __future__ import annotations

import hashlib
import uuid
from types import SimpleNamespace
from typing import Any

from flask import current_app
from sqlalchemy import select

from preuves import policy
from preuves.core.errors import Problem
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.frameworks.models import Competency
from preuves.identity.principal import principal_for
from preuves.media import blobs
from preuves.media import operations as media
from preuves.media.derivatives.jobs import enqueue_for_blob
from preuves.media.sniff import HEAD_BYTES, Sniffed, sniff
from preuves.people.models import Person
from preuves.records.operations import write_record
from preuves.records.registry import record_type
from preuves.structures.models import Structure
from preuves.testimonies import links
from preuves.testimonies.models import TestimonyRequest

# A voice message of a few minutes; PREUVES_TESTIMONY_AUDIO_MAX_BYTES. Below the app's
# MAX_CONTENT_LENGTH, base64 included.
DEFAULT_AUDIO_MAX_BYTES = 5 * 1024 * 1024
# The audit's actor kind: the staff member's access, used by a witness through the link.
BY_LINK = "testimony_link"


def public_view(asked: TestimonyRequest) -> dict[str, Any]:
    """The least the witness needs: whose work, who asks, which competencies; no content."""
    dossier = db.session.get(Dossier, asked.dossier_id)
    candidate = db.session.get(Person, dossier.candidate_id)
    asker = db.session.get(Person, asked.requested_by_id)
    structure = db.session.get(Structure, dossier.structure_id)
    return {
        "candidate_given_name": candidate.given_name if candidate else "",
        "structure_name": structure.name if structure else "",
        "asked_by": f"{asker.given_name} {asker.family_name}" if asker else "",
        "witness_name": asked.witness_name,
        "witness_role": asked.witness_role,
        "message": asked.message,
        "competencies": [_wording(c) for c in _competencies(asked)],
        "expires_at": asked.expires_at.isoformat(),
    }


def max_audio_bytes() -> int:
    return int(current_app.config.get("TESTIMONY_AUDIO_MAX_BYTES", DEFAULT_AUDIO_MAX_BYTES))


def give(token: str, answer: dict[str, Any], audio: bytes | None, declared: str | None) -> Any:
    """Spend the link and create the testimony (and its voice); nothing is kept on refusal."""
    asked = links.live(token)
    if answer.get("consent_to_share") is not True:
        raise Problem("testimony_consent_missing", "The witness must agree to share.")
    sniffed = _voice(audio, declared) if audio else None
    as_asker = principal_for(asked.requested_by_id, BY_LINK)
    if not policy.may(
        as_asker, "create", "testimony", SimpleNamespace(dossier_id=asked.dossier_id)
    ):
        raise Problem(
            "testimony_link_withdrawn", "Whoever asked no longer accompanies the dossier."
        )
    links.consume(asked)
    sha256 = hashlib.sha256(audio).hexdigest() if audio else None
    if audio and sniffed:
        media.record_blob(sha256, len(audio), sniffed)
        media.link(sha256, asked.dossier_id, None)
    payload = {
        "id": str(uuid7()),
        "dossier_id": str(asked.dossier_id),
        "kind": "endorsement",
        "author_name": answer.get("witness_name"),
        "author_role": answer.get("witness_role"),
        "body_text": answer.get("text") or None,
        "body_audio_sha256": sha256,
        "competency_ids": asked.competency_ids,
        "given_at": utcnow().isoformat(),
    }
    testimony = write_record(as_asker, record_type("testimony"), payload, None).record
    asked.testimony_id, asked.consent_to_share = testimony.id, True
    if audio and sniffed:
        # Bytes last: every check above passed, so a refusal leaves no blob behind.
        blobs.put_bytes(audio)
        enqueue_for_blob(sha256, sniffed.media_type)
    return testimony


def _voice(audio: bytes, declared: str | None) -> Sniffed:
    """A sound file by its content, within the size cap; anything else is refused."""
    if len(audio) > max_audio_bytes():
        raise Problem("too_large", f"The voice message is over {max_audio_bytes()} bytes.")
    found = sniff(audio[:HEAD_BYTES], declared or "audio/")
    if found is None or found.kind != "audio":
        raise Problem("testimony_audio_refused", "The recording is not a sound file we accept.")
    return found


def _competencies(asked: TestimonyRequest) -> list[Competency]:
    ids = [uuid.UUID(i) for i in asked.competency_ids]
    found = {
        str(c.id): c for c in db.session.scalars(select(Competency).where(Competency.id.in_(ids)))
    }
    return [found[i] for i in asked.competency_ids if i in found]


def _wording(competency: Competency) -> dict[str, str]:
    return {
        "id": str(competency.id),
        "easy_wording": competency.easy_wording,
        "official_wording": competency.official_wording,
    }
