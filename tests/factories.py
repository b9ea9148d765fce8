"""Factories for tests: small functions that make valid rows with sensible defaults."""

from __future__ import annotations

import uuid
from datetime import date
from typing import Any

from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.core.vocab import SCHEME_STEPS
from preuves.dossiers.models import Dossier, DossierMember
from preuves.extensions import db
from preuves.frameworks.models import Block, Competency, FrameworkVersion, Level
from preuves.identity.tokens import issue_token
from preuves.juries.models import JuryAssignment, JuryMember, JurySession
from preuves.people.models import Guardianship, Membership, Person
from preuves.structures.models import Structure, Workshop

SYNC = {"rev": 1}


def _add(row: Any) -> Any:
    row.changed_at = utcnow()
    db.session.add(row)
    db.session.flush()
    return row


def create_structure(name: str = "ESAT Test", kind: str = "esat") -> Structure:
    return _add(Structure(id=uuid7(), name=name, kind=kind, settings={}, **SYNC))


def create_workshop(structure: Structure, name: str = "Cuisine") -> Workshop:
    return _add(Workshop(id=uuid7(), structure_id=structure.id, name=name, **SYNC))


def create_person(
    given_name: str = "Camille",
    family_name: str = "Test",
    email: str | None = None,
    roles: dict[Structure, list[str]] | None = None,
    birth_date: date | None = None,
) -> Person:
    person = _add(
        Person(
            id=uuid7(),
            given_name=given_name,
            family_name=family_name,
            email=email,
            birth_date=birth_date,
            locale="fr",
            **SYNC,
        )
    )
    for structure, role_names in (roles or {}).items():
        for role in role_names:
            add_membership(person, structure, role)
    return person


def add_membership(person: Person, structure: Structure, role: str) -> Membership:
    return _add(
        Membership(id=uuid7(), person_id=person.id, structure_id=structure.id, role=role, **SYNC)
    )


def add_guardian(guardian: Person, ward: Person) -> Guardianship:
    return _add(
        Guardianship(id=uuid7(), guardian_id=guardian.id, ward_id=ward.id, kind="parent", **SYNC)
    )


def create_framework(structure: Structure | None = None, slug: str = "test") -> FrameworkVersion:
    version_id = uuid7()
    document = {"format": "preuves-framework/1", "slug": slug, "title": "Test", "kind": "trade"}
    version = _add(
        FrameworkVersion(
            id=version_id,
            structure_id=structure.id if structure else None,
            slug=slug,
            version="1",
            title="Test",
            kind="trade",
            status="published",
            document=document,
            **SYNC,
        )
    )
    for rank, key in enumerate(("pas-encore", "avec-aide", "seul", "expliquer"), start=1):
        db.session.add(Level(version_id=version_id, key=key, rank=rank, label=key, easy_label=key))
    block = Block(id=uuid7(), version_id=version_id, key="bloc", position=1, title="Bloc")
    db.session.add(block)
    db.session.flush()
    for position, key in enumerate(("mettre-la-table", "faire-la-plonge"), start=1):
        db.session.add(
            Competency(
                version_id=version_id,
                block_id=block.id,
                key=key,
                position=position,
                official_wording=key,
                easy_wording=key,
            )
        )
    db.session.flush()
    return version


def competency_ids(version: FrameworkVersion) -> list[uuid.UUID]:
    return [c.id for c in db.session.query(Competency).filter_by(version_id=version.id)]


def create_dossier(
    structure: Structure,
    candidate: Person,
    framework: FrameworkVersion,
    support_worker: Person | None = None,
    scheme: str = "rae",
) -> Dossier:
    steps = [{"key": k, "planned_on": None, "done_on": None} for k in SCHEME_STEPS[scheme]]
    dossier = _add(
        Dossier(
            id=uuid7(),
            structure_id=structure.id,
            candidate_id=candidate.id,
            scheme=scheme,
            framework_version_id=framework.id,
            modality="poste_de_travail" if scheme == "rae" else None,
            status="ouvert",
            steps=steps,
            selection={},
            **SYNC,
        )
    )
    if support_worker is not None:
        _add(
            DossierMember(
                id=uuid7(),
                dossier_id=dossier.id,
                person_id=support_worker.id,
                role="support_worker",
                **SYNC,
            )
        )
    return dossier


