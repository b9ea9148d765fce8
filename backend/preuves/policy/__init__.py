"""The one place that answers "may this principal do this to this record".

Every endpoint asks `authorize`; sync scoping (later) asks `visible_dossier_ids`.
"""

from __future__ import annotations

from typing import Any

from preuves.core.errors import Problem
from preuves.identity.principal import Principal
from preuves.policy import people, rules
from preuves.policy.scope import DOSSIER_SCOPED, PEOPLE_SCOPED, STRUCTURE_SCOPED

_PEOPLE_RULES = {
    "person": people.person_rule,
    "membership": people.membership_rule,
    "guardianship": people.guardianship_rule,
}


def may(principal: Principal, action: str, type_name: str, record: Any) -> bool:
    """Whether the principal may do `action` (read, create, update, delete) to the record."""
    if type_name in DOSSIER_SCOPED:
        return rules.dossier_rule(principal, action, type_name, record)
    if type_name in STRUCTURE_SCOPED:
        return rules.structure_rule(principal, action, type_name, record)
    if type_name in PEOPLE_SCOPED:
        return _PEOPLE_RULES[type_name](principal, action, record)
    if type_name == "framework_version":
        return rules.framework_rule(principal, action, record)
    return False


def authorize(principal: Principal, action: str, type_name: str, record: Any) -> None:
    """Raise a problem unless allowed: a record you may not read does not exist for you."""
    if may(principal, action, type_name, record):
        return
    if action != "create" and not may(principal, "read", type_name, record):
        raise Problem("not_found", f"No {type_name} {record.id}.")
    raise Problem("forbidden", f"You may not {action} this {type_name}.")
