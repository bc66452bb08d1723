"""What a reader sees, in headless Chromium (Playwright with the system browser).

Skipped on a machine without Chromium, except in CI (CI=true), where a missing
browser is a failure: .ci/run installs it.
"""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


@pytest.fixture
def page(browser, base_url: str):
    """A page that records every request and refuses any to another host."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.foreign_requests = []

    def route(route):
        if route.request.url.startswith(base_url) or route.request.url.startswith("data:"):
            route.continue_()
        else:
            page.foreign_requests.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    yield page
    context.close()


@pytest.mark.parametrize(
    "path",
    [
        "",
        "exercises/",
        "exercises/nordic-hamstring-exercise/",
        "routines/strength-starter/",
        "see-a-clinician/",
        "references/",
    ],
)
def test_pages_load_without_requests_to_other_hosts(page, base_url: str, path: str) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    assert page.locator("h1").first.inner_text().strip()
    assert page.foreign_requests == []


def test_dark_mode_toggle_switches_palette(page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == "default"
    page.locator("label[title='Switch to dark mode']").first.click()
    assert body.get_attribute("data-md-color-scheme") == "slate"


def test_search_finds_an_exercise(page, base_url: str) -> None:
    page.goto(base_url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").press_sequentially("nordic", delay=50)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "Nordic" in page.locator(".md-search-result").inner_text()


def test_exercise_page_fits_a_phone_screen(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(base_url + "exercises/romanian-deadlift/", wait_until="networkidle")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert page.get_by_role("heading", name="Your dose").is_visible()
    context.close()


@pytest.mark.parametrize("path", ["exercises/glute-bridge/", "routines/nordic-progression/", "exercises/"])
def test_figures_are_visible_and_drawn(page, base_url: str, path: str) -> None:
    page.goto(base_url + path, wait_until="networkidle")
    figures = page.locator("figure.hs-figure svg, img.hs-thumb")
    assert figures.count() >= 1
    first = figures.first
    first.scroll_into_view_if_needed()
    box = first.bounding_box()
    assert box is not None and box["width"] > 150 and box["height"] > 40
    if path != "exercises/":
        assert first.locator("path").count() > 10
        stroke = first.locator("path.b").first.evaluate("el => getComputedStyle(el).stroke")
        highlight = first.locator("path.h1").first.evaluate("el => getComputedStyle(el).fill")
        assert stroke not in ("none", "") and highlight not in ("none", "") and stroke != highlight
    else:
        assert first.evaluate("img => img.complete && img.naturalWidth > 0")
