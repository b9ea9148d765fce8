"""VC-JWT as OB 3.0 §8.2 says: the payload is the credential itself plus the registered
claims `iss` (issuer.id), `jti` (id), `nbf` (validFrom) and `sub` (credentialSubject.id,
only when the subject has one: ours are identified by a hashed `identifier` instead)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from preuves.badges import keys
from preuves.badges.models import IssuerKey


def sign_credential(key: IssuerKey, credential: dict[str, Any]) -> str:
    return keys.sign(key, credential | registered_claims(credential))


def registered_claims(credential: dict[str, Any]) -> dict[str, Any]:
    claims = {
        "iss": _issuer_id(credential),
        "jti": credential["id"],
        "nbf": int(_parse(credential["validFrom"]).timestamp()),
    }
    subject_id = credential.get("credentialSubject", {}).get("id")
    if subject_id:
        claims["sub"] = subject_id
    return claims


def claims_match(claims: dict[str, Any]) -> bool:
    """§8.2.6.1: the registered claims agree with the credential they carry."""
    try:
        expected = registered_claims(claims)
        nbf_ok = claims.get("nbf") == expected["nbf"] and expected["nbf"] <= _now()
        same = all(claims.get(name) == value for name, value in expected.items())
    except (KeyError, TypeError, ValueError, AttributeError):
        return False
    return nbf_ok and same


def credential_of(claims: dict[str, Any]) -> dict[str, Any]:
    """The credential without the JWT's registered claims."""
    return {k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf", "sub", "exp")}


def _issuer_id(credential: dict[str, Any]) -> str:
    issuer = credential["issuer"]
    return issuer if isinstance(issuer, str) else issuer["id"]


def _parse(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def _now() -> int:
    return int(datetime.now(UTC).timestamp())
