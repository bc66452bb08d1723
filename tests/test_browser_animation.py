"""The animated exercise figure in a real browser: Play moves it, Pause stops it, reduced motion keeps to the stills."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

PAGE = "exercises/glute-bridge/"
BODY = ".hs-anim__body path"


def frame(page) -> str:
    return page.locator(BODY).nth(2).get_attribute("d")


def test_play_moves_the_figure_and_pause_stops_it(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + PAGE, wait_until="networkidle")
    button = page.get_by_role("button", name="Play the movement")
    assert button.is_visible() and page.locator(".hs-anim__player").is_hidden(), "nothing plays by itself"
    box = button.bounding_box()
    assert box["width"] >= 44 and box["height"] >= 44, box
    start = frame(page)
    page.wait_for_timeout(500)
    assert frame(page) == start, "no autoplay"
    button.focus()
    page.keyboard.press("Enter")  # the keyboard works it
    pause = page.get_by_role("button", name="Pause the movement")
    assert pause.is_visible() and page.locator(".hs-anim__player").is_visible()
    seen = {frame(page)}
    for _ in range(12):
        page.wait_for_timeout(150)
        seen.add(frame(page))
    assert len(seen) >= 3, "the frames change while playing"
    pause.click()
    stopped = frame(page)
    page.wait_for_timeout(600)
    assert frame(page) == stopped, "paused: the frames stop"
    assert page.get_by_role("button", name="Play the movement").is_visible()
    assert page.locator(".hs-fig").first.is_visible(), "the stills stay"
    assert errors == []
    context.close()


def test_with_reduced_motion_the_stills_show_and_nothing_animates(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + PAGE, wait_until="networkidle")
    button = page.locator(".hs-anim__button")
    assert button.is_disabled()
    assert page.locator(".hs-anim__note").is_visible()
    assert page.locator(".hs-anim__player").is_hidden()
    assert page.locator("svg.hs-fig").first.is_visible()
    start = frame(page)
    button.click(force=True)  # a disabled button does nothing even when pressed
    page.wait_for_timeout(600)
    assert frame(page) == start and page.locator(".hs-anim__player").is_hidden()
    context.close()


def test_without_javascript_only_the_stills_show(browser, base_url: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(base_url + PAGE)
    assert page.locator("svg.hs-fig").first.is_visible()
    assert page.locator(".hs-anim").is_hidden()
    context.close()
