"""The principal: who is calling, and their roles per structure.

Tokens, passkey sessions and enrolled tablets all resolve to this one shape, so the
policy never asks how someone signed in.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from flask import g
from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.people.models import Membership


@dataclass(frozen=True)
class Principal:
    person_id: uuid.UUID
    kind: str  # "token" (bearer) or "session" (cookie, passkey or picture sign-in)
    roles: dict[uuid.UUID, frozenset[str]] = field(default_factory=dict)
    # The enrolled tablet the request came from, if any (its `preuves_device` cookie).
    device_id: uuid.UUID | None = None

    def roles_in(self, structure_id: uuid.UUID | None) -> frozenset[str]:
        """The roles this principal holds in one structure."""
        return self.roles.get(structure_id, frozenset()) if structure_id else frozenset()

    def has_any_role(self, structure_id: uuid.UUID | None, wanted: frozenset[str]) -> bool:
        """Whether one of `wanted` is among their roles in that structure."""
        return bool(self.roles_in(structure_id) & wanted)


def principal_for(person_id: uuid.UUID, kind: str, device_id: uuid.UUID | None = None) -> Principal:
    """Load a person's live memberships into a principal."""
    rows = db.session.execute(
        select(Membership.structure_id, Membership.role).where(
            Membership.person_id == person_id, Membership.deleted.is_(False)
        )
    )
    roles: dict[uuid.UUID, set[str]] = {}
    for structure_id, role in rows:
        roles.setdefault(structure_id, set()).add(role)
    return Principal(person_id, kind, {s: frozenset(r) for s, r in roles.items()}, device_id)


def current_principal() -> Principal:
    """The authenticated caller, or a 401 problem."""
    principal = g.get("principal")
    if principal is None:
        raise Problem("unauthenticated", "Sign in, or send 'Authorization: Bearer TOKEN'.")
    return principal
