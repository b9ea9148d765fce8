"""GDPR access: one zip with everything the product holds about a person.

Records are written in their shared shapes (shared_schemas/records/), as the API serves
them, so the export reads like the rest of the product's documentation.
"""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

from preuves.audit.models import AuditEvent
from preuves.audit.operations import record_event
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import ApiToken, Device
from preuves.media import blobs
from preuves.people.gdpr import Footprint, audit_events, find_person, footprint, owned_blobs
from preuves.records.catalogue import RECORD_TYPES
from preuves.records.fields import to_json

# Records that give meaning to the person's own (which structure, which framework).
CONTEXT = {
    "structure": "structure_id",
    "jury_session": "session_id",
    "framework_version": "framework_version_id",
}


def export_person(person_id: Any, output: Path) -> dict[str, int]:
    """Write the zip; returns how many records, events and blobs it holds."""
    found = footprint(find_person(person_id))
    counts = {"records": 0, "audit_events": 0, "blobs": 0, "missing_blobs": 0}
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("README.txt", README)
        _write(archive, "person.json", to_json(RECORD_TYPES["person"], found.person))
        counts["records"] = _write_records(archive, found)
        _write_context(archive, found)
        _write(archive, "api_tokens.json", _tokens(found.person.id))
        _write(archive, "devices_enrolled.json", _devices(found.person.id))
        _write(archive, "badges.json", _badges(found.dossier_ids))
        events = [_event(e) for e in audit_events(found.person.id, found.dossier_ids)]
        _write(archive, "audit_events.json", events)
        counts["audit_events"] = len(events)
        counts |= _write_blobs(archive, owned_blobs(found))
        _write(archive, "contents.json", counts | {"exported_at": utcnow().isoformat()})
    record_event("export", None, "operator", record_type="person", subject_id=found.person.id)
    return counts


def _write(archive: zipfile.ZipFile, name: str, value: Any) -> None:
    archive.writestr(name, json.dumps(value, ensure_ascii=False, indent=2, default=str))


def _write_records(archive: zipfile.ZipFile, found: Footprint) -> int:
    written = 0
    for name, record_type in RECORD_TYPES.items():
        rows = [r for r in found.records(name) if r is not found.person]
        if rows:
            _write(archive, f"records/{name}.json", [to_json(record_type, r) for r in rows])
            written += len(rows)
    return written


def _write_context(archive: zipfile.ZipFile, found: Footprint) -> None:
    for name, column in CONTEXT.items():
        wanted = {
            getattr(row, column)
            for rows in (found.records(t) for t in RECORD_TYPES)
            for row in rows
            if getattr(row, column, None) is not None
        }
        model = RECORD_TYPES[name].model
        rows = [row for i in sorted(wanted, key=str) if (row := db.session.get(model, i))]
        if rows:
            _write(archive, f"context/{name}.json", [to_json(RECORD_TYPES[name], r) for r in rows])


def _tokens(person_id: Any) -> list[dict[str, Any]]:
    """Token metadata only: the hash stays on the server."""
    tokens = db.session.query(ApiToken).filter_by(person_id=person_id).order_by(ApiToken.id)
    return [
        {
            "id": t.id,
            "label": t.label,
            "created_at": t.created_at,
            "expires_at": t.expires_at,
            "revoked_at": t.revoked_at,
            "last_used_at": t.last_used_at,
        }
        for t in tokens
    ]


def _devices(person_id: Any) -> list[dict[str, Any]]:
    devices = db.session.query(Device).filter_by(enrolled_by_id=person_id).order_by(Device.id)
    return [
        {
            "id": d.id,
            "structure_id": d.structure_id,
            "label": d.label,
            "enrolled_at": d.enrolled_at,
            "revoked_at": d.revoked_at,
        }
        for d in devices
    ]


