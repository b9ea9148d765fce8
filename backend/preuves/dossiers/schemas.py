"""Record shapes of dossiers and their members (shared_schemas/records/dossier, dossier_member)."""

from __future__ import annotations

from datetime import date
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema
from sqlalchemy import select

from preuves.core.vocab import (
    DOSSIER_MEMBER_ROLES,
    DOSSIER_STATUSES,
    MODALITIES,
    SCHEME_STEPS,
    SCHEMES,
)
from preuves.dossiers.models import Dossier, DossierMember
from preuves.evidence.schemas import require_evidence_of
from preuves.extensions import db
from preuves.frameworks.models import FrameworkVersion
from preuves.frameworks.schemas import require_competencies
from preuves.people.models import Membership, Person
from preuves.records.base import RecordSchema
from preuves.records.checks import live, require_unique
from preuves.structures.models import Structure

UUID_KEY = validate.Regexp(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


class JsonDate(fields.Date):
    """A date kept inside a JSON column: stored as its ISO string, served as is."""

    def _serialize(self, value: date | str | None, attr: Any, obj: Any, **kwargs: Any) -> Any:
        return value if isinstance(value, str) else super()._serialize(value, attr, obj, **kwargs)


class StepSchema(Schema):
    class Meta:
        unknown = RAISE

    key = fields.String(required=True)
    planned_on = JsonDate(allow_none=True, load_default=None)
    done_on = JsonDate(allow_none=True, load_default=None)


class DossierSchema(RecordSchema):
    structure_id = fields.UUID(required=True)
    candidate_id = fields.UUID(required=True)
    scheme = fields.String(required=True, validate=validate.OneOf(SCHEMES))
    framework_version_id = fields.UUID(required=True)
    modality = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(MODALITIES)
    )
    status = fields.String(required=True, validate=validate.OneOf(DOSSIER_STATUSES))
    title = fields.String(allow_none=True, load_default=None)
    steps = fields.List(fields.Nested(StepSchema), load_default=list)
    selection = fields.Dict(
        keys=fields.String(validate=UUID_KEY), values=fields.List(fields.UUID()), load_default=dict
    )
    opened_on = fields.Date(allow_none=True, load_default=None)

    references = {
        "structure_id": Structure,
        "candidate_id": Person,
        "framework_version_id": FrameworkVersion,
    }

    @validates_schema
    def _framework_published_for_the_structure(self, data: dict[str, Any], **_kw: Any) -> None:
        version = live(FrameworkVersion, data["framework_version_id"])
        stored = db.session.get(Dossier, data["id"])
        if version is None or (stored and stored.framework_version_id == version.id):
            return  # a dossier keeps its version, even once that version is retired
        if version.status != "published":
            raise ValidationError("The framework version is not published.", "framework_version_id")
        if version.structure_id not in (None, data["structure_id"]):
            raise ValidationError(
                "The framework version belongs to another structure.", "framework_version_id"
            )

    @validates_schema
    def _modality_only_for_rae(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data["scheme"] == "rae" and data["modality"] is None:
            raise ValidationError("An RAE dossier needs a modality.", "modality")
        if data["scheme"] != "rae" and data["modality"] is not None:
            raise ValidationError("Only an RAE dossier has a modality.", "modality")

    @validates_schema
    def _candidate_of_the_structure(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if live(Person, data["candidate_id"]) is None:
            return
        query = select(Membership.id).where(
            Membership.person_id == data["candidate_id"],
            Membership.role == "candidate",
            Membership.structure_id == data["structure_id"],
            Membership.deleted.is_(False),
        )
        if db.session.scalar(query.limit(1)) is None:
            raise ValidationError(
                "This person is not a candidate of the structure.", "candidate_id"
            )

    @validates_schema
    def _steps_of_the_scheme(self, data: dict[str, Any], **_kwargs: Any) -> None:
        keys = [step["key"] for step in data["steps"]]
        if unknown := set(keys) - set(SCHEME_STEPS[data["scheme"]]):
            raise ValidationError(f"Not steps of {data['scheme']}: {sorted(unknown)}.", "steps")
        if len(keys) != len(set(keys)):
            raise ValidationError("A step appears twice.", "steps")

    @validates_schema
    def _selection_within_the_dossier(self, data: dict[str, Any], **_kwargs: Any) -> None:
        version = live(FrameworkVersion, data["framework_version_id"])
        if version is None:
            return
        require_competencies(version.id, list(data["selection"]), "selection")
        evidence_ids = [i for ids in data["selection"].values() for i in ids]
        require_evidence_of(data["id"], evidence_ids, "selection")


class DossierMemberSchema(RecordSchema):
    dossier_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    role = fields.String(required=True, validate=validate.OneOf(DOSSIER_MEMBER_ROLES))

    references = {"dossier_id": Dossier, "person_id": Person}

    @validates_schema
    def _member_once(self, data: dict[str, Any], **_kwargs: Any) -> None:
        require_unique(
            DossierMember,
            data["id"],
            "person_id",
            dossier_id=data["dossier_id"],
            person_id=data["person_id"],
        )
