"""The rules: may this principal do this action to this record?

Dossier-scoped records follow the caller's relation to their dossier (dossier_access);
structure-scoped records follow the caller's roles in that structure. Anything not
listed here is refused.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from sqlalchemy import select

from preuves.core.vocab import MANAGER_ROLES, ROLES, STAFF_ROLES
from preuves.extensions import db
from preuves.identity.principal import Principal
from preuves.policy import pairing
from preuves.policy.dossier_access import relations
from preuves.policy.scope import dossier_of, structure_of

READ, CREATE, UPDATE, DELETE = "read", "create", "update", "delete"
ANY_ROLE = frozenset(ROLES)
STAFF = frozenset({"support_worker", "manager"})
ACCOMPANYING = frozenset({"support_worker", "evaluator", "manager"})

# Who may write each dossier-scoped record, by their relation to the dossier. A callable
# picks the set from the record itself (a self-positioning is the candidate's alone).
DOSSIER_WRITERS: dict[str, frozenset[str] | Callable[[Any], frozenset[str]]] = {
    "dossier": STAFF,
    "dossier_member": STAFF,
    "evidence": frozenset({"candidate"}) | STAFF,
    "annotation": ACCOMPANYING,
    "testimony": STAFF,
    "journal_entry": lambda r: (
        frozenset({"candidate"}) if r.author_role == "candidate" else ACCOMPANYING
    ),
    "positioning": lambda r: {
        "self": frozenset({"candidate"}),
        "co": ACCOMPANYING,
        "jury": frozenset({"jury"}),
    }[r.kind],
    "consent": frozenset({"candidate", "guardian"}) | STAFF,
    "signature": frozenset({"candidate", "guardian", "jury"}) | STAFF,
    "decision": frozenset({"jury"}),
    "jury_assignment": frozenset({"manager"}),
}


def _writers(type_name: str, record: Any) -> frozenset[str]:
    writers = DOSSIER_WRITERS[type_name]
    return writers(record) if callable(writers) else writers


def dossier_rule(principal: Principal, action: str, type_name: str, record: Any) -> bool:
    dossier_id = dossier_of(type_name, record)
    mine = relations(principal, dossier_id) if dossier_id else frozenset()
    if action == READ:
        return bool(mine)
    if type_name == "dossier" and action == CREATE:
        # The dossier does not exist yet: staff of its structure may open it.
        return principal.has_any_role(record.structure_id, STAFF_ROLES)
    if type_name == "dossier" and action == DELETE:
        return "manager" in mine
    if type_name == "dossier_member" and action != DELETE and record.role == "evaluator":
        return bool(mine & STAFF) and pairing.may_name_evaluator(record)
    return bool(mine & _writers(type_name, record))


def structure_rule(principal: Principal, action: str, type_name: str, record: Any) -> bool:
    structure_id = structure_of(type_name, record)
    if action == READ:
        return principal.has_any_role(structure_id, ANY_ROLE) or _is_jury_of(principal, record)
    if type_name == "structure" and action in (CREATE, DELETE):
        return False  # structures are created and closed by an operator: `preuves` CLI
    if type_name == "framework_version":
        return structure_id is not None and principal.has_any_role(structure_id, STAFF_ROLES)
    return principal.has_any_role(structure_id, MANAGER_ROLES)


def _is_jury_of(principal: Principal, record: Any) -> bool:
    from preuves.juries.models import JuryMember

    session_id = getattr(record, "session_id", None) or getattr(record, "id", None)
    return (
        db.session.scalar(
            select(JuryMember.id).where(
                JuryMember.session_id == session_id,
                JuryMember.person_id == principal.person_id,
                JuryMember.deleted.is_(False),
            )
        )
        is not None
    )


def framework_rule(principal: Principal, action: str, record: Any) -> bool:
    if action == READ and record.structure_id is None:
        return True  # shipped with the product, readable by everyone signed in
    if action == READ and _framework_used_by_visible_dossier(principal, record.id):
        return True
    return structure_rule(principal, action, "framework_version", record)


def _framework_used_by_visible_dossier(principal: Principal, version_id: uuid.UUID) -> bool:
    from preuves.dossiers.models import Dossier
    from preuves.policy.dossier_access import visible_dossier_ids

    query = select(Dossier.id).where(
        Dossier.framework_version_id == version_id, Dossier.id.in_(visible_dossier_ids(principal))
    )
    return db.session.scalar(query.limit(1)) is not None
