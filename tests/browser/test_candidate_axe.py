"""Issue 6, point 7: every candidate screen passes axe-core (its `target-size` rule on), in French
and in English, and a candidate can go through them with the keyboard alone.

The screens: the tablet's faces and pictures (sign-in), home, self-positioning, my proofs, one
proof with what the support worker said, the shell's "what waits" screen, and the capture
screens (photo, video, voice) of the build. Léa's dossier holds a photo, an annotation "à refaire"
and a testimony, so that the proofs screens show all they can.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from typing import Any

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, Page, expect

from browser.candidate_world import CandidateWorld, build_candidate_world, title
from browser.conftest import LiveServer, axe_violations
from browser.identity_steps import portrait_png
from factories import SYNC, auth, create_person, link_blob, token_for
from preuves.core.ids import uuid7
from preuves.core.models import utcnow
from preuves.dossiers.models import Dossier
from preuves.evidence.models import Annotation, Evidence
from preuves.extensions import db
from preuves.frameworks.models import Competency
from preuves.testimonies import models as testimonies

pytestmark = pytest.mark.browser

PICTURES = ["sun", "cat", "tree"]
PICTURE_WORDS = {
    "fr": {
        "sun": "le soleil",
        "cat": "le chat",
        "tree": "l'arbre",
        "done": "C'est fini",
        "hello": "Bonjour Léa !",
    },
    "en": {
        "sun": "the sun",
        "cat": "the cat",
        "tree": "the tree",
        "done": "Done",
        "hello": "Hello Léa!",
    },
}
# Other areas' candidate screens, checked when the build has them.
OTHER_SCREENS = ["photo", "video", "voice", "sync"]

ON_DEVICE = """async (dossierId) => {
  const { startSync } = await import('/lib/sync/index.js');
  const me = await (await fetch('/api/v1/me')).json();
  const sync = await startSync({ personId: me.person.id });
  return Boolean(await sync.queries.get('dossier', dossierId));
}"""

SETTLED = """() => new Promise((resolve) => {
  let timer = setTimeout(done, 150);
  const observer = new MutationObserver(() => {
    clearTimeout(timer);
    timer = setTimeout(done, 150);
  });
  function done() { observer.disconnect(); resolve(); }
  observer.observe(document.body, { subtree: true, childList: true, attributes: true });
})"""

NO_FRENCH_VOICE = """() => new Promise((resolve) => {
  const check = () => resolve(!speechSynthesis.getVoices().some((v) => v.lang.startsWith('fr')));
  if (speechSynthesis.getVoices().length) check();
  else setTimeout(check, 1600);
})"""

FOCUSED_NAME = """(() => {
  const element = document.activeElement;
  if (element.getAttribute('aria-label')) return element.getAttribute('aria-label');
  const copy = element.cloneNode(true);
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent.trim();
})()"""


def seed_proofs(world: CandidateWorld) -> str:
    """A photo tied to the first competency, a support worker's "à refaire", a testimony."""
    dossier = db.session.get(Dossier, world.dossier_id)
    competency = (
        db.session.query(Competency)
        .filter_by(version_id=world.version_id, key="mettre-sa-tenue")
        .one()
    )
    sha256 = link_blob(portrait_png(), dossier, "image/png")
    evidence = Evidence(
        id=uuid7(),
        dossier_id=dossier.id,
        author_id=world.lea.id,
        kind="photo",
        media_sha256=sha256,
        media_type="image/png",
        competency_ids=[str(competency.id)],
        people_in_picture="nobody",
        captured_at=utcnow(),
        **SYNC,
    )
    db.session.add(evidence)
    db.session.flush()
    db.session.add(
        Annotation(
            id=uuid7(),
            dossier_id=dossier.id,
            evidence_id=evidence.id,
            author_id=world.lead.id,
            kind="a_refaire",
            body_text="On ne voit pas le tablier. Refais la photo de plus loin.",
            competency_ids=[],
            criterion_ids=[],
            **SYNC,
        )
    )
    db.session.add(
        testimonies.Testimony(
            id=uuid7(),
            dossier_id=dossier.id,
            kind="testimony",
            author_name="Paul Girard",
            author_role="chef de cuisine",
            body_text="Léa met sa tenue toute seule.",
            competency_ids=[str(competency.id)],
            given_at=utcnow(),
            **SYNC,
        )
    )
    db.session.commit()
    return str(evidence.id)


def turn_pictures_on(app: Flask, world: CandidateWorld) -> None:
    """Léa signs in with her pictures, as in most workshops."""
    admin = create_person("Nadia", "Benali", roles={world.structure: ["admin"]})
    db.session.commit()
    client, headers = app.test_client(), auth(token_for(admin))
    for path, body in (
        (f"/api/v1/structures/{world.structure.id}/identity-settings", {"picture_sequence": True}),
        (f"/api/v1/people/{world.lea.id}/picture-secret", {"sequence": PICTURES}),
    ):
        response = client.put(path, json=body, headers=headers)
        assert response.status_code < 300, response.get_data(True)


class Audit:
    """axe on each screen; the violations by screen and language, reported all at once."""

    def __init__(self) -> None:
        self.violations: dict[str, list[dict]] = {}
        self.screens: list[str] = []

    def __call__(self, name: str, page: Page) -> None:
        # Screens redraw when the first sync brings their records: audit the settled screen.
        page.evaluate(SETTLED)
        self.screens.append(name)

        found = axe_violations(page)
        if found:
            self.violations[name] = found


@pytest.fixture
def world(app: Flask) -> CandidateWorld:
    world = build_candidate_world(app)
    turn_pictures_on(app, world)
    return world


