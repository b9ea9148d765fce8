"""Passkeys and sessions: register, sign in, sign out, list, rename, remove."""

from __future__ import annotations

import uuid

from flask import Response, g, jsonify

from preuves.extensions import db
from preuves.identity import ceremonies, passkey_list, passkeys, pictures, ratelimit, sessions
from preuves.identity.cookies import clear_session_cookie
from preuves.identity.principal import current_principal
from preuves.identity.refusals import logs_refusals
from preuves.identity.requests import body, client_ip, signed_in
from preuves.identity.tokens import hash_token
from preuves.policy.guard import checked, public

SIGN_IN = "signing in needs no session: the ceremony is the check"


@public(SIGN_IN + "; a signed-in caller adds a passkey to themselves only")
@logs_refusals
def register_options() -> Response:
    """Options to create a passkey: for an invitation, or for the signed-in person."""
    data = body()
    ratelimit.hit("register", client_ip())
    token = data.get("invitation_token")
    if token is not None:
        ratelimit.hit("invite", hash_token(str(token)))
    ceremony, options = passkeys.registration_options(g.get("principal"), token)
    db.session.commit()
    return jsonify({"ceremony_id": str(ceremony.id), "publicKey": options})


@public(SIGN_IN + "; the ceremony is bound to its person")
@logs_refusals
def register_verify() -> Response:
    """Keep the new passkey; the invitation is used once; the person is signed in."""
    data = body()
    ratelimit.hit("register", client_ip())
    ceremony = ceremonies.take(data.get("ceremony_id"), "register")
    label = data.get("label") if isinstance(data.get("label"), str) else ""
    passkey = passkeys.register(ceremony, data.get("credential"), label, g.get("principal"))
    person = passkeys.live_person(passkey.person_id)
    payload = {
        "person": passkeys.person_json(person),
        "passkey": passkey_list.passkey_json(passkey),
    }
    current = g.get("web_session")
    if ceremony.invitation_id is None and current is not None:
        db.session.commit()  # a passkey added while signed in: the session goes on
        return jsonify(payload | {"csrf_token": current.csrf_token}), 201
    if ceremony.invitation_id is not None:
        passkey_list.replace_after_recovery(ceremony.invitation_id, passkey)
    session = sessions.open_session(passkey.person_id, "passkey", passkey_id=passkey.id)
    db.session.commit()
    return signed_in(payload, session, 201)


@public(SIGN_IN)
@logs_refusals
def login_options() -> Response:
    """Options to sign in with any passkey of this site (discoverable credentials)."""
    body()
    ratelimit.hit("login", client_ip())
    challenge, options = passkeys.wc.request_options()
    ceremony = ceremonies.open_ceremony("login", challenge)
    db.session.commit()
    return jsonify({"ceremony_id": str(ceremony.id), "publicKey": options})


@public(SIGN_IN)
@logs_refusals
def login_verify() -> Response:
    """Check the passkey's answer and open a session."""
    data = body()
    ratelimit.hit("login", client_ip())
    ceremony = ceremonies.take(data.get("ceremony_id"), "login")
    passkey = passkeys.authenticate(ceremony, data.get("credential"))
    session = sessions.open_session(passkey.person_id, "passkey", passkey_id=passkey.id)
    person = passkeys.live_person(passkey.person_id)
    db.session.commit()
    return signed_in({"person": passkeys.person_json(person)}, session)


@public("signing out needs nothing; it ends the caller's own session only")
def logout() -> Response:
    """End the session on the server and clear its cookie (a tablet stays enrolled)."""
    row = g.get("web_session")
    if row is not None:
        sessions.revoke(row)
        db.session.commit()
    response = Response(status=204)
    clear_session_cookie(response)
    return response


@checked("the caller's own passkeys only")
def list_passkeys() -> Response:
    """The caller's passkeys."""
    found = passkey_list.mine(current_principal())
    return jsonify({"passkeys": [passkey_list.passkey_json(p) for p in found]})


@checked("the caller's own passkeys only (passkey_list.my_passkey)")
def rename_passkey(passkey_id: uuid.UUID) -> Response:
    """Give one of the caller's passkeys a new name."""
    passkey = passkey_list.rename(current_principal(), passkey_id, body().get("label"))
    db.session.commit()
    return jsonify(passkey_list.passkey_json(passkey))


@checked("the caller's own passkeys only; never the last one")
def delete_passkey(passkey_id: uuid.UUID) -> Response:
    """Remove one of the caller's passkeys."""
    passkey_list.remove(current_principal(), passkey_id)
    db.session.commit()
    return Response(status=204)


@public("the names of the 12 sign-in pictures are no secret")
def picture_ids() -> Response:
    """The picture ids a picture sequence is made of."""
    return jsonify({"pictures": list(pictures.PICTURES), "lengths": [3, 4, 5]})
