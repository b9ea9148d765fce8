"""The bench's world, written with the app's own models and blob store (bench/jury.py).

An ESAT with a lead, a support worker and a candidate whose RAE dossier holds the bench's
media as evidence (one competency each, in turn); a network structure whose jury member is
the one measured; an open jury session at the workstation with its full make-up
(shared_schemas/rules/jury-composition.json) and the dossier assigned. The member is signed
in as a passkey would sign them in: a browser session minted by preuves.identity.sessions.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from jury_media import Medium

ROOT = Path(__file__).resolve().parents[1]
FRAMEWORK = ROOT / "backend/preuves/demo/data/frameworks/aide-de-cuisine.json"
MEDIA_TYPES = {"video": "video/mp4", "photo": "image/jpeg", "audio": "audio/mp4"}


@dataclass(frozen=True)
class World:
    session_id: str
    dossier_id: str
    member_id: str
    cookie: str  # the member's `preuves_session` cookie value


def seed(app, media: list[Medium]) -> World:
    """Write the world in the app's database and blob store (media files are moved in)."""
    from preuves.core.vocab import SCHEME_STEPS
    from preuves.dossiers.models import Dossier, DossierMember
    from preuves.extensions import db
    from preuves.frameworks.importer import import_framework
    from preuves.identity.sessions import open_session

    with app.app_context():
        db.create_all()  # the newest tables have no migration yet (the lead writes them)
        esat = _structure("ESAT Banc d'essai", "esat")
        network = _structure("Réseau de reconnaissance du banc", "organisme_valideur")
        other = _structure("ESAT Voisin du banc", "esat")
        framework = import_framework(json.loads(FRAMEWORK.read_text()), None, "published")
        lead = _person("Claire", "Banc", "lead@banc.example", {esat: "lead"})
        worker = _person("Karim", "Banc", "karim@banc.example", {esat: "support_worker"})
        candidate = _person("Léa", "Banc", None, {esat: "candidate"})
        member = _person("Paul", "Métier", "paul@banc.example", {network: "jury_member"})
        supervisor = _person("Inès", "Voisin", "ines@banc.example", {other: "support_worker"})
        dossier = _add(
            Dossier(
                structure_id=esat.id,
                candidate_id=candidate.id,
                scheme="rae",
                framework_version_id=framework.id,
                modality="poste_de_travail",
                status="pret_pour_jury",
                steps=[
                    {"key": k, "planned_on": None, "done_on": None} for k in SCHEME_STEPS["rae"]
                ],
                selection={},  # empty: the jury sees every piece of evidence
            )
        )
        _add(DossierMember(dossier_id=dossier.id, person_id=worker.id, role="support_worker"))
        _consent(dossier, candidate)
        _evidence(dossier, candidate, framework.id, media)
        session = _jury_session(esat, dossier, member, supervisor, lead)
        browser_session = open_session(member.id, "passkey")
        db.session.commit()
        world = World(str(session.id), str(dossier.id), str(member.id), browser_session.token)
        db.engine.dispose()
    return world


def _add(row):
    from preuves.extensions import db

    db.session.add(row)
    db.session.flush()
    return row


def _structure(name: str, kind: str):
    from preuves.structures.models import Structure

    return _add(Structure(name=name, kind=kind, settings={}))


def _person(given: str, family: str, email: str | None, roles: dict):
    from preuves.people.models import Membership, Person

    person = _add(Person(given_name=given, family_name=family, email=email, locale="fr"))
    for structure, role in roles.items():
        _add(Membership(person_id=person.id, structure_id=structure.id, role=role))
    return person


def _consent(dossier, candidate) -> None:
    from preuves.consents.models import Consent
    from preuves.core.models import utcnow

    _add(Consent(subject_id=candidate.id, dossier_id=dossier.id, kind="sharing_with_jury",
                 granted=True, given_by_id=candidate.id, given_at=utcnow()))  # fmt: skip


def _evidence(dossier, author, framework_id: uuid.UUID, media: list[Medium]) -> None:
    """Each file goes through the blob store as a finished upload does: sniffed, stored once,
    linked to the dossier, its derivatives asked of the media worker."""
    from sqlalchemy import select

    from preuves.core.models import utcnow
    from preuves.evidence.models import Evidence
    from preuves.extensions import db
    from preuves.frameworks.models import Competency
    from preuves.media import blobs, operations
    from preuves.media.derivatives.jobs import enqueue_for_blob
    from preuves.media.sniff import HEAD_BYTES, sniff

    query = select(Competency.id).where(Competency.version_id == framework_id)
    competencies = list(db.session.scalars(query.order_by(Competency.position)))
    for n, medium in enumerate(media):
        with medium.path.open("rb") as handle:
            found = sniff(handle.read(HEAD_BYTES), MEDIA_TYPES[medium.kind])
        if found is None or found.media_type != MEDIA_TYPES[medium.kind]:
            raise SystemExit(f"bench-jury: {medium.path.name} sniffed as {found}")
        size = medium.size
        sha256 = blobs.put_file(medium.path, move=True)
        operations.record_blob(sha256, size, found)
        operations.link(sha256, dossier.id, author.id)
        enqueue_for_blob(sha256, found.media_type)
        competency = competencies[n % len(competencies)]  # each competency in turn
        _add(Evidence(dossier_id=dossier.id, author_id=author.id, kind=medium.kind,
                      media_sha256=sha256, media_type=found.media_type,
                      caption_text=medium.caption, competency_ids=[str(competency)],
                      people_in_picture="nobody", captured_at=utcnow()))  # fmt: skip


def _jury_session(esat, dossier, member, supervisor, lead):
    """Open, RAE at the workstation: a professional of the trade (the measured member), a
    supervisor from another structure and the structure's director."""
    from preuves.juries.models import JuryAssignment, JuryMember, JurySession

    session = _add(JurySession(structure_id=esat.id, scheme="rae", modality="poste_de_travail",
                               held_on=date.today(), place="Cuisine pédagogique",
                               status="open"))  # fmt: skip
    roles = ((member, "professionnel_metier"), (supervisor, "encadrant_autre_structure"),
             (lead, "directeur_structure"))  # fmt: skip
    for person, role in roles:
        _add(JuryMember(session_id=session.id, person_id=person.id, jury_role=role))
    _add(JuryAssignment(session_id=session.id, dossier_id=dossier.id))
    return session
