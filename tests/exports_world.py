"""A dossier with everything an export shows, made of real media: a photo with GPS in its
EXIF, an H.264 video, an AAC sound, a spoken caption, testimonies, annotations, both
positionings, a closed jury session with its decisions and a signed procès-verbal."""

from __future__ import annotations

import io
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from functools import cache
from pathlib import Path
from typing import Any

from PIL import Image

from factories import (
    _add,
    add_guardian,
    create_dossier,
    create_framework,
    create_jury_session,
    create_person,
    create_structure,
    link_blob,
    token_for,
)
from media_samples import ffmpeg, jpeg_turned_with_gps
from preuves.consents.models import Signature
from preuves.core.ids import uuid7
from preuves.evidence.models import Annotation, Evidence
from preuves.extensions import db
from preuves.frameworks.models import Block, Competency
from preuves.juries.minutes import current_sha256
from preuves.juries.models import Decision
from preuves.media.derivatives import jobs, worker
from preuves.positionings.models import Positioning
from preuves.testimonies.models import Testimony

SYNC = {"rev": 1}
WORDINGS = [
    ("Je mets la table pour le service.", "Dresser la table selon les règles du service"),
    ("Je lave la vaisselle.", "Assurer le lavage de la vaisselle en respectant l'hygiène"),
    ("Je range la réserve.", "Ranger les produits en réserve selon la méthode FIFO"),
]
AT = datetime(2027, 1, 10, 9, 30, tzinfo=UTC)


@dataclass
class World:
    structure: Any
    dossier: Any
    competencies: list[Any]
    evidence: list[Any]
    session: Any
    tokens: dict[str, str]
    originals: dict[str, str]  # evidence kind (or "caption") -> original sha256


def h264_mp4(path: Path) -> Path:
    """One second of H.264 and AAC in MP4 (what an iPad records), with a place in its tags."""
    ffmpeg("-f", "lavfi", "-i", "testsrc=size=320x240:rate=15:duration=1", "-f", "lavfi",
           "-i", "sine=frequency=440:duration=1", "-c:v", "libx264", "-pix_fmt", "yuv420p",
           "-c:a", "aac", "-metadata", "location=+48.8566+002.3522/", str(path))  # fmt: skip
    return path


def aac_m4a(path: Path, frequency: int = 330) -> Path:
    """One second of AAC in M4A (a voice note)."""
    ffmpeg("-f", "lavfi", "-i", f"sine=frequency={frequency}:duration=1", "-c:a", "aac",
           "-f", "ipod", str(path))  # fmt: skip
    return path


