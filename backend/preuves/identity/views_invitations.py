"""Invitations: a lead creates (link and QR code), lists and withdraws them; the link's page
reads one by its token."""

from __future__ import annotations

import uuid

from flask import Response, jsonify, request

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity import invitations, ratelimit
from preuves.identity.invitees import uuid_field
from preuves.identity.principal import current_principal
from preuves.identity.refusals import logs_refusals
from preuves.identity.requests import body, client_ip
from preuves.identity.settings import origins
from preuves.identity.tokens import hash_token
from preuves.policy.guard import checked, public


@checked("a lead or admin of the structure (invitations.create)")
def create_invitation() -> Response:
    """Invite a person into a role: a one-time link and its QR code, shown once."""
    principal = current_principal()
    invitation, token = invitations.create(body(), principal)
    db.session.commit()
    url = invitations.link(origins()[0], token)
    payload = invitations.invitation_json(invitation) | {
        "url": url,
        "token": token,
        "qr_svg": invitations.qr_svg(url),
    }
    return jsonify(payload), 201


@checked("a lead or admin of the structure (invitations.for_structure)")
def list_invitations() -> Response:
    """The structure's invitations, newest first, without their tokens."""
    structure_id = uuid_field(dict(request.args), "structure_id", required=True)
    if structure_id is None:
        raise Problem("bad_request", "Give ?structure_id=.")
    found = invitations.for_structure(current_principal(), structure_id)
    return jsonify({"invitations": [invitations.invitation_json(i) for i in found]})


@checked("a lead or admin of the invitation's structure (invitations.revoke)")
def revoke_invitation(key: str) -> Response:
    """Withdraw an invitation that was not used yet."""
    try:
        invitation_id = uuid.UUID(key)
    except ValueError:
        raise Problem("not_found", "No such invitation.") from None
    invitations.revoke(current_principal(), invitation_id)
    db.session.commit()
    return Response(status=204)


@public("shows a first name and a structure to whoever holds the one-time link")
@logs_refusals
def show_invitation(key: str) -> Response:
    """What an invitation link is for, before accepting it."""
    ratelimit.hit("invite_ip", client_ip())
    ratelimit.hit("invite", hash_token(key))
    return jsonify(invitations.public_view(invitations.live_invitation(key)))
