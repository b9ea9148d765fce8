"""The verification page a badge's QR code opens: genuine, tampered, revoked, unknown."""

from __future__ import annotations

import base64
import json

import pytest

from badges_world import build_world
from preuves.badges.operations import issue_for_session
from preuves.core.models import utcnow
from preuves.extensions import db


@pytest.fixture
def world(app):
    built = build_world()
    (built.badge,) = issue_for_session(built.session)
    db.session.commit()
    return built


def _page(client, world):
    response = client.get(f"/badges/{world.badge.id}")
    assert response.mimetype == "text/html"
    assert response.headers["Cache-Control"] == "no-store"
    return response.status_code, response.get_data(as_text=True)


def test_a_genuine_badge(client, world):
    status, html = _page(client, world)
    assert status == 200 and '<html lang="fr">' in html
    assert 'data-status="genuine"' in html and "Ce badge est authentique." in html
    assert "mettre-la-table" in html and "ESAT Les Tilleuls" in html
    assert "Léa" in html and "Martin" not in html and "@" not in html
    assert "Je mets la table pour douze personnes." in html  # the evidence's caption
    assert "Léa a dressé la salle seule." in html  # the testimony shared
    assert "Ne pas publier." not in html
    assert "Niveau atteint" in html


def test_a_tampered_badge_says_so(client, world):
    head, payload, signature = world.badge.jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["credentialSubject"]["achievement"]["name"] = "Chef étoilé"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    world.badge.jwt = f"{head}.{forged}.{signature}"
    db.session.commit()
    status, html = _page(client, world)
    assert status == 200 and 'data-status="not_verified"' in html
    assert "Ce badge n'a pas pu être vérifié." in html
    assert "Chef étoilé" not in html and "Léa" not in html


def test_a_badge_signed_by_another_structures_key_fails(client, world):
    other = build_world("IME Les Roses")
    (theirs,) = issue_for_session(other.session)
    world.badge.jwt = theirs.jwt  # a genuine signature, but not of this badge's issuer
    db.session.commit()
    assert 'data-status="not_verified"' in _page(client, world)[1]


def test_a_revoked_badge_says_so(client, world):
    world.badge.revoked_at = utcnow()
    db.session.commit()
    status, html = _page(client, world)
    assert status == 200 and 'data-status="revoked"' in html
    assert "Ce badge a été retiré." in html and "authentique" not in html


def test_an_unknown_badge(client, world):
    response = client.get("/badges/5b1f4f4e-8a4e-4c59-9d3c-1f6f0c1d2e3f")
    assert response.status_code == 404 and "Ce badge n'existe pas ici." in response.get_data(
        as_text=True
    )


def test_what_witnesses_wrote_is_escaped(client, world):
    from preuves.badges.models import BadgeCredential

    world.shared.body_text = '<script>alert("x")</script>'
    db.session.delete(world.badge)
    db.session.commit()
    (fresh,) = issue_for_session(world.session)
    db.session.commit()
    html = client.get(f"/badges/{fresh.id}").get_data(as_text=True)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert db.session.query(BadgeCredential).count() == 1
