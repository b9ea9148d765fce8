"""What an enrolled tablet may do without anyone signed in: list the candidates of its
structure (or workshop) with their photos, and open a candidate's session by pictures."""

from __future__ import annotations

import uuid
from typing import Any

from sqlalchemy import select

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity import pictures
from preuves.identity.models import Device, IdentitySettings
from preuves.media import blobs
from preuves.people.models import Membership, Person

PORTRAIT_TYPES = (
    (b"\x89PNG", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
    (b"RIFF", "image/webp"),
)
MAX_PORTRAIT = 4 * 1024 * 1024  # a portrait is a small photo; read whole


def candidates(device: Device) -> list[Person]:
    """The structure's candidates with a live membership (the workshop's, on a workshop tablet)."""
    query = (
        select(Person)
        .join(Membership, Membership.person_id == Person.id)
        .where(
            Membership.structure_id == device.structure_id,
            Membership.role == "candidate",
            Membership.deleted.is_(False),
            Person.deleted.is_(False),
        )
        .distinct()
        .order_by(Person.given_name, Person.family_name)
    )
    if device.workshop_id is not None:
        query = query.where(Membership.workshop_id == device.workshop_id)
    return list(db.session.scalars(query))


def candidate(device: Device, person_id: Any) -> Person:
    """One candidate of this tablet; anyone else does not exist for it."""
    try:
        wanted = uuid.UUID(str(person_id))
    except ValueError:
        raise Problem("bad_request", "person_id must be a UUID.") from None
    for person in candidates(device):
        if person.id == wanted:
            return person
    raise Problem("not_found", f"No candidate {wanted} on this tablet.")


def candidate_json(person: Person) -> dict[str, Any]:
    url = f"/api/v1/devices/me/portraits/{person.id}" if person.portrait_sha256 else None
    return {"id": str(person.id), "given_name": person.given_name, "portrait_url": url}


def portrait(device: Device, person_id: uuid.UUID) -> tuple[bytes, str]:
    """A candidate's photo for this tablet's picker, with its type read from its bytes."""
    person = candidate(device, person_id)
    if not person.portrait_sha256 or not blobs.exists(person.portrait_sha256):
        raise Problem("not_found", "This candidate has no photo.")
    with blobs.open_blob(person.portrait_sha256) as stream:
        data = stream.read(MAX_PORTRAIT + 1)
    kind = next((t for magic, t in PORTRAIT_TYPES if data.startswith(magic)), None)
    if kind is None or len(data) > MAX_PORTRAIT:
        raise Problem("not_found", "This candidate's photo is not a small image.")
    return data, kind


def sequence_required(device: Device) -> bool:
    settings = db.session.get(IdentitySettings, device.structure_id)
    return bool(settings and settings.picture_sequence)


def choices() -> list[str]:
    """The 12 pictures, always in the same order: these users find them by place too."""
    return list(pictures.PICTURES)
