"""Progression ladders on the built exercise pages (issue 18, point 4).

Each link is written once in the data (CONTRIBUTING: "Write each link once"); the page of the
easier exercise lists the harder one under "Harder" and the harder page lists the easier one
under "Easier". This reads both from the finished HTML of the real site, so it checks what a
reader sees, not the data.
"""

from __future__ import annotations

import itertools
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

LADDERS = [
    ["glute-bridge", "single-leg-glute-bridge", "long-lever-single-leg-bridge"],
    ["hamstring-heel-dig-hold", "hamstring-slider-curl", "nordic-hamstring-exercise"],
    ["straight-leg-raise", "sit-to-stand", "step-up", "split-squat"],
]


class _Versions(HTMLParser):
    """The exercise ids linked from the 'Easier' and 'Harder' items of the 'Easier and harder versions' list."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, list[str]] = {"Easier": [], "Harder": []}
        self._in_section = False
        self._in_strong = False
        self._label: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag == "h2":
            self._in_section = found.get("id") == "easier-and-harder-versions"
        elif self._in_section and tag == "strong":
            self._in_strong = True
        elif self._in_section and tag == "a" and self._label in self.links:
            match = re.fullmatch(r"\.\./([a-z0-9-]+)/", found.get("href") or "")
            if match:
                self.links[self._label].append(match.group(1))

    def handle_endtag(self, tag: str) -> None:
        if tag == "strong":
            self._in_strong = False
        elif tag == "li":
            self._label = None

    def handle_data(self, data: str) -> None:
        if self._in_strong:
            self._label = data.strip().rstrip(":")


def versions(site: Path, exercise: str) -> dict[str, list[str]]:
    parser = _Versions()
    parser.feed((site / "exercises" / exercise / "index.html").read_text(encoding="utf-8"))
    return parser.links


@pytest.mark.parametrize("ladder", LADDERS, ids=lambda ladder: " > ".join(ladder))
def test_each_rung_links_both_ways_on_the_pages(real_site: Path, ladder: list[str]) -> None:
    for easier, harder in itertools.pairwise(ladder):
        assert harder in versions(real_site, easier)["Harder"], f"{easier} should list {harder} as harder"
        assert easier in versions(real_site, harder)["Easier"], f"{harder} should list {easier} as easier"


def test_at_least_three_ladders_of_three_steps_are_reachable_from_the_pages(real_site: Path) -> None:
    """Walk the pages' 'Harder' links from each exercise nothing is easier than: the longest climbs."""
    pages = sorted(p.parent.name for p in (real_site / "exercises").glob("*/index.html"))
    harder = {page: versions(real_site, page)["Harder"] for page in pages}

    def longest(start: str, seen: tuple[str, ...] = ()) -> int:
        steps = [longest(nxt, (*seen, start)) for nxt in harder[start] if nxt not in seen and nxt in harder]
        return 1 + max(steps, default=0)

    starts = [page for page in pages if not versions(real_site, page)["Easier"] and harder[page]]
    climbs = {start: longest(start) for start in starts}
    assert sum(1 for length in climbs.values() if length >= 3) >= 3, climbs
    for ladder in LADDERS:  # the ladders named in the issue are among them, from their first rung
        assert climbs.get(ladder[0], 0) >= len(ladder), (ladder[0], climbs)
