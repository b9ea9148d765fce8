"""Who may sit on a jury: shared_schemas/rules/jury-composition.json, read as it is.

That file is the one source of the make-up rules; the PWA (lib/juryadmin/) reads it too,
so no role list is written here. A scheme with no entry takes any role, at least one member.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from flask import current_app
from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.juries.models import JuryMember, JurySession
from preuves.people.models import Membership

RULES_FILE = Path("rules") / "jury-composition.json"


@cache
def _load(path: str) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def rules() -> dict[str, Any]:
    """The rules file's content (read once per path)."""
    return _load(str(Path(current_app.config["SCHEMAS_DIR"]) / RULES_FILE))


def required_roles(scheme: str, modality: str | None) -> tuple[str, ...] | None:
    """The roles a session needs, each at least once; None when any role will do."""
    by_modality = rules()["schemes"].get(scheme)
    if by_modality is None:
        return None
    entry = by_modality.get(modality or "") or by_modality.get("*")
    return tuple(entry["required"]) if entry else ()


def role_rules(role: str) -> dict[str, Any]:
    return rules()["roles"].get(role, {})


def missing_roles(session: JurySession, roles: Iterable[str]) -> list[str]:
    """The required roles nobody holds yet (or ["any"] for a session with no member)."""
    held = set(roles)
    required = required_roles(session.scheme, session.modality)
    if required is None:
        return [] if held else ["any"]
    return [role for role in required if role not in held]


def _structure_roles(person_id: uuid.UUID, structure_id: uuid.UUID) -> set[str]:
    return set(
        db.session.scalars(
            select(Membership.role).where(
                Membership.person_id == person_id,
                Membership.structure_id == structure_id,
                Membership.deleted.is_(False),
            )
        )
    )


def check_member(session: JurySession, person_id: uuid.UUID, role: str) -> None:
    """Refuse a member whose role the session's scheme does not name, or who breaks the
    role's rule (from outside the structure; a lead of the structure)."""
    required = required_roles(session.scheme, session.modality)
    if required is not None and role not in required:
        raise Problem(
            "jury_role_not_allowed",
            f"A {session.scheme} session ({session.modality}) takes the roles "
            f"{', '.join(required) or 'none'}, not {role}.",
            allowed_roles=list(required),
        )
    held = _structure_roles(person_id, session.structure_id)
    if role_rules(role).get("outside") and held:
        raise Problem(
            "jury_member_not_outside",
            f"The role {role} is for someone outside the structure; this person is "
            f"{', '.join(sorted(held))} there.",
        )
    if role_rules(role).get("lead_of_structure") and "lead" not in held:
        raise Problem(
            "jury_member_not_lead", f"The role {role} is for a lead of the session's structure."
        )


def live_members(session_id: uuid.UUID) -> list[JuryMember]:
    return list(
        db.session.scalars(
            select(JuryMember).where(
                JuryMember.session_id == session_id, JuryMember.deleted.is_(False)
            )
        )
    )


def check_make_up(session: JurySession) -> None:
    """Before opening: every member still fits, and every required role is held."""
    members = live_members(session.id)
    for member in members:
        check_member(session, member.person_id, member.jury_role)
    if missing := missing_roles(session, (m.jury_role for m in members)):
        raise Problem(
            "jury_incomplete",
            f"The jury still needs: {', '.join(missing)}.",
            missing_roles=missing,
        )


def modalities(scheme: str) -> list[str] | None:
    """The modalities a scheme's sessions name, or None when any (or none) will do."""
    by_modality = rules()["schemes"].get(scheme)
    if by_modality is None or "*" in by_modality:
        return None
    return list(by_modality)
