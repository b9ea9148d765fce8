"""The demo dossiers with what is in them, and the jury session that will read one."""

from __future__ import annotations

from typing import Any

from preuves.consents.models import Consent, Signature
from preuves.core.vocab import SCHEME_STEPS
from preuves.demo.media import MEDIA
from preuves.demo.seed import Seeder, demo_id, parse_date, parse_instant
from preuves.dossiers.models import Dossier, DossierMember
from preuves.evidence.models import Evidence
from preuves.extensions import db
from preuves.frameworks.importer import child_id, version_id_for
from preuves.juries.models import JuryAssignment, JuryMember, JurySession
from preuves.media import blobs
from preuves.media.operations import adopt
from preuves.positionings.models import Positioning


def seed_dossiers(seeder: Seeder) -> None:
    """Every dossier of people.json, then its members, evidence, consents and so on."""
    for item in seeder.world["dossiers"]:
        seeder.add(_dossier(item))
    db.session.flush()
    for item in seeder.world["dossiers"]:
        _members(seeder, item)
        _consents(seeder, item)
        _signatures(seeder, item)
        for evidence in item["evidence"]:
            _evidence(seeder, item, evidence)
        for index, positioning in enumerate(item["positionings"]):
            _positioning(seeder, item, index, positioning)
    db.session.flush()


def seed_jury_sessions(seeder: Seeder) -> None:
    for item in seeder.world["jury_sessions"]:
        session_id = demo_id("jury_session", item["key"])
        seeder.add(
            JurySession(
                id=session_id,
                structure_id=demo_id("structure", item["structure"]),
                scheme=item["scheme"],
                modality=item["modality"],
                held_on=parse_date(item["held_on"]),
                place=item["place"],
                status=item["status"],
            )
        )
        db.session.flush()
        for member in item["members"]:
            seeder.add(
                JuryMember(
                    id=demo_id("jury_member", item["key"], member["person"]),
                    session_id=session_id,
                    person_id=demo_id("person", member["person"]),
                    jury_role=member["jury_role"],
                )
            )
        for dossier in item["dossiers"]:
            seeder.add(
                JuryAssignment(
                    id=demo_id("jury_assignment", item["key"], dossier),
                    session_id=session_id,
                    dossier_id=demo_id("dossier", dossier),
                )
            )
    db.session.flush()


def _steps(item: dict[str, Any]) -> list[dict[str, Any]]:
    """The file's steps, or the scheme's steps with the first one done on opening."""
    if item.get("steps"):
        return [
            {"key": s["key"], "planned_on": s["planned_on"], "done_on": s["done_on"]}
            for s in item["steps"]
        ]
    keys = SCHEME_STEPS[item["scheme"]]
    return [
        {"key": key, "planned_on": None, "done_on": item["opened_on"] if i == 0 else None}
        for i, key in enumerate(keys)
    ]


def _dossier(item: dict[str, Any]) -> Dossier:
    selection = {
        str(_competency_id(item, key)): [str(demo_id("evidence", e)) for e in evidence]
        for key, evidence in item["selection"].items()
    }
    return Dossier(
        id=demo_id("dossier", item["key"]),
        structure_id=demo_id("structure", item["structure"]),
        candidate_id=demo_id("person", item["candidate"]),
        scheme=item["scheme"],
        framework_version_id=version_id_for(None, item["framework"], item["framework_version"]),
        modality=item["modality"],
        status=item["status"],
        title=item["title"],
        steps=_steps(item),
        selection=selection,
        opened_on=parse_date(item["opened_on"]),
    )


def _competency_id(item: dict[str, Any], key: str) -> Any:
    version_id = version_id_for(None, item["framework"], item["framework_version"])
    return child_id(version_id, "competency", key)


def _members(seeder: Seeder, item: dict[str, Any]) -> None:
    for member in item["members"]:
        seeder.add(
            DossierMember(
                id=demo_id("dossier_member", item["key"], member["person"]),
                dossier_id=demo_id("dossier", item["key"]),
                person_id=demo_id("person", member["person"]),
                role=member["role"],
            )
        )


def _consents(seeder: Seeder, item: dict[str, Any]) -> None:
    for index, consent in enumerate(item["consents"]):
        seeder.add(
            Consent(
                id=demo_id("consent", item["key"], str(index)),
                subject_id=demo_id("person", item["candidate"]),
                dossier_id=demo_id("dossier", item["key"]),
                kind=consent["kind"],
                granted=consent["granted"],
                given_by_id=demo_id("person", consent["given_by"]),
                given_at=parse_instant(consent["given_at"]),
            )
        )


def _signatures(seeder: Seeder, item: dict[str, Any]) -> None:
    people = {p["key"]: p for p in seeder.world["people"]}
    for signature in item["signatures"]:
        signer = people[signature["signer"]]
        seeder.add(
            Signature(
                id=demo_id("signature", item["key"], signature["document_kind"], signer["key"]),
                dossier_id=demo_id("dossier", item["key"]),
                document_kind=signature["document_kind"],
                document_sha256=blobs.put_bytes(_letter(seeder, item)),
                signer_id=demo_id("person", signer["key"]),
                signer_name=f"{signer['given_name']} {signer['family_name']}",
                signer_role=signature["signer_role"],
                mark_sha256=None,
                signed_at=parse_instant(signature["signed_at"]),
            )
        )


def _letter(seeder: Seeder, item: dict[str, Any]) -> bytes:
    """The commitment letter the signatures bind to, as plain text (no staff names)."""
    candidate = next(p for p in seeder.world["people"] if p["key"] == item["candidate"])
    structure = next(s for s in seeder.world["structures"] if s["key"] == item["structure"])
    return (
        f"Lettre d'engagement\n\nDossier : {item['title']}\n"
        f"Candidat ou candidate : {candidate['given_name']} {candidate['family_name']}\n"
        f"Structure : {structure['name']}\nOuvert le {item['opened_on']}.\n"
    ).encode()


def _evidence(seeder: Seeder, item: dict[str, Any], evidence: dict[str, Any]) -> None:
    make, media_type = MEDIA.get(evidence["kind"], (None, None))
    dossier_id = demo_id("dossier", item["key"])
    seeder.add(
        Evidence(
            id=demo_id("evidence", evidence["key"]),
            dossier_id=dossier_id,
            author_id=demo_id("person", evidence["author"]),
            kind=evidence["kind"],
            # Stored, linked to the dossier and sniffed as an upload would be (media.operations).
            media_sha256=adopt(make(evidence["key"]), dossier_id) if make else None,
            media_type=media_type,
            caption_text=evidence["caption_text"],
            caption_audio_sha256=None,
            task=evidence["task"],
            competency_ids=[str(_competency_id(item, key)) for key in evidence["competencies"]],
            people_in_picture=evidence["people_in_picture"],
            captured_at=parse_instant(evidence["captured_at"]),
            supersedes_id=None,
        )
    )


def _positioning(
    seeder: Seeder, item: dict[str, Any], index: int, positioning: dict[str, Any]
) -> None:
    items = [
        {
            "competency_id": str(_competency_id(item, entry["competency"])),
            "level_key": entry["level"],
        }
        | ({"comment_text": entry["comment_text"]} if entry.get("comment_text") else {})
        for entry in positioning["items"]
    ]
    seeder.add(
        Positioning(
            id=demo_id("positioning", item["key"], str(index)),
            dossier_id=demo_id("dossier", item["key"]),
            author_id=demo_id("person", positioning["author"]),
            kind=positioning["kind"],
            taken_at=parse_instant(positioning["taken_at"]),
            items=items,
            complete=positioning["complete"],
        )
    )
