"""Record shapes of jury sessions, members, assignments and decisions (shared_schemas/records/)."""

from __future__ import annotations

from typing import Any

from marshmallow import ValidationError, fields, validate, validates_schema
from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.core.vocab import (
    DECISION_OUTCOMES,
    JURY_ROLES,
    JURY_SESSION_STATUSES,
    MODALITIES,
    OVERALL_OUTCOMES,
    SCHEMES,
)
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.frameworks.schemas import (
    require_block_keys,
    require_competencies,
    require_level_keys,
)
from preuves.juries import composition
from preuves.juries.models import JuryAssignment, JuryMember, JurySession
from preuves.people.models import Person
from preuves.records.base import RecordSchema
from preuves.records.checks import live, require_unique
from preuves.structures.models import Structure

KEY = validate.Regexp(r"^[a-z0-9][a-z0-9-]{0,79}$")


class JurySessionSchema(RecordSchema):
    structure_id = fields.UUID(required=True)
    scheme = fields.String(required=True, validate=validate.OneOf(SCHEMES))
    modality = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(MODALITIES)
    )
    held_on = fields.Date(required=True)
    place = fields.String(required=True, validate=validate.Length(1, 200))
    status = fields.String(required=True, validate=validate.OneOf(JURY_SESSION_STATUSES))

    references = {"structure_id": Structure}

    @validates_schema
    def _modality_of_the_scheme(self, data: dict[str, Any], **_kwargs: Any) -> None:
        known = composition.modalities(data["scheme"])
        if known is not None and data["modality"] not in known:
            raise ValidationError(
                f"A {data['scheme']} session has one of the modalities {', '.join(known)}.",
                "modality",
            )


class JuryMemberSchema(RecordSchema):
    session_id = fields.UUID(required=True)
    person_id = fields.UUID(required=True)
    jury_role = fields.String(required=True, validate=validate.OneOf(JURY_ROLES))

    references = {"session_id": JurySession, "person_id": Person}

    @validates_schema
    def _fits_the_make_up(self, data: dict[str, Any], **_kwargs: Any) -> None:
        session = live(JurySession, data["session_id"])
        if session is not None and not data["deleted"]:
            composition.check_member(session, data["person_id"], data["jury_role"])

    @validates_schema
    def _member_once(self, data: dict[str, Any], **_kwargs: Any) -> None:
        require_unique(
            JuryMember,
            data["id"],
            "person_id",
            session_id=data["session_id"],
            person_id=data["person_id"],
        )


class JuryAssignmentSchema(RecordSchema):
    session_id = fields.UUID(required=True)
    dossier_id = fields.UUID(required=True)

    references = {"session_id": JurySession, "dossier_id": Dossier}

    @validates_schema
    def _same_scheme(self, data: dict[str, Any], **_kwargs: Any) -> None:
        session, dossier = live(JurySession, data["session_id"]), live(Dossier, data["dossier_id"])
        if session and dossier and session.scheme != dossier.scheme:
            raise ValidationError(
                f"The session judges {session.scheme} dossiers, not {dossier.scheme}.", "dossier_id"
            )

    @validates_schema
    def _assigned_once(self, data: dict[str, Any], **_kwargs: Any) -> None:
        require_unique(
            JuryAssignment,
            data["id"],
            "dossier_id",
            session_id=data["session_id"],
            dossier_id=data["dossier_id"],
        )


class DecisionSchema(RecordSchema):
    session_id = fields.UUID(required=True)
    dossier_id = fields.UUID(required=True)
    competency_id = fields.UUID(allow_none=True, load_default=None)
    outcome = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(DECISION_OUTCOMES)
    )
    level_key = fields.String(allow_none=True, load_default=None, validate=KEY)
    overall_outcome = fields.String(
        allow_none=True, load_default=None, validate=validate.OneOf(OVERALL_OUTCOMES)
    )
    validated_block_keys = fields.List(fields.String(validate=KEY), load_default=list)
    comment = fields.String(allow_none=True, load_default=None)
    decided_by_id = fields.UUID(dump_only=True, allow_none=True)
    decided_at = fields.AwareDateTime(required=True)

    references = {"session_id": JurySession, "dossier_id": Dossier}

    @validates_schema
    def _while_the_session_is_open(self, data: dict[str, Any], **_kwargs: Any) -> None:
        # Checked with the shape, before the dossier's visibility: a member whose session
        # closed while they were offline learns why their decision is refused.
        session = live(JurySession, data["session_id"])
        if session is not None and session.status != "open":
            raise Problem(
                "jury_session_not_open",
                f"The session is {session.status}: decisions are taken while it is open.",
                session_status=session.status,
            )

    @validates_schema
    def _competency_or_overall(self, data: dict[str, Any], **_kwargs: Any) -> None:
        on_competency = data["competency_id"] is not None or data["outcome"] is not None
        if on_competency and data["overall_outcome"] is not None:
            raise ValidationError(
                "Decide on one competency or overall, not both.", "overall_outcome"
            )
        if on_competency and (data["competency_id"] is None or data["outcome"] is None):
            raise ValidationError(
                "A competency decision needs competency_id and outcome.", "outcome"
            )
        if not on_competency and data["overall_outcome"] is None:
            raise ValidationError(
                "Give competency_id and outcome, or overall_outcome.", "overall_outcome"
            )

    @validates_schema
    def _parts_of_their_kind(self, data: dict[str, Any], **_kwargs: Any) -> None:
        if data["level_key"] is not None and data["competency_id"] is None:
            raise ValidationError("Only a competency decision has a level_key.", "level_key")
        partial = data["overall_outcome"] == "validation_partielle"
        if partial != bool(data["validated_block_keys"]):
            raise ValidationError(
                "A partial validation, and only it, names the validated blocks.",
                "validated_block_keys",
            )

    @validates_schema
    def _keys_of_the_framework(self, data: dict[str, Any], **_kwargs: Any) -> None:
        dossier = live(Dossier, data["dossier_id"])
        if dossier is None:
            return
        version_id = dossier.framework_version_id
        competency, level = data["competency_id"], data["level_key"]
        require_competencies(version_id, [competency] if competency else [], "competency_id")
        require_level_keys(version_id, [level] if level else [], "level_key")
        require_block_keys(version_id, data["validated_block_keys"], "validated_block_keys")

    @validates_schema
    def _dossier_assigned_to_the_session(self, data: dict[str, Any], **_kwargs: Any) -> None:
        session, dossier = live(JurySession, data["session_id"]), live(Dossier, data["dossier_id"])
        if session is None or dossier is None:
            return
        assigned = db.session.scalar(
            select(JuryAssignment.id)
            .where(
                JuryAssignment.session_id == session.id,
                JuryAssignment.dossier_id == dossier.id,
                JuryAssignment.deleted.is_(False),
            )
            .limit(1)
        )
        if assigned is None:
            raise ValidationError("The dossier is not assigned to this session.", "dossier_id")
