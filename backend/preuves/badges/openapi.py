"""The badge routes in the OpenAPI document (api/openapi_operations.py imports these).

The verification page (`GET /badges/<id>`, HTML) is not under /api/v1 and not documented here.
"""

from __future__ import annotations

from typing import Any

from preuves.api.openapi_responses import ok, operation, problems

TAG = "badges"
UUID = {"type": "string", "format": "uuid"}
TEXT = {"type": "string"}
CREDENTIAL = {
    "type": "object",
    "description": "An OB 3.0 OpenBadgeCredential (1EdTech's achievementcredential schema).",
    "required": ["@context", "id", "type", "issuer", "validFrom", "credentialSubject"],
}
JWT = {"type": "string", "description": "The credential as VC-JWT (compact JWS, EdDSA)."}
WHEN = {"type": ["string", "null"], "format": "date-time"}
BADGE = {
    "type": "object",
    "required": ["id", "competency_id", "achievement_name", "issuer_name", "issued_at",
                 "verify_url", "qr_svg", "credential", "jwt", "revoked_at"],
    "properties": {
        "id": UUID, "competency_id": UUID, "achievement_name": TEXT, "issuer_name": TEXT,
        "issued_at": TEXT, "verify_url": TEXT,
        "qr_svg": {"type": "string", "description": "An SVG QR code of verify_url, titled."},
        "credential": CREDENTIAL, "jwt": JWT, "revoked_at": WHEN,
    },
}  # fmt: skip
PUBLIC = {
    "type": "object",
    "required": ["id", "credential", "jwt", "verify_url", "revoked", "revoked_at"],
    "properties": {"id": UUID, "credential": CREDENTIAL, "jwt": JWT, "verify_url": TEXT,
                   "revoked": {"type": "boolean"}, "revoked_at": WHEN},
}  # fmt: skip
JWK = {
    "type": "object",
    "required": ["kty", "crv", "x", "kid"],
    "properties": {"kty": {"const": "OKP"}, "crv": {"const": "Ed25519"}, "x": TEXT,
                   "kid": TEXT, "alg": TEXT, "use": TEXT},
}  # fmt: skip
PROFILE = {"type": "object", "required": ["id", "type", "name"],
           "description": "The issuer's OB 3.0 Profile."}  # fmt: skip


def _list(_bound: dict[str, str]) -> dict[str, Any]:
    listed = {"type": "object", "required": ["badges"],
              "properties": {"badges": {"type": "array", "items": BADGE}}}  # fmt: skip
    return operation("listDossierBadges", "The dossier's badges (candidate, guardian, staff)",
                     TAG, ok(listed) | problems(401, 403, 404),
                     description="An audited read of the dossier.")  # fmt: skip


def _show(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("showBadge", "A badge's credential and VC-JWT (public)", TAG,
                     ok(PUBLIC) | problems(404), security=[])  # fmt: skip


def _revoke(_bound: dict[str, str]) -> dict[str, Any]:
    revoked = {"204": {"description": "Revoked (again: no change)."}}
    return operation("revokeBadge", "Revoke a badge (a manager of its structure)", TAG,
                     revoked | problems(401, 403, 404))  # fmt: skip


def _profile(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("showBadgeIssuer", "An issuing structure's Profile (public)", TAG,
                     ok(PROFILE) | problems(404), security=[])  # fmt: skip


def _jwks(_bound: dict[str, str]) -> dict[str, Any]:
    keyset = {"type": "object", "required": ["keys"],
              "properties": {"keys": {"type": "array", "items": JWK}}}  # fmt: skip
    return operation("listBadgeIssuerKeys", "An issuer's public keys, retired ones too (JWKS)",
                     TAG, ok(keyset) | problems(404), security=[])  # fmt: skip


def _key(_bound: dict[str, str]) -> dict[str, Any]:
    return operation("showBadgeIssuerKey", "One public key of an issuer (the VC-JWT kid)", TAG,
                     ok(JWK) | problems(404), security=[])  # fmt: skip


OPERATIONS = {
    ("badges.list_badges", "get"): _list,
    ("badges.show_badge", "get"): _show,
    ("badges.revoke_badge", "delete"): _revoke,
    ("badges.issuer_profile", "get"): _profile,
    ("badges.issuer_jwks", "get"): _jwks,
    ("badges.issuer_key", "get"): _key,
}
