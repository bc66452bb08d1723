"""Citation markers and each page's own source list (build_tools/citations.py, prose.expand).

Grouping and wording of the markers on their own; the expansion of a hand-written page (side by
side citations make one marker, the page ends with exactly the sources it cites); and in the real
built site, every marker on every page leads to an entry of that page's own list.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools import prose
from build_tools.citations import compact, spoken
from build_tools.loader import load_catalogue
from conftest import site_pages


@pytest.mark.parametrize(
    ("numbers", "shown", "said"),
    [
        ([3], "3", "Source 3"),
        ([7, 3], "3, 7", "Sources 3, 7"),
        ([9, 3, 7, 3], "3, 7, 9", "Sources 3, 7, 9"),
        ([15, 3, 7, 9, 12], "5 sources", "5 sources: 3, 7, 9, 12, 15"),
        ([2, 2, 2], "2", "Source 2"),
    ],
)
def test_a_marker_shows_its_numbers_compactly_and_says_them_in_words(numbers, shown, said) -> None:
    assert compact(numbers) == shown
    assert spoken(numbers) == said
    assert shown in said  # the name holds the visible text (WCAG 2.5.3, axe's label-content-name-mismatch)


MARKER = re.compile(
    r'<a class="hs-cite" href="#src-(\d+)" aria-label="([^"]+)" data-hs-cite="([\d ]+)">\\\[([^<]+)\\\]</a>'
)
FRONT = "---\ntitle: T\ndescription: A page for the citation tests only.\nlast_reviewed: 2026-01-01\nnext_review: 2027-01-01\n---\n\n"


def _expand(mini: Path, body: str) -> str:
    return prose.expand(FRONT + body, load_catalogue(mini), "page.md")


@pytest.mark.parametrize(
    "written",
    [
        "[@source-a; @source-b]",
        "[@source-b] [@source-a]",
        "[@source-a][@source-b]",
        "[@source-b][@source-a; @source-b]",
    ],
)
def test_citations_side_by_side_make_one_marker(mini: Path, written: str) -> None:
    markdown = _expand(mini, f"Bridges help {written}.\n")
    markers = MARKER.findall(markdown)
    assert markers == [("1", "Sources 1, 2", "1 2", "1, 2")]
    assert "[@" not in markdown


def test_citations_apart_in_a_sentence_stay_apart(mini: Path) -> None:
    markdown = _expand(mini, "Bridges [@source-a] and stretches [@source-b] help.\n")
    assert [m[3] for m in MARKER.findall(markdown)] == ["1", "2"]


def test_a_page_ends_with_exactly_the_sources_it_cites(mini: Path) -> None:
    markdown = _expand(mini, "Stretching helps [@source-b].\n\nAgain [@source-b].\n")
    body, sources = markdown.split("## Sources\n", 1)
    assert MARKER.findall(body) == [("2", "Source 2", "2", "2")] * 2
    assert re.findall(r"\{ #src-(\d+) \.hs-source \}", sources) == ["2"]
    assert "Organisation for Tests (2020). Stretching guidance." in sources
    assert "[example.org](https://example.org/guidance)" in sources  # the source's own link
    assert "Alpha" not in sources
    assert sources.rstrip().endswith("[References](references.md).")


def test_an_inserts_citations_are_in_the_pages_list(mini: Path) -> None:
    """The red flags insert cites from the data: those sources are listed too."""
    catalogue = load_catalogue(mini)
    text = (mini / "content" / "see-a-clinician.md").read_text(encoding="utf-8")
    markdown = prose.expand(text, catalogue, "see-a-clinician.md")
    body, sources = markdown.split("## Sources\n", 1)
    cited = {n for m in MARKER.findall(body) for n in m[2].split()}
    assert cited, "the red flags insert cites nothing: the test would prove nothing"
    assert set(re.findall(r"\{ #src-(\d+) \.hs-source \}", sources)) == cited


def test_a_page_that_cites_nothing_gets_no_list(mini: Path) -> None:
    assert "## Sources" not in _expand(mini, "Nothing cited here.\n")


class _Page(HTMLParser):
    """The markers (their link target and numbers) and the list entries' ids of one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.markers: list[tuple[str, set[str]]] = []
        self.entries: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        classes = (found.get("class") or "").split()
        if found.get("id"):
            self.ids.add(str(found["id"]))
        if tag == "a" and "hs-cite" in classes:
            self.markers.append((str(found["href"]), set(str(found["data-hs-cite"]).split())))
        if tag == "li" and "hs-source" in classes:
            self.entries.append(str(found["id"]).removeprefix("src-"))


def test_every_marker_in_the_built_site_leads_to_its_own_pages_list(real_site: Path) -> None:
    prose_pages = {Path(p).stem for p in (Path(__file__).parents[1] / "content").glob("*.md")}
    checked = 0
    for path in site_pages(real_site):
        html_file = real_site / (path + "index.html" if path.endswith("/") or path == "" else path)
        parser = _Page()
        parser.feed(html_file.read_text(encoding="utf-8"))
        if not parser.markers:
            continue
        cited = set().union(*(numbers for _, numbers in parser.markers))
        assert len(parser.entries) == len(set(parser.entries)), path
        for href, numbers in parser.markers:
            assert href == f"#src-{min(numbers, key=int)}", (path, href)
            assert numbers <= set(parser.entries), (path, numbers - set(parser.entries))
        if path.strip("/") in prose_pages or path == "":
            assert set(parser.entries) == cited, (path, set(parser.entries) ^ cited)
        checked += 1
    assert checked >= 20, checked
