"""Markers that say which policy covers a view; the URL-map test checks every view has one."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

View = TypeVar("View", bound=Callable[..., Any])

POLICY_ATTRIBUTE = "__preuves_policy__"


def public(reason: str) -> Callable[[View], View]:
    """Mark a view that anyone may call, saying why (for example the PWA shell)."""

    def mark(view: View) -> View:
        setattr(view, POLICY_ATTRIBUTE, f"public: {reason}")
        return view

    return mark


def checked(rule: str) -> Callable[[View], View]:
    """Mark a view whose body asks the policy module; `rule` names the check it makes."""

    def mark(view: View) -> View:
        setattr(view, POLICY_ATTRIBUTE, f"checked: {rule}")
        return view

    return mark


def policy_of(view: Callable[..., Any]) -> str | None:
    """The policy a view declared, or None when it declared none."""
    return getattr(view, POLICY_ATTRIBUTE, None)
