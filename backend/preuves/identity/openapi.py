"""The identity routes in the OpenAPI document (api/openapi_operations.py imports these).

Shapes are written inline: they are the API's own answers, documented in docs/identity.md.
"""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import REQUEST_ID, ok, operation, problems

TAG = "identity"
UUID = {"$ref": "#/components/schemas/common/$defs/uuid"}
NULLABLE_UUID = {"anyOf": [UUID, {"type": "null"}]}
WHEN = {"type": "string", "format": "date-time"}
NULLABLE_WHEN = {"type": ["string", "null"], "format": "date-time"}
OBJECT: dict[str, Any] = {"type": "object"}
CEREMONY = {
    "type": "object",
    "required": ["ceremony_id", "publicKey"],
    "properties": {
        "ceremony_id": UUID,
        "publicKey": {"type": "object", "description": "WebAuthn options, base64url strings."},
    },
}
PERSON = {
    "type": "object",
    "required": ["id", "given_name", "family_name"],
    "properties": {"id": UUID, "given_name": {"type": "string"}, "family_name": {"type": "string"}},
}
PASSKEY = {
    "type": "object",
    "required": ["id", "label", "created_at"],
    "properties": {"id": UUID, "label": {"type": "string"}, "created_at": WHEN},
}
SIGNED_IN = {
    "type": "object",
    "required": ["person", "csrf_token"],
    "properties": {"person": PERSON, "passkey": PASSKEY, "csrf_token": {"type": "string"}},
}
DEVICE = {
    "type": "object",
    "required": ["id", "label", "structure_id", "workshop_id", "revoked_at", "last_wipe_report"],
    "properties": {
        "id": UUID,
        "label": {"type": "string"},
        "structure_id": UUID,
        "workshop_id": NULLABLE_UUID,
        "revoked_at": NULLABLE_WHEN,
        "last_wipe_report": {"type": ["object", "null"]},
    },
}
INVITATION = {
    "type": "object",
    "required": ["id", "person_id", "structure_id", "role", "status", "expires_at"],
    "properties": {
        "id": UUID,
        "person_id": UUID,
        "structure_id": UUID,
        "role": {"type": "string"},
        "status": {"enum": ["live", "used", "revoked", "expired"]},
        "expires_at": WHEN,
    },
}
SETTINGS = {
    "type": "object",
    "required": ["structure_id", "picture_sequence"],
    "properties": {"structure_id": UUID, "picture_sequence": {"type": "boolean"}},
}
COOKIE = "Sets the `preuves_session` cookie (HttpOnly, SameSite=Strict, Secure under HTTPS)."
CSRF = "A cookie session sends `X-CSRF-Token`; a cross-site `Origin` is refused (csrf_failed)."


def _body(schema: dict[str, Any], required: bool = True) -> dict[str, Any]:
    return {"required": required, "content": {"application/json": {"schema": schema}}}


def _no_content(description: str) -> dict[str, Any]:
    return {"204": {"description": description, "headers": REQUEST_ID}}


def _structure_query() -> list[dict[str, Any]]:
    return [{"name": "structure_id", "in": "query", "required": True, "schema": UUID}]


def _op(op_id: str, summary: str, responses: dict[str, Any], **extra: Any) -> Any:
    return lambda _bound: operation(op_id, summary, TAG, responses, **extra)


