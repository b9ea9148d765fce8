"""core/jsonguards.py: how deep JSON nests, and U+0000 found wherever it hides."""

from __future__ import annotations

import pytest

from preuves.core import jsonguards
from preuves.core.errors import Problem


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("plain", 0),
        (7, 0),
        ({}, 1),
        ([1, "a", None], 1),
        ({"a": {"b": [1, 2]}, "c": 3}, 3),
        ([[], [[[]]], {"x": [{}]}], 4),
    ],
)
def test_depth_counts_containers_only(value, expected):
    assert jsonguards.depth(value) == expected


def test_refuse_deep_allows_the_limit_and_refuses_one_more():
    nested: list = []
    for _ in range(31):
        nested = [nested]
    jsonguards.refuse_deep(nested)  # 32 levels
    with pytest.raises(Problem) as refused:
        jsonguards.refuse_deep([nested], code="invalid_batch")
    assert refused.value.code == "invalid_batch"


@pytest.mark.parametrize(
    ("value", "pointer"),
    [
        ("a\x00b", "/"),
        ({"caption": "ok", "steps": [{"note": "x"}, {"note": "\x00"}]}, "/steps/1/note"),
        ({"ke\x00y": "value"}, "/"),
    ],
)
def test_refuse_nul_names_where_it_is(value, pointer):
    with pytest.raises(Problem) as refused:
        jsonguards.refuse_nul(value)
    assert refused.value.extra["errors"][0]["pointer"] == pointer


def test_refuse_nul_lets_everything_else_through():
    jsonguards.refuse_nul({"text": "Léa a coupé les légumes.", "n": [1, 2.5, None, True]})


@pytest.mark.parametrize(
    "value",
    [
        {"text": "written out: \\u0000, not the character"},  # the quick look matches: no NUL
        {"count": 2**70, "text": "a number past 64 bits"},  # beyond orjson: searched instead
    ],
)
def test_refuse_nul_is_not_fooled_by_what_the_quick_look_cannot_read(value):
    jsonguards.refuse_nul(value)


def test_refuse_nul_finds_it_beside_a_number_past_64_bits():
    with pytest.raises(Problem) as refused:
        jsonguards.refuse_nul({"count": 2**70, "notes": ["ok", "\x00"]})
    assert refused.value.extra["errors"][0]["pointer"] == "/notes/1"
