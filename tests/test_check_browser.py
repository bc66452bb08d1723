"""The guided check and the body map in a real browser at 390 by 844 (issue 19): every warning sign
answered yes leads to its action and offers no exercises; no warning sign leads to a routine; it works
with the keyboard alone; axe finds nothing in either palette; without JavaScript the page lists the
warning signs and routines; the printed summary is one page."""

from __future__ import annotations

import io
import json

import pytest
from pypdf import PdfReader

from build_tools.loader import load_catalogue
from build_tools.vocabulary import URGENCIES, URGENCY_ACTIONS
from conftest import ROOT, node_module

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
CATALOGUE = load_catalogue(ROOT)


@pytest.fixture(scope="module")
def context(chromium, site_url: str):
    ctx = chromium.new_context(viewport=PHONE)
    ctx.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    yield ctx
    ctx.close()


@pytest.fixture
def page(context, site_url: str):
    page = context.new_page()
    page.violations = []
    page.on("console", lambda m: page.violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.goto(site_url + "check/", wait_until="load")
    page.wait_for_selector(".hs-check__form")
    yield page
    assert page.violations == []
    page.close()


def answer_flags(page, yes: set[str] = frozenset()) -> None:
    for fid in CATALOGUE.red_flags:
        value = "yes" if fid in yes else "no"
        page.locator(f'[data-flag="{fid}"] input[value="{value}"]').check()
    page.click('[data-check="flags-next"]')


def result_text(page) -> str:
    return " ".join(page.locator(".hs-check__result").inner_text().split())


@pytest.mark.parametrize("flag_id", list(CATALOGUE.red_flags))
def test_each_warning_sign_answered_yes_shows_its_action_and_no_exercises(page, flag_id: str) -> None:
    flag = CATALOGUE.red_flags[flag_id]
    answer_flags(page, {flag_id})
    result = page.locator(".hs-check__result")
    assert result.is_visible() and page.locator(".hs-check__form").is_hidden()
    text = result_text(page)
    assert flag.name in text and URGENCIES[flag.urgency] in text and URGENCY_ACTIONS[flag.urgency] in text
    assert flag.action.uk in text and flag.action.us in text
    assert result.locator(f'[data-flag="{flag_id}"]').count() == 1
    assert result.locator("[data-flag]").count() == 1  # only the sign answered yes
    hrefs = result.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert not any("routines/" in h or "exercises/" in h for h in hrefs), hrefs
    assert result.locator(".hs-check__routines, [data-routine]").count() == 0
    assert page.evaluate("document.activeElement.id") == "hs-check-h3"


def test_unanswered_warning_signs_stop_the_check_and_say_so(page) -> None:
    page.click('[data-check="flags-next"]')
    error = page.locator(".hs-check__error").first
    assert error.is_visible() and str(len(CATALOGUE.red_flags)) in error.inner_text()
    assert page.locator(".hs-check__result").is_hidden()
    first = next(iter(CATALOGUE.red_flags))
    assert page.evaluate("document.activeElement.name") == f"flag-{first}"


def test_no_warning_sign_leads_to_a_routine_with_its_cautions_and_a_one_page_printout(page) -> None:
    answer_flags(page)
    assert page.evaluate("document.activeElement.id") == "hs-check-h2"
    page.click('[data-check="details-next"]')
    assert page.locator(".hs-check__error").nth(1).is_visible()  # where, what happened and the goal are needed
    page.locator('input[name="area"][value="no-pain"]').check()
    page.locator('input[name="onset"][value="no-pain"]').check()
    page.locator('input[name="goal"][value="flexibility"]').check()
    page.click('[data-check="details-next"]')
    result = page.locator(".hs-check__result")
    routine = CATALOGUE.routines["flexibility"]
    link = result.locator('[data-routine="flexibility"] a').first
    assert link.inner_text() == routine.name and link.get_attribute("href") == "../routines/flexibility/"
    text = result_text(page)
    assert routine.audience in text and all(line in text for line in routine.who_should_not_start)
    assert "None of them" in text and "not a diagnosis" in text
    assert result.locator('[data-routine="nordic-progression"]').count() == 0  # its goals are sport and strength
    page.emulate_media(media="print")
    pdf = PdfReader(io.BytesIO(page.pdf(format="A4")))
    printed = " ".join(pdf.pages[0].extract_text().split())
    page.emulate_media(media="screen")
    assert len(pdf.pages) == 1, len(pdf.pages)
    assert routine.name in printed and "Your answers" in printed and "Step 1 of 3" not in printed


def test_a_new_injury_gets_the_area_pages_and_no_routine(page) -> None:
    answer_flags(page)
    page.locator('input[name="area"][value="back-of-thigh-middle"]').check()
    page.locator('input[name="onset"][value="sudden"]').check()
    page.locator('input[name="goal"][value="stronger"]').check()
    page.click('[data-check="details-next"]')
    result = page.locator(".hs-check__result")
    assert result.locator("[data-routine]").count() == 0
    assert "No routine fits these answers" in result_text(page)
    hrefs = result.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert "../weakness/#weakness-after-a-hamstring-strain" in hrefs


def test_the_whole_check_works_with_the_keyboard_alone(page) -> None:
    page.locator("#hs-check-h1").focus()
    for _ in CATALOGUE.red_flags:
        page.keyboard.press("Tab")  # onto the group's first radio, Yes
        page.keyboard.press("ArrowRight")  # No, and checked
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.dataset.check") == "flags-next"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hs-check-h2"
    page.keyboard.press("Tab")
    page.keyboard.press("Space")  # the first area
    for _ in range(2):  # what happened, then the goal: the first answer each
        page.keyboard.press("Tab")
        page.keyboard.press("Space")
    while page.evaluate("document.activeElement.dataset.check") != "details-next":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "hs-check-h3"
    text = result_text(page)
    assert "What fits your answers" in text and "Your answers" in text


def _axe(page) -> list[str]:
    page.wait_for_timeout(600)  # moving the focus scrolls: let Material's "Back to top" button finish fading in
    if not page.evaluate("typeof window.axe === 'object'"):
        page.evaluate(node_module("axe-core/axe.min.js").read_text(encoding="utf-8"))
    found = page.evaluate(
        """async (tags) => (await window.axe.run(document, {runOnly: {type: 'tag', values: tags},
             resultTypes: ['violations']})).violations.map(v => v.id + ': ' + v.nodes.map(n => n.target).join(' '))""",
        AXE_TAGS,
    )
    return found


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_any_step_of_the_check_or_on_the_map_pages(chromium, site_url: str, scheme: str) -> None:
    ctx = chromium.new_context(viewport=PHONE, color_scheme=scheme)
    try:
        page = ctx.new_page()
        found = {}
        expected = "slate" if scheme == "dark" else "default"
        for path in ("", "knee-pain/", "check/"):
            page.goto(site_url + path, wait_until="load")
            page.wait_for_function(f"document.body.getAttribute('data-md-color-scheme') === '{expected}'")
            page.wait_for_timeout(300)
            found[path or "home"] = _axe(page)
        answer_flags(page)
        found["check step 2"] = _axe(page)
        for name, value in (("area", "front-of-knee"), ("onset", "slow"), ("goal", "stronger")):
            page.locator(f'input[name="{name}"][value="{value}"]').check()
        page.click('[data-check="details-next"]')
        found["check suggestions"] = _axe(page)
        page.click("text=Change my answers")
        page.locator('[data-flag="suspected-dvt"] input[value="yes"]').check()
        page.click('[data-check="flags-next"]')
        found["check warning sign"] = _axe(page)
        assert {k: v for k, v in found.items() if v} == {}, json.dumps(found, indent=2)
    finally:
        ctx.close()


def test_without_javascript_the_page_lists_every_warning_sign_and_routine(chromium, site_url: str) -> None:
    ctx = chromium.new_context(viewport=PHONE, java_script_enabled=False)
    try:
        page = ctx.new_page()
        page.goto(site_url + "check/", wait_until="load")
        static = page.locator(".hs-check__static")
        assert static.is_visible() and page.locator(".hs-check__form").count() == 0
        text = " ".join(static.inner_text().split())
        for flag in CATALOGUE.red_flags.values():
            assert flag.action.uk in text and flag.action.us in text
        for routine in CATALOGUE.routines.values():
            assert routine.name in text
    finally:
        ctx.close()


def test_map_areas_are_big_enough_to_tap_and_show_focus(context, site_url: str) -> None:
    page = context.new_page()
    page.goto(site_url, wait_until="load")
    sizes = page.locator(".hs-bm-area ellipse").evaluate_all(
        "els => els.map(e => { const b = e.getBoundingClientRect(); return [b.width, b.height]; })"
    )
    assert len(sizes) == 7 and min(min(s) for s in sizes) >= 24, sizes
    page.locator(".hs-bm-area").first.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")  # focus by keyboard, so :focus-visible applies
    ring = page.evaluate("""() => { const a = document.activeElement, s = getComputedStyle(a);
      return [a.getAttribute('aria-label'), s.outlineStyle, parseFloat(s.outlineWidth)]; }""")
    assert ring[0] == "1. Front of the thigh" and ring[1] == "solid" and ring[2] >= 2, ring
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#where-front-of-thigh"
    assert page.locator("#where-front-of-thigh a").count() >= 2
    page.close()
