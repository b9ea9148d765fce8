"""Issue 6, point 4: Léa says what she can do, one statement per screen, on the workshop's tablet.

She answers three statements with the picture buttons, the page is reloaded in the middle (the
draft on the device resumes at the same statement with her answer), she stops for today, and the
dated snapshot reaches the server with her three answers.
"""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import BrowserContext, Page, expect
from sqlalchemy import select

from browser.candidate_world import build_candidate_world, lea_on_tablet, title
from browser.conftest import LiveServer
from preuves.extensions import db
from preuves.positionings.models import Positioning

pytestmark = pytest.mark.browser


def choose(tablet: Page, level: str) -> None:
    choice = tablet.get_by_role("button", name=level, exact=True)
    choice.click()
    expect(choice).to_have_attribute("aria-pressed", "true")


def snapshots(dossier_id) -> list[Positioning]:
    db.session.expire_all()
    return list(db.session.scalars(select(Positioning).filter_by(dossier_id=dossier_id)))


def test_three_statements_a_reload_and_the_snapshot_reaches_the_server(
    app: Flask, live_server: LiveServer, context: BrowserContext
) -> None:
    world = build_candidate_world(app)
    tablet = lea_on_tablet(world, context, live_server.url)

    tablet.get_by_role("link", name="Dire ce que je sais faire").click()
    expect(title(tablet)).to_have_text("Je dis ce que je sais faire")
    expect(tablet.locator(".progress")).to_have_text("1 sur 11")
    expect(tablet.locator(".statement-text")).to_have_text("Je mets ma tenue de cuisine.")
    choose(tablet, "Seul ou seule")
    expect(tablet.get_by_text("Mon choix : Seul ou seule.")).to_be_visible()
    tablet.get_by_role("button", name="Après").click()
    expect(tablet.locator(".progress")).to_have_text("2 sur 11")
    expect(tablet.locator(".statement-text")).to_be_focused()
    choose(tablet, "Avec de l'aide")

    # A reload (an update, a flat battery) resumes at the same statement, her answer kept.
    second = tablet.locator(".statement-text").inner_text()
    tablet.reload()
    expect(tablet.locator(".progress")).to_have_text("2 sur 11")
    expect(tablet.locator(".statement-text")).to_have_text(second)
    expect(tablet.get_by_role("button", name="Avec de l'aide", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    tablet.get_by_role("button", name="Avant").click()
    expect(tablet.get_by_role("button", name="Seul ou seule", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    tablet.get_by_role("button", name="Après").click()
    tablet.get_by_role("button", name="Après").click()
    expect(tablet.locator(".progress")).to_have_text("3 sur 11")
    choose(tablet, "Pas encore")

    assert snapshots(world.dossier_id) == [], "nothing is sent before she stops"
    tablet.get_by_role("button", name="J'arrête pour aujourd'hui").click()
    expect(tablet.get_by_text("Mes réponses sont gardées.")).to_be_visible()

    tablet.wait_for_function(
        """async () => {
          const { startSync } = await import('/lib/sync/index.js');
          const me = await (await fetch('/api/v1/me')).json();
          const sync = await startSync({ personId: me.person.id });
          sync.client.requestSync();
          return (await sync.queries.counts()).pending === 0;
        }""",
        polling=250,
    )
    [snapshot] = snapshots(world.dossier_id)
    assert snapshot.kind == "self"
    assert snapshot.author_id == world.lea.id
    assert snapshot.complete is False
    assert [item["level_key"] for item in snapshot.items] == [
        "seul",
        "avec-de-l-aide",
        "pas-encore",
    ]

    # The next session takes up where she stopped, as a new snapshot.
    tablet.get_by_role("link", name="Retour").click()
    tablet.get_by_role("link", name="Dire ce que je sais faire").click()
    expect(tablet.locator(".progress")).to_have_text("4 sur 11")
    assert tablet.errors == []  # type: ignore[attr-defined]
