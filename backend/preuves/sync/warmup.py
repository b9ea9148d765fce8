"""What a gunicorn worker builds before its first request (preuves.wsgi).

A push builds, the first time it meets a record type, that type's compiled JSON Schema, its
marshmallow schema and load plan, its dump plan and its column defaults. In a fresh worker
that is some 30 ms on top of the first batch of a tablet coming back online; built at
start, they are also frozen with the rest of the start-up objects, out of the garbage
collector's sight.
"""

from __future__ import annotations

from preuves.core import jsonschemas
from preuves.records import fields, loader
from preuves.records.catalogue import RECORD_TYPES
from preuves.sync import push, rows


def build_record_machinery(schemas_dir: str) -> None:
    """Build now, for every record type, what its first load, check and answer would."""
    jsonschemas.fast_validator_for(schemas_dir, push.REQUEST_SCHEMA)
    for kind in RECORD_TYPES.values():
        jsonschemas.fast_validator_for(schemas_dir, kind.schema_name)
        loader.prepare(fields.schema_of(kind))
        fields.prepare(kind)
        rows.prepare(kind.model)
