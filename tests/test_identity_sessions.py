"""Sessions: cookie flags, idle and absolute expiry, revocation on the server."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from factories import create_person, create_session, create_structure, device_cookie, enrol_device
from preuves.core.models import utcnow
from preuves.extensions import db
from preuves.identity.models import WebSession


def _only_session() -> WebSession:
    return db.session.scalars(select(WebSession)).one()


def test_idle_and_absolute_expiry(client):
    person = create_person()
    create_session(client, person)
    assert client.get("/api/v1/me").status_code == 200
    row = _only_session()
    row.idle_expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    expired = client.get("/api/v1/me")
    assert expired.status_code == 401
    assert "preuves_session=;" in expired.headers["Set-Cookie"]  # the stale cookie is cleared

    create_session(client, person)
    row = db.session.scalars(select(WebSession).order_by(WebSession.created_at.desc())).first()
    row.expires_at = utcnow() - timedelta(seconds=1)
    db.session.commit()
    assert client.get("/api/v1/me").status_code == 401


def test_a_session_is_revoked_on_the_server(client):
    person = create_person()
    csrf = create_session(client, person)
    token = client.get_cookie("preuves_session").value
    assert client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    assert _only_session().revoked_at is not None
    replayed = client.application.test_client()
    replayed.set_cookie("preuves_session", token, domain="localhost")
    assert replayed.get("/api/v1/me").status_code == 401


def test_the_token_is_hashed_at_rest(client):
    create_session(client, create_person())
    assert _only_session().token_hash != client.get_cookie("preuves_session").value


def test_cookies_are_secure_under_https(app):
    structure = create_structure()
    worker = create_person("Sam", "M", roles={structure: ["support_worker"]})
    alice = create_person("Alice", "C", roles={structure: ["candidate"]})
    _device, credential = enrol_device(structure, worker)
    tablet = app.test_client()
    device_cookie(tablet, credential)
    answer = tablet.post(
        "/api/v1/devices/me/sign-in",
        json={"person_id": str(alice.id)},
        base_url="https://localhost",
    )
    cookie = answer.headers["Set-Cookie"]
    assert answer.status_code == 200, answer.json
    assert all(flag in cookie for flag in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"))
    plain = tablet.post("/api/v1/auth/logout", headers={"X-CSRF-Token": answer.json["csrf_token"]})
    assert "Secure" not in plain.headers["Set-Cookie"]
