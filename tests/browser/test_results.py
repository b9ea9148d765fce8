"""Issue 8, point 6 and "the support worker and the candidate see them": a closed jury's result.

Léa's RAE dossier went before a jury that is now closed: two competencies decided (one
"acquis", one "en cours d'acquisition"), a partial validation, badges issued on closing. Her
support worker's dossier screen shows the decisions, the minutes' signatures and the export
links; on the workshop's tablet Léa finds "Mon résultat" on her home, hears every line, shows
her badge big with its QR code; with no network at all, a reload still shows the badge kept on
the tablet. axe-core (target-size on) on the candidate's screen and the dossier screen.
"""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, expect
from sqlalchemy import select

from browser.candidate_world import CandidateWorld, build_candidate_world, lea_on_tablet, title
from browser.conftest import LiveServer
from browser.page_steps import no_violations
from factories import auth, create_jury_session, create_person, record_decision
from preuves.dossiers.models import Dossier
from preuves.extensions import db
from preuves.frameworks.models import Competency
from preuves.identity.sessions import open_session
from preuves.juries.lifecycle import close

pytestmark = pytest.mark.browser
EASY_BADGE = "Je mets ma tenue de cuisine."

RESULT_READY = """async (dossierId) => {
  const { openSyncDb } = await import('/lib/sync/db.js');
  const db = await openSyncDb();
  try {
    const all = await new Promise((resolve, reject) => {
      const records = db.transaction('records').objectStore('records');
      const request = records.index('type').getAll('jury_session');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    return all.some(({ record }) => record.status === 'closed');
  } finally { db.close(); }
}"""


def closed_jury(world: CandidateWorld) -> dict:
    """The session, closed the way the server closes it (dossier presented, badges issued)."""
    paul = create_person("Paul", "Durand")
    ines = create_person("Inès", "Roy")
    dossier = db.session.get(Dossier, world.dossier_id)
    session = create_jury_session(
        world.structure,
        [paul, ines, world.lead],
        [dossier],
        status="open",
        roles=["professionnel_metier", "encadrant_autre_structure", "directeur_structure"],
    )
    by_key = {
        c.key: c.id
        for c in db.session.scalars(select(Competency).filter_by(version_id=world.version_id))
    }
    record_decision(session, dossier, competency_id=by_key["mettre-sa-tenue"], outcome="acquis")
    record_decision(
        session,
        dossier,
        competency_id=by_key["se-laver-les-mains"],
        outcome="en_cours_d_acquisition",
    )
    record_decision(
        session,
        dossier,
        overall_outcome="validation_partielle",
        validated_block_keys=["hygiene-et-tenue"],
        comment="Bravo pour la tenue.",
    )
    session.status, session.rev = "closed", session.rev + 1
    badges = close(world.lead.id, session)
    db.session.commit()
    assert len(badges) == 1
    return {"session": session}


def support_worker_sees_it(browser: Browser, base: str, world: CandidateWorld, axe) -> None:
    cookie = open_session(world.lead.id, "passkey")
    db.session.commit()
    context = browser.new_context(locale="fr-FR")
    context.add_cookies([{"name": "preuves_session", "value": cookie.token, "url": base}])
    page = context.new_page()
    page.goto(f"{base}/#/dossier/{world.dossier_id}")
    section = page.locator(".result-staff")
    expect(section).to_contain_text("Résultat du jury du 15 février 2027 à Cuisine.", timeout=20000)
    expect(section).to_contain_text("Validation partielle : Je suis propre et en tenue.")
    expect(section).to_contain_text("Je mets ma tenue de cuisine : Acquis.")
    expect(section).to_contain_text("Je me lave les mains : En cours d'acquisition.")
    expect(section).to_contain_text("Signatures du procès-verbal : 0 sur 3.")
    links = section.locator(".result-exports a")
    expect(links).to_have_text(
        [
            "Le dossier en pages web, dans un fichier zip",
            "Le dossier à imprimer",
            "Le procès-verbal du jury à imprimer",
        ]
    )
    zip_href = links.first.get_attribute("href")
    assert zip_href == f"/api/v1/dossiers/{world.dossier_id}/exports/portfolio.zip"
    answer = page.request.get(base + zip_href)
    assert answer.status == 200 and answer.body()[:2] == b"PK"
    # The link asks whether the media worker is done, then downloads.
    with page.expect_download() as download:
        links.first.click()
    assert download.value.suggested_filename.endswith(".zip")
    expect(section.locator(".result-badges-staff li")).to_have_count(1)
    no_violations(axe, page, "dossier screen with its jury result")
    context.close()