SIGN_IN_PROBLEMS = problems(400, 401, 403, 404, 409, 410, 429)
OPERATIONS: dict[tuple[str, str], Any] = {
    ("identity.register_options", "post"): _op(
        "passkeyRegisterOptions",
        "Options to create a passkey (from an invitation, or signed in)",
        ok(CEREMONY) | SIGN_IN_PROBLEMS,
        requestBody=_body(
            {"type": "object", "properties": {"invitation_token": {"type": "string"}}}, False
        ),
        description=CSRF,
    ),
    ("identity.register_verify", "post"): _op(
        "passkeyRegisterVerify",
        "Keep a new passkey; an invitation is used once",
        ok(SIGNED_IN, "The passkey and its person.", 201) | SIGN_IN_PROBLEMS,
        requestBody=_body(OBJECT),
        description=COOKIE + " " + CSRF,
    ),
    ("identity.login_options", "post"): _op(
        "passkeyLoginOptions",
        "Options to sign in with a passkey (discoverable)",
        ok(CEREMONY) | problems(400, 401, 403, 429),
        requestBody=_body(OBJECT, False),
    ),
    ("identity.login_verify", "post"): _op(
        "passkeyLoginVerify",
        "Sign in with a passkey",
        ok(SIGNED_IN) | SIGN_IN_PROBLEMS,
        requestBody=_body(OBJECT),
        description=COOKIE,
    ),
    ("identity.logout", "post"): _op(
        "logout",
        "Sign out: the session ends on the server (a tablet stays enrolled)",
        _no_content("Signed out; the cookie is cleared.") | problems(401, 403),
        security=[],
    ),
    ("identity.list_passkeys", "get"): _op(
        "listPasskeys",
        "The caller's passkeys",
        ok(
            {
                "type": "object",
                "required": ["passkeys"],
                "properties": {"passkeys": {"type": "array", "items": PASSKEY}},
            }
        )
        | problems(401, 403),
    ),
    ("identity.rename_passkey", "patch"): _op(
        "renamePasskey",
        "Rename one of the caller's passkeys",
        ok(PASSKEY) | problems(400, 401, 403, 404),
        requestBody=_body(
            {"type": "object", "required": ["label"], "properties": {"label": {"type": "string"}}}
        ),
    ),
    ("identity.delete_passkey", "delete"): _op(
        "deletePasskey",
        "Remove one of the caller's passkeys (never the last)",
        _no_content("Removed; the sessions it opened ended.") | problems(401, 403, 404, 409),
    ),
    ("identity.picture_ids", "get"): _op(
        "listSignInPictures",
        "The 12 picture ids a picture sequence is made of",
        ok(
            {
                "type": "object",
                "required": ["pictures"],
                "properties": {"pictures": {"type": "array", "items": {"type": "string"}}},
            }
        ),
        security=[],
    ),
    ("identity.create_invitation", "post"): _op(
        "createInvitation",
        "Invite a person into a role: one-time link and QR code",
        ok(
            INVITATION | {"required": [*INVITATION["required"], "url", "token", "qr_svg"]},
            "Shown once.",
            201,
        )
        | problems(400, 401, 403, 409, 422),
        requestBody=_body(OBJECT),
    ),
    ("identity.list_invitations", "get"): _op(
        "listInvitations",
        "A structure's invitations (for its leads)",
        ok(
            {
                "type": "object",
                "required": ["invitations"],
                "properties": {"invitations": {"type": "array", "items": INVITATION}},
            }
        )
        | problems(400, 401, 403),
        parameters=_structure_query(),
    ),
    ("identity.show_invitation", "get"): _op(
        "showInvitation",
        "What a one-time link is for (public, by its token)",
        ok({"type": "object", "required": ["given_name", "structure_name", "role", "expires_at"]})
        | problems(403, 404, 410, 429),
        security=[],
    ),
    ("identity.revoke_invitation", "delete"): _op(
        "revokeInvitation",
        "Withdraw an invitation (by its id)",
        _no_content("Withdrawn.") | problems(401, 403, 404),
    ),
    ("identity.enrol_options", "post"): _op(
        "deviceEnrolOptions",
        "Options for the staff passkey that enrols this tablet",
        ok(CEREMONY) | problems(400, 403, 429),
        requestBody=_body(OBJECT, False),
        security=[],
    ),
    ("identity.enrol_device", "post"): _op(
        "enrolDevice",
        "Enrol this tablet; sets the `preuves_device` cookie",
        ok(
            {"type": "object", "required": ["device"], "properties": {"device": DEVICE}},
            "Enrolled.",
            201,
        )
        | SIGN_IN_PROBLEMS
        | problems(422),
        requestBody=_body(OBJECT),
        security=[],
    ),
    ("identity.list_devices", "get"): _op(
        "listDevices",
        "A structure's tablets, with what revoked ones still held",
        ok(
            {
                "type": "object",
                "required": ["devices"],
                "properties": {"devices": {"type": "array", "items": DEVICE}},
            }
        )
        | problems(400, 401, 403),
        parameters=_structure_query(),
    ),
    ("identity.revoke_device", "post"): _op(
        "revokeDevice",
        "Revoke a tablet: it erases its data at its next contact",
        ok({"type": "object", "required": ["device"], "properties": {"device": DEVICE}})
        | problems(401, 403, 404),
    ),
    ("identity.my_device", "get"): _op(
        "getMyDevice",
        "This tablet (device cookie)",
        ok({"type": "object", "required": ["device"], "properties": {"device": DEVICE}})
        | problems(401, 403),
        security=[],
    ),
    ("identity.wipe_report", "post"): _op(
        "reportDeviceWipe",
        "What a revoked tablet still held when it erased itself",
        _no_content("Kept for the support worker.") | problems(400, 401, 403),
        requestBody=_body(OBJECT),
        security=[],
    ),
    ("identity.my_candidates", "get"): _op(
        "listTabletCandidates",
        "The candidates who may sign in on this tablet",
        ok(
            {
                "type": "array",
                "items": {"type": "object", "required": ["id", "given_name", "portrait_url"]},
            }
        )
        | problems(401, 403),
        security=[],
    ),
    ("identity.portrait", "get"): _op(
        "getTabletPortrait",
        "A candidate's photo for this tablet's picker",
        {
            "200": {
                "description": "The photo.",
                "headers": REQUEST_ID,
                "content": {"image/*": {"schema": {"type": "string", "format": "binary"}}},
            }
        }
        | problems(401, 403, 404),
        security=[],
    ),
    ("identity.picture_sign_in", "post"): _op(
        "pictureSignIn",
        "A candidate signs in by their photo (and picture sequence)",
        ok(
            {
                "type": "object",
                "description": "Signed in ({person, csrf_token}) or {sequence_required, choices}.",
            }
        )
        | problems(400, 401, 403, 404, 409, 429),
        requestBody=_body(OBJECT),
        security=[],
        description=COOKIE,
    ),
    ("identity.set_picture_secret", "put"): _op(
        "setPictureSecret",
        "Choose a candidate's picture sequence (staff)",
        _no_content("Stored, salted and hashed.") | problems(400, 401, 403, 404),
        requestBody=_body(OBJECT),
    ),
    ("identity.unlock_picture_secret", "post"): _op(
        "unlockPictureSecret",
        "Let a locked candidate try their pictures again (staff)",
        _no_content("Unlocked on every tablet.") | problems(401, 403, 404),
    ),
    ("identity.identity_settings", "get"): _op(
        "getIdentitySettings",
        "A structure's sign-in switches",
        ok(SETTINGS) | problems(401, 403, 404),
    ),
    ("identity.change_identity_settings", "put"): _op(
        "putIdentitySettings",
        "Turn the picture sequence on or off (lead)",
        ok(SETTINGS) | problems(400, 401, 403, 404),
        requestBody=_body(OBJECT),
    ),
}
