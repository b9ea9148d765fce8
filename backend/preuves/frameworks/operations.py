"""Import a framework file sent by a support worker or a lead: all of it, or nothing."""

from __future__ import annotations

import uuid
from types import SimpleNamespace
from typing import Any

from preuves import policy
from preuves.core.errors import Problem
from preuves.frameworks import explain
from preuves.frameworks.importer import import_framework
from preuves.frameworks.models import FrameworkVersion
from preuves.identity.principal import Principal


def import_file(
    principal: Principal, text: str, structure_id: uuid.UUID, status: str = "published"
) -> FrameworkVersion:
    """Check the file and add its version with every row (flushed; the view commits once).

    Any error raises before the first row is written or, failing later, leaves the
    transaction for the view to roll back: nothing of a refused file stays.
    """
    probe = SimpleNamespace(id=None, structure_id=structure_id)
    policy.authorize(principal, "create", "framework_version", probe)
    document = explain.parse(text)
    explain.check(document, text)
    try:
        return import_framework(document, structure_id, status, principal.person_id)
    except Problem as problem:  # the rules that need the database: a version imported twice
        raise _placed(problem, text) from None


def _placed(problem: Problem, text: str) -> Problem:
    errors: list[dict[str, Any]] = problem.extra.get("errors") or []
    if problem.code != "invalid_record" or not errors:
        return problem
    placed = explain.with_lines([explain.in_french(e) for e in errors], text)
    return Problem("framework_invalid", problem.detail, errors=placed)
