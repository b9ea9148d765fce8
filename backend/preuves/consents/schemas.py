"""Record shapes of consents and signatures (shared_schemas/records/consent, signature)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from preuves.core.vocab import CONSENT_KINDS, SIGNED_DOCUMENTS, SIGNER_ROLES
from preuves.dossiers.models import Dossier
from preuves.people.models import Person
from preuves.records.base import RecordSchema
from preuves.records.checks import live

SHA256 = validate.Regexp(r"^[0-9a-f]{64}$")


class ConsentSchema(RecordSchema):
    subject_id = fields.UUID(required=True)
    dossier_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(CONSENT_KINDS))
    granted = fields.Boolean(required=True)
    given_by_id = fields.UUID(allow_none=True, load_default=None)
    given_at = fields.AwareDateTime(required=True)

    references = {"subject_id": Person, "dossier_id": Dossier, "given_by_id": Person}

    @validates_schema
    def _subject_is_the_candidate(self, data: dict[str, Any], **_kwargs: Any) -> None:
        dossier = live(Dossier, data["dossier_id"])
        if dossier is not None and dossier.candidate_id != data["subject_id"]:
            raise ValidationError("The subject is not the dossier's candidate.", "subject_id")


class SignatureSchema(RecordSchema):
    dossier_id = fields.UUID(required=True)
    document_kind = fields.String(required=True, validate=validate.OneOf(SIGNED_DOCUMENTS))
    document_sha256 = fields.String(required=True, validate=SHA256)
    signer_id = fields.UUID(allow_none=True, load_default=None)
    signer_name = fields.String(required=True, validate=validate.Length(1, 200))
    signer_role = fields.String(required=True, validate=validate.OneOf(SIGNER_ROLES))
    mark_sha256 = fields.String(allow_none=True, load_default=None, validate=SHA256)
    signed_at = fields.AwareDateTime(required=True)

    references = {"dossier_id": Dossier, "signer_id": Person}
