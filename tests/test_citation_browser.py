"""Citation markers in a real browser on a phone (390 x 844): big enough to tap, lines unchanged,
a popover with the source in place (by tap and by keyboard), a plain link without JavaScript, each
page's own list holding exactly what it cites, and axe with the popover open.

Skipped without Chromium, except in CI (see conftest).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from test_accessibility import AXE_TAGS

from conftest import node_module

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 390, "height": 844}, "device_scale_factor": 2, "is_mobile": True, "has_touch": True}

MEASURE_JS = """() => {
  const markers = [...document.querySelectorAll('a.hs-cite')];
  const sizes = markers.map((m) => { const r = m.getBoundingClientRect(); return [r.width, r.height, m.textContent]; });
  // A block holding markers must be a whole number of its lines tall: a marker that pushed its
  // line apart would add a few pixels to it.
  const grown = [];
  for (const block of new Set(markers.map((m) => m.closest('p, li, td, dd')))) {
    const style = getComputedStyle(block);
    const line = parseFloat(style.lineHeight);
    const height = block.clientHeight - parseFloat(style.paddingTop) - parseFloat(style.paddingBottom);
    const lines = Math.round(height / line);
    if (Math.abs(height - lines * line) > 1) grown.push([block.textContent.slice(0, 60), height, line]);
  }
  return { sizes, grown };
}"""


@pytest.fixture
def phone(browser):
    context = browser.new_context(**PHONE)
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(
    "path", ["knee-pain/", "see-a-clinician/", "tightness/", "exercises/nordic-hamstring-exercise/", "glossary/"]
)
def test_markers_are_24_px_targets_and_keep_line_heights(phone, base_url: str, path: str) -> None:
    phone.goto(base_url + path, wait_until="load")
    found = phone.evaluate(MEASURE_JS)
    assert len(found["sizes"]) >= 3, path
    small = [s for s in found["sizes"] if s[0] < 24 or s[1] < 24]
    assert small == [], small[:5]
    assert found["grown"] == [], found["grown"][:5]


def test_no_marker_follows_another(phone, base_url: str) -> None:
    """Side by side citations were made one marker: no '[3][7]' anywhere on the page."""
    phone.goto(base_url + "knee-pain/", wait_until="load")
    pairs = phone.evaluate(
        """() => [...document.querySelectorAll('a.hs-cite')].filter((m) => {
             let next = m.nextSibling;
             while (next && next.nodeType === 3 && !next.textContent.trim()) next = next.nextSibling;
             return next && next.matches && next.matches('a.hs-cite');
           }).length"""
    )
    assert pairs == 0


def _popover(page):
    return page.locator("#hs-cite-popover")


def test_a_tap_shows_the_sources_title_year_and_link_in_place(phone, base_url: str) -> None:
    phone.goto(base_url + "knee-pain/", wait_until="load")
    marker = phone.locator("a.hs-cite[data-hs-cite*=' ']").first
    numbers = marker.get_attribute("data-hs-cite").split()
    assert marker.get_attribute("aria-label") == "Sources " + ", ".join(numbers)
    url_before = phone.url
    marker.tap()
    popover = _popover(phone)
    popover.wait_for(state="visible")
    assert phone.url == url_before  # shown in place, no jump to the list
    assert marker.get_attribute("aria-expanded") == "true"
    entries = popover.locator("li")
    assert entries.count() == len(numbers)
    for number, entry in zip(numbers, entries.all(), strict=True):
        listed = phone.locator(f"#src-{number}")
        text = entry.inner_text()
        assert text.startswith(f"[{number}]")
        assert text == listed.inner_text()
        assert re.search(r"\((19|20)\d\d\)\. \S", text), text  # the year, then the title
        links = entry.locator("a[href^='http']")
        assert links.count() >= 1 and links.first.get_attribute("href").startswith("https://")
    box = popover.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390 and box["y"] >= 0 and box["y"] + box["height"] <= 844
    phone.mouse.click(5, 5)  # a tap elsewhere closes it (a mouse click: Playwright taps only on elements)
    popover.wait_for(state="hidden")
    expect(marker).to_have_attribute("aria-expanded", "false")


def test_the_keyboard_opens_and_closes_the_popover_and_focus_returns(phone, base_url: str) -> None:
    phone.goto(base_url + "knee-pain/", wait_until="load")
    marker = phone.locator("a.hs-cite").first
    marker.focus()
    phone.keyboard.press("Enter")
    popover = _popover(phone)
    popover.wait_for(state="visible")
    assert phone.evaluate("document.activeElement.id") == "hs-cite-popover"
    assert popover.get_attribute("role") == "dialog"
    name = phone.evaluate("document.getElementById(document.activeElement.getAttribute('aria-labelledby')).textContent")
    assert name == marker.get_attribute("aria-label")
    phone.keyboard.press("Tab")  # into the popover: its first link
    assert phone.evaluate("document.getElementById('hs-cite-popover').contains(document.activeElement)")
    phone.keyboard.press("Escape")
    popover.wait_for(state="hidden")
    expect(marker).to_be_focused()
    marker.focus()
    phone.keyboard.press("Enter")
    popover.wait_for(state="visible")
    popover.get_by_role("button", name="Close").press("Enter")
    popover.wait_for(state="hidden")
    expect(marker).to_be_focused()
    expect(marker).to_have_attribute("aria-expanded", "false")


def test_without_javascript_a_marker_links_to_the_pages_own_list(browser, base_url: str) -> None:
    context = browser.new_context(**PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + "knee-pain/", wait_until="load")
    marker = page.locator("a.hs-cite").first
    first = min(marker.get_attribute("data-hs-cite").split(), key=int)
    marker.tap()
    page.wait_for_url(f"**/knee-pain/#src-{first}")
    entry = page.locator(f"#src-{first}")
    assert entry.is_visible() and entry.inner_text().startswith(f"[{first}]")
    header = page.locator("header.md-header").bounding_box()
    top = entry.evaluate("(el) => el.getBoundingClientRect().top")
    assert header["y"] + header["height"] <= top < 844  # in view, not under the sticky header
    context.close()


@pytest.mark.parametrize("path", ["knee-pain/", "recovery/", "conditions/"])
def test_a_pages_list_holds_exactly_the_sources_it_cites(phone, base_url: str, path: str) -> None:
    phone.goto(base_url + path, wait_until="load")
    cited = phone.evaluate(
        "[...new Set([...document.querySelectorAll('a.hs-cite')].flatMap((m) => m.dataset.hsCite.split(' ')))]"
    )
    listed = phone.evaluate("[...document.querySelectorAll('li.hs-source')].map((li) => li.id.replace('src-', ''))")
    assert cited and sorted(cited, key=int) == listed
    heading = phone.locator("h2#sources")
    assert heading.inner_text().strip().startswith("Sources")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_with_a_popover_open(browser, base_url: str, scheme: str) -> None:
    context, page = phone_in_palette(browser, base_url + "knee-pain/", scheme)
    page.wait_for_timeout(250)
    page.locator("a.hs-cite[data-hs-cite*=' ']").first.tap()
    _popover(page).wait_for(state="visible")
    assert_axe_finds_nothing(page)
    context.close()


def phone_in_palette(browser, url: str, scheme: str):
    """A phone's context and page at ``url``, once Material has applied the ``scheme`` palette."""
    context = browser.new_context(**PHONE, color_scheme=scheme)
    page = context.new_page()
    page.goto(url, wait_until="load")
    expected = {"light": "default", "dark": "slate"}[scheme]
    page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{expected}'", timeout=5_000)
    return context, page


def assert_axe_finds_nothing(page) -> None:
    """axe-core's WCAG 2.2 AA rules (``AXE_TAGS``) on the page as it is now, e.g. with a popover open."""
    page.evaluate(node_module("axe-core/axe.min.js").read_text(encoding="utf-8"))
    violations, passed = page.evaluate(
        """async (tags) => {
             const r = await window.axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
             return [r.violations.map((v) => [v.id, v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' :: ' + n.failureSummary)]), r.passes.length];
           }""",
        AXE_TAGS,
    )
    assert passed >= 10
    assert violations == [], violations
