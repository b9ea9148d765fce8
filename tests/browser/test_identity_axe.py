"""Every sign-in and enrolment screen passes axe-core with no violation (target-size on), and
works with the keyboard alone; picture buttons carry the candidate's or the picture's name."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from browser import identity_steps as steps
from browser.conftest import add_virtual_authenticator, axe_violations

pytestmark = pytest.mark.browser

SCREENS = [
    "invitation",
    "passkeys",
    "passkeys-last",
    "invitations",
    "invitation-created",
    "sign-in",
    "enrol-staff",
    "enrol-choice",
    "candidates",
    "sequence",
    "wrong-try",
    "ask-support-worker",
    "pictures-choose",
    "tablets",
    "revoked",
    "tablets-wiped",
]


@pytest.fixture
def world(app: Flask) -> steps.World:
    return steps.build_world(app)


class Audit:
    """Runs axe on each screen the journey reaches; PREUVES_SCREENSHOTS=dir keeps pictures."""

    def __init__(self) -> None:
        self.violations: dict[str, list[dict]] = {}
        self.folder = os.environ.get("PREUVES_SCREENSHOTS")

    def __call__(self, name: str, page: Page) -> None:
        self.violations[name] = axe_violations(page)
        if self.folder:
            Path(self.folder).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{self.folder}/{name}.png", full_page=True)


def test_identity_screens_have_no_axe_violation(
    live_server, browser: Browser, page: Page, world: steps.World
) -> None:
    base = live_server.url
    audit = Audit()
    phone_authenticator = add_virtual_authenticator(page.context, page)
    steps.accept_invitation(page, base, world.invite_lead()["url"], audit)
    steps.rename_passkey(page, audit)
    steps.sign_out(page, audit)
    # Signed in again before the tablet uses the same passkey: the virtual authenticators keep
    # separate signature counters, and the server rightly refuses a counter that goes back.
    steps.sign_in(page)
    steps.invite_from_phone(page, audit)

    tablet_context = browser.new_context(locale="fr-FR", service_workers="allow")
    try:
        tablet = steps.open_tablet(tablet_context, phone_authenticator)
        steps.enrol_tablet(tablet, base, audit)
        steps.lea_signs_in(tablet, audit)
        steps.switch_candidate(tablet)

        # Sami gets his pictures wrong until the tablet sends him to his support worker.
        tablet.get_by_role("button", name="Sami", exact=True).click()
        for left in (2, 1):
            steps.tap_pictures(tablet, ["sun", "sun", "sun"])
            expect(tablet.get_by_role("alert")).to_contain_text(f"Essais restants : {left}.")
        steps.tap_pictures(tablet, ["sun", "sun", "sun"])
        expect(steps.title(tablet)).to_have_text("Demandez à votre accompagnateur")
        audit("ask-support-worker", tablet)
        tablet.get_by_role("button", name="Retour aux photos").click()
        expect(steps.title(tablet)).to_have_text("Qui êtes-vous ?")
        # Claire lets him try again; he remembers his pictures now.
        steps.staff_helps_sami(tablet, audit, new_pictures=False)
        steps.sami_signs_in(tablet, steps.SAMI_PICTURES)
        steps.switch_candidate(tablet)

        steps.seed_local_data(tablet)
        steps.revoke_from_phone(page, audit)
        tablet.reload()
        expect(steps.title(tablet)).to_have_text("Cette tablette n'est plus autorisée.")
        audit("revoked", tablet)
        steps.wipe_report_seen_on_phone(page, audit)
    finally:
        tablet_context.close()

    assert sorted(audit.violations) == sorted(SCREENS)
    found = {name: found for name, found in audit.violations.items() if found}
    assert found == {}


def test_keyboard_alone_reaches_the_tablet_screens_and_names_every_picture(
    live_server, browser: Browser, page: Page, world: steps.World
) -> None:
    base = live_server.url
    phone_authenticator = add_virtual_authenticator(page.context, page)
    steps.accept_invitation(page, base, world.invite_lead()["url"], steps.no_audit)
    tablet_context = browser.new_context(locale="fr-FR", service_workers="allow")
    try:
        tablet = steps.open_tablet(tablet_context, phone_authenticator)
        steps.enrol_tablet(tablet, base, steps.no_audit)

        # Candidates: each photo is a button named with the candidate's first name.
        grid = tablet.get_by_role("list", name="Les personnes de l'atelier")
        expect(grid.get_by_role("button")).to_have_count(2)
        expect(grid.get_by_role("button", name="Léa", exact=True)).to_be_visible()
        expect(grid.get_by_role("button", name="Sami", exact=True)).to_be_visible()
        focused = tab_until(tablet, "Léa")
        assert focused == "Léa"
        tablet.keyboard.press("Enter")
        expect(steps.title(tablet)).to_have_text("Léa, touchez vos images")

        # Pictures: twelve buttons named in French, in the server's order.
        labels = tablet.locator(".picture").evaluate_all(
            "(all) => all.map((b) => b.getAttribute('aria-label'))"
        )
        assert labels == [
            "le soleil", "la pomme", "le chat", "la voiture", "l'arbre", "la maison",
            "l'étoile", "le poisson", "la fleur", "le ballon", "le vélo", "la tasse",
        ]  # fmt: skip
        for name in ("le soleil", "le chat", "l'arbre"):
            tab_until(tablet, name)
            tablet.keyboard.press("Space")
        expect(tablet.get_by_role("list", name="Mes images").locator("li")).to_have_count(3)
        tab_until(tablet, "C'est fini")
        tablet.keyboard.press("Enter")
        expect(steps.title(tablet)).to_have_text("Bonjour Léa !")
        tab_until(tablet, "Changer de personne")
        tablet.keyboard.press("Enter")
        expect(steps.title(tablet)).to_have_text("Qui êtes-vous ?")
        # Focus went to the new screen's title, so the next Tab starts at its top.
        assert tablet.evaluate("document.activeElement.tagName") == "H1"
    finally:
        tablet_context.close()


# The focused element's name as a screen reader gets it here: aria-label, else its text without
# the parts hidden from assistive technologies.
FOCUSED_NAME = """(() => {
  const element = document.activeElement;
  if (element.getAttribute('aria-label')) return element.getAttribute('aria-label');
  const copy = element.cloneNode(true);
  copy.querySelectorAll('[aria-hidden="true"]').forEach((hidden) => hidden.remove());
  return copy.textContent.trim();
})()"""


def tab_until(page: Page, name: str, limit: int = 40) -> str:
    """Press Tab until the focused element's accessible name is `name`; returns it."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED_NAME)
        if focused == name:
            return focused
    raise AssertionError(f"Tab never reached {name!r}")