def _badges(dossier_ids: frozenset[Any]) -> list[dict[str, Any]]:
    """The Open Badges issued for their dossiers, as signed (the JWT is the badge itself)."""
    from preuves.badges.models import BadgeCredential

    query = db.session.query(BadgeCredential).filter(BadgeCredential.dossier_id.in_(dossier_ids))
    return [
        {
            "id": b.id,
            "issued_at": b.issued_at,
            "revoked_at": b.revoked_at,
            "credential": b.credential,
            "jwt": b.jwt,
        }
        for b in query.order_by(BadgeCredential.issued_at, BadgeCredential.id)
    ]


def _event(event: AuditEvent) -> dict[str, Any]:
    return {
        "at": event.at,
        "action": event.action,
        "actor_id": event.actor_id,
        "actor_kind": event.actor_kind,
        "record_type": event.record_type,
        "record_id": event.record_id,
        "dossier_id": event.dossier_id,
        "subject_id": event.subject_id,
        "detail": event.detail,
    }


def _write_blobs(archive: zipfile.ZipFile, shas: set[str]) -> dict[str, int]:
    written = missing = 0
    for sha in sorted(shas):
        if not blobs.exists(sha):
            missing += 1  # e.g. a document hash signed on paper, never uploaded
            continue
        with blobs.open_blob(sha) as source, archive.open(f"blobs/{sha}", "w") as target:
            shutil.copyfileobj(source, target)
        written += 1
    return {"blobs": written, "missing_blobs": missing}


README = """\
Vos données dans Preuves
========================

Ce fichier contient tout ce que Preuves garde sur vous.
Vous l'avez demandé : c'est votre droit (RGPD, droit d'accès).

Ce qu'il y a dedans :

- person.json : qui vous êtes. Votre nom, votre adresse e-mail, votre photo.
- records/ : vos informations, une liste par sorte.
    - membership.json : les structures où vous êtes (ESAT, IME...) et votre rôle.
    - guardianship.json : votre représentant légal, ou la personne que vous représentez.
    - dossier.json : vos dossiers.
    - evidence.json : vos preuves (photos, vidéos, messages vocaux, textes).
    - positioning.json : ce que vous dites savoir faire,
      et ce que dit votre accompagnateur ou le jury.
    - annotation.json : les remarques sur vos preuves.
    - testimony.json : les témoignages.
    - journal_entry.json : votre journal.
    - consent.json : vos accords (droit à l'image, partage avec le jury).
    - signature.json : vos signatures.
    - decision.json : les décisions du jury.
    - dossier_member.json, jury_member.json, jury_assignment.json :
      qui vous accompagne, qui fait partie du jury.
  Il y a aussi ce que vous avez écrit ou changé dans le dossier d'une autre personne.
- context/ : pour comprendre le reste. Les structures, les référentiels
  (la liste des compétences) et les jurys.
- api_tokens.json : vos clés d'accès pour les programmes. La clé secrète n'est pas dedans.
- devices_enrolled.json : les tablettes que vous avez inscrites.
- badges.json : vos badges. Un badge dit qu'une compétence est reconnue.
  Le champ jwt est le badge signé : on peut le vérifier.
- audit_events.json : qui a fait quoi avec vos informations, et quand.
  Par exemple : qui a regardé votre dossier.
- blobs/ : vos fichiers (photos, vidéos, sons, signatures).
  Le nom de chaque fichier est son empreinte (sha256) ;
  les listes ci-dessus disent à quoi il sert.
  Les photos et vidéos que vous avez prises d'une autre personne
  sont dans le dossier de cette personne, pas ici.
- contents.json : combien il y a de choses dans ce fichier.

Les fichiers .json s'ouvrent avec un éditeur de texte.
Vous pouvez demander de l'aide à votre accompagnateur ou à votre accompagnatrice.

Vous pouvez aussi demander d'effacer vos données.
Parlez-en à la direction de votre structure.

(English: this archive holds every record about you in Preuves, in the shapes described
by shared_schemas/records/, with your files under blobs/<sha256>.)
"""
