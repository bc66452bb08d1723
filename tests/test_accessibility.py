"""Accessibility and privacy in a real browser, on every built page, in both palettes.

axe-core (from node_modules/, `make node_modules`) checks WCAG 2.0, 2.1 and 2.2 at levels A
and AA on every *.html page of the real site, once in the light palette and once in the dark
one (the page must really show Material's "slate" scheme). The same visits record every
request a page makes: none may go to a host other than the site's own. Keyboard checks: the
skip link, a visible focus indicator, and a name for every figure, image, button, link,
form control and dialog.

Skipped on a machine without Chromium or node_modules, except in CI (CI=true), where that is
a failure: .ci/run installs both.
"""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from conftest import CHROMIUM, CHROMIUM_ARGS, node_module, site_pages

pytestmark = pytest.mark.browser

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PALETTES = {"light": ("light", "default"), "dark": ("dark", "slate")}
"""palette -> (prefers-color-scheme to emulate, Material scheme the body must then carry)"""

# Accessible names of the elements a keyboard or screen-reader user meets, computed the way a
# browser does for these simple cases (aria-labelledby, aria-label, label, alt, title, text).
UNNAMED_JS = """() => {
  const text = (el) => (el ? (el.innerText || el.textContent || '').trim() : '');
  const nameOf = (el) => {
    const by = el.getAttribute('aria-labelledby');
    if (by) return by.split(/\\s+/).map((id) => text(document.getElementById(id))).join(' ').trim();
    if ((el.getAttribute('aria-label') || '').trim()) return el.getAttribute('aria-label').trim();
    if (el.matches('dialog, [role="dialog"], [role="alertdialog"]')) return (el.getAttribute('title') || '').trim();
    if (el.labels && el.labels.length) return [...el.labels].map((l) => text(l) || l.title || '').join(' ').trim();
    if (el.tagName === 'FIGURE') return text(el.querySelector(':scope > figcaption'));
    if (el.tagName === 'IMG') return el.getAttribute('alt') !== null ? (el.alt.trim() || '(decorative)') : '';
    const svgTitle = el.tagName.toLowerCase() === 'svg' ? el.querySelector(':scope > title') : null;
    if (svgTitle) return text(svgTitle);
    return (text(el) || el.getAttribute('title') || el.getAttribute('placeholder') || '').trim();
  };
  const selectors = ['figure', 'img', 'figure svg', 'svg[role="img"]', '[role="img"]', 'button', '[role="button"]',
    'a[href]', 'input:not([type="hidden"])', 'select', 'textarea', 'dialog', '[role="dialog"]'];
  const missing = [];
  for (const el of document.querySelectorAll(selectors.join(','))) {
    if (el.closest('[hidden], [aria-hidden="true"]') || !el.checkVisibility()) continue;
    if (el.matches('figure svg') && el.closest('figure').querySelector(':scope > figcaption')
        && !el.matches('[role="img"]')) continue;  // a drawing the caption names
    if (!nameOf(el)) missing.push(el.outerHTML.slice(0, 160));
  }
  return missing;
}"""


@dataclass
class PageAudit:
    path: str
    scheme: str = ""
    violations: list[dict] = field(default_factory=list)
    foreign_requests: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    rules_passed: int = 0
    problems: list[str] = field(default_factory=list)
    """Content-Security-Policy violations, console errors and uncaught exceptions while the page ran."""


CSP_LISTENER = """document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`CSP violation: ${event.violatedDirective} blocked ${event.blockedURI} (${event.sample})`);
});"""


