"""Identity end to end in Chromium, with its virtual passkey authenticator.

A lead accepts an invitation on her phone, makes a passkey, signs out and in again; she enrols
the workshop's tablet with the same passkey; a candidate signs in on it by her photo and her
pictures (one wrong try first); switching candidate leaves nothing of her; the tablet is revoked
and erases what it holds at its next contact, after telling the server what it still had.
"""

from __future__ import annotations

import pytest
from flask import Flask
from playwright.sync_api import Browser, Page, expect

from browser import identity_steps as steps
from browser.conftest import add_virtual_authenticator
from preuves.extensions import db

pytestmark = pytest.mark.browser


@pytest.fixture
def world(app: Flask) -> steps.World:
    return steps.build_world(app)


def test_invite_register_sign_out_sign_in_enrol_pictures_switch_revoke(
    live_server, browser: Browser, page: Page, world: steps.World
) -> None:
    base = live_server.url
    phone_authenticator = add_virtual_authenticator(page.context, page)

    invitation = world.invite_lead()
    steps.accept_invitation(page, base, invitation["url"], steps.no_audit)
    steps.rename_passkey(page, steps.no_audit)
    steps.sign_out(page, steps.no_audit)
    steps.sign_in(page)
    steps.invite_from_phone(page, steps.no_audit)
    # The invitation was used once: opening the link again says so, in the server's words.
    page.goto(base + "/#/invitation/" + invitation["token"])
    expect(steps.title(page)).to_have_text("Cette invitation ne marche pas")

    tablet_context = browser.new_context(locale="fr-FR", service_workers="allow")
    try:
        tablet = steps.open_tablet(tablet_context, phone_authenticator)
        steps.enrol_tablet(tablet, base, steps.no_audit)
        [device] = world.devices()
        assert device["label"] == "Tablette cuisine" and device["revoked_at"] is None

        steps.lea_signs_in(tablet, steps.no_audit)
        assert steps.api_status(tablet, "/me") == 200

        steps.switch_candidate(tablet)
        assert "Bonjour Léa" not in tablet.locator("body").inner_text()
        assert steps.api_status(tablet, "/me") == 401  # her session ended on the server
        tablet.go_back()
        expect(steps.title(tablet)).not_to_have_text("Bonjour Léa !")
        expect(tablet.locator("body")).not_to_contain_text("Bonjour Léa")
        tablet.goto(base + "/#/home")  # even asked for by address, her screen is gone
        expect(steps.title(tablet)).to_have_text("Qui êtes-vous ?")

        # Sami chooses new pictures with Claire, on the tablet, and signs in with them.
        steps.staff_helps_sami(tablet, steps.no_audit, new_pictures=True)
        steps.sami_signs_in(tablet, steps.SAMI_NEW_PICTURES)
        steps.switch_candidate(tablet)

        steps.seed_local_data(tablet)
        steps.revoke_from_phone(page, steps.no_audit)

        # Its next contact: Sami taps his photo.
        tablet.get_by_role("button", name="Sami", exact=True).click()
        expect(steps.title(tablet)).to_have_text("Cette tablette n'est plus autorisée.")
        expect(tablet.get_by_text("Demandez à votre accompagnateur.")).to_be_visible()
        tablet.wait_for_function("indexedDB.databases().then((all) => all.length === 0)")
        assert steps.local_databases(tablet) == []
        assert tablet.evaluate("localStorage.length + sessionStorage.length") == 0
        caches = tablet.evaluate("caches.keys()")
        assert "preuves-media-thumbs" not in caches

        [revoked] = world.devices()
        assert revoked["revoked_at"] is not None
        assert revoked["last_wipe_report"] == {
            "records": 3,
            "media": 1,
            "by_kind": {"evidence": 2, "positioning": 1},
        }

        steps.wipe_report_seen_on_phone(page, steps.no_audit)

        # Reopened, it stays a calm dead end, and nothing of anyone comes back.
        tablet.reload()
        expect(steps.title(tablet)).to_have_text("Cette tablette n'est plus autorisée.")
        assert steps.local_databases(tablet) == []
        assert tablet.errors == []  # type: ignore[attr-defined]
    finally:
        tablet_context.close()
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_reopened_revoked_tablet_keeps_its_first_wipe_report(
    live_server, context, page: Page, world: steps.World, app: Flask
) -> None:
    from preuves.identity import devices
    from preuves.identity.principal import principal_for

    admin = principal_for(world.admin_id, "token")
    device, credential = devices.enrol(admin, world.structure_id, None, "Tablette salle")
    db.session.commit()
    # As the enrolment answer sets it: HttpOnly, out of the page's scripts' reach.
    cookie = {"name": "preuves_device", "value": credential, "url": live_server.url}
    context.add_cookies([cookie | {"httpOnly": True, "sameSite": "Strict"}])
    page.goto(live_server.url + "/")
    expect(steps.title(page)).to_have_text("Qui êtes-vous ?")
    steps.seed_local_data(page)
    world.call("POST", f"/api/v1/devices/{device.id}/revoke")

    page.reload()
    expect(steps.title(page)).to_have_text("Cette tablette n'est plus autorisée.")
    page.wait_for_function("indexedDB.databases().then((all) => all.length === 0)")
    first = {"records": 3, "media": 1, "by_kind": {"evidence": 2, "positioning": 1}}
    [seen] = world.devices()
    assert seen["last_wipe_report"] == first

    # Reopened, it is told again that it is revoked, and reports again: nothing is left now.
    with page.expect_response("**/api/v1/devices/me/wipe-report") as second:
        page.reload()
    assert second.value.status == 204
    expect(steps.title(page)).to_have_text("Cette tablette n'est plus autorisée.")
    [seen] = world.devices()
    assert seen["last_wipe_report"] == first
