"""The pull cursor: opaque to clients, signed with the app's secret so nobody forges one."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from flask import current_app
from itsdangerous import BadSignature, URLSafeSerializer

from preuves.core.errors import Problem

SALT = "preuves.sync.cursor"


@dataclass(frozen=True)
class Cursor:
    seq: int  # every change up to this sequence number was sent
    scope: str  # the key of the scope at that time (sync.scope)
    horizon: int  # the server's horizon when this chain of pulls started from scratch


def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=SALT)


def encode(cursor: Cursor, person_id: uuid.UUID) -> str:
    """The cursor as a string only this server can read back, for this person only."""
    data = {"s": cursor.seq, "c": cursor.scope, "h": cursor.horizon, "p": str(person_id)}
    return _serializer().dumps(data)


def decode(token: str, person_id: uuid.UUID) -> Cursor:
    """The cursor, or a 400 `invalid_cursor` if forged, damaged or someone else's."""
    try:
        data = _serializer().loads(token)
    except BadSignature:
        raise Problem("invalid_cursor", "This cursor was not made by this server.") from None
    valid = (
        isinstance(data, dict)
        and data.get("p") == str(person_id)
        and all(isinstance(data.get(k), int) for k in ("s", "h"))
        and isinstance(data.get("c"), str)
    )
    if not valid:
        raise Problem("invalid_cursor", "This cursor belongs to someone else.")
    return Cursor(data["s"], data["c"], data["h"])
