"""Record shapes of people, their memberships and guardianships (shared_schemas/records/)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema

from preuves.core.vocab import GUARDIANSHIP_KINDS, LOCALES, ROLES
from preuves.people.models import Guardianship, Membership, Person
from preuves.records.base import RecordSchema
from preuves.records.checks import live, require_unique
from preuves.structures.models import Structure, Workshop

SHA256 = validate.Regexp(r"^[0-9a-f]{64}$")


class PersonSchema(RecordSchema):
    given_name = fields.String(required=True, validate=validate.Length(1, 120))
    family_name = fields.String(required=True, validate=validate.Length(1, 120))
    email = fields.Email(allow_none=True, load_default=None, validate=validate.Length(max=254))
    birth_date = fields.Date(allow_none=True, load_default=None)
    protected_adult = fields.Boolean(load_default=False)
    job_title = fields.String(allow_none=True, load_default=None)
    organisation = fields.String(allow_none=True, load_default=None)
    portrait_sha256 = fields.String(allow_none=True, load_default=None, validate=SHA256)
    locale = fields.String(load_default="fr", validate=validate.OneOf(LOCALES))

    @validates_schema
    def _email_is_free(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data.get("email") is not None:
            require_unique(Person, data["id"], "email", email=data["email"])


class MembershipSchema(RecordSchema):
    person_id = fields.UUID(required=True)
    structure_id = fields.UUID(required=True)
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    workshop_id = fields.UUID(allow_none=True, load_default=None)

    references = {"person_id": Person, "structure_id": Structure, "workshop_id": Workshop}

    @validates_schema
    def _workshop_of_the_structure(self, data: dict[str, Any], **_kwargs: Any) -> None:
        workshop = live(Workshop, data.get("workshop_id"))
        if workshop is not None and workshop.structure_id != data["structure_id"]:
            raise ValidationError("The workshop belongs to another structure.", "workshop_id")

    @validates_schema
    def _role_held_once(self, data: dict[str, Any], **_kwargs: Any) -> None:
        require_unique(
            Membership,
            data["id"],
            "role",
            person_id=data["person_id"],
            structure_id=data["structure_id"],
            role=data["role"],
        )


class GuardianshipSchema(RecordSchema):
    guardian_id = fields.UUID(required=True)
    ward_id = fields.UUID(required=True)
    kind = fields.String(required=True, validate=validate.OneOf(GUARDIANSHIP_KINDS))

    references = {"guardian_id": Person, "ward_id": Person}

    @validates_schema
    def _not_their_own_guardian(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data["guardian_id"] == data["ward_id"]:
            raise ValidationError("A person cannot be their own guardian.", "ward_id")

    @validates_schema
    def _guardianship_held_once(self, data: dict[str, Any], **_kwargs: Any) -> None:
        require_unique(
            Guardianship,
            data["id"],
            "ward_id",
            guardian_id=data["guardian_id"],
            ward_id=data["ward_id"],
        )
