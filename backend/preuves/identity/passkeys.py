"""The passkey ceremonies of a person: register (from an invitation or signed in) and sign
in. Each function flushes; the view commits. Listing and removing: passkey_list.py."""

from __future__ import annotations

import uuid
from typing import Any

from flask import g
from sqlalchemy import select

from preuves.audit.operations import record_event
from preuves.core.errors import Problem
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity import invitations
from preuves.identity import webauthn_ceremonies as wc
from preuves.identity.ceremonies import open_ceremony
from preuves.identity.models import Ceremony, Invitation, Passkey
from preuves.identity.principal import Principal, principal_for
from preuves.people.models import Person


def registration_options(
    principal: Principal | None, invitation_token: str | None
) -> tuple[Ceremony, dict]:
    """A registration ceremony for the invited person, or for the signed-in person."""
    invitation: Invitation | None = None
    if invitation_token:
        invitation = invitations.live_invitation(invitation_token)
        person_id = invitation.person_id
    elif principal is not None:
        if _is_picture_session():
            raise Problem("forbidden", "A passkey is not added from a shared tablet's session.")
        person_id = principal.person_id
    else:
        raise Problem("unauthenticated", "Send an invitation_token, or sign in first.")
    person = live_person(person_id)
    challenge, options = wc.creation_options(person, _credential_ids(person.id))
    ceremony = open_ceremony(
        "register", challenge, person.id, invitation.id if invitation else None
    )
    return ceremony, options


def register(
    ceremony: Ceremony, credential: Any, label: str, principal: Principal | None
) -> Passkey:
    """Verify a new credential and keep it as a passkey of the ceremony's person."""
    if ceremony.invitation_id is None and (
        principal is None or principal.person_id != ceremony.person_id
    ):
        raise Problem("webauthn_wrong_person", "This ceremony was opened by someone else.")
    verified = wc.verify_creation(ceremony, credential)
    credential_id = wc.encode(verified.credential_id)
    owner = db.session.scalar(
        select(Passkey.person_id).where(Passkey.credential_id == credential_id)
    )
    if owner is not None and owner != ceremony.person_id:
        raise Problem("webauthn_wrong_person", "This credential belongs to another person.")
    if owner is not None:
        raise Problem("passkey_exists", "This passkey is already registered.")
    if ceremony.invitation_id is not None:
        invitations.consume(ceremony.invitation_id)
    passkey = Passkey(
        person_id=ceremony.person_id,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        label=(label or "Passkey")[:120],
        transports=_transports(credential),
        aaguid=str(verified.aaguid),
        backed_up=bool(verified.credential_backed_up),
    )
    db.session.add(passkey)
    db.session.flush()
    record_event("register_passkey", passkey.person_id, "person", **_about(passkey))
    return passkey


def authenticate(ceremony: Ceremony, credential: Any) -> Passkey:
    """Verify an assertion by a known passkey; its signature counter moves forward."""
    credential_id = wc.credential_id_of(credential)
    passkey = db.session.scalar(select(Passkey).where(Passkey.credential_id == credential_id))
    person = db.session.get(Person, passkey.person_id) if passkey else None
    if passkey is None or person is None or person.deleted:
        raise Problem("webauthn_unknown_credential", "No passkey with this credential id.")
    handle = wc.user_handle_of(credential)
    if handle is not None and handle != wc.encode(passkey.person_id.bytes):
        raise Problem("webauthn_wrong_person", "The credential answers for another person.")
    if ceremony.person_id is not None and ceremony.person_id != passkey.person_id:
        raise Problem("webauthn_wrong_person", "This ceremony expects another person.")
    verified = wc.verify_assertion(ceremony, credential, passkey.public_key, passkey.sign_count)
    passkey.sign_count, passkey.last_used_at = verified.new_sign_count, utcnow()
    return passkey


def principal_of(passkey: Passkey) -> Principal:
    """Who a verified passkey speaks for, with their roles."""
    return principal_for(passkey.person_id, "session")


def live_person(person_id: uuid.UUID) -> Person:
    person = db.session.get(Person, person_id)
    if person is None or person.deleted:
        raise Problem("not_found", "This person does not exist any more.")
    return person


def person_json(person: Person) -> dict[str, Any]:
    return {
        "id": str(person.id),
        "given_name": person.given_name,
        "family_name": person.family_name,
        "locale": person.locale,
    }


def _credential_ids(person_id: uuid.UUID) -> list[str]:
    return list(
        db.session.scalars(select(Passkey.credential_id).where(Passkey.person_id == person_id))
    )


def _transports(credential: Any) -> list[str]:
    response = credential.get("response") if isinstance(credential, dict) else None
    found = response.get("transports") if isinstance(response, dict) else None
    return [t for t in found if isinstance(t, str)][:8] if isinstance(found, list) else []


def _is_picture_session() -> bool:
    session = g.get("web_session")
    return session is not None and session.kind == "picture"


def _about(passkey: Passkey) -> dict[str, Any]:
    return {"record_type": "passkey", "record_id": passkey.id, "subject_id": passkey.person_id}