def add_dossier_member(dossier: Dossier, person: Person, role: str = "support_worker"):
    """One more support worker (or evaluator) on a dossier."""
    return _add(
        DossierMember(id=uuid7(), dossier_id=dossier.id, person_id=person.id, role=role, **SYNC)
    )


def create_jury_session(
    structure: Structure,
    members: list[Person],
    dossiers: list[Dossier],
    *,
    scheme: str = "rae",
    modality: str | None = "poste_de_travail",
    status: str = "planned",
    roles: list[str] | None = None,
    held_on: date = date(2027, 2, 15),
) -> JurySession:
    """A session with its members (`roles[i]` is `members[i]`'s jury role) and dossiers.

    Rows are written directly, as a seed would: no make-up or lifecycle rule is checked."""
    session = _add(
        JurySession(
            id=uuid7(),
            structure_id=structure.id,
            scheme=scheme,
            modality=modality,
            held_on=held_on,
            place="Cuisine",
            status=status,
            **SYNC,
        )
    )
    for index, person in enumerate(members):
        add_jury_member(session, person, roles[index] if roles else "professionnel_metier")
    for dossier in dossiers:
        _add(JuryAssignment(id=uuid7(), session_id=session.id, dossier_id=dossier.id, **SYNC))
    return session


def add_jury_member(session: JurySession, person: Person, role: str) -> JuryMember:
    return _add(
        JuryMember(id=uuid7(), session_id=session.id, person_id=person.id, jury_role=role, **SYNC)
    )


def record_decision(
    session: JurySession,
    dossier: Dossier,
    *,
    competency_id: uuid.UUID | None = None,
    outcome: str | None = None,
    level_key: str | None = None,
    overall_outcome: str | None = None,
    validated_block_keys: tuple[str, ...] | list[str] = (),
    comment: str | None = None,
    decided_by: Person | None = None,
    decision_id: uuid.UUID | None = None,
    changed_at: Any = None,
):
    """One decision row (per competency, or overall when `overall_outcome` is given)."""
    from preuves.juries.models import Decision

    row = Decision(
        id=decision_id or uuid7(),
        session_id=session.id,
        dossier_id=dossier.id,
        competency_id=competency_id,
        outcome=outcome,
        level_key=level_key,
        overall_outcome=overall_outcome,
        validated_block_keys=list(validated_block_keys),
        comment=comment,
        decided_by_id=decided_by.id if decided_by else None,
        decided_at=utcnow(),
        **SYNC,
    )
    _add(row)
    if changed_at is not None:  # golden vectors fix the order decisions were recorded in
        row.changed_at = changed_at
        db.session.flush()
    return row


def token_for(person: Person) -> str:
    token = issue_token(person.id, days=1, label="test")
    db.session.commit()
    return token


