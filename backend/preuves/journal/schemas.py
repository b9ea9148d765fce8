"""Record shape of reflexive journal entries (shared_schemas/records/journal_entry)."""

from __future__ import annotations

from typing import Any

from marshmallow import fields, validate, validates_schema

from preuves.core.vocab import JOURNAL_AUTHOR_ROLES, JOURNAL_PHASES
from preuves.dossiers.models import Dossier
from preuves.records.base import RecordSchema
from preuves.records.checks import require_text_or_audio

SHA256 = validate.Regexp(r"^[0-9a-f]{64}$")


class JournalEntrySchema(RecordSchema):
    dossier_id = fields.UUID(required=True)
    author_id = fields.UUID(dump_only=True, allow_none=True)
    author_role = fields.String(required=True, validate=validate.OneOf(JOURNAL_AUTHOR_ROLES))
    phase = fields.String(required=True, validate=validate.OneOf(JOURNAL_PHASES))
    work_situation = fields.String(allow_none=True, load_default=None)
    body_text = fields.String(allow_none=True, load_default=None)
    body_audio_sha256 = fields.String(allow_none=True, load_default=None, validate=SHA256)
    written_at = fields.AwareDateTime(required=True)

    references = {"dossier_id": Dossier}

    @validates_schema
    def _says_something(self, data: dict[str, Any], **_kwargs: Any) -> None:
        require_text_or_audio(data, "body_text", "body_audio_sha256")
