"""Small server-only checks that several record schemas share."""

from __future__ import annotations

import uuid
from typing import Any

from marshmallow import ValidationError
from sqlalchemy import select

from preuves.extensions import db


def live(model: type, record_id: Any) -> Any:
    """The record of that id if it exists and is not deleted, else None."""
    if record_id is None:
        return None
    target = db.session.get(model, uuid.UUID(str(record_id)))
    return None if target is None or getattr(target, "deleted", False) else target


def require_unique(model: type, record_id: Any, field_name: str, **values: Any) -> None:
    """Refuse a record whose values another record already holds (a unique constraint).

    Deleted records count too: the database constraint does not tell them apart. A None
    value matches NULL, so product frameworks (no structure) are unique among themselves.
    """
    clauses = [
        getattr(model, key).is_(None) if value is None else getattr(model, key) == value
        for key, value in values.items()
    ]
    query = select(model.id).where(model.id != record_id, *clauses).limit(1)
    if (other := db.session.scalar(query)) is not None:
        raise ValidationError(f"Record {other} already holds these values.", field_name)


def require_text_or_audio(data: dict[str, Any], text_field: str, audio_field: str) -> None:
    """Refuse a record that says nothing: it needs a text, a voice note, or both."""
    text = data.get(text_field)
    if (text is None or not text.strip()) and data.get(audio_field) is None:
        raise ValidationError(f"Give {text_field} or {audio_field}.", text_field)
