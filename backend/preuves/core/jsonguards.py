"""Guards on JSON that clients send, shared by the record API and sync pushes."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import orjson

from preuves.core.errors import Problem

MAX_JSON_DEPTH = 32  # records nest a few levels; deeper is an attack or a mistake


def depth(value: Any) -> int:
    """How deeply arrays and objects nest, counted a level at a time, without recursion."""
    deepest, level = 0, [value]
    # Only containers go down a level: a batch holds thousands of plain values.
    while level := [node for node in level if isinstance(node, dict | list)]:
        deepest += 1
        below: list[Any] = []
        for node in level:
            below += node.values() if isinstance(node, dict) else node
        level = below
    return deepest


def refuse_deep(value: Any, code: str = "invalid_json", limit: int = MAX_JSON_DEPTH) -> None:
    """A problem when the JSON nests deeper than `limit` levels."""
    if depth(value) > limit:
        raise Problem(code, f"The JSON nests deeper than {limit} levels.")


def refuse_nul(value: Any, pointer: str = "") -> None:
    """PostgreSQL cannot store U+0000 in text or JSON: refuse it on every database alike."""
    if _has_nul(value):
        _refuse_nul_at(value, pointer)


def _has_nul(value: Any) -> bool:
    """The quick look every record gets: orjson writes U+0000 as `\\u0000`, in C. A text that
    only spells it out (`\\\\u0000`) matches too, and is then searched for nothing."""
    try:
        return b"\\u0000" in orjson.dumps(value)
    except TypeError:  # not orjson's JSON (an integer past 64 bits): search it
        return True


def _refuse_nul_at(value: Any, pointer: str) -> None:
    if isinstance(value, str) and "\x00" in value:
        raise Problem(
            "invalid_record",
            "Text may not contain U+0000.",
            errors=[{"pointer": pointer or "/", "message": "U+0000 is not allowed."}],
        )
    if isinstance(value, dict):
        for key, item in value.items():
            _refuse_nul_at(key, pointer)
            _refuse_nul_at(item, f"{pointer}/{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _refuse_nul_at(item, f"{pointer}/{index}")


def refuse_unstorable_times(data: dict[str, Any]) -> None:
    """A time stored in UTC must exist in UTC (0001-01-01T00:00+14:00 does not)."""
    for key, value in data.items():
        if not isinstance(value, datetime) or value.tzinfo is None:
            continue
        try:
            value.astimezone(UTC)
        except OverflowError:
            raise Problem(
                "invalid_record",
                f"{key} is out of range once in UTC.",
                errors=[{"pointer": f"/{key}", "message": "Out of range once in UTC."}],
            ) from None
