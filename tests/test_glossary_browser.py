"""Glossary tooltips in a real browser (glossary.js): a tap on a phone (390 x 844) shows a term's
definition at body size inside the screen, tied to the term for screen readers; Escape or a tap
elsewhere closes it and the title comes back; on a laptop the pointer can move onto it; it is the
page's one tooltip, not Material's per-element ones (``content.tooltips`` is off); and axe finds
nothing with it shown, in either palette.

Skipped without Chromium, except in CI (see conftest).
"""

from __future__ import annotations

import pytest
from test_citation_browser import PHONE, assert_axe_finds_nothing, phone_in_palette

pytestmark = pytest.mark.browser

SHOWN_TERM = "document.querySelector('abbr[aria-describedby=\"hs-term-tip\"]')"


def test_a_tap_on_a_phone_shows_the_definition_and_escape_closes_it(browser, base_url: str) -> None:
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(base_url, wait_until="load")
    term = page.locator("article abbr[title]:visible").nth(1)
    term.scroll_into_view_if_needed()
    definition = term.get_attribute("title")
    handle = term.element_handle()
    assert definition and handle
    handle.tap()
    tip = page.locator("#hs-term-tip")
    tip.wait_for(state="visible", timeout=5_000)
    assert tip.inner_text() == definition
    assert tip.get_attribute("role") == "tooltip"
    assert page.evaluate(f"{SHOWN_TERM} !== null && !{SHOWN_TERM}.hasAttribute('title')")  # no native tooltip too
    box, term_box = tip.bounding_box(), handle.bounding_box()
    assert box and term_box
    assert box["x"] >= 8 and box["x"] + box["width"] <= 390 - 8 + 0.5
    assert (
        box["y"] >= term_box["y"] + term_box["height"] or box["y"] + box["height"] <= term_box["y"]
    )  # beside, not over
    assert float(tip.evaluate("el => getComputedStyle(el).fontSize").rstrip("px")) >= 16
    assert page.locator(".md-tooltip2, .md-tooltip").count() == 0  # Material mounts none of its own

    page.keyboard.press("Escape")
    tip.wait_for(state="hidden", timeout=5_000)
    assert handle.get_attribute("title") == definition and handle.get_attribute("aria-describedby") is None
    handle.tap()
    tip.wait_for(state="visible", timeout=5_000)
    page.locator("article h1").tap()
    tip.wait_for(state="hidden", timeout=5_000)
    context.close()


def test_on_a_laptop_the_pointer_can_move_onto_the_tooltip(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + "knee-pain/", wait_until="load")
    term = page.locator("article abbr[title]:visible").first
    term.scroll_into_view_if_needed()
    term.hover()
    tip = page.locator("#hs-term-tip")
    tip.wait_for(state="visible", timeout=5_000)
    box = tip.bounding_box()
    assert box
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=4)
    page.wait_for_timeout(600)  # longer than glossary.js's LEAVE_DELAY
    assert tip.is_visible()
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden", timeout=5_000)
    context.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_definition_shown(browser, base_url: str, scheme: str) -> None:
    context, page = phone_in_palette(browser, base_url + "knee-pain/", scheme)
    term = page.locator("article abbr[title]:visible").first
    term.scroll_into_view_if_needed()
    term.tap()
    page.locator("#hs-term-tip").wait_for(state="visible", timeout=5_000)
    assert_axe_finds_nothing(page)
    context.close()