def tablet_for(browser: Browser, world: CandidateWorld, base: str, locale: str) -> Iterator[Page]:
    context: BrowserContext = browser.new_context(locale=locale, service_workers="allow")
    context.add_cookies([{"name": "preuves_device", "value": world.device_credential, "url": base}])
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    try:
        yield page
    finally:
        context.close()


def sign_in_with_pictures(
    page: Page, base: str, language: str, audit: Audit, dossier_id: uuid.UUID
) -> None:
    words = PICTURE_WORDS[language]
    page.goto(f"{base}/")
    page.get_by_role("button", name="Léa", exact=True).wait_for()
    audit(f"{language}:candidates", page)
    page.get_by_role("button", name="Léa", exact=True).click()
    page.get_by_role("button", name=words["sun"], exact=True).wait_for()
    audit(f"{language}:sequence", page)
    for name in PICTURES:
        page.get_by_role("button", name=words[name], exact=True).click()
    page.get_by_role("button", name=words["done"]).click()
    expect(title(page)).to_have_text(words["hello"])
    # The first sync brings Léa's dossier; the screens are audited once it is on the tablet.
    page.wait_for_function(ON_DEVICE, arg=str(dossier_id), polling=250)


def go(page: Page, route: str) -> None:
    """Follow a link to `route`, as the screens' own links do (the router listens to the hash)."""
    page.evaluate("(route) => { location.hash = `#/${route}`; }", route)
    page.wait_for_function(
        "(route) => document.querySelector('#screen h1') && location.hash === `#/${route}`",
        arg=route,
    )


def walk_with_axe(page: Page, base: str, language: str, evidence_id: str, audit: Audit) -> None:
    audit(f"{language}:home", page)
    go(page, "position")
    expect(page.locator(".statement-text")).to_be_visible()
    audit(f"{language}:position", page)
    page.locator(".level-button").nth(2).click()
    expect(page.locator(".level-button").nth(2)).to_have_attribute("aria-pressed", "true")
    audit(f"{language}:position-answered", page)
    go(page, "proofs")
    expect(page.locator(".proof-card")).to_have_count(1)
    audit(f"{language}:proofs", page)
    go(page, f"proof/{evidence_id}")
    expect(page.locator(".said[data-kind='a_refaire']")).to_be_visible()
    audit(f"{language}:proof", page)
    routes = page.evaluate("import('/screens/index.js').then((m) => Object.keys(m.SCREENS))")
    for route in OTHER_SCREENS:
        if route in routes:
            go(page, route)
            audit(f"{language}:{route}", page)


def tab_until(page: Page, name: str | re.Pattern[str], limit: int = 60) -> None:
    """Press Tab until the focused element's accessible name is `name`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_NAME)
        if name.search(focused) if isinstance(name, re.Pattern) else focused == name:
            return
    raise AssertionError(f"Tab never reached {name!r}")


def keyboard_walk(page: Page, base: str) -> None:
    """By keyboard: home, position (answer, next, stop), home, my proofs, a proof, back."""
    page.goto(f"{base}/#/home")
    expect(title(page)).to_have_text("Bonjour Léa !")
    tab_until(page, "Dire ce que je sais faire")
    page.keyboard.press("Enter")
    expect(page.locator(".statement-text")).to_be_visible()
    tab_until(page, "Avec de l'aide")
    page.keyboard.press("Space")
    expect(page.get_by_role("button", name="Avec de l'aide", exact=True)).to_have_attribute(
        "aria-pressed", "true"
    )
    tab_until(page, "Après")
    page.keyboard.press("Enter")
    expect(page.locator(".statement-text")).to_be_focused()
    tab_until(page, "J'arrête pour aujourd'hui")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Mes réponses sont gardées.")).to_be_visible()
    tab_until(page, "Retour")
    page.keyboard.press("Enter")
    expect(title(page)).to_have_text("Bonjour Léa !")
    tab_until(page, "Mes preuves")
    page.keyboard.press("Enter")
    expect(title(page)).to_have_text("Mes preuves")
    tab_until(page, re.compile("^Voir ma preuve"))
    page.keyboard.press("Enter")
    expect(title(page)).to_have_text("Ma preuve")
    tab_until(page, re.compile("^Écouter : À refaire"))
    page.keyboard.press("Enter")
    if page.evaluate(NO_FRENCH_VOICE):
        # This Chromium has no voice: the tablet says so in words instead of staying silent.
        expect(page.locator(".said[data-kind='a_refaire'] .read-aloud-sign")).to_have_text(
            "Cette tablette ne sait pas lire à voix haute. Il faut lui installer une voix."
        )
    tab_until(page, "Mes preuves")
    page.keyboard.press("Enter")
    expect(title(page)).to_have_text("Mes preuves")


def test_candidate_screens_pass_axe_in_both_languages_and_work_by_keyboard(
    world: CandidateWorld, live_server: LiveServer, browser: Browser
) -> None:
    evidence_id = seed_proofs(world)
    base = live_server.url
    audit = Audit()
    for locale, language in (("fr-FR", "fr"), ("en-GB", "en")):
        for page in tablet_for(browser, world, base, locale):
            sign_in_with_pictures(page, base, language, audit, world.dossier_id)
            expect(page.locator("html")).to_have_attribute("lang", language)
            walk_with_axe(page, base, language, evidence_id, audit)
            if language == "fr":
                keyboard_walk(page, base)
            assert page.errors == []  # type: ignore[attr-defined]
    assert {"fr:home", "en:position", "en:proof", "fr:sequence"} <= set(audit.screens)
    assert audit.violations == {}, _report(audit.violations)


def _report(violations: dict[str, list[dict]]) -> Any:
    return "\n".join(
        f"{screen}: {v['id']} ({v['impact']}) {v['help']}\n    " + "\n    ".join(v["nodes"][:3])
        for screen, found in violations.items()
        for v in found
    )
