"""Record shape of testimonies and endorsements (shared_schemas/records/testimony)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate, validates_schema

from preuves.core.vocab import TESTIMONY_KINDS
from preuves.dossiers.models import Dossier
from preuves.frameworks.schemas import require_competencies
from preuves.people.models import Person
from preuves.records.base import RecordSchema
from preuves.records.checks import live, require_text_or_audio
from preuves.testimonies.links import status
from preuves.testimonies.models import TestimonyRequest

SHA256 = validate.Regexp(r"^[0-9a-f]{64}$")


class TestimonySchema(RecordSchema):
    dossier_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(TESTIMONY_KINDS))
    author_person_id = fields.UUID(allow_none=True, load_default=None)
    author_name = fields.String(required=True, validate=validate.Length(1, 200))
    author_role = fields.String(required=True, validate=validate.Length(1, 200))
    body_text = fields.String(allow_none=True, load_default=None)
    body_audio_sha256 = fields.String(allow_none=True, load_default=None, validate=SHA256)
    competency_ids = fields.List(fields.UUID(), load_default=list)
    given_at = fields.AwareDateTime(required=True)

    references = {"dossier_id": Dossier, "author_person_id": Person}

    @validates_schema
    def _says_something(self, data: dict[str, Any], **_kwargs: Any) -> None:
        require_text_or_audio(data, "body_text", "body_audio_sha256")

    @validates_schema
    def _competencies_of_the_framework(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if dossier := live(Dossier, data["dossier_id"]):
            require_competencies(
                dossier.framework_version_id, data["competency_ids"], "competency_ids"
            )


def request_json(asked: TestimonyRequest) -> dict[str, Any]:
    """A testimony request as staff see it; never its token, which only the link holds."""

    def iso(value: Any) -> str | None:
        return value.isoformat() if value else None

    return {
        "id": str(asked.id),
        "dossier_id": str(asked.dossier_id),
        "competency_ids": list(asked.competency_ids),
        "witness_name": asked.witness_name,
        "witness_role": asked.witness_role,
        "message": asked.message,
        "requested_by_id": str(asked.requested_by_id),
        "status": status(asked),
        "created_at": iso(asked.created_at),
        "expires_at": iso(asked.expires_at),
        "used_at": iso(asked.used_at),
        "revoked_at": iso(asked.revoked_at),
        "testimony_id": str(asked.testimony_id) if asked.testimony_id else None,
    }
