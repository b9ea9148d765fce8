"""The JSON shapes of badges, issuers and keys (api/openapi: badges/openapi.py)."""

from __future__ import annotations

from typing import Any

import segno

from preuves.badges import keys, urls
from preuves.badges.credentials import issuer_profile
from preuves.badges.models import BadgeCredential
from preuves.structures.models import Structure


def qr_svg(url: str, name: str) -> str:
    """The QR code of the verification page, titled for screen readers."""
    title = f"Code QR du badge « {name} » : il ouvre la page qui prouve que le badge est vrai."
    return segno.make(url, error="m").svg_inline(scale=4, title=title)


def badge_json(badge: BadgeCredential) -> dict[str, Any]:
    """A badge for its candidate, their guardians and staff (BRIEF-JURY contract)."""
    credential = badge.credential
    name = credential["credentialSubject"]["achievement"]["name"]
    verify_url = urls.verify_page(badge.id)
    return {
        "id": str(badge.id),
        "competency_id": str(badge.competency_id),
        "achievement_name": name,
        "issuer_name": credential["issuer"]["name"],
        "issued_at": credential["validFrom"],
        "verify_url": verify_url,
        "qr_svg": qr_svg(verify_url, name),
        "credential": credential,
        "jwt": badge.jwt,
        "revoked_at": _iso(badge.revoked_at),
    }


def public_json(badge: BadgeCredential) -> dict[str, Any]:
    """What anyone holding the badge's address may read: the credential and its VC-JWT."""
    return {
        "id": str(badge.id),
        "credential": badge.credential,
        "jwt": badge.jwt,
        "verify_url": urls.verify_page(badge.id),
        "revoked": badge.revoked_at is not None,
        "revoked_at": _iso(badge.revoked_at),
    }


def profile_json(structure: Structure) -> dict[str, Any]:
    """The issuer's public Profile (OB 3.0), naming where its keys are published."""
    return (
        {"@context": list(urls.CONTEXTS)}
        | issuer_profile(structure)
        | {
            "description": f"{structure.name} délivre ces badges après un jury de validation.",
            "otherIdentifier": [
                {
                    "type": "IdentifierEntry",
                    "identifier": urls.jwks(structure.id),
                    "identifierType": "ext:jwks_uri",
                }
            ],
        }
    )


def jwks_json(structure_keys: list) -> dict[str, Any]:
    return {"keys": [keys.public_jwk(key) for key in structure_keys]}


def _iso(moment: Any) -> str | None:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None