@cache
def sample(name: str) -> bytes:
    """The sample files, made once per test run (ffmpeg takes a moment each)."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        makers = {"photo.jpg": jpeg_turned_with_gps, "video.mp4": h264_mp4,
                  "sound.m4a": aac_m4a, "voice.m4a": lambda p: aac_m4a(p, 550)}  # fmt: skip
        return makers[name](path).read_bytes()


def png_mark() -> bytes:
    """A drawn signature: a black stroke on white."""
    image = Image.new("RGB", (200, 80), "white")
    image.paste((0, 0, 0), (20, 38, 180, 42))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def _framework(structure: Any) -> tuple[Any, list[Any]]:
    framework = create_framework(structure, slug="restauration")
    block = db.session.query(Block).filter_by(version_id=framework.id).one()
    block.title, block.easy_title = "Service en salle et plonge", "Servir et laver"
    second = _add_block(framework)
    competencies = list(
        db.session.query(Competency)
        .filter_by(version_id=framework.id)
        .order_by(Competency.position)
    )
    competencies.append(
        Competency(
            version_id=framework.id,
            block_id=second.id,
            key="ranger",
            position=1,
            official_wording="",
            easy_wording="",
        )
    )
    db.session.add(competencies[-1])
    for competency, (easy, official) in zip(competencies, WORDINGS, strict=True):
        competency.easy_wording, competency.official_wording = easy, official
    db.session.flush()
    return framework, competencies


def _add_block(framework: Any) -> Block:
    block = Block(id=uuid7(), version_id=framework.id, key="reserve", position=2,
                  title="Gestion de la réserve", easy_title="Ranger la réserve")  # fmt: skip
    db.session.add(block)
    db.session.flush()
    return block


def _evidence(dossier: Any, author: Any, kind: str, competencies: list, **fields: Any) -> Any:
    return _add(
        Evidence(
            id=uuid7(),
            dossier_id=dossier.id,
            author_id=author.id,
            kind=kind,
            competency_ids=[str(c.id) for c in competencies],
            people_in_picture="nobody",
            captured_at=AT,
            **fields,
            **SYNC,
        )
    )


def _upload(data: bytes, dossier: Any, media_type: str, derive: bool) -> str:
    sha256 = link_blob(data, dossier)
    if derive:
        jobs.enqueue_for_blob(sha256, media_type)
    return sha256


def run_media_worker() -> None:
    """Make every derivative waiting, as the background worker does (exports never do)."""
    db.session.commit()
    worker.run(once=True, idle_seconds=0.1)


def build_world(derive: bool = True) -> World:
    """The dossier; `derive` runs the media worker for every medium (without it, the
    exports answer `export_not_ready`)."""
    structure = create_structure("ESAT Les Tilleuls")
    lead = create_person("Nadia", "Benali", roles={structure: ["lead"]})
    worker_person = create_person("Karim", "Haddad", roles={structure: ["support_worker"]})
    candidate = create_person("Léa", "Martin", roles={structure: ["candidate"]})
    guardian = create_person("Paul", "Martin")
    add_guardian(guardian, candidate)
    juror = create_person("Sophie", "Lambert")
    framework, competencies = _framework(structure)
    dossier = create_dossier(structure, candidate, framework, worker_person)
    photo = _upload(sample("photo.jpg"), dossier, "image/jpeg", derive)
    video = _upload(sample("video.mp4"), dossier, "video/mp4", derive)
    sound = _upload(sample("sound.m4a"), dossier, "audio/mp4", derive)
    voice = _upload(sample("voice.m4a"), dossier, "audio/mp4", derive)
    mark = _upload(png_mark(), dossier, "image/png", derive)
    if derive:
        run_media_worker()
    first, second, third = competencies
    evidence = [
        _evidence(dossier, candidate, "photo", [first], media_sha256=photo,
                  media_type="image/jpeg", caption_text="Les couverts sont bien placés.",
                  caption_audio_sha256=voice, task="Mettre la table"),
        _evidence(dossier, candidate, "video", [first, second], media_sha256=video,
                  media_type="video/mp4", caption_text="Je montre la plonge."),
        _evidence(dossier, candidate, "audio", [second], media_sha256=sound,
                  media_type="audio/mp4", caption_text="J'explique le produit vaisselle."),
        _evidence(dossier, worker_person, "text", [third],
                  caption_text="Léa range les yaourts derrière les plus anciens."),
    ]  # fmt: skip
    _add(Annotation(id=uuid7(), dossier_id=dossier.id, evidence_id=evidence[0].id,
                    author_id=worker_person.id, kind="validated",
                    body_text="Très bien, comme au restaurant.", **SYNC))  # fmt: skip
    _add(Testimony(id=uuid7(), dossier_id=dossier.id, kind="testimony",
                   author_name="Marc Dupuis", author_role="Chef de cuisine",
                   body_text="Léa met la table seule et sans erreur.",
                   competency_ids=[str(first.id)], given_at=AT, **SYNC))  # fmt: skip
    _positionings(dossier, candidate, worker_person, competencies)
    session = _judged(structure, juror, dossier, competencies, mark)
    db.session.commit()
    tokens = {
        name: token_for(person)
        for name, person in {
            "lead": lead, "worker": worker_person, "candidate": candidate,
            "guardian": guardian, "juror": juror,
        }.items()
    }  # fmt: skip
    originals = {"photo": photo, "video": video, "audio": sound, "caption": voice}
    return World(structure, dossier, competencies, evidence, session, tokens, originals)


def _positionings(dossier: Any, candidate: Any, worker_person: Any, competencies: list) -> None:
    for kind, author, key, day in (
        ("self", candidate, "seul", 3),
        ("co", worker_person, "avec-aide", 5),
    ):
        items = [{"competency_id": str(c.id), "level_key": key} for c in competencies]
        items[0]["comment_text"] = (
            "Je sais le faire." if kind == "self" else "Encore un peu d'aide."
        )
        _add(Positioning(id=uuid7(), dossier_id=dossier.id, author_id=author.id, kind=kind,
                         taken_at=datetime(2027, 1, day, 10, tzinfo=UTC), items=items,
                         complete=True, **SYNC))  # fmt: skip


OUTCOMES = ("acquis", "en_cours_d_acquisition", "non_acquis")


def decide(session: Any, dossier: Any, competency_id: Any, outcome: str, **fields: Any) -> Any:
    return _add(
        Decision(
            id=uuid7(),
            session_id=session.id,
            dossier_id=dossier.id,
            competency_id=competency_id,
            outcome=outcome,
            decided_at=AT,
            validated_block_keys=fields.pop("validated_block_keys", []),
            **fields,
            **SYNC,
        )
    )


def _judged(structure: Any, juror: Any, dossier: Any, competencies: list, mark: str) -> Any:
    session = create_jury_session(structure, [juror], [dossier])
    session.place, session.held_on = "Salle du conseil, Lyon", date(2027, 2, 15)
    for competency, outcome in zip(competencies, OUTCOMES, strict=True):
        decide(session, dossier, competency.id, outcome, comment=f"Vu en {outcome}.")
    _add(Decision(id=uuid7(), session_id=session.id, dossier_id=dossier.id,
                  overall_outcome="validation_partielle", validated_block_keys=["bloc"],
                  comment="Bravo pour le service.", decided_at=AT, **SYNC))  # fmt: skip
    db.session.flush()
    _add(Signature(id=uuid7(), dossier_id=dossier.id, document_kind="jury_minutes",
                   document_sha256=current_sha256(session.id, dossier.id), signer_id=juror.id,
                   signer_name="Sophie Lambert", signer_role="jury_member",
                   mark_sha256=mark, signed_at=AT, **SYNC))  # fmt: skip
    session.status = "closed"
    return session