def audit_palette(
    chromium, site_url: str, pages: list[str], palette: str, axe_source: str, *, until: str = "networkidle"
) -> list[PageAudit]:
    """Open every page in one context of ``palette``; run axe and record requests to other hosts.

    ``until="networkidle"`` also waits for what pages fetch after loading (Material's search
    index), so that every request is seen; "load" is enough for axe.
    """
    color_scheme, expected_scheme = PALETTES[palette]
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme)
    results: list[PageAudit] = []
    current: list[PageAudit] = []

    def route(route) -> None:
        url = route.request.url
        if url.startswith((site_url, "data:", "blob:")):
            route.continue_()
        else:
            current[-1].foreign_requests.append(url)
            route.abort()

    context.route("**/*", route)
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.on("websocket", lambda ws: current[-1].foreign_requests.append(ws.url))
    page.on("console", lambda message: message.type == "error" and current[-1].problems.append(message.text))
    page.on("pageerror", lambda error: current[-1].problems.append(str(error)))
    try:
        for path in pages:
            result = PageAudit(path)
            current.append(result)
            page.goto(site_url + path, wait_until=until)
            if page.evaluate("document.body.getAttribute('data-md-color-scheme')") != expected_scheme:
                # Material's script switches to the palette of the system setting after loading;
                # let its colour transitions end, so axe measures the final colours.
                page.wait_for_function(
                    f"document.body.getAttribute('data-md-color-scheme') === '{expected_scheme}'", timeout=5_000
                )
                page.wait_for_timeout(250)
            result.scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            if not page.evaluate("typeof window.axe === 'object'"):
                page.evaluate(axe_source)
            raw, result.rules_passed = page.evaluate(
                """async (tags) => {
                     const r = await window.axe.run(document, {
                       runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
                     return [r.violations, r.passes.length];
                   }""",
                AXE_TAGS,
            )
            result.violations = [
                {
                    "id": v["id"],
                    "impact": v["impact"],
                    "help": v["help"],
                    "nodes": [
                        " ".join(map(str, n["target"])) + " :: " + (n.get("failureSummary") or "").replace("\n", " ")
                        for n in v["nodes"][:5]
                    ],
                    "count": len(v["nodes"]),
                }
                for v in raw
            ]
            result.unnamed = page.evaluate(UNNAMED_JS)
            results.append(result)
    finally:
        context.close()
    return results


@pytest.fixture(scope="module")
def axe_source() -> str:
    return node_module("axe-core/axe.min.js").read_text(encoding="utf-8")


