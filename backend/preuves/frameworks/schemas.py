"""Record shape of framework versions, and the checks other records make against a framework."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from typing import Any

from marshmallow import ValidationError, fields, post_load, validate, validates_schema
from sqlalchemy import select

from preuves.core.vocab import FRAMEWORK_STATUSES
from preuves.extensions import db
from preuves.frameworks import children  # noqa: F401  (rebuilds child rows on every write)
from preuves.frameworks.importer import rule_errors
from preuves.frameworks.models import Block, Competency, Criterion, FrameworkVersion, Level
from preuves.records.base import RecordSchema
from preuves.records.checks import require_unique
from preuves.structures.models import Structure

# The columns the server copies from the document: they are not record fields.
DERIVED_FROM_DOCUMENT = ("slug", "version", "title", "kind")


def _refuse_unknown(wanted: set[Any], found: Iterable[Any], what: str, field_name: str) -> None:
    if missing := wanted - set(found):
        names = ", ".join(sorted(str(m) for m in missing))
        raise ValidationError(f"Not {what} of the framework version: {names}.", field_name)


def require_competencies(version_id: uuid.UUID, ids: list[Any], field_name: str) -> None:
    """Refuse competency ids that are not of that framework version."""
    wanted = {uuid.UUID(str(i)) for i in ids}
    if wanted:
        query = select(Competency.id).where(
            Competency.version_id == version_id, Competency.id.in_(wanted)
        )
        _refuse_unknown(wanted, db.session.scalars(query), "a competency", field_name)


def require_criteria(version_id: uuid.UUID, ids: list[Any], field_name: str) -> None:
    """Refuse criterion ids that are not of that framework version."""
    wanted = {uuid.UUID(str(i)) for i in ids}
    if wanted:
        query = (
            select(Criterion.id)
            .join(Competency)
            .where(Competency.version_id == version_id, Criterion.id.in_(wanted))
        )
        _refuse_unknown(wanted, db.session.scalars(query), "a criterion", field_name)


def require_level_keys(version_id: uuid.UUID, keys: Iterable[str], field_name: str) -> None:
    """Refuse level keys that are not on that framework version's scale."""
    query = select(Level.key).where(Level.version_id == version_id)
    _refuse_unknown(set(keys), db.session.scalars(query), "a level", field_name)


def require_block_keys(version_id: uuid.UUID, keys: Iterable[str], field_name: str) -> None:
    """Refuse block keys that are not blocks of that framework version."""
    query = select(Block.key).where(Block.version_id == version_id)
    _refuse_unknown(set(keys), db.session.scalars(query), "a block", field_name)


class FrameworkVersionSchema(RecordSchema):
    structure_id = fields.UUID(required=True, allow_none=True)
    status = fields.String(required=True, validate=validate.OneOf(FRAMEWORK_STATUSES))
    # The import format (shared_schemas/framework.schema.json), checked by the JSON Schema.
    document = fields.Dict(required=True)

    references = {"structure_id": Structure}

    @validates_schema
    def _frozen_once_published(self, data: dict[str, Any], **_kwargs: Any) -> None:
        stored = db.session.get(FrameworkVersion, data["id"])
        if stored is None or stored.status == "draft":
            return
        if data["status"] == "draft":
            raise ValidationError("A published version cannot become a draft again.", "status")
        if data["document"] != stored.document:
            raise ValidationError(
                "A published version is never edited; import a new version.", "document"
            )

    @validates_schema
    def _version_is_new(self, data: dict[str, Any], **_kwargs: Any) -> None:
        document = data["document"]
        require_unique(
            FrameworkVersion,
            data["id"],
            "document",
            structure_id=data.get("structure_id"),
            slug=document.get("slug"),
            version=document.get("version"),
        )

    @validates_schema
    def _follows_the_import_rules(self, data: dict[str, Any], **_kwargs: Any) -> None:
        # The same rules as an import (unique keys, ranks, media): the child rows need them.
        if errors := rule_errors(data["document"]):
            raise ValidationError({e["pointer"] or "/": [e["message"]] for e in errors}, "document")

    @post_load
    def _derive_columns(self, data: dict[str, Any], **_kwargs: Any) -> dict[str, Any]:
        return data | {key: data["document"].get(key) for key in DERIVED_FROM_DOCUMENT}
