"""Record shapes of evidence and annotations (shared_schemas/records/evidence, annotation)."""

from __future__ import annotations

import uuid
from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema
from sqlalchemy import select

from preuves.core.vocab import ANNOTATION_KINDS, EVIDENCE_KINDS, PEOPLE_IN_PICTURE
from preuves.dossiers.models import Dossier
from preuves.evidence.models import Evidence
from preuves.extensions import db
from preuves.frameworks.schemas import require_competencies, require_criteria
from preuves.records.base import RecordSchema
from preuves.records.checks import live, require_text_or_audio

SHA256 = validate.Regexp(r"^[0-9a-f]{64}$")


def require_evidence_of(dossier_id: uuid.UUID, ids: list[Any], field_name: str) -> None:
    """Refuse evidence ids that are not evidence of that dossier (deleted ones included)."""
    wanted = {uuid.UUID(str(i)) for i in ids}
    if not wanted:
        return
    query = select(Evidence.id).where(Evidence.dossier_id == dossier_id, Evidence.id.in_(wanted))
    if missing := wanted - set(db.session.scalars(query)):
        names = ", ".join(sorted(str(m) for m in missing))
        raise ValidationError(f"Not evidence of this dossier: {names}.", field_name)


class EvidenceSchema(RecordSchema):
    dossier_id = fields.UUID(required=True)
    author_id = fields.UUID(dump_only=True, allow_none=True)
    kind = fields.String(required=True, validate=validate.OneOf(EVIDENCE_KINDS))
    media_sha256 = fields.String(allow_none=True, load_default=None, validate=SHA256)
    media_type = fields.String(allow_none=True, load_default=None)
    caption_text = fields.String(allow_none=True, load_default=None)
    caption_audio_sha256 = fields.String(allow_none=True, load_default=None, validate=SHA256)
    task = fields.String(allow_none=True, load_default=None)
    competency_ids = fields.List(fields.UUID(), load_default=list)
    people_in_picture = fields.String(required=True, validate=validate.OneOf(PEOPLE_IN_PICTURE))
    captured_at = fields.AwareDateTime(required=True)
    supersedes_id = fields.UUID(allow_none=True, load_default=None)

    references = {"dossier_id": Dossier}

    @validates_schema
    def _media_unless_text(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data["kind"] != "text" and data["media_sha256"] is None:
            raise ValidationError(f"A {data['kind']} needs its media_sha256.", "media_sha256")

    @validates_schema
    def _text_has_its_text(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data["kind"] == "text" and not (data["caption_text"] or "").strip():
            raise ValidationError("A text evidence needs its caption_text.", "caption_text")

    @validates_schema
    def _competencies_of_the_framework(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if dossier := live(Dossier, data["dossier_id"]):
            require_competencies(
                dossier.framework_version_id, data["competency_ids"], "competency_ids"
            )

    @validates_schema
    def _supersedes_evidence_of_the_dossier(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data["supersedes_id"] is not None and live(Dossier, data["dossier_id"]):
            require_evidence_of(data["dossier_id"], [data["supersedes_id"]], "supersedes_id")


class AnnotationSchema(RecordSchema):
    dossier_id = fields.UUID(required=True)
    evidence_id = fields.UUID(required=True)
    author_id = fields.UUID(dump_only=True, allow_none=True)
    kind = fields.String(required=True, validate=validate.OneOf(ANNOTATION_KINDS))
    body_text = fields.String(allow_none=True, load_default=None)
    body_audio_sha256 = fields.String(allow_none=True, load_default=None, validate=SHA256)
    competency_ids = fields.List(fields.UUID(), load_default=list)
    criterion_ids = fields.List(fields.UUID(), load_default=list)

    references = {"dossier_id": Dossier, "evidence_id": Evidence}

    @validates_schema
    def _evidence_of_the_dossier(self, data: dict[str, Any], **_kwargs: Any) -> None:
        evidence = live(Evidence, data["evidence_id"])
        if evidence is not None and evidence.dossier_id != data["dossier_id"]:
            raise ValidationError("The evidence belongs to another dossier.", "evidence_id")

    @validates_schema
    def _says_why_unless_validated(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data["kind"] != "validated":
            require_text_or_audio(data, "body_text", "body_audio_sha256")

    @validates_schema
    def _ids_of_the_framework(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if dossier := live(Dossier, data["dossier_id"]):
            version_id = dossier.framework_version_id
            require_competencies(version_id, data["competency_ids"], "competency_ids")
            require_criteria(version_id, data["criterion_ids"], "criterion_ids")
