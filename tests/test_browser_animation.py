"""The animated exercise figure in a real browser: Play moves it, Pause stops it, reduced motion keeps to the stills.

Seen from the side (the glute bridge), standing seen from the front (the standing hip abduction) and
with a prop that moves with a foot (the Glider's slider)."""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PAGE = "exercises/glute-bridge/"
PAGES = [PAGE, "exercises/standing-hip-abduction/", "exercises/askling-glider/"]


def frame(page) -> str:
    """Every shape of the moving body (and the props drawn with it) as it is now."""
    return page.locator(".hs-anim__body").inner_html()


@pytest.mark.parametrize("path", PAGES)
def test_play_moves_the_figure_and_pause_stops_it(browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(base_url + path, wait_until="networkidle")
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


@pytest.mark.parametrize("path", PAGES)
def test_with_reduced_motion_the_stills_show_and_nothing_animates(browser, base_url: str, path: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 800}, reduced_motion="reduce")
    page = context.new_page()
    page.goto(base_url + path, wait_until="networkidle")
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


def test_the_standing_figure_seen_from_the_front_moves_its_lifted_leg_not_its_standing_foot(
    browser, base_url: str
) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "exercises/standing-hip-abduction/", wait_until="networkidle")
    feet = ".hs-anim__body path.ft"  # drawing order: the far (standing) foot, then the near (lifted) one

    def sole(index: int) -> tuple[str, ...]:
        """The heel and the ball of a foot: the 3rd and 4th points of its outline (figures.Drawing.foot)."""
        points = re.findall(r"-?[\d.]+ -?[\d.]+", page.locator(feet).nth(index).get_attribute("d"))
        return tuple(points[2:4])

    seen_standing, seen_lifted = {sole(0)}, {sole(1)}
    page.get_by_role("button", name="Play the movement").click()
    for _ in range(10):
        page.wait_for_timeout(150)
        seen_standing.add(sole(0))
        seen_lifted.add(sole(1))
    assert len(seen_lifted) >= 3, "the lifted foot moves out"
    assert len(seen_standing) == 1, ("the standing foot stays planted", seen_standing)
    context.close()


def test_nothing_plays_by_itself_for_more_than_five_seconds(browser, base_url: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(base_url + "exercises/standing-hip-abduction/", wait_until="networkidle")
    start = frame(page)
    page.wait_for_timeout(5500)
    assert frame(page) == start and page.locator(".hs-anim__player").is_hidden()
    context.close()
