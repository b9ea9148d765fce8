"""What a record type is: its model, its shape, and how it may change."""

from __future__ import annotations

from dataclasses import dataclass

from preuves.core.errors import Problem
from preuves.records.base import RecordSchema


@dataclass(frozen=True)
class RecordType:
    """One synced record type. `name` is also its schema's file name in shared_schemas/records/."""

    name: str
    model: type
    schema: type[RecordSchema]
    # Append-only records are created, then only superseded or tombstoned (ARCHITECTURE.md).
    append_only: bool
    # Fields that tie a record to its tenant or owner; changing them would move it.
    fixed_fields: tuple[str, ...] = ()
    # The model attribute the server sets to the caller's person id on creation.
    author_field: str | None = None

    @property
    def schema_name(self) -> str:
        """The schema's path below shared_schemas/, without .schema.json."""
        return f"records/{self.name}"


def record_type(name: str) -> RecordType:
    """The registered type of that name, or a 404 problem."""
    from preuves.records.catalogue import RECORD_TYPES

    try:
        return RECORD_TYPES[name]
    except KeyError:
        raise Problem("not_found", f"Unknown record type {name!r}.") from None
