"""Public reads: a badge by its unguessable id, an issuer and its keys, a first name."""

from __future__ import annotations

import uuid

from preuves.badges import keys
from preuves.badges.models import BadgeCredential, IssuerKey
from preuves.core.errors import Problem
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.people.models import Person
from preuves.structures.models import Structure


def badge(badge_id: uuid.UUID) -> BadgeCredential:
    found = find_badge(badge_id)
    if found is None:
        raise Problem("not_found", f"No badge {badge_id}.")
    return found


def issuer(structure_id: uuid.UUID) -> tuple[Structure, list[IssuerKey]]:
    """A structure that issues badges and its keys; one that never did is not an issuer."""
    structure = db.session.get(Structure, structure_id)
    found = keys.keys_of(structure_id) if structure is not None else []
    if not found:
        raise Problem("not_found", f"No badge issuer {structure_id}.")
    return structure, found


def candidate_first_name(shown: BadgeCredential) -> str | None:
    """Only the first name: the verification page says no more about the person."""
    dossier = db.session.get(Dossier, shown.dossier_id)
    person = db.session.get(Person, dossier.candidate_id) if dossier else None
    return person.given_name if person is not None else None


def find_badge(badge_id: uuid.UUID) -> BadgeCredential | None:
    return db.session.get(BadgeCredential, badge_id)
