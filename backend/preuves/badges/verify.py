"""Is a badge genuine? Its VC-JWT must verify with a published key of the structure that
issued it, and its claims must agree with the credential (OB 3.0 §8.2.6, §9.1)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from typing import Any

from preuves.badges import keys, vcjwt
from preuves.badges.models import BadgeCredential, IssuerKey
from preuves.extensions import db

GENUINE, REVOKED, NOT_VERIFIED = "genuine", "revoked", "not_verified"


@dataclass(frozen=True)
class Verdict:
    status: str
    credential: dict[str, Any] | None = None  # what the signature vouches for, if it verifies
    endorsements: list[dict[str, Any]] = field(default_factory=list)


def verify_badge(badge: BadgeCredential) -> Verdict:
    """Genuine, revoked (signature good, withdrawn by the structure) or not verified."""
    claims = verified_claims(badge.jwt, badge.structure_id)
    if claims is None or claims.get("jti") != f"urn:uuid:{badge.id}":
        return Verdict(NOT_VERIFIED)
    credential = vcjwt.credential_of(claims)
    endorsed = [verified_claims(t, badge.structure_id) for t in claims.get("endorsementJwt", [])]
    if any(e is None for e in endorsed):
        return Verdict(NOT_VERIFIED)
    status = REVOKED if badge.revoked_at is not None else GENUINE
    return Verdict(status, credential, [vcjwt.credential_of(e) for e in endorsed if e])


def verified_claims(token: str, structure_id: uuid.UUID) -> dict[str, Any] | None:
    """The claims of a VC-JWT signed by one of the structure's keys, or None."""
    key = _key_named(keys.header_of(token).get("kid"), structure_id)
    claims = keys.verify(token, key.public_jwk) if key else None
    if claims is None or not vcjwt.claims_match(claims):
        return None
    if not str(claims.get("iss", "")).endswith(f"/badge-issuers/{structure_id}"):
        return None
    return claims


def _key_named(kid: Any, structure_id: uuid.UUID) -> IssuerKey | None:
    # The kid is the key's URL; its last segment is the key's id. The origin in front may
    # have moved since (a new domain): the structure must still own the key.
    try:
        key = db.session.get(IssuerKey, uuid.UUID(str(kid).rsplit("/", 1)[-1]))
    except ValueError:
        return None
    return key if key is not None and key.structure_id == structure_id else None
