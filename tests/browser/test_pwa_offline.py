"""The PWA skeleton in a real Chromium: it installs its service worker, then opens offline."""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

pytestmark = pytest.mark.browser

READY = "L'application marche aussi sans internet."


def wait_until_controlled(page: Page) -> None:
    """The service worker has precached the shell and controls the page (clients.claim)."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.wait_for_function("navigator.serviceWorker.controller !== null", timeout=15_000)


def test_shell_opens_in_french_then_again_with_no_network(live_server, page: Page) -> None:
    page.goto(live_server.url + "/")
    expect(page.locator("h1")).to_have_text("Bonjour !")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.locator('link[rel="manifest"]')).to_have_attribute("href", "/manifest.webmanifest")
    expect(page.get_by_text("Ici, je montre ce que je sais faire.")).to_be_visible()

    wait_until_controlled(page)
    expect(page.locator("#offline-status")).to_have_text(READY)

    live_server.stop()
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(live_server.url + "/", timeout=5)

    response = page.reload()
    assert response is not None
    assert response.from_service_worker
    expect(page.locator("h1")).to_have_text("Bonjour !")
    expect(page.locator("#offline-status")).to_have_text(READY)
    expect(page.get_by_role("button", name="Écouter")).to_be_visible()

    # An app route the server never saw is the shell too; the API is never answered from a cache.
    page.goto(live_server.url + "/dossier/quelque-chose")
    expect(page.locator("h1")).to_have_text("Bonjour !")
    api = page.evaluate(
        "fetch('/api/v1/health').then(r => 'answered ' + r.status, () => 'no network')"
    )
    assert api == "no network"
    assert page.errors == []  # type: ignore[attr-defined]


def test_records_are_validated_offline_with_the_shared_schemas(live_server, page: Page) -> None:
    page.goto(live_server.url + "/")
    wait_until_controlled(page)
    live_server.stop()
    page.reload()

    result = page.evaluate(
        """async () => {
          const { loadSchemaSet } = await import('/lib/schemas.js');
          const set = await loadSchemaSet();
          return { names: set.names, index: await (await fetch('/schemas/index.json')).json() };
        }"""
    )
    assert result["names"] == [entry["name"] for entry in result["index"]["schemas"]]
    assert page.errors == []  # type: ignore[attr-defined]


def test_a_first_install_is_not_announced_as_an_update(live_server, page: Page) -> None:
    page.goto(live_server.url + "/")
    page.evaluate("window.sameDocument = true")
    wait_until_controlled(page)
    expect(page.locator("#update-banner")).to_be_hidden()
    assert page.evaluate("window.sameDocument === true")


def test_a_new_version_waits_for_the_users_click(
    live_server, own_shell_dist: Path, page: Page
) -> None:
    page.goto(live_server.url + "/")
    wait_until_controlled(page)
    page.evaluate("window.sameDocument = true")

    sw = own_shell_dist / "sw.js"
    sw.write_text(sw.read_text(encoding="utf-8") + "\n// a new release\n", encoding="utf-8")
    page.evaluate("navigator.serviceWorker.getRegistration().then((r) => r.update())")

    banner = page.locator("#update-banner")
    expect(banner).to_be_visible()
    expect(banner).to_contain_text("Une nouvelle version est prête.")
    waiting = "navigator.serviceWorker.getRegistration().then((r) => r.waiting !== null)"
    assert page.evaluate(waiting)
    # Nothing moved under the user: same document, focus not taken.
    assert page.evaluate("window.sameDocument === true")
    assert page.evaluate("document.activeElement === document.body")

    with page.expect_navigation():
        page.get_by_role("button", name="Mettre à jour").click()
    expect(page.locator("h1")).to_have_text("Bonjour !")
    assert page.evaluate("window.sameDocument === undefined")
    expect(banner).to_be_hidden()
    assert not page.evaluate(waiting)
    assert page.errors == []  # type: ignore[attr-defined]


def test_manifest_is_json_with_icons_in_french(live_server) -> None:
    with urllib.request.urlopen(live_server.url + "/manifest.webmanifest", timeout=5) as response:
        assert response.headers["Content-Type"].startswith("application/manifest+json")
        manifest = json.load(response)
    assert manifest["lang"] == "fr"
    assert manifest["start_url"] == "/"
    assert manifest["display"] == "standalone"
    sizes = {(icon["sizes"], icon.get("purpose", "any")) for icon in manifest["icons"]}
    assert {("192x192", "any"), ("512x512", "any"), ("512x512", "maskable")} <= sizes
    for icon in manifest["icons"]:
        with urllib.request.urlopen(live_server.url + icon["src"], timeout=5) as image:
            assert image.headers["Content-Type"] == "image/png"
            assert image.read().startswith(b"\x89PNG\r\n\x1a\n")
