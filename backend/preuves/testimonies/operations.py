"""Testimony requests: a staff member of the dossier asks a witness (a placement tutor, an
employer, a colleague) for a testimony through a one-time link, lists the requests, withdraws
one. These flush; the view commits. The link's life is in links.py, the witness's answer in
answers.py.
"""

from __future__ import annotations

import secrets
import uuid
from datetime import timedelta
from types import SimpleNamespace
from typing import Any

from flask import current_app
from marshmallow import ValidationError
from sqlalchemy import select

from preuves import policy
from preuves.audit.operations import audit_read, record_event
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.frameworks.schemas import require_competencies
from preuves.identity.principal import Principal
from preuves.identity.tokens import hash_token
from preuves.policy.dossier_access import relations
from preuves.testimonies.models import TestimonyRequest

# The PWA routes on the hash: the token never reaches a server log through the path.
TESTIMONY_PATH = "/#/testimony/"
# A tutor may answer weeks later (a placement lasts six weeks); PREUVES_TESTIMONY_LINK_DAYS.
DEFAULT_LINK_DAYS = 30


def staff_dossier(principal: Principal, dossier_id: uuid.UUID) -> Dossier:
    """The dossier, if the caller may add testimonies to it: 404 unseen, 403 not staff."""
    dossier = db.session.get(Dossier, dossier_id)
    if dossier is None or dossier.deleted or not relations(principal, dossier_id):
        raise Problem("not_found", f"No dossier {dossier_id}.")
    probe = SimpleNamespace(id=None, dossier_id=dossier_id)
    if not policy.may(principal, "create", "testimony", probe):
        raise Problem("forbidden", "Only the dossier's staff ask for testimonies.")
    return dossier


def ask(principal: Principal, dossier_id: uuid.UUID, body: dict[str, Any]) -> tuple[Any, str]:
    """Make a request and its one-time token (returned once, stored hashed)."""
    dossier = staff_dossier(principal, dossier_id)
    token = secrets.token_urlsafe(32)
    days = current_app.config.get("TESTIMONY_LINK_DAYS", DEFAULT_LINK_DAYS)
    asked = TestimonyRequest(
        token_hash=hash_token(token),
        dossier_id=dossier.id,
        competency_ids=_competencies(dossier, body.get("competency_ids")),
        witness_name=_short(body, "witness_name", 200),
        witness_role=_short(body, "witness_role", 200),
        message=_short(body, "message", 2000),
        requested_by_id=principal.person_id,
        expires_at=utcnow() + timedelta(days=days),
    )
    db.session.add(asked)
    db.session.flush()
    _audit("create_testimony_request", principal, asked)
    return asked, token


def for_dossier(principal: Principal, dossier_id: uuid.UUID) -> list[TestimonyRequest]:
    """The dossier's requests, newest first (witness names: a read of the dossier, audited)."""
    staff_dossier(principal, dossier_id)
    query = select(TestimonyRequest).where(TestimonyRequest.dossier_id == dossier_id)
    found = list(db.session.scalars(query.order_by(TestimonyRequest.created_at.desc())))
    audit_read(principal, "testimony_request", dossier_id)
    return found


def withdraw(principal: Principal, dossier_id: uuid.UUID, request_id: uuid.UUID) -> None:
    """Cancel a link that was not used yet; a used one stays as the testimony's history."""
    staff_dossier(principal, dossier_id)
    asked = db.session.get(TestimonyRequest, request_id)
    if asked is None or asked.dossier_id != dossier_id:
        raise Problem("not_found", f"No testimony request {request_id}.")
    if asked.used_at is not None:
        raise Problem("testimony_link_used", "This link was used: the testimony stays.")
    asked.revoked_at = asked.revoked_at or utcnow()
    _audit("withdraw_testimony_request", principal, asked)


def _competencies(dossier: Dossier, ids: Any) -> list[str]:
    if not isinstance(ids, list) or not ids or len(ids) > 100:
        raise Problem("bad_request", "competency_ids: give one competency id or more.")
    try:
        wanted = [str(uuid.UUID(str(i))) for i in ids]
        require_competencies(dossier.framework_version_id, wanted, "competency_ids")
    except (ValueError, ValidationError) as error:
        raise Problem("invalid_record", f"competency_ids: {error}") from None
    return list(dict.fromkeys(wanted))


def _short(body: dict[str, Any], name: str, limit: int) -> str | None:
    value = body.get(name)
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str) or len(value) > limit or "\x00" in value:
        raise Problem("bad_request", f"{name}: a text of at most {limit} characters.")
    return value.strip()


def _audit(action: str, principal: Principal, asked: TestimonyRequest) -> None:
    record_event(
        action,
        principal.person_id,
        principal.kind,
        record_type="testimony_request",
        record_id=asked.id,
        dossier_id=asked.dossier_id,
    )
