"""The HTML portfolio opened from a folder (file://) in Chromium with no network at all:
every piece of evidence shows or plays, and axe finds nothing."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route

from exports_world import World, build_world
from factories import auth

pytestmark = pytest.mark.browser

MEDIA_STATE = """() => ({
  images: [...document.images].map((i) => ({src: i.getAttribute('src'), width: i.naturalWidth})),
  players: [...document.querySelectorAll('video, audio')].map((m) => ({
    src: m.getAttribute('src'), ready: m.readyState, error: m.error && m.error.code})),
  posters: [...document.querySelectorAll('video[poster]')].map((v) => v.getAttribute('poster')),
})"""
PLAYERS_READY = (
    "() => [...document.querySelectorAll('video, audio')].every((m) => m.readyState >= 1)"
)


@pytest.fixture
def offline_context(browser: Browser) -> Iterator[tuple[BrowserContext, list[str]]]:
    """A profile with the network off and every http(s) request aborted (and written down)."""
    context = browser.new_context(locale="fr-FR", offline=True, service_workers="block")
    asked: list[str] = []

    def refuse(route: Route) -> None:
        asked.append(route.request.url)
        route.abort()

    context.route("http://**/*", refuse)
    context.route("https://**/*", refuse)
    yield context, asked
    context.close()


def unzip_portfolio(client, world: World, folder: Path) -> zipfile.ZipFile:
    url = f"/api/v1/dossiers/{world.dossier.id}/exports/portfolio.zip"
    with client.get(url, headers=auth(world.tokens["candidate"])) as response:
        assert response.status_code == 200
        archive = zipfile.ZipFile(io.BytesIO(response.get_data()))
    archive.extractall(folder)
    return archive


def test_the_portfolio_opens_from_a_usb_stick_with_no_network(
    app, client, offline_context, tmp_path: Path, axe: Callable[[Page], list[dict]]
) -> None:
    world = build_world()
    archive = unzip_portfolio(client, world, tmp_path / "cle-usb")
    files = {n for n in archive.namelist() if n.startswith("media/")}
    context, asked = offline_context
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto((tmp_path / "cle-usb" / "index.html").as_uri(), wait_until="load")
    page.wait_for_function(PLAYERS_READY, timeout=15_000)
    state = page.evaluate(MEDIA_STATE)

    assert [i for i in state["images"] if i["width"] == 0] == []
    assert [m for m in state["players"] if m["ready"] < 1 or m["error"]] == []
    shown = {i["src"] for i in state["images"]} | {m["src"] for m in state["players"]}
    shown |= set(state["posters"])
    assert shown == files  # every file is shown, and nothing shown is missing
    kinds = {Path(src).suffix for src in shown}
    assert kinds == {".jpg", ".mp4", ".m4a"}
    text = page.inner_text("main")
    for piece in world.evidence:
        assert piece.caption_text in text
    assert page.locator("h1").count() == 1
    assert page.evaluate("document.documentElement.lang") == "fr"
    assert axe(page) == []
    assert asked == [] and errors == []
