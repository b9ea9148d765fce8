"""Small steps every browser journey takes: the screen's title, axe, drawing a signature."""

from __future__ import annotations

from playwright.sync_api import Locator, Page

# Resolves once the signed-in person's outbox is empty (every change reached the server); throws
# with the server's refusals, or what still waits after 25 s. Takes the person's id, or asks /me.
OUTBOX_EMPTY = """async (personId) => {
  const { startSync } = await import('/lib/sync/index.js');
  if (!personId) {
    const me = await (await fetch('/api/v1/me', { credentials: 'same-origin' })).json();
    personId = me.person.id;
  }
  const sync = await startSync({ personId });
  for (const until = Date.now() + 25000; Date.now() < until;) {
    sync.client.requestSync();
    const { pending, rejected, rejections } = await sync.queries.counts();
    if (rejected) throw new Error(JSON.stringify(rejections));
    if (pending === 0) return true;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const waiting = (await sync.queries.outbox()).map((m) => [m.type, m.state, m.last_error]);
  throw new Error(`the outbox is not empty: ${JSON.stringify(waiting)}`);
}"""


def title(page: Page) -> Locator:
    """The current screen's heading (each screen has one h1)."""
    return page.locator("#screen h1")


def no_violations(axe, page: Page, name: str) -> None:
    """axe-core finds nothing on this screen; `name` says which one failed."""
    assert axe(page) == [], name


def draw_on(page: Page, canvas: Locator, strokes: int = 10) -> None:
    """A signature drawn with the mouse: pointer events on the canvas."""
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    page.mouse.move(box["x"] + 40, box["y"] + box["height"] / 2)
    page.mouse.down()
    for step in range(1, strokes):
        page.mouse.move(box["x"] + 40 + step * 30, box["y"] + 40 + (step % 3) * 40, steps=2)
    page.mouse.up()
