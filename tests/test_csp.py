"""Content-Security-Policy (issue 14, item 10): every page allows only its own origin and hashed inline code.

The unit tests check ``build_tools.csp`` on small pages; the browser tests load every page of the
real built site in headless Chromium, listening for ``securitypolicyviolation`` events and CSP
console errors, and use search, the finder, the builder, a glossary tooltip and the dark-mode
toggle under the policy. Browser tests need Chromium (skipped without it, a failure in CI).
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

import pytest
from test_accessibility import CSP_LISTENER

from build_tools import csp


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


PAGE = """<!doctype html><html><head>
<meta charset="utf-8">
<script id="__config" type="application/json">{"base": ".."}</script>
<script>var a = "é" < 2;</script>
<script src="x.js"></script>
</head><body>
<svg id="f" style="display:block"><style>#f .a{fill:red}</style><rect/></svg>
<!-- <script>not a script</script> -->
<p>text</p></body></html>"""


def directives(page: str) -> dict[str, list[str]]:
    meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page)
    assert meta is not None
    return {part.split()[0]: part.split()[1:] for part in meta.group(1).replace("&gt;", ">").split("; ")}


def test_each_inline_script_and_style_is_hashed_exactly() -> None:
    found = directives(csp.add_policy(PAGE))
    assert found["script-src"] == ["'self'", _hash('{"base": ".."}'), _hash('var a = "é" < 2;')]
    assert found["style-src"] == ["'self'", _hash("#f .a{fill:red}"), "'unsafe-hashes'", _hash("display:block")]
    assert found["object-src"] == ["'none'"] and found["base-uri"] == ["'none'"]
    assert found["form-action"] == ["'self'"] and found["default-src"] == ["'self'"]
    assert "frame-ancestors" not in found  # ignored in a meta tag: the host sends it (README, Deploying)
    assert "'unsafe-inline'" not in str(found) and "'unsafe-eval'" not in str(found)


def test_the_policy_comes_first_in_the_head_after_the_charset() -> None:
    page = csp.add_policy(PAGE)
    head = page[page.index("<head>") :]
    assert head.index('<meta charset="utf-8">') < head.index("Content-Security-Policy") < head.index("<script")
    assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in head
    assert (
        page.replace(page[page.index("<meta http-equiv") : page.index('<meta name="referrer"')], "").replace(
            '<meta name="referrer" content="strict-origin-when-cross-origin">', ""
        )
        == PAGE
    )


def test_a_page_without_style_attributes_gets_no_unsafe_hashes() -> None:
    page = '<html><head><meta charset="utf-8"></head><body><script>1</script></body></html>'
    found = directives(csp.add_policy(page))
    assert found["style-src"] == ["'self'"] and found["script-src"] == ["'self'", _hash("1")]


def test_style_attributes_are_read_from_their_tags_as_the_html_parser_reads_them() -> None:
    page = (
        "<html><head><script>var s = 1;</script></head><body>"
        '<div title="a>b" style="--x: 1&amp;2"><p STYLE=\'a:b\'/><i style=c:d>x</i><b style>no value</b>'
        "<p>text that says style= is not an attribute</p></body></html>"
    )
    finder = csp._Finder()
    finder.feed(page)
    finder.close()
    assert csp.find_inline(page) == finder.found
    assert finder.found.style_attributes == ["--x: 1&2", "a:b", "c:d"]


def test_crlf_in_a_script_is_hashed_as_the_browser_sees_it() -> None:
    page = "<html><head></head><body><script>a;\r\nb;</script></body></html>"
    assert directives(csp.add_policy(page))["script-src"][1] == _hash("a;\nb;")


def test_under_serve_inline_scripts_are_allowed_for_live_reload_and_nothing_else_changes() -> None:
    built, served = directives(csp.add_policy(PAGE)), directives(csp.add_policy(PAGE, live_reload=True))
    assert served["script-src"] == ["'self'", "'unsafe-inline'"]
    assert {k: v for k, v in served.items() if k != "script-src"} == {
        k: v for k, v in built.items() if k != "script-src"
    }


def test_a_page_without_a_head_is_refused() -> None:
    with pytest.raises(csp.NoHead):
        csp.add_policy("<p>no head</p>")


def test_every_built_page_has_the_policy(real_site: Path) -> None:
    for html_file in sorted(real_site.rglob("*.html")):
        page = html_file.read_text(encoding="utf-8")
        assert page.count('http-equiv="Content-Security-Policy"') == 1, html_file
        found = directives(page)
        scripts = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", page, re.DOTALL)
        assert scripts, html_file
        assert sorted(found["script-src"][1:]) == sorted({_hash(s) for s in scripts}), html_file


# -- in the browser ------------------------------------------------------------------------------


@pytest.fixture
def watched(browser):
    """A phone-sized page that records CSP violations and console errors."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    context.add_init_script(CSP_LISTENER)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    yield page
    context.close()


