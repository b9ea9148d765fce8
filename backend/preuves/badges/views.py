"""Badges: a dossier's list, the public credential, the issuer's profile and keys, revoking,
and the verification page a QR code opens. The routes are in blueprint.py."""

from __future__ import annotations

import uuid

from flask import Response, jsonify, render_template

from preuves.badges import keys, lookups, operations, schemas
from preuves.badges.credentials import timestamp
from preuves.badges.page import facts as page_facts
from preuves.badges.page import french_date
from preuves.badges.verify import verify_badge
from preuves.core.errors import Problem
from preuves.extensions import db
from preuves.identity.principal import current_principal
from preuves.policy.guard import checked, public


@checked("access.reader_dossier: the dossier's candidate, guardians and staff (relations)")
def list_badges(dossier_id: uuid.UUID) -> Response:
    """The dossier's badges with their QR codes, credentials and VC-JWTs."""
    found = operations.for_dossier(current_principal(), dossier_id)
    db.session.commit()  # the audited read
    return _private(jsonify({"badges": [schemas.badge_json(b) for b in found]}))


@checked("access.manager_dossier: a manager of the dossier's structure")
def revoke_badge(badge_id: uuid.UUID) -> Response:
    """Withdraw a badge: its verification page says so from now on."""
    operations.revoke(current_principal(), badge_id)
    db.session.commit()
    return Response(status=204)


@public("a badge's holder shows it to anyone: the credential names no one (hashed recipient)")
def show_badge(badge_id: uuid.UUID) -> Response:
    """The credential and its VC-JWT, for wallets and verifiers."""
    return _fresh(jsonify(schemas.public_json(lookups.badge(badge_id))))


@public("OB 3.0 verifiers dereference the issuer's Profile named in every credential")
def issuer_profile(structure_id: uuid.UUID) -> Response:
    """The issuing structure's public Profile."""
    structure, _keys = lookups.issuer(structure_id)
    return jsonify(schemas.profile_json(structure))


@public("verifiers need the issuer's public keys to check signatures")
def issuer_jwks(structure_id: uuid.UUID) -> Response:
    """Every public key of the structure, retired ones included (old badges still verify)."""
    _structure, found = lookups.issuer(structure_id)
    return jsonify(schemas.jwks_json(found))


@public("OB 3.0 §8.5: the `kid` of a VC-JWT dereferences to the public JWK")
def issuer_key(structure_id: uuid.UUID, key_id: uuid.UUID) -> Response:
    """One public key, as a bare JWK."""
    _structure, found = lookups.issuer(structure_id)
    match = [k for k in found if k.id == key_id]
    if not match:
        raise Problem("not_found", f"No key {key_id}.")
    return jsonify(keys.public_jwk(match[0]))


@public("the page a badge's QR code opens: anyone checks it, it shows only a first name")
def verification_page(badge_id: uuid.UUID) -> tuple[str, int, dict[str, str]]:
    """Whether the badge is genuine, what it recognises, by whom, when (in French)."""
    badge = lookups.find_badge(badge_id)
    if badge is None:
        return render_template("badges/unknown.html"), 404, _PAGE_HEADERS
    verdict = verify_badge(badge)
    page = render_template(
        "badges/verify.html",
        verdict=verdict,
        facts=page_facts(verdict),
        first_name=lookups.candidate_first_name(badge),
        revoked_on=french_date(timestamp(badge.revoked_at)) if badge.revoked_at else None,
        json_url=f"/api/v1/badges/{badge.id}",
    )
    return page, 200, _PAGE_HEADERS


# Never cached (a revocation shows at once), never indexed, no referrer leaks the badge's URL.
_PAGE_HEADERS = {
    "Cache-Control": "no-store",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'",
    "X-Robots-Tag": "noindex",
    "Referrer-Policy": "no-referrer",
}


def _private(response: Response) -> Response:
    response.headers["Cache-Control"] = "private, no-store"
    return response


def _fresh(response: Response) -> Response:
    response.headers.update(_PAGE_HEADERS)
    return response
