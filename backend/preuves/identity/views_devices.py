"""Tablets: enrolment by a staff member's passkey, the list and revocation for staff, and
what the tablet itself calls (who am I, candidates, photos, picture sign-in, wipe report)."""

from __future__ import annotations

import uuid

from flask import Response, g, jsonify, request

from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity import ceremonies, devices, passkeys, pictures, ratelimit, sessions, tablet
from preuves.identity.cookies import set_device_cookie
from preuves.identity.invitees import uuid_field
from preuves.identity.models import Device
from preuves.identity.principal import current_principal
from preuves.identity.refusals import logs_refusals
from preuves.identity.requests import body, client_ip, signed_in
from preuves.policy.guard import checked, public

DEVICE_ONLY = "answers only the enrolled tablet whose device cookie comes with the request"


def current_device() -> Device:
    """The enrolled, live tablet that sent the request, or a 401 problem."""
    device = g.get("device")
    if device is None or device.revoked_at is not None:
        raise Problem("device_unknown", "This browser is not an enrolled tablet.")
    return device


@public("starts a staff member's passkey ceremony; nothing is read")
@logs_refusals
def enrol_options() -> Response:
    """Options for the staff member's passkey that will enrol this tablet."""
    body()
    ratelimit.hit("enrol", client_ip())
    challenge, options = passkeys.wc.request_options()
    ceremony = ceremonies.open_ceremony("enrol", challenge)
    db.session.commit()
    return jsonify({"ceremony_id": str(ceremony.id), "publicKey": options})


@public("the passkey ceremony is the check, then devices.enrol asks for a staff role")
@logs_refusals
def enrol_device() -> Response:
    """Enrol this tablet: a staff member's passkey, then the device cookie."""
    data = body()
    ratelimit.hit("enrol", client_ip())
    ceremony = ceremonies.take(data.get("ceremony_id"), "enrol")
    passkey = passkeys.authenticate(ceremony, data.get("credential"))
    staff = passkeys.principal_of(passkey)
    label = data.get("label")
    if not isinstance(label, str) or not label.strip() or len(label) > 120:
        raise Problem("bad_request", "label is a text of 1 to 120 characters.")
    device, credential = devices.enrol(
        staff, uuid_field(data, "structure_id", True), uuid_field(data, "workshop_id"), label
    )
    db.session.commit()
    response = jsonify({"device": devices.device_json(device)})
    response.status_code = 201
    set_device_cookie(response, credential)
    return response


@checked("staff of the structure (devices.require_staff)")
def list_devices() -> Response:
    """The structure's tablets, revoked ones and their wipe reports included."""
    structure_id = uuid_field(dict(request.args), "structure_id", required=True)
    devices.require_staff(current_principal(), structure_id)  # type: ignore[arg-type]
    found = devices.structure_devices(structure_id)  # type: ignore[arg-type]
    return jsonify({"devices": [devices.device_json(d) for d in found]})


@checked("staff of the tablet's structure (devices.revoke)")
def revoke_device(device_id: uuid.UUID) -> Response:
    """Revoke a tablet: it erases its data at its next contact."""
    principal = current_principal()
    device = db.session.get(Device, device_id)
    if device is None or not principal.roles_in(device.structure_id):
        raise Problem("not_found", f"No tablet {device_id}.")
    devices.revoke(principal, device)
    db.session.commit()
    return jsonify({"device": devices.device_json(device)})


@public(DEVICE_ONLY + ", revoked or not: the one call a revoked tablet may make")
def wipe_report() -> Response:
    """What the tablet still held when it erased itself (counts only)."""
    device = g.get("device")
    if device is None:
        raise Problem("device_unknown", "This browser is not an enrolled tablet.")
    devices.store_wipe_report(device, body().get("pending"))
    db.session.commit()
    return Response(status=204)


@public(DEVICE_ONLY)
def my_device() -> Response:
    """The tablet as it is enrolled, and whether its structure asks for picture sequences."""
    device = current_device()
    payload = devices.device_json(device) | {"sequence_required": tablet.sequence_required(device)}
    return jsonify({"device": payload})


@public(DEVICE_ONLY + "; the structure's candidates only")
def my_candidates() -> Response:
    """The candidates who may sign in on this tablet, with their photos' addresses."""
    found = tablet.candidates(current_device())
    return jsonify([tablet.candidate_json(p) for p in found])


@public(DEVICE_ONLY + "; the photo of one of its candidates only")
def portrait(person_id: uuid.UUID) -> Response:
    """One candidate's photo, for the sign-in picker."""
    data, mimetype = tablet.portrait(current_device(), person_id)
    response = Response(data, mimetype=mimetype)
    response.headers["Cache-Control"] = "private, no-cache"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@public(DEVICE_ONLY + "; then the picture sequence when the structure asks for it")
@logs_refusals
def picture_sign_in() -> Response:
    """A candidate taps their photo (and their pictures): their session on this tablet."""
    data = body()
    device = current_device()
    person = tablet.candidate(device, data.get("person_id"))
    sequence_required = tablet.sequence_required(device)
    if sequence_required:
        pictures.refuse_if_locked(device.id, person.id)
    ratelimit.hit("picture_device", str(device.id))
    if sequence_required:
        if not pictures.has_secret(person.id):
            raise Problem("picture_secret_missing", "A support worker first chooses the pictures.")
        if "sequence" not in data:
            return jsonify({"sequence_required": True, "choices": tablet.choices()})
        ratelimit.hit("picture", f"{device.id}:{person.id}")
        pictures.check_sequence(device.id, person.id, data["sequence"])
    if g.get("web_session") is not None:
        sessions.revoke(g.web_session)  # the previous candidate's session ends here
    session = sessions.open_session(person.id, "picture", device_id=device.id)
    db.session.commit()
    return signed_in({"person": passkeys.person_json(person)}, session)
