"""OB 3.0 credentials: 1EdTech's JSON Schema, the VC-JWT against the published key, the
hashed recipient, what is issued and what is not."""

from __future__ import annotations

import base64
import hashlib
import json
import re
import warnings
from datetime import date, datetime
from urllib.parse import urlsplit

import pytest
from joserfc import jws
from joserfc.errors import BadSignatureError
from joserfc.jwk import OKPKey

from badges_world import build_world, validator
from factories import create_jury_session, record_decision
from preuves.badges.models import BadgeCredential
from preuves.badges.operations import issue_for_session
from preuves.extensions import db


@pytest.fixture
def world(app):
    return build_world()


@pytest.fixture
def badge(world):
    (issued,) = issue_for_session(world.session)
    db.session.commit()
    return issued


def _published_key(client, token: str) -> OKPKey:
    """Dereference the JWS header's kid over HTTP, as OB 3.0 §8.2.6 tells a verifier to."""
    header = json.loads(base64.urlsafe_b64decode(token.split(".")[0] + "=="))
    assert header["alg"] == "EdDSA" and header["typ"] == "JWT"
    response = client.get(urlsplit(header["kid"]).path)
    assert response.status_code == 200
    assert "d" not in response.json  # never the private half
    return OKPKey.import_key(response.json)


def _verify(token: str, key: OKPKey) -> dict:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="EdDSA is deprecated")
        return json.loads(jws.deserialize_compact(token, key, algorithms=["EdDSA"]).payload)


def test_every_credential_validates_against_1edtech_schema(badge):
    errors = list(validator("achievementcredential").iter_errors(badge.credential))
    assert [e.message for e in errors] == []
    assert badge.credential["type"] == ["VerifiableCredential", "OpenBadgeCredential"]


def test_the_schema_check_can_fail(badge):
    broken = badge.credential | {"@context": ["https://www.w3.org/ns/credentials/v2"]}
    assert list(validator("achievementcredential").iter_errors(broken))


def test_the_vc_jwt_verifies_with_the_published_key(client, badge):
    claims = _verify(badge.jwt, _published_key(client, badge.jwt))
    assert claims["jti"] == badge.credential["id"] == f"urn:uuid:{badge.id}"
    assert claims["iss"] == badge.credential["issuer"]["id"]
    assert claims["nbf"] == int(datetime.fromisoformat(claims["validFrom"]).timestamp())
    assert {k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf")} == badge.credential
    assert list(validator("achievementcredential").iter_errors(claims)) == []


def test_a_tampered_vc_jwt_fails(client, badge):
    head, payload, signature = badge.jwt.split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=="))
    claims["name"] = "Pilote de ligne"
    forged = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    with pytest.raises(BadSignatureError):
        _verify(f"{head}.{forged}.{signature}", _published_key(client, badge.jwt))


def test_the_recipient_is_a_salted_hash_and_no_email(world, badge):
    (identity,) = badge.credential["credentialSubject"]["identifier"]
    assert identity["hashed"] is True and identity["type"] == "IdentityObject"
    expected = hashlib.sha256(f"{world.candidate.id}{identity['salt']}".encode()).hexdigest()
    assert identity["identityHash"] == f"sha256${expected}"
    payload = base64.urlsafe_b64decode(badge.jwt.split(".")[1] + "==").decode()
    for text in (json.dumps(badge.credential, ensure_ascii=False), payload):
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text)  # no e-mail address at all
        for secret in ("lea.martin", "Martin", str(world.candidate.id)):
            assert secret not in text
    assert "id" not in badge.credential["credentialSubject"]  # identified by the hash alone


def test_salts_differ_so_two_badges_cannot_be_linked(world, badge):
    other = create_jury_session(world.structure, [], [world.dossier], status="closed")
    record_decision(other, world.dossier, competency_id=world.refused, outcome="acquis")
    (second,) = issue_for_session(other)
    hashes = {
        b.credential["credentialSubject"]["identifier"][0]["identityHash"] for b in (badge, second)
    }
    assert len(hashes) == 2


def test_the_achievement_evidence_and_cercle(world, badge):
    subject = badge.credential["credentialSubject"]
    achievement = subject["achievement"]
    assert achievement["achievementType"] == "Competency"
    assert achievement["id"] == f"urn:uuid:{world.acquired}"
    assert achievement["criteria"]["narrative"].startswith("Compétence reconnue")
    levels = achievement["resultDescription"][0]["rubricCriterionLevel"]
    reached = [lv for lv in levels if lv["id"] == subject["result"][0]["achievedLevel"]]
    assert [lv["name"] for lv in reached] == ["seul"]
    (evidence,) = badge.credential["evidence"]
    assert evidence["narrative"] == "Je mets la table pour douze personnes."
    assert evidence["name"] == "Mettre la table" and "id" not in evidence  # no media URL
    assert "http" not in json.dumps(badge.credential["evidence"])


def test_endorsements_quote_only_witnesses_who_agreed(client, world, badge):
    tokens = badge.credential["endorsementJwt"]
    assert len(tokens) == 1  # the testimony given without consent to share is left out
    claims = _verify(tokens[0], _published_key(client, tokens[0]))
    endorsement = {k: v for k, v in claims.items() if k not in ("iss", "jti", "nbf", "sub")}
    assert list(validator("endorsementcredential").iter_errors(endorsement)) == []
    assert claims["sub"] == claims["credentialSubject"]["id"] == badge.credential["id"]
    comment = claims["credentialSubject"]["endorsementComment"]
    assert "Léa a dressé la salle seule." in comment and "Marc Tuteur" in comment
    assert "Ne pas publier" not in json.dumps(badge.credential, ensure_ascii=False)


def test_issuing_twice_issues_nothing_new(world, badge):
    again = issue_for_session(world.session)
    db.session.commit()
    assert [b.id for b in again] == [badge.id]
    assert db.session.query(BadgeCredential).count() == 1


def test_only_acquis_competencies_of_the_final_result(world):
    record_decision(
        world.session, world.dossier, competency_id=world.acquired, outcome="non_acquis"
    )
    assert issue_for_session(world.session) == []  # the last decision counts


def test_a_later_closed_session_supersedes_an_earlier_one(world):
    later = create_jury_session(
        world.structure, [], [world.dossier], status="closed", held_on=date(2027, 6, 1)
    )
    record_decision(later, world.dossier, competency_id=world.refused, outcome="acquis")
    assert issue_for_session(world.session) == []
    assert [b.competency_id for b in issue_for_session(later)] == [world.refused]


def test_one_key_per_structure_made_on_first_need(client, world, badge):
    other = build_world("IME Les Roses")
    (theirs,) = issue_for_session(other.session)
    mine, yours = (json.loads(base64.urlsafe_b64decode(t.split(".")[0] + "==")) for t in
                   (badge.jwt, theirs.jwt))  # fmt: skip
    assert mine["kid"] != yours["kid"]
    with pytest.raises(BadSignatureError):
        _verify(theirs.jwt, _published_key(client, badge.jwt))
