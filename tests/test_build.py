"""Whole builds: the mini project and the real site build strictly; bad data leaves the old site alone."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import ClassVar

from conftest import BIN, ROOT, mkdocs_build


def snapshot(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_bad_data_fails_the_build_and_keeps_the_last_good_site(mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert mkdocs_build(mini, site).returncode == 0
    before = snapshot(site)
    assert "exercises/bridge/index.html" in before

    bridge = mini / "exercises/bridge.yml"
    bridge.write_text(bridge.read_text().replace("  sets: 2", "  sets: two").replace("level: beginner", "level: pro"))
    (mini / "data/sources/source-b.yml").write_text("authors: [unclosed\n")

    result = mkdocs_build(mini, site)
    assert result.returncode != 0
    for expected in (
        "exercises/bridge.yml:4:8: level: Input should be 'beginner', 'intermediate' or 'advanced'",
        "exercises/bridge.yml:23:9: dose.sets: Input should be a valid integer (got text 'two')",
        "data/sources/source-b.yml:1:10: <yaml>: the '[' that starts here is not closed",
    ):
        assert expected in result.stderr, result.stderr
    assert snapshot(site) == before


def test_mini_site_pages_and_links(mini: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    result = mkdocs_build(mini, site)
    assert result.returncode == 0, result.stderr
    page = (site / "exercises/bridge/index.html").read_text()
    assert '<a class="hs-cite" href="#src-1" aria-label="Source 1" data-hs-cite="1">[1]</a>' in page
    assert '<li class="hs-source" id="src-1">' in page  # the page's own list, where the marker leads
    assert '<a href="../../references/#source-a">About this source</a>' in page
    assert 'id="source-a"' in (site / "references/index.html").read_text()
    assert not list(mini.glob("content/exercises*")), "generated pages must never be written into content/"


def test_real_site_has_every_kind_of_page(real_site: Path) -> None:
    for page in (
        "index.html",
        "how-hamstrings-work/index.html",
        "weakness/index.html",
        "tightness/index.html",
        "knee-pain/index.html",
        "see-a-clinician/index.html",
        "exercises/index.html",
        "routines/index.html",
        "references/index.html",
        "about/index.html",
    ):
        assert (real_site / page).is_file(), page
    exercises = sorted(p.stem for p in (ROOT / "exercises").glob("*.yml"))
    routines = sorted(p.stem for p in (ROOT / "data/routines").glob("*.yml"))
    assert len(exercises) >= 12 and len(routines) >= 3
    for eid in exercises:
        html = (real_site / "exercises" / eid / "index.html").read_text()
        assert "Your dose" in html and 'class="hs-cite"' in html, eid
    for rid in routines:
        html = (real_site / "routines" / rid / "index.html").read_text()
        html = html[html.index("<article") :]
        assert html.index("start this routine") < html.index("Stop and get advice") < html.index("The exercises"), rid


def test_data_driven_blocks_are_rendered_into_prose_pages(real_site: Path) -> None:
    clinician = (real_site / "see-a-clinician/index.html").read_text()
    for urgency in ("Emergency: now", "Urgent: today"):
        assert urgency in clinician
    tightness = (real_site / "tightness/index.html").read_text()
    assert "Active knee extension" in tightness and "<table>" in tightness
    for html_file in real_site.rglob("*.html"):
        text = html_file.read_text()
        assert "<!-- insert:" not in text and "[@" not in text, html_file


class ResourceFinder(HTMLParser):
    """Collects every URL that a browser would fetch while loading a page."""

    FETCHED_LINKS: ClassVar[set[str]] = {
        "stylesheet",
        "icon",
        "preload",
        "modulepreload",
        "prefetch",
        "manifest",
        "apple-touch-icon",
    }

    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in {"script", "img", "iframe", "source", "audio", "video", "embed"} and values.get("src"):
            self.urls.append(values["src"] or "")
        if tag == "link" and set((values.get("rel") or "").split()) & self.FETCHED_LINKS:
            self.urls.append(values.get("href") or "")


def test_real_site_requests_nothing_from_other_hosts(real_site: Path) -> None:
    for html_file in real_site.rglob("*.html"):
        finder = ResourceFinder()
        finder.feed(html_file.read_text())
        assert finder.urls, html_file
        external = [url for url in finder.urls if re.match(r"(?:[a-z]+:)?//", url)]
        assert external == [], html_file
    for css in real_site.rglob("*.css"):
        assert "fonts.googleapis" not in css.read_text(), css


def test_exercise_pages_do_not_carry_the_catalogue_in_their_navigation(real_site: Path) -> None:
    html = (real_site / "exercises/glute-bridge/index.html").read_text()
    nav = html[html.index('<nav class="md-nav md-nav--primary"') : html.index("</nav>", html.index("md-nav--primary"))]
    assert "nordic-hamstring-exercise/" not in nav


def test_search_index_covers_generated_pages(real_site: Path) -> None:
    index = json.loads((real_site / "search/search_index.json").read_text())
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert "exercises/nordic-hamstring-exercise/" in locations
    assert "routines/nordic-progression/" in locations
    assert "see-a-clinician/" in locations


def test_every_page_has_a_description(real_site: Path) -> None:
    for html_file in real_site.rglob("index.html"):
        if html_file.parent.name in {"404", "search"}:
            continue
        assert re.search(r'<meta name="description" content="[^"]{20,}"', html_file.read_text()), html_file


def test_an_overdue_review_warns_and_fails_the_strict_build(mini: Path, tmp_path: Path) -> None:
    bridge = mini / "exercises/bridge.yml"
    bridge.write_text(
        bridge.read_text().replace(
            "  last_reviewed: 2026-01-01\n  next_review: 2027-01-01",
            "  last_reviewed: 2020-01-01\n  next_review: 2020-06-01",
        )
    )
    page = mini / "content/see-a-clinician.md"
    page.write_text(
        page.read_text().replace(
            "last_reviewed: 2026-01-01\nnext_review: 2027-01-01", "last_reviewed: 2021-01-01\nnext_review: 2021-12-01"
        )
    )
    strict = mkdocs_build(mini, tmp_path / "strict")
    assert strict.returncode != 0
    assert "exercises/bridge.yml:51:16: review.next_review: review overdue since 2020-06-01" in strict.stderr
    assert "content/see-a-clinician.md:5:1: next_review: review overdue since 2021-12-01" in strict.stderr
    lenient = subprocess.run(
        [str(BIN / "mkdocs"), "build", "--site-dir", str(tmp_path / "lenient")],
        cwd=mini,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert lenient.returncode == 0 and "review overdue" in lenient.stderr


def test_reviews_are_checked_against_the_configured_day(mini: Path, tmp_path: Path) -> None:
    """The fixture checks its reviews on a fixed day; a day after its reviews fall due fails the strict build."""
    config = mini / "mkdocs.yml"
    assert "reviews_checked_on: 2026-06-01" in config.read_text()
    config.write_text(config.read_text().replace("reviews_checked_on: 2026-06-01", "reviews_checked_on: 2027-01-02"))
    strict = mkdocs_build(mini, tmp_path / "strict")
    assert strict.returncode != 0
    assert "exercises/bridge.yml:51:16: review.next_review: review overdue since 2027-01-01" in strict.stderr


def test_quotes_in_a_summary_cannot_add_attributes_to_the_page(mini: Path, tmp_path: Path) -> None:
    """The summary becomes the page's description meta tag: its quotes must stay inside the attribute."""
    path = mini / "exercises" / "bridge.yml"
    attack = 'Lift your hips. " http-equiv="refresh" content="0;url=https://evil.example/'
    text = re.sub(r"(?m)^summary:.*$", "summary: '" + attack.replace("'", "''") + "'", path.read_text(encoding="utf-8"))
    path.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = mkdocs_build(mini, site)
    assert result.returncode == 0, result.stderr
    html = (site / "exercises" / "bridge" / "index.html").read_text(encoding="utf-8")
    metas: list[dict[str, str | None]] = []

    class Metas(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            if tag == "meta":
                metas.append(dict(attrs))

    Metas().feed(html)
    # The only http-equiv is the page's own Content-Security-Policy (build_tools/csp.py).
    assert [meta["http-equiv"] for meta in metas if "http-equiv" in meta] == ["Content-Security-Policy"]
    assert {"name": "description", "content": attack} in metas  # the whole text, as text
    assert '<meta name="description" content="Lift your hips. &quot; http-equiv=&quot;refresh&quot;' in html
