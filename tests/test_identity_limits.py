"""Rate limits and CSRF: nothing can be guessed faster than the database-kept limits allow,
and a cookie-authenticated change needs the session's CSRF token and a same-site origin."""

from __future__ import annotations

import itertools

import pytest

from factories import (
    auth,
    create_person,
    create_session,
    create_structure,
    device_cookie,
    enrol_device,
    token_for,
)
from preuves.extensions import db
from preuves.identity.models import IdentitySettings, RateCounter
from preuves.identity.pictures import PICTURES, set_secret
from preuves.identity.settings import DEFAULTS

SECRET = ["star", "fish", "flower"]  # far down the order the guesser tries them in


@pytest.fixture
def tablet(client):
    structure = create_structure()
    worker = create_person("Sam", "Moniteur", roles={structure: ["support_worker"]})
    alice = create_person("Alice", "Candidate", roles={structure: ["candidate"]})
    db.session.add(IdentitySettings(structure_id=structure.id, picture_sequence=True))
    set_secret(alice.id, SECRET, worker.id)
    db.session.commit()
    _device, credential = enrol_device(structure, worker)
    device_cookie(client, credential)
    return {"alice": alice, "worker": worker}


def _guess_everything(client, person_id, tries: int = 12**3) -> dict[str | None, int]:
    """Try the sequences of three pictures in order; count the answers by problem code."""
    seen: dict[str | None, int] = {}
    for guess in itertools.islice(itertools.product(PICTURES, repeat=3), tries):
        response = client.post(
            "/api/v1/devices/me/sign-in",
            json={"person_id": str(person_id), "sequence": list(guess)},
        )
        code = None if response.status_code == 200 else response.json["code"]
        seen[code] = seen.get(code, 0) + 1
        if code is None:
            break
    return seen


def _evaluations(client, person_id) -> int:
    """How many tries reached the comparison with the secret (counted just before it)."""
    device_id = client.get("/api/v1/devices/me").json["device"]["id"]
    counter = db.session.get(RateCounter, f"picture:{device_id}:{person_id}")
    return counter.count if counter else 0


def test_all_sequences_of_three_get_three_evaluations(client, tablet):
    seen = _guess_everything(client, tablet["alice"].id)
    assert sum(seen.values()) == 12**3
    assert None not in seen  # the secret was never reached
    assert seen == {"picture_wrong": 2, "ask_support_worker": 12**3 - 2}
    assert _evaluations(client, tablet["alice"].id) == 3  # the third one locked


def test_without_the_lock_the_rate_limit_still_caps_guessing(app, client, tablet):
    app.config["PICTURE_MAX_FAILURES"] = 10**6  # as if a support worker unlocked every time
    limit, _window = DEFAULTS["RATE_LIMITS"]["picture"]
    seen = _guess_everything(client, tablet["alice"].id, tries=300)  # the first 300 suffice
    assert None not in seen
    assert seen == {"picture_wrong": limit, "too_many_requests": 300 - limit}
    # One more try was counted and refused; after it, refusals cost no write at all.
    assert _evaluations(client, tablet["alice"].id) == limit + 1


def test_sign_in_ceremonies_are_rate_limited_by_address(app, client):
    app.config["RATE_LIMITS"] = {"login": (3, 300)}
    codes = [
        client.post("/api/v1/auth/passkeys/login/options", json={}).status_code for _ in range(5)
    ]
    assert codes == [200, 200, 200, 429, 429]
    refused = client.post("/api/v1/auth/passkeys/login/options", json={})
    assert refused.json["code"] == "too_many_requests"
    assert 0 < int(refused.headers["Retry-After"]) <= 300
    other_address = client.post(
        "/api/v1/auth/passkeys/login/options", json={}, environ_base={"REMOTE_ADDR": "10.0.0.9"}
    )
    assert other_address.status_code == 200


@pytest.fixture
def signed_in(client):
    structure = create_structure()
    lead = create_person("Lea", "Lead", roles={structure: ["lead"]})
    csrf = create_session(client, lead)
    return {"structure": structure, "lead": lead, "csrf": csrf}


def _settings(client, signed_in, **headers):
    url = f"/api/v1/structures/{signed_in['structure'].id}/identity-settings"
    return client.put(url, json={"picture_sequence": True}, headers=headers)


def test_a_cookie_change_without_the_csrf_header_is_refused(client, signed_in):
    response = _settings(client, signed_in)
    assert (response.status_code, response.json["code"]) == (403, "csrf_failed")
    wrong = _settings(client, signed_in, **{"X-CSRF-Token": "not-it"})
    assert wrong.json["code"] == "csrf_failed"


def test_a_cookie_change_with_the_csrf_header_is_accepted(client, signed_in):
    response = _settings(client, signed_in, **{"X-CSRF-Token": signed_in["csrf"]})
    assert response.status_code == 200, response.json
    assert client.get("/api/v1/me").json["csrf_token"] == signed_in["csrf"]


def test_a_cross_site_origin_is_refused_even_with_the_token(client, signed_in):
    headers = {"X-CSRF-Token": signed_in["csrf"], "Origin": "https://evil.example"}
    assert _settings(client, signed_in, **headers).json["code"] == "csrf_failed"
    headers = {"X-CSRF-Token": signed_in["csrf"], "Sec-Fetch-Site": "cross-site"}
    assert _settings(client, signed_in, **headers).json["code"] == "csrf_failed"
    headers = {"X-CSRF-Token": signed_in["csrf"], "Origin": "http://localhost"}
    assert _settings(client, signed_in, **headers).status_code == 200


def test_sign_in_calls_check_the_origin_too(client):
    response = client.post(
        "/api/v1/auth/passkeys/login/options", json={}, headers={"Origin": "https://evil.example"}
    )
    assert response.json["code"] == "csrf_failed"


def test_a_bearer_token_is_exempt(client, signed_in):
    fresh = client.application.test_client()
    token = token_for(signed_in["lead"])
    assert _settings(fresh, signed_in, **auth(token)).status_code == 200


def test_a_read_needs_no_csrf_token(client, signed_in):
    assert client.get("/api/v1/auth/passkeys").status_code == 200
