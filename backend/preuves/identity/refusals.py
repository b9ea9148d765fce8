"""Every refused sign-in, ceremony, CSRF or revoked-device request leaves an audit event.

The event holds the problem code, the endpoint and the device, never a secret: no challenge,
no credential, no token.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from flask import g, request

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.extensions import db

log = logging.getLogger("preuves.identity")


def record_refusal(problem: Problem) -> None:
    """Write `auth_refused` in its own transaction: what the request did is rolled back.

    A refusal that only repeats one already audited (a rate limit already reached, a person
    already locked) is logged, not audited again: a flood must not fill the audit trail.
    """
    if g.pop("quiet_refusal", False):
        log.info("auth refused again", extra={"fields": {"code": problem.code}})
        return
    db.session.rollback()
    principal = g.get("principal")
    device = g.get("device")
    record_event(
        "auth_refused",
        principal.person_id if principal else None,
        principal.kind if principal else ("device" if device else "anonymous"),
        record_type="device" if device else None,
        record_id=device.id if device else None,
        detail={"code": problem.code, "endpoint": request.endpoint, "method": request.method},
    )
    db.session.commit()
    log.warning("auth refused", extra={"fields": {"code": problem.code, "path": request.path}})


def logs_refusals(view: Callable[..., Any]) -> Callable[..., Any]:
    """Wrap a ceremony or sign-in view: any problem it raises is audited, then re-raised."""

    @wraps(view)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return view(*args, **kwargs)
        except Problem as problem:
            record_refusal(problem)
            raise

    return wrapper
