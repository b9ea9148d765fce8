"""What else happens when a record is written, kept out of the generic operations."""

from __future__ import annotations

from typing import Any

from flask import g

from preuves.identity.principal import Principal


def forget_cached_relations() -> None:
    """A write may change who relates to which dossier: drop the request's cache."""
    g.pop("dossier_relations", None)


# Records that decide who relates to which dossier (policy.dossier_access, Principal).
RELATION_TYPES = frozenset(
    {"dossier", "dossier_member", "guardianship", "jury_member", "jury_assignment", "membership"}
)


def has_follow_up(type_name: str) -> bool:
    """Whether `after_create` does more than drop a cache for this type."""
    return type_name == "dossier"


def after_create(principal: Principal, type_name: str, instance: Any) -> None:
    """Run the follow-up of a creation, if its feature has one."""
    if type_name in RELATION_TYPES:  # a batch of evidence keeps its cache: far fewer queries
        forget_cached_relations()
    if type_name == "dossier":
        from preuves.dossiers.operations import add_opener_as_support_worker

        add_opener_as_support_worker(principal, instance)
        forget_cached_relations()


def before_create(principal: Principal, type_name: str, instance: Any) -> None:
    """Rules a new record must meet that need the caller or other rows (juries)."""
    if type_name == "jury_session":
        from preuves.juries.lifecycle import check_new_session

        check_new_session(instance)
    elif type_name == "decision":
        from preuves.juries.signing import check_decision

        check_decision(principal, instance)
    elif type_name == "signature":
        from preuves.juries.signing import check_minutes_signature

        check_minutes_signature(instance)


def before_update(principal: Principal, type_name: str, existing: Any, values: Any) -> None:
    """Rules a change must meet before it is applied (a jury session's lifecycle)."""
    if type_name == "jury_session":
        from preuves.juries.lifecycle import check_session_change

        check_session_change(existing, values)


def after_update(principal: Principal, type_name: str, instance: Any, changed: list[str]) -> None:
    """The follow-up of a change: closing a jury session."""
    if type_name == "jury_session" and "status" in changed and instance.status == "closed":
        from preuves.juries.lifecycle import close

        close(principal.person_id, instance)