def auth(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def create_evidence(dossier: Dossier, author: Person, caption: str = "Je coupe les légumes."):
    from preuves.evidence.models import Evidence

    return _add(
        Evidence(
            id=uuid7(),
            dossier_id=dossier.id,
            author_id=author.id,
            kind="text",
            caption_text=caption,
            competency_ids=[],
            people_in_picture="nobody",
            captured_at=utcnow(),
            **SYNC,
        )
    )


def _tus_metadata(pairs: dict[str, str]) -> str:
    import base64

    return ",".join(f"{k} {base64.b64encode(v.encode()).decode()}" for k, v in pairs.items())


def upload_blob(app_or_client: Any, token: str, dossier: Dossier, data: bytes) -> str:
    """A real tus upload through the test client (POST, then one PATCH); returns the SHA-256."""
    client = app_or_client.test_client() if hasattr(app_or_client, "test_client") else app_or_client
    headers = auth(token) | {"Tus-Resumable": "1.0.0"}
    created = client.post(
        "/api/v1/uploads",
        headers=headers
        | {
            "Upload-Length": str(len(data)),
            "Upload-Metadata": _tus_metadata({"dossier_id": str(dossier.id)}),
        },
    )
    assert created.status_code == 201, created.get_data(as_text=True)
    patched = client.patch(
        created.headers["Location"],
        data=data,
        headers=headers | {"Upload-Offset": "0", "Content-Type": "application/offset+octet-stream"},
    )
    assert patched.status_code == 204, patched.get_data(as_text=True)
    return patched.headers["Upload-Sha256"]


def link_blob(sha256_or_data: str | bytes, dossier: Dossier, media_type: str = "image/jpeg") -> str:
    """Store bytes (or take stored ones) and link them to a dossier, as a finished upload does."""
    from preuves.media import blobs, operations
    from preuves.media.sniff import Sniffed, sniff

    if isinstance(sha256_or_data, bytes):
        found = sniff(sha256_or_data) or Sniffed(media_type, media_type.split("/")[0])
        sha256 = blobs.put_bytes(sha256_or_data)
    else:
        sha256, found = sha256_or_data, Sniffed(media_type, "photo")
    operations.record_blob(sha256, blobs.size(sha256) or 0, found)
    operations.link(sha256, dossier.id, None)
    db.session.flush()
    return sha256


# --- identity: sessions and tablets (preuves.identity) -------------------------------------


def create_session(client: Any, person: Person, kind: str = "passkey", device: Any = None) -> str:
    """Sign a person in on a test client (the `preuves_session` cookie); returns the CSRF token."""
    from preuves.identity.sessions import open_session

    session = open_session(person.id, kind, device_id=device.id if device else None)
    db.session.commit()
    client.set_cookie("preuves_session", session.token, domain="localhost")
    return session.row.csrf_token


def enrol_device(structure: Structure, by_person: Person, workshop: Workshop | None = None):
    """Enrol a tablet as `by_person` (staff of the structure); returns (device, credential)."""
    from preuves.identity.devices import enrol
    from preuves.identity.principal import principal_for

    staff = principal_for(by_person.id, "session")
    device, credential = enrol(staff, structure.id, workshop.id if workshop else None, "Tablette")
    db.session.commit()
    return device, credential


def device_cookie(client: Any, credential: str) -> None:
    """Make the test client an enrolled tablet (the `preuves_device` cookie)."""
    client.set_cookie("preuves_device", credential, domain="localhost")


def revoke_device(device: Any) -> None:
    """Revoke a tablet as the staff member who enrolled it."""
    from preuves.identity.devices import revoke
    from preuves.identity.principal import principal_for

    revoke(principal_for(device.enrolled_by_id, "session"), device)
    db.session.commit()


def pair_structures(asking: Any, partner: Any, trade: str, lead_id: Any) -> Any:
    """An accepted RSFP pairing (docs/frameworks.md): the partner's support workers may then
    be named evaluators of the asking structure's dossiers on that framework slug, and back."""
    from preuves.pairings.models import StructurePairing

    return _add(
        StructurePairing(
            id=uuid7(),
            structure_id=getattr(asking, "id", asking),
            partner_id=getattr(partner, "id", partner),
            trade=trade,
            status="accepted",
            asked_by_id=lead_id,
            answered_by_id=lead_id,
            answered_at=utcnow(),
        )
    )


def _teach_schemathesis_the_tus_body() -> None:
    """tus bodies are `application/offset+octet-stream`: plain bytes, which schemathesis
    cannot guess. Registered here because every fuzzing module imports this one."""
    try:
        import schemathesis
        from schemathesis.transport.serialization import serialize_binary
    except ImportError:  # pragma: no cover (schemathesis is a test dependency)
        return

    @schemathesis.serializer("application/offset+octet-stream")
    def _tus_body(_ctx: Any, value: Any) -> bytes:
        return serialize_binary(value)


_teach_schemathesis_the_tus_body()
