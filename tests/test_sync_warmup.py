"""sync/warmup.py: what a worker builds at start is what a first push would have built."""

from __future__ import annotations

from preuves.config import REPO_ROOT
from preuves.core import jsonschemas
from preuves.records import fields, loader
from preuves.records.catalogue import RECORD_TYPES
from preuves.sync import push, rows
from preuves.sync.warmup import build_record_machinery

SCHEMAS = str(REPO_ROOT / "shared_schemas")


def test_every_record_type_is_ready_before_the_first_request():
    jsonschemas.fast_validator_for.cache_clear()
    fields._dumpers.cache_clear()
    fields._served_dumpers.cache_clear()
    rows._defaults.cache_clear()
    build_record_machinery(SCHEMAS)
    assert jsonschemas.fast_validator_for.cache_info().currsize == len(RECORD_TYPES) + 1
    assert fields._dumpers.cache_info().currsize == len(RECORD_TYPES)
    assert fields._served_dumpers.cache_info().currsize == len(RECORD_TYPES)
    assert rows._defaults.cache_info().currsize == len(RECORD_TYPES)
    for kind in RECORD_TYPES.values():
        assert fields.schema_of(kind) in loader._plans
    # Built, then only looked up: a push's first validation finds it.
    hits = jsonschemas.fast_validator_for.cache_info().hits
    jsonschemas.fast_validator_for(SCHEMAS, push.REQUEST_SCHEMA)
    assert jsonschemas.fast_validator_for.cache_info().hits == hits + 1
