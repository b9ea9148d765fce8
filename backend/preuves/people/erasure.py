"""GDPR erasure: afterwards nothing personal about the person remains.

Their candidate dossiers go with everything in them; the rows that exist because of them
(memberships, guardianships, seats in dossiers and juries, tokens) go too. What they wrote
in other people's dossiers stays, because it belongs to those dossiers, but loses their
name, their id, their voice and their drawn signature. The audit trail keeps the facts
(something was read, changed, signed, when) without saying by or about whom.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from sqlalchemy import delete, or_, update

from preuves.audit.models import AuditEvent
from preuves.audit.operations import record_event
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import ApiToken, Device
from preuves.media import blobs
from preuves.people import gdpr
from preuves.records.catalogue import CHILDREN_FIRST, RECORD_TYPES
from preuves.sync import erasure as sync_erasure

ERASED_NAME = "Personne effacée"
VOICE_ERASED = "(message vocal effacé)"
# Children before parents; structures and what they set up (workshops, frameworks, jury
# sessions) belong to no one person and outlive every erasure.
STRUCTURE_OWNED = frozenset({"jury_session", "framework_version", "workshop", "structure"})
DELETE_ORDER = tuple(name for name in CHILDREN_FIRST if name not in STRUCTURE_OWNED)


def erase_person(person_id: uuid.UUID | None = None, email: str | None = None) -> dict[str, int]:
    """Erase in one transaction, commit, then remove the blobs nothing uses any more."""
    found = gdpr.footprint(gdpr.find_person(person_id, email))
    pid = found.person.id
    doomed = _doomed(found)
    candidate_blobs = gdpr.owned_blobs(found)
    counts = {"audit_events": _scrub_audit(pid, {i for ids in doomed.values() for i in ids})}
    counts["deidentified"] = sum(
        _deidentify(name, row, pid)
        for name, rows in found.naming.items()
        for row in rows
        if not gdpr.is_link(name, row, pid)
    )
    counts["devices"] = db.session.execute(
        update(Device).where(Device.enrolled_by_id == pid).values(enrolled_by_id=None)
    ).rowcount
    counts["api_tokens"] = db.session.execute(
        delete(ApiToken).where(ApiToken.person_id == pid)
    ).rowcount
    for name in DELETE_ORDER:
        counts[name] = _delete(name, doomed.get(name, []))
    named = [row.id for rows in found.naming.values() for row in rows]
    sync_erasure.forget_person(pid, [i for ids in doomed.values() for i in ids] + named)
    record_event(
        "erase",
        None,
        "operator",
        record_type="person",
        detail={"records_deleted": sum(len(ids) for ids in doomed.values())},
    )
    db.session.commit()
    counts["blobs"] = sum(
        blobs.delete_blob(sha) for sha in sorted(candidate_blobs) if not gdpr.blob_in_use(sha)
    )
    return counts


def _doomed(found: gdpr.Footprint) -> dict[str, list[uuid.UUID]]:
    """The ids of the rows that go: all of their dossiers, and their links elsewhere."""
    pid = found.person.id
    return {
        name: [row.id for row in found.in_dossiers.get(name, [])]
        + [row.id for row in found.naming.get(name, []) if gdpr.is_link(name, row, pid)]
        for name in RECORD_TYPES
    }


def _delete(type_name: str, ids: list[uuid.UUID]) -> int:
    model = RECORD_TYPES[type_name].model
    return sum(
        db.session.execute(delete(model).where(model.id.in_(chunk))).rowcount
        for chunk in _chunks(ids)
    )


def _deidentify(type_name: str, row: Any, person_id: uuid.UUID) -> int:
    """Cut every tie between a kept record and the person; a new rev tells every device."""
    authored = any(getattr(row, c) == person_id for c in gdpr.AUTHOR_COLUMNS.get(type_name, ()))
    for column in (*gdpr.AUTHOR_COLUMNS.get(type_name, ()), "changed_by_id"):
        if getattr(row, column) == person_id:
            setattr(row, column, None)
    if authored:
        _forget_author(type_name, row)
    row.rev, row.changed_at = row.rev + 1, utcnow()
    return 1


def _forget_author(type_name: str, row: Any) -> None:
    """Their name, voice and drawn mark are personal data even in another's dossier."""
    if type_name == "signature":
        row.signer_name, row.mark_sha256 = ERASED_NAME, None
    if type_name == "testimony":
        row.author_name = ERASED_NAME
    if type_name in ("annotation", "testimony", "journal_entry") and row.body_audio_sha256:
        row.body_audio_sha256 = None
        row.body_text = row.body_text or VOICE_ERASED
    if type_name == "positioning":
        row.items = [
            {k: v for k, v in item.items() if k != "comment_audio_sha256"} for item in row.items
        ]


def _scrub_audit(person_id: uuid.UUID, erased_ids: set[uuid.UUID]) -> int:
    """Events keep what happened and when; who, about whom and the details go."""
    touched = [
        AuditEvent.actor_id == person_id,
        AuditEvent.subject_id == person_id,
        AuditEvent.record_id == person_id,
    ]
    for chunk in _chunks(sorted(erased_ids)):
        touched += [AuditEvent.record_id.in_(chunk), AuditEvent.dossier_id.in_(chunk)]
    count = db.session.execute(update(AuditEvent).where(or_(*touched)).values(detail={})).rowcount
    for column in ("actor_id", "subject_id", "record_id"):
        _null_where(column, getattr(AuditEvent, column) == person_id)
    for chunk in _chunks(sorted(erased_ids)):
        _null_where("record_id", AuditEvent.record_id.in_(chunk))
        _null_where("dossier_id", AuditEvent.dossier_id.in_(chunk))
    return count


def _null_where(column: str, condition: Any) -> None:
    db.session.execute(update(AuditEvent).where(condition).values({column: None}))


def _chunks(ids: Iterable[uuid.UUID], size: int = 500) -> Iterator[list[uuid.UUID]]:
    """Keep IN lists short enough for every database."""
    batch: list[uuid.UUID] = []
    for item in ids:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
