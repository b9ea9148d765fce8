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


# Fields that name an uploaded blob (a photo, a video, a voice note, a drawn mark), by type.
# A signature's document_sha256 is not here: it fingerprints the signed document, which the
# server may have generated itself rather than received.
UPLOADED_BLOBS: dict[str, tuple[str, ...]] = {
    "evidence": ("media_sha256", "caption_audio_sha256"),
    "annotation": ("body_audio_sha256",),
    "testimony": ("body_audio_sha256",),
    "journal_entry": ("body_audio_sha256",),
    "signature": ("mark_sha256",),
}


# (JSON pointer, field) of the same fields: made once, not once per record.
_BLOB_POINTERS = {
    name: tuple((f"/{f}", f) for f in names) for name, names in UPLOADED_BLOBS.items()
}


def blobs_named(type_name: str, instance: Any) -> list[tuple[str, str]]:
    """(JSON pointer, sha256) of every uploaded blob the record names."""
    named = [(pointer, getattr(instance, f)) for pointer, f in _BLOB_POINTERS.get(type_name, ())]
    if type_name == "positioning":  # a voice comment per competency
        named += [
            (f"/items/{i}/comment_audio_sha256", item.get("comment_audio_sha256"))
            for i, item in enumerate(instance.items or [])
        ]
    return [(pointer, sha) for pointer, sha in named if sha]


def require_uploaded_media(type_name: str, instance: Any) -> None:
    """Every blob a dossier's record names must have reached the server for that dossier."""
    named = blobs_named(type_name, instance)
    if not named:
        return  # most records of a batch (a written journal, a drawn positioning) name none
    from preuves.core.errors import Problem
    from preuves.media.operations import is_linked

    missing = [
        {"pointer": pointer, "message": f"No upload of {sha} for this dossier yet."}
        for pointer, sha in named
        if not is_linked(sha, instance.dossier_id)
    ]
    if missing:
        raise Problem(
            "media_not_uploaded", "Upload the media (tus) before the record.", errors=missing
        )
