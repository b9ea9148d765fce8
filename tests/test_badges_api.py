"""Badge routes: who sees a dossier's badges, the public credential, issuer and keys, revoking."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from sqlalchemy import select

from badges_world import build_world, validator
from factories import auth, create_person, token_for
from preuves.audit.models import AuditEvent
from preuves.badges import keys
from preuves.badges.operations import issue_for_session
from preuves.badges.verify import GENUINE, verify_badge
from preuves.extensions import db


@pytest.fixture
def world(app):
    built = build_world()
    (built.badge,) = issue_for_session(built.session)
    db.session.commit()
    return built


@pytest.fixture
def stranger(app, world):
    """A lead of another structure, with badges of its own."""
    other = build_world("IME Les Roses")
    issue_for_session(other.session)
    db.session.commit()
    return other.lead


def _badges(client, person, dossier):
    return client.get(f"/api/v1/dossiers/{dossier.id}/badges", headers=auth(token_for(person)))


@pytest.mark.parametrize("who", ["candidate", "guardian", "worker", "lead"])
def test_the_candidate_guardian_and_staff_see_the_badges(client, world, who):
    response = _badges(client, getattr(world, who), world.dossier)
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "private, no-store"
    (badge,) = response.json["badges"]
    assert badge["id"] == str(world.badge.id)
    assert badge["competency_id"] == str(world.acquired)
    assert badge["achievement_name"] == "mettre-la-table"
    assert badge["issuer_name"] == "ESAT Les Tilleuls"
    assert badge["verify_url"] == f"http://localhost/badges/{world.badge.id}"
    assert badge["qr_svg"].startswith("<svg") and "<title>Code QR du badge" in badge["qr_svg"]
    assert badge["jwt"] == world.badge.jwt and badge["revoked_at"] is None
    assert list(validator("achievementcredential").iter_errors(badge["credential"])) == []


def test_reading_the_badges_is_audited(client, world):
    _badges(client, world.guardian, world.dossier)
    event = db.session.scalar(select(AuditEvent).where(AuditEvent.record_type == "badge",
                                                       AuditEvent.action == "read"))  # fmt: skip
    assert event.actor_id == world.guardian.id and event.dossier_id == world.dossier.id


def test_another_structures_people_get_404(client, world, stranger):
    assert _badges(client, stranger, world.dossier).status_code == 404
    revoke = client.delete(f"/api/v1/badges/{world.badge.id}", headers=auth(token_for(stranger)))
    assert revoke.status_code == 404
    assert verify_badge(world.badge).status == GENUINE


def test_the_jury_sees_no_badges_once_the_session_closed(client, world):
    jury = create_person("Nina", "Juré")
    from factories import add_jury_member

    add_jury_member(world.session, jury, "professionnel_metier")
    assert _badges(client, jury, world.dossier).status_code == 404


def test_without_a_token_no_list(client, world):
    assert client.get(f"/api/v1/dossiers/{world.dossier.id}/badges").status_code == 401


def test_the_public_credential(client, world):
    response = client.get(f"/api/v1/badges/{world.badge.id}")
    assert response.status_code == 200
    assert response.json["jwt"] == world.badge.jwt and response.json["revoked"] is False
    assert response.json["credential"] == world.badge.credential
    assert client.get("/api/v1/badges/5b1f4f4e-8a4e-4c59-9d3c-1f6f0c1d2e3f").status_code == 404


def test_the_issuer_profile_and_its_keys(client, world):
    issuer = world.badge.credential["issuer"]["id"]
    profile = client.get(urlsplit(issuer).path)
    assert profile.status_code == 200 and profile.json["name"] == "ESAT Les Tilleuls"
    assert list(validator("profile").iter_errors(profile.json)) == []
    jwks = client.get(urlsplit(issuer).path + "/jwks.json").json["keys"]
    assert [k["kty"] for k in jwks] == ["OKP"] and all("d" not in k for k in jwks)


def test_a_structure_that_never_issued_is_not_an_issuer(client, world):
    from factories import create_structure

    quiet = create_structure("Foyer sans badge")
    db.session.commit()
    assert client.get(f"/api/v1/badge-issuers/{quiet.id}").status_code == 404
    assert client.get(f"/api/v1/badge-issuers/{quiet.id}/jwks.json").status_code == 404


def test_old_badges_still_verify_after_rotation(client, world):
    old_kid = keys.header_of(world.badge.jwt)["kid"]
    keys.rotate(world.structure.id)
    db.session.commit()
    assert verify_badge(world.badge).status == GENUINE
    published = [k["kid"] for k in client.get(urlsplit(old_kid).path.rsplit("/keys/")[0]
                                              + "/jwks.json").json["keys"]]  # fmt: skip
    assert len(published) == 2 and old_kid in published
    assert client.get(urlsplit(old_kid).path).status_code == 200


def test_a_manager_revokes_a_badge(client, world):
    url = f"/api/v1/badges/{world.badge.id}"
    assert client.delete(url, headers=auth(token_for(world.worker))).status_code == 403
    assert client.delete(url, headers=auth(token_for(world.candidate))).status_code == 403
    assert client.delete(url, headers=auth(token_for(world.lead))).status_code == 204
    assert client.delete(url, headers=auth(token_for(world.lead))).status_code == 204
    assert client.get(url).json["revoked"] is True
    listed = _badges(client, world.candidate, world.dossier).json["badges"]
    assert listed[0]["revoked_at"] is not None


def test_the_rotate_key_command(app, client, world):
    from preuves.cli import cli

    runner = app.test_cli_runner()
    result = runner.invoke(cli, ["badges", "rotate-key", str(world.structure.id)])
    assert result.exit_code == 0, result.output
    assert "1 older key(s) kept" in result.output
    assert len(keys.keys_of(world.structure.id)) == 2
    assert verify_badge(world.badge).status == GENUINE
    missing = runner.invoke(cli, ["badges", "rotate-key", "5b1f4f4e-8a4e-4c59-9d3c-1f6f0c1d2e3f"])
    assert missing.exit_code != 0


def test_erasing_the_candidate_erases_their_badges(client, world):
    from preuves.badges.models import BadgeCredential
    from preuves.people.erasure import erase_person

    page = f"/badges/{world.badge.id}"
    erase_person(world.candidate.id)
    assert db.session.query(BadgeCredential).count() == 0  # ON DELETE CASCADE from the dossier
    assert client.get(page).status_code == 404


def test_closing_a_session_through_the_jury_lifecycle_issues_valid_badges(client, app):
    from preuves.juries.lifecycle import close

    built = build_world("Foyer du Parc")
    badges = close(built.lead.id, built.session)
    db.session.commit()
    assert [b.competency_id for b in badges] == [built.acquired]
    listed = _badges(client, built.candidate, built.dossier).json["badges"]
    assert [b["id"] for b in listed] == [str(badges[0].id)]
    assert list(validator("achievementcredential").iter_errors(listed[0]["credential"])) == []
