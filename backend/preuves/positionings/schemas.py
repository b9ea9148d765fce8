"""Record shape of positionings: dated snapshots (shared_schemas/records/positioning)."""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema

from preuves.core.vocab import POSITIONING_KINDS
from preuves.dossiers.models import Dossier
from preuves.evidence.schemas import require_evidence_of
from preuves.frameworks.schemas import require_competencies, require_level_keys
from preuves.records.base import RecordSchema
from preuves.records.checks import live

SHA256 = validate.Regexp(r"^[0-9a-f]{64}$")


class PositioningItemSchema(Schema):
    """Where the candidate stands on one competency; optional parts stay absent if not given."""

    class Meta:
        unknown = RAISE

    competency_id = fields.UUID(required=True)
    level_key = fields.String(required=True, validate=validate.Length(1, 80))
    comment_text = fields.String(allow_none=True)
    comment_audio_sha256 = fields.String(allow_none=True, validate=SHA256)
    evidence_ids = fields.List(fields.UUID())


class PositioningSchema(RecordSchema):
    dossier_id = fields.UUID(required=True)
    author_id = fields.UUID(dump_only=True, allow_none=True)
    kind = fields.String(required=True, validate=validate.OneOf(POSITIONING_KINDS))
    taken_at = fields.AwareDateTime(required=True)
    items = fields.List(
        fields.Nested(PositioningItemSchema), required=True, validate=validate.Length(1, 500)
    )
    complete = fields.Boolean(load_default=False)

    references = {"dossier_id": Dossier}

    @validates_schema
    def _each_competency_once(self, data: dict[str, Any], **_kwargs: Any) -> None:
        ids = [item["competency_id"] for item in data["items"]]
        if len(ids) != len(set(ids)):
            raise ValidationError("A competency appears twice in items.", "items")

    @validates_schema
    def _items_of_the_framework(self, data: dict[str, Any], **_kwargs: Any) -> None:
        dossier = live(Dossier, data["dossier_id"])
        if dossier is None:
            return
        version_id = dossier.framework_version_id
        require_competencies(version_id, [i["competency_id"] for i in data["items"]], "items")
        require_level_keys(version_id, [i["level_key"] for i in data["items"]], "items")

    @validates_schema
    def _evidence_of_the_dossier(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if live(Dossier, data["dossier_id"]) is None:
            return
        ids = [e for item in data["items"] for e in item.get("evidence_ids", [])]
        require_evidence_of(data["dossier_id"], ids, "items")
