"""The paths of the OpenAPI document, walked from the app's route table."""

from __future__ import annotations

import re
from itertools import product
from typing import Any, NamedTuple

from werkzeug.routing import Map

from preuves.api.openapi_operations import OPERATIONS

API_PREFIX = "/api/v1/"
IGNORED_METHODS = {"HEAD", "OPTIONS"}
_VARIABLE = re.compile(r"<(?:(?P<conv>\w+)(?:\((?P<args>[^)]*)\))?:)?(?P<name>\w+)>")
CONVERTER_SCHEMAS = {
    "uuid": {"type": "string", "format": "uuid"},
    "int": {"type": "integer", "minimum": 0},
}


class Template(NamedTuple):
    """One OpenAPI path of a Flask rule: `any()` variables bound, the others free."""

    path: str
    bound: dict[str, str]
    free: dict[str, str]


def _any_items(args: str) -> list[str]:
    return sorted(item.strip().strip("'\"") for item in args.split(","))


def expand_rule(rule: str) -> list[Template]:
    """The OpenAPI paths of a Flask rule; `<any(a, b):x>` gives one path per item."""
    matches = list(_VARIABLE.finditer(rule))
    choices = [_any_items(m["args"]) if m["conv"] == "any" else [None] for m in matches]
    templates = []
    for values in product(*choices):
        path, bound, free = rule, {}, {}
        for match, value in zip(matches, values, strict=True):
            path = path.replace(match.group(0), value or "{" + match["name"] + "}", 1)
            if value is None:
                free[match["name"]] = match["conv"] or "default"
            else:
                bound[match["name"]] = value
        templates.append(Template(path, bound, free))
    return templates


def _parameters(free: dict[str, str]) -> list[dict[str, Any]]:
    return [
        {
            "name": name,
            "in": "path",
            "required": True,
            "schema": CONVERTER_SCHEMAS.get(converter, {"type": "string"}),
        }
        for name, converter in free.items()
    ]


def build_paths(url_map: Map) -> dict[str, Any]:
    """Walk the route table: every documented API rule, with its methods."""
    paths: dict[str, Any] = {}
    for rule in sorted(url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(API_PREFIX):
            continue
        for template in expand_rule(rule.rule):
            for method in sorted((rule.methods or set()) - IGNORED_METHODS):
                builder = OPERATIONS.get((rule.endpoint, method.lower()))
                if builder is None:
                    continue  # undocumented: tests/test_openapi.py names it
                item = paths.setdefault(template.path, {})
                item[method.lower()] = builder(template.bound)
                if template.free:
                    item["parameters"] = _parameters(template.free)
    return paths
