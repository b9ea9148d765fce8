"""Record shapes of structures and workshops (shared_schemas/records/structure, workshop)."""

from __future__ import annotations

from marshmallow import fields, validate

from preuves.core.vocab import STRUCTURE_KINDS
from preuves.records.base import RecordSchema
from preuves.structures.models import Structure


class StructureSchema(RecordSchema):
    name = fields.String(required=True, validate=validate.Length(1, 200))
    kind = fields.String(required=True, validate=validate.OneOf(STRUCTURE_KINDS))
    city = fields.String(allow_none=True, load_default=None)
    settings = fields.Dict(keys=fields.String(), load_default=dict)


class WorkshopSchema(RecordSchema):
    structure_id = fields.UUID(required=True)
    name = fields.String(required=True, validate=validate.Length(1, 200))

    references = {"structure_id": Structure}