def _audit_in_own_browser(
    site_url: str, pages: list[str], palette: str, axe_source: str, until: str
) -> list[PageAudit]:
    """``audit_palette`` with a Chromium of its own (Playwright's API belongs to the thread that starts it)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return audit_palette(browser, site_url, pages, palette, axe_source, until=until)
        finally:
            browser.close()


@pytest.fixture(scope="module")
def audits(chromium, site_url: str, real_site: Path, axe_source: str) -> dict[str, list[PageAudit]]:
    """Both palettes audited at once, each in its own browser and thread (axe keeps a core busy)."""
    pages = site_pages(real_site)
    assert len(pages) >= 20, pages
    with ThreadPoolExecutor(max_workers=2) as pool:
        light = pool.submit(_audit_in_own_browser, site_url, pages, "light", axe_source, "networkidle")
        dark = pool.submit(_audit_in_own_browser, site_url, pages, "dark", axe_source, "load")
        return {"light": light.result(), "dark": dark.result()}


def describe(results: list[PageAudit]) -> str:
    lines = []
    for result in results:
        for violation in result.violations:
            lines.append(
                f"/{result.path} [{result.scheme}] {violation['id']} ({violation['impact']}, "
                f"{violation['count']} node(s)): {violation['help']}"
            )
            lines.extend(f"    {node}" for node in violation["nodes"])
    return "\n".join(lines)


@pytest.mark.parametrize("palette", list(PALETTES))
def test_axe_finds_no_wcag_violations(audits: dict[str, list[PageAudit]], palette: str) -> None:
    results = audits[palette]
    assert {r.scheme for r in results} == {PALETTES[palette][1]}
    assert min(r.rules_passed for r in results) >= 10, "axe checked almost nothing: are the tags right?"
    failing = [r for r in results if r.violations]
    if failing:
        pytest.fail(
            f"{sum(len(r.violations) for r in failing)} violation(s) on {len(failing)} of {len(results)} "
            f"page(s):\n{describe(failing)}",
            pytrace=False,
        )


def test_every_page_requests_nothing_from_other_hosts(audits: dict[str, list[PageAudit]]) -> None:
    # The light pass waited for the network to go idle on every page; the dark pass counts too.
    foreign = {
        f"{r.path} [{r.scheme}]": r.foreign_requests
        for results in audits.values()
        for r in results
        if r.foreign_requests
    }
    assert foreign == {}, json.dumps(foreign, indent=2)


def test_no_page_violates_its_content_security_policy_or_logs_an_error(audits: dict[str, list[PageAudit]]) -> None:
    """Every page of the real site, in both palettes (the light pass waits for the network to go idle, so
    what a page fetches after loading counts): no CSP violation, console error or uncaught exception.
    The policy itself is checked page by page in test_csp.py."""
    problems = {f"{r.path} [{r.scheme}]": r.problems for results in audits.values() for r in results if r.problems}
    assert problems == {}, json.dumps(problems, indent=2)
    assert sum(len(results) for results in audits.values()) > 40


def test_figures_buttons_links_controls_and_dialogs_have_names(audits: dict[str, list[PageAudit]]) -> None:
    unnamed = {r.path: r.unnamed for r in audits["light"] if r.unnamed}
    assert unnamed == {}, json.dumps(unnamed, indent=2)


# -- keyboard ---------------------------------------------------------------------------

KEYBOARD_PAGES = [
    "",
    "exercises/",
    "exercises/nordic-hamstring-exercise/",
    "routines/nordic-progression/",
    "check/",
    "knee-pain/",
]


@pytest.fixture(scope="module", params=list(PALETTES))
def keyboard_page(request, chromium, site_url: str):
    color_scheme, expected_scheme = PALETTES[request.param]
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=color_scheme)
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    page = context.new_page()
    page.expected_scheme = expected_scheme
    yield page
    context.close()


def open_page(page, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_function(
        f"document.body.getAttribute('data-md-color-scheme') === '{page.expected_scheme}'", timeout=5_000
    )
    page.wait_for_timeout(250)


@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_first_tab_reaches_a_visible_skip_link_that_moves_to_the_content(
    keyboard_page, site_url: str, path: str
) -> None:
    page = keyboard_page
    open_page(page, site_url + path)
    page.keyboard.press("Tab")
    page.wait_for_timeout(400)  # Material fades the skip link in
    focused = page.evaluate("""() => {
      const el = document.activeElement, box = el.getBoundingClientRect();
      return {text: el.innerText.trim(), href: el.getAttribute('href'), tag: el.tagName,
              visible: box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < innerHeight
                       && getComputedStyle(el).opacity !== '0'};
    }""")
    assert focused["tag"] == "A" and focused["text"].lower().startswith("skip to"), focused
    assert focused["visible"], focused
    target = focused["href"].lstrip("#")
    assert page.locator(f"[id='{target}']").count() == 1, focused
    page.keyboard.press("Enter")
    page.wait_for_timeout(300)
    assert page.evaluate("location.hash") == "#" + target
    # The next Tab goes into the content, not back through the header.
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('.md-content, .md-footer')"), page.evaluate(
        "document.activeElement.outerHTML.slice(0, 200)"
    )


FOCUS_STYLE_JS = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  // Where a ring may be drawn for this element: on itself; for Material's palette toggle (a row
  // of invisible radios) on the visible label; for a control, on its label; or on a close
  // ancestor, as with a chip that rings itself with :has(input:focus-visible).
  const candidates = [el];
  if (el.matches('input.md-option')) candidates.push(...el.closest('form').querySelectorAll('label:not([hidden])'));
  if (el.labels) candidates.push(...el.labels);
  for (let node = el.parentElement, i = 0; node && i < 3; node = node.parentElement, i++) candidates.push(node);
  const look = (node) => {
    const style = getComputedStyle(node);
    const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 1
      && !/rgba\\(.*, 0\\)$|transparent/.test(style.outlineColor);
    return {outline: outline ? `${style.outlineStyle} ${style.outlineWidth} ${style.outlineColor}` : '',
            shadow: node === el ? style.boxShadow : ''};
  };
  const focused = candidates.map(look);
  // A ring counts only if it goes away when the focus does (headers and forms have shadows anyway).
  el.blur();
  const blurred = candidates.map(look);
  el.focus();
  const ringed = candidates.some((node, i) => node.getClientRects().length && (
    (focused[i].outline && focused[i].outline !== blurred[i].outline)
    || (focused[i].shadow && focused[i].shadow !== 'none' && focused[i].shadow !== blurred[i].shadow)));
  const box = el.matches('input.md-option') ? {width: 1, height: 1} : el.getBoundingClientRect();
  return {html: el.outerHTML.slice(0, 160), ringed, onScreen: box.width > 0 && box.height > 0};
}"""


@pytest.mark.parametrize("path", KEYBOARD_PAGES)
def test_every_focused_element_shows_a_focus_indicator(keyboard_page, site_url: str, path: str) -> None:
    page = keyboard_page
    open_page(page, site_url + path)
    seen, missing = 0, []
    for _ in range(80):
        page.keyboard.press("Tab")
        state = page.evaluate(FOCUS_STYLE_JS)
        if state is None:
            break
        seen += 1
        if not state["onScreen"]:
            continue  # e.g. an element in the closed mobile drawer; nothing to see
        if not state["ringed"]:
            missing.append(state["html"])
    assert seen >= 10
    assert missing == [], "focus not visible on:\n" + "\n".join(missing)
