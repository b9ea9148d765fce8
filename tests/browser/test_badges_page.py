"""The badge verification page passes axe-core (target-size on) as genuine, revoked and
unverifiable, in French."""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Page, expect

from badges_world import build_world
from browser.conftest import axe_violations
from preuves.badges.operations import issue_for_session
from preuves.core.models import utcnow
from preuves.extensions import db

pytestmark = pytest.mark.browser


def test_the_verification_page_is_accessible(app: Flask, page: Page):
    world = build_world()
    (badge,) = issue_for_session(world.session)
    db.session.commit()
    client, url = app.test_client(), f"/badges/{badge.id}"

    def show(status: str) -> None:
        page.set_content(client.get(url).get_data(as_text=True))
        expect(page.locator("#verdict")).to_have_attribute("data-status", status)
        assert page.evaluate("document.documentElement.lang") == "fr"
        assert axe_violations(page) == [], status

    show("genuine")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vérification d'un badge")
    expect(page.get_by_role("status")).to_contain_text("Ce badge est authentique.")
    badge.revoked_at = utcnow()
    db.session.commit()
    show("revoked")
    badge.jwt = badge.jwt[:-4] + ("AAAA" if not badge.jwt.endswith("AAAA") else "BBBB")
    db.session.commit()
    show("not_verified")
