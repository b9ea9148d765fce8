"""Browser fixtures: the app served over real HTTP in a thread, and Debian's Chromium.

The app comes from the root conftest's `app` fixture (a fresh database in tmp_path). The PWA is
served from the built pwa/dist, which `make test` builds first.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from flask import Flask
from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, sync_playwright
from werkzeug.serving import BaseWSGIServer, WSGIRequestHandler, make_server

if TYPE_CHECKING:
    from _typeshed.wsgi import StartResponse, WSGIApplication, WSGIEnvironment

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


class OneRequestPerConnection(WSGIRequestHandler):
    """HTTP/1.0: no keep-alive, so once the server stops, no open socket can still answer."""

    protocol_version = "HTTP/1.0"

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        """Quiet: the app's own request log already says it."""


def closing_in_request(app: WSGIApplication) -> WSGIApplication:
    """Read each response whole and close it before sending.

    Werkzeug's server skips close() when a client resets the connection mid-response (a browser
    cancelling a request does), and the file left open is a ResourceWarning, an error here.
    """

    def wsgi(environ: WSGIEnvironment, start_response: StartResponse) -> Iterable[bytes]:
        body = app(environ, start_response)
        try:
            return [b"".join(body)]
        finally:
            if hasattr(body, "close"):
                body.close()

    return wsgi


@dataclass
class LiveServer:
    """The app on a real port; stop() cuts the network as a workshop without Wi-Fi would."""

    server: BaseWSGIServer
    thread: threading.Thread
    stopped: bool = field(default=False)

    @property
    def url(self) -> str:
        """Base URL on localhost: a secure context, as service workers need."""
        return f"http://localhost:{self.server.server_port}"

    def stop(self) -> None:
        """Stop accepting and close the listening socket; safe to call twice."""
        if self.stopped:
            return
        self.stopped = True
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=10)


@pytest.fixture
def pwa_dist(app: Flask) -> Path:
    """The built PWA the app serves; missing means the build step was skipped."""
    dist = Path(app.config["PWA_DIR"])
    if not (dist / "index.html").is_file() or not (dist / "sw.js").is_file():
        pytest.fail(f"No built PWA in {dist}: run `make pwa` (make test builds it first).")
    return dist


@pytest.fixture
def own_dist(app: Flask, pwa_dist: Path, tmp_path: Path) -> Path:
    """A private copy of the build, served instead of pwa/dist, that a test may change."""
    copy = tmp_path / "pwa-dist"
    shutil.copytree(pwa_dist, copy)
    app.config["PWA_DIR"] = str(copy)
    return copy


@pytest.fixture
def live_server(app: Flask, pwa_dist: Path) -> Iterator[LiveServer]:
    """Serve the test app over HTTP in a background thread, on a free port."""
    server = make_server(
        "localhost",
        0,
        closing_in_request(app),
        threaded=True,
        request_handler=OneRequestPerConnection,
    )
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    live = LiveServer(server, thread)
    yield live
    live.stop()


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's Chromium, headless; Playwright never downloads a browser of its own here."""
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} is missing: apt-get install -y chromium (make test does it).")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def context(browser: Browser) -> Iterator[BrowserContext]:
    """A fresh profile per test: no service worker or cache left by another test."""
    context = browser.new_context(locale="fr-FR", service_workers="allow")
    yield context
    context.close()


@pytest.fixture
def page(context: BrowserContext) -> Page:
    """A page that fails the test on any uncaught script error."""
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    return page


# --- Accessibility and passkeys (identity screens) ---

AXE_JS = Path(__file__).resolve().parents[2] / "pwa" / "node_modules" / "axe-core" / "axe.min.js"
AXE_RUN = """() => axe.run(document, {rules: {"target-size": {enabled: true}}}).then((result) =>
  result.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map((n) => n.target.join(" ") + " :: " + n.failureSummary),
  })))"""


def axe_violations(page: Page) -> list[dict]:
    """Inject axe-core (pwa/node_modules) into the page and run it, target-size included."""
    if not AXE_JS.is_file():
        pytest.fail(f"{AXE_JS} is missing: run `npm ci` in pwa/ (make install does it).")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE_JS))
    return page.evaluate(AXE_RUN)


@pytest.fixture
def axe() -> Callable[[Page], list[dict]]:
    """axe(page) -> the page's axe-core violations, with the target-size rule turned on."""
    return axe_violations


def add_virtual_authenticator(context: BrowserContext, page: Page) -> tuple[CDPSession, str]:
    """Chromium's virtual passkey authenticator (CTAP2, internal, resident keys, UV) for a page."""
    cdp = context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def serve(app: Flask, port: int = 0) -> LiveServer:
    """Serve `app` over HTTP in a background thread on `port` (0: a free one)."""
    server = make_server(
        "localhost",
        port,
        closing_in_request(app),
        threaded=True,
        request_handler=OneRequestPerConnection,
    )
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    return LiveServer(server, thread)


@dataclass
class RestartableServer:
    """The app on one port that a test stops (the Wi-Fi is gone) and starts again (it is back),
    on the same database: the device's origin, service worker and IndexedDB stay the same."""

    app: Flask
    live: LiveServer

    @property
    def url(self) -> str:
        """Base URL on localhost, the same across restarts."""
        return self.live.url

    def stop(self) -> None:
        """Cut the network: every request fails, the service worker's included."""
        self.live.stop()

    def start(self) -> None:
        """Serve again on the same port; safe to call while serving."""
        if self.live.stopped:
            self.live = serve(self.app, self.live.server.server_port)


@pytest.fixture
def restartable_server(app: Flask, pwa_dist: Path) -> Iterator[RestartableServer]:
    """Like live_server, but stop() can be undone with start()."""
    restartable = RestartableServer(app, serve(app))
    yield restartable
    restartable.stop()


# --- Fake camera and microphone (capture screens, the issue-6 journey) ---

MEDIA_ARGS = ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream"]


@pytest.fixture(scope="session")
def media_browser(browser: Browser) -> Iterator[Browser]:
    """Chromium with a synthetic camera and microphone, and no permission prompt.

    Launched by the same Playwright as `browser`: a second sync Playwright in one process fails.
    """
    media = browser.browser_type.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS + MEDIA_ARGS)
    yield media
    media.close()


@pytest.fixture
def media_context(media_browser: Browser) -> Iterator[BrowserContext]:
    """A fresh tablet-sized profile allowed to use the fake camera and microphone."""
    context = media_browser.new_context(
        locale="fr-FR",
        service_workers="allow",
        viewport={"width": 1024, "height": 768},
        permissions=["camera", "microphone"],
    )
    yield context
    context.close()


@pytest.fixture
def media_page(media_context: BrowserContext) -> Page:
    """A page of media_context that fails the test on any uncaught script error."""
    page = media_context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.errors = errors  # type: ignore[attr-defined]
    return page


@pytest.fixture
def own_shell_dist(app: Flask, pwa_dist: Path, tmp_path: Path) -> Path:
    """Like own_dist, but the 4,000 pictograms (never changed by a test) are linked, not copied."""
    copy = tmp_path / "pwa-dist"
    shutil.copytree(pwa_dist, copy, ignore=shutil.ignore_patterns("pictograms"))
    if (pwa_dist / "pictograms").is_dir():
        (copy / "pictograms").symlink_to(pwa_dist / "pictograms", target_is_directory=True)
    app.config["PWA_DIR"] = str(copy)
    return copy