# Every page of the real site is opened in both palettes by test_accessibility.py's audit, which also
# records CSP violations (test_no_page_violates_its_content_security_policy_or_logs_an_error).


@pytest.mark.browser
def test_search_finder_builder_tooltips_and_dark_mode_work_under_the_policy(watched, base_url: str) -> None:
    page = watched
    page.goto(base_url, wait_until="networkidle")
    body = page.locator("body")
    scheme = body.get_attribute("data-md-color-scheme")
    page.locator("label[for^='__palette']:visible").first.click()
    assert body.get_attribute("data-md-color-scheme") != scheme

    page.locator("label.md-search__icon[for='__search'], label[for='__search']").first.click()
    page.locator("input.md-search__input").press_sequentially("nordic", delay=30)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    assert "Nordic" in page.locator(".md-search-result").inner_text()

    page.goto(f"{base_url}exercises/", wait_until="networkidle")
    page.wait_for_selector("[data-hs-finder][data-ready]")
    shown = "() => [...document.querySelectorAll('a[data-hs-exercise]')].filter((a) => a.checkVisibility()).length"
    everything = page.evaluate(shown)
    page.get_by_role("search", name="Find exercises").get_by_role("checkbox", name="Beginner", exact=True).check()
    assert 0 < page.evaluate(shown) < everything

    page.goto(f"{base_url}handout-builder/", wait_until="networkidle")
    page.wait_for_selector("#hs-builder[data-ready]")
    page.locator(".hs-b-toggle").first.click()
    page.wait_for_selector("#hs-b-handout .hs-h-qrcode")
    page.wait_for_function("() => document.getElementById('hs-b-handout').getAttribute('aria-busy') === 'false'")
    assert page.locator("#hs-b-fit").get_attribute("data-status") == "fits"
    # The print rules are mirrored into the preview (a constructed sheet, not an inline <style>).
    mirrored = "document.adoptedStyleSheets.map((sheet) => sheet.cssRules[0].cssRules.length)"
    assert max(page.evaluate(mirrored)) > 20  # handout.css's print rules, found in the joined stylesheet

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{base_url}how-hamstrings-work/", wait_until="networkidle")
    abbr = page.locator("article abbr[title]").first
    abbr.scroll_into_view_if_needed()
    abbr.hover()
    page.locator("#hs-term-tip").wait_for(state="visible", timeout=5_000)  # glossary.js: placed by CSSOM
    # The figure's own <style> and style="" apply (by their hashes).
    svg = page.locator("svg#hsa")
    if svg.count():
        assert svg.evaluate("el => getComputedStyle(el).display") == "block"
    assert page.problems == []
    # CSP_LISTENER (which the accessibility audit uses on every page) hears a real violation: a script
    # added inline at run time is blocked and reported.
    page.evaluate(
        "document.head.append(Object.assign(document.createElement('script'), {textContent: 'window.x = 1'}))"
    )
    page.wait_for_timeout(200)
    assert any("script-src" in problem for problem in page.problems), page.problems
    assert page.evaluate("window.x") is None


def test_the_fast_path_finds_exactly_what_the_html_parser_finds(real_site: Path) -> None:
    """Pages with no inline style skip the HTML parser (it is most of the policy's cost at 1,000 pages)."""
    import re

    from build_tools import csp

    fast = styled = 0
    for path in sorted(real_site.rglob("*.html")):
        page = re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", path.read_text("utf-8"))
        finder = csp._Finder()
        finder.feed(page)
        finder.close()
        assert csp.find_inline(page) == finder.found, path
        takes_fast_path = b"<style" not in page.encode().lower()
        fast += takes_fast_path
        styled += takes_fast_path and ' style="' in page
    assert fast > 10  # most pages take the fast path
    assert styled > 3  # routine pages, whose style attributes the fast path reads
