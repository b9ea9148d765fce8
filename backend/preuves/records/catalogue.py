"""Every synced record type, as a table. Add a type here and it gets the API and sync."""

from __future__ import annotations

from preuves.records.registry import RecordType
from preuves.structures.models import Structure, Workshop
from preuves.structures.schemas import StructureSchema, WorkshopSchema

_TYPES = (
    RecordType("structure", Structure, StructureSchema, append_only=False),
    RecordType("workshop", Workshop, WorkshopSchema, False, fixed_fields=("structure_id",)),
)

RECORD_TYPES: dict[str, RecordType] = {t.name: t for t in _TYPES}