def lea_sees_it(tablet: Page, world: CandidateWorld, badge_name: str, axe) -> None:
    tablet.wait_for_function(RESULT_READY, arg=str(world.dossier_id), polling=250, timeout=20000)
    tile = tablet.get_by_role("link", name="Mon résultat")
    expect(tile).to_be_visible(timeout=20000)
    tile.click()
    expect(title(tablet)).to_have_text("Mon résultat")
    jury = "Le jury : ce sont les personnes qui regardent mon dossier."
    expect(tablet.get_by_text(jury)).to_be_visible()
    expect(tablet.get_by_text("Le jury valide une partie de mon dossier.")).to_be_visible()
    expect(tablet.get_by_text("Les parties validées : Je suis propre et en tenue.")).to_be_visible()
    rows = tablet.locator(".result-row")
    expect(rows).to_have_count(2)
    expect(rows.nth(0)).to_contain_text(
        "Je mets ma tenue de cuisine.Le jury dit : je sais le faire."
    )
    expect(rows.nth(1)).to_contain_text("Je me lave les mains.Le jury dit : j'apprends encore.")
    # Every line has its read-aloud button; one pressed speaks, or says the tablet has no voice.
    listen = tablet.get_by_role("button", name=f"Écouter : {jury}")
    expect(listen).to_be_visible()
    expect(
        rows.nth(1).get_by_role("button", name="Écouter : Je me lave les mains.")
    ).to_be_visible()
    assert tablet.locator(".results .read-aloud-button").count() >= 10
    listen.click()
    expect(tablet.locator(".result-jury .read-aloud-sign")).to_have_text(
        "Cette tablette ne sait pas lire à voix haute. Il faut lui installer une voix."
    )
    # The badge in my words (the framework's easy wording), and its own name beside it.
    expect(tablet.locator(".badge-item h3")).to_have_text(EASY_BADGE)
    expect(tablet.locator(".badge-item")).to_contain_text(f"Sur le badge : {badge_name}.")
    no_violations(axe, tablet, "my result")
    show_badge(tablet, EASY_BADGE, axe)


def show_badge(tablet: Page, badge_name: str, axe) -> None:
    show = tablet.get_by_role("button", name=f"Montrer le badge : {badge_name}")
    show.focus()
    tablet.keyboard.press("Enter")
    dialog = tablet.get_by_role("dialog", name=f"Mon badge : {badge_name}")
    expect(dialog).to_be_visible()
    expect(dialog.get_by_role("heading")).to_be_focused()
    qr = dialog.get_by_role(
        "img", name=f"Code à lire avec un téléphone. Il montre que le badge {badge_name} est vrai."
    )
    expect(qr).to_be_visible()
    assert qr.evaluate("(img) => img.complete && img.naturalWidth > 0")
    expect(dialog.locator(".badge-url")).to_contain_text("/badges/")
    no_violations(axe, tablet, "my badge, big")
    dialog.get_by_role("button", name="Fermer").click()
    expect(dialog).to_have_count(0)
    expect(show).to_be_focused()


def test_the_result_and_its_badge_reach_the_candidate_and_the_support_worker(
    app: Flask, live_server: LiveServer, browser: Browser, context: BrowserContext, axe
) -> None:
    world = build_candidate_world(app)
    closed_jury(world)
    base = live_server.url
    listed = app.test_client().get(
        f"/api/v1/dossiers/{world.dossier_id}/badges", headers=auth(world.lea_token)
    )
    assert listed.status_code == 200
    (badge,) = listed.get_json()["badges"]

    support_worker_sees_it(browser, base, world, axe)

    tablet = lea_on_tablet(world, context, base)
    tablet.evaluate("navigator.serviceWorker.ready.then(() => true)")
    tablet.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)
    lea_sees_it(tablet, world, badge["achievement_name"], axe)

    # No network at all, service worker included: the badge kept on the tablet still shows.
    live_server.stop()
    tablet.reload()
    expect(title(tablet)).to_have_text("Mon résultat", timeout=20000)
    expect(
        tablet.get_by_text("Il n'y a pas internet. Voici mes badges gardés sur la tablette.")
    ).to_be_visible()
    expect(tablet.locator(".badge-item h3")).to_have_text(EASY_BADGE)
    expect(tablet.get_by_text("Le jury valide une partie de mon dossier.")).to_be_visible()
    show_badge(tablet, EASY_BADGE, axe)
    assert tablet.errors == []  # type: ignore[attr-defined]
