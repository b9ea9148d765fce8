"""Small steps every browser journey takes: the screen's title, axe, drawing a signature."""

from __future__ import annotations

from playwright.sync_api import Locator, Page


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
