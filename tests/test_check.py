"""The body map and the guided check (issue 19), without a browser: the data, its errors, the drawing,
the check's page without JavaScript and the data handed to check.js."""

from __future__ import annotations

import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

import pytest

from build_tools import body_map, check, vocabulary
from build_tools.loader import load_catalogue
from build_tools.problems import DataError
from build_tools.urls import SiteInfo
from conftest import ROOT


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A writable copy of the real data."""
    for folder in ("data", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def problems(root: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        load_catalogue(root)
    return [str(p) for p in caught.value.problems]


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first line equal to ``old``; return its 1-based line number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index(old)
    lines[index] = new
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def test_an_unknown_sign_or_red_flag_is_reported_at_its_line(project: Path) -> None:
    path = project / "data/body_map.yml"
    line = edit(path, "      - suspected-proximal-hamstring-avulsion", "      - suspected-avulsion")
    found = problems(project)
    assert any(
        p.startswith(f"data/body_map.yml:{line}:") and "unknown id 'suspected-avulsion'" in p and "data/red_flags/" in p
        for p in found
    ), found
    sign_line = edit(path, "    signs: [kneecap-pain]", "    signs: [kneecap-pains]")
    assert any(p.startswith(f"data/body_map.yml:{sign_line}:") and "kneecap-pains" in p for p in problems(project))


def test_an_area_given_twice_or_missing_and_an_unknown_field_are_reported(project: Path) -> None:
    path = project / "data/body_map.yml"
    line = edit(path, "  - region: inside-of-knee", "  - region: front-of-knee")
    found = problems(project)
    assert any(p.startswith(f"data/body_map.yml:{line}:") and "already given as area" in p for p in found), found
    assert any("area 'inside-of-knee' is missing" in p for p in found), found
    line = edit(path, "    note: " + path.read_text().split("    note: ")[1].split("\n")[0], "    notes: x")
    assert any(p.startswith(f"data/body_map.yml:{line}:") and "unknown field 'notes'" in p for p in problems(project))


def test_a_routine_fit_outside_the_vocabulary_is_reported_at_its_line(project: Path) -> None:
    path = project / "data/routines/flexibility.yml"
    line = edit(path, "  goals: [flexibility]", "  goals: [bendy]")
    found = problems(project)
    assert any(p.startswith(f"data/routines/flexibility.yml:{line}:") and "fits.goals.0" in p for p in found), found


def test_the_map_draws_every_area_as_a_named_link_to_its_list_entry() -> None:
    svg = body_map.body_map_svg()
    links = re.findall(
        r'<a class="hs-bm-area" href="#where-([a-z-]+)" aria-label="([^"]+)"><title>([^<]+)</title>', svg
    )
    assert [region for region, _, _ in links] == [r for view in vocabulary.BODY_VIEWS.values() for r in view]
    assert sorted(region for region, _, _ in links) == sorted(vocabulary.BODY_REGIONS)
    numbers = body_map.area_numbers()
    for region, label, title in links:
        assert label == title == f"{numbers[region]}. {vocabulary.BODY_REGIONS[region]}"
    # every area at least 24 px each way at 390 px wide (the map is drawn at most 358 px wide there)
    scale = 358 / body_map.WIDTH
    assert min(min(s.rx, s.ry) * 2 * scale for s in body_map.SHAPES.values()) >= 24


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.script: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        (self.script if self._in_script else self.text).append(data)


def test_the_page_without_javascript_lists_every_warning_sign_with_its_actions_and_every_routine(catalogue) -> None:
    page = check.check_html(catalogue, SiteInfo(), "check.md")
    parsed = _Collect()
    parsed.feed(page)
    text = " ".join(" ".join(parsed.text).split())
    for fid, flag in catalogue.red_flags.items():
        assert flag.name.replace('"', "") in text.replace('"', ""), fid
        assert f"UK: {flag.action.uk}" in text and f"US: {flag.action.us}" in text, fid
        assert f'href="../see-a-clinician/#{fid}"' in page
    for label in vocabulary.URGENCIES.values():
        assert label in text
    for rid, routine in catalogue.routines.items():
        assert routine.name in text and f'href="../routines/{rid}/"' in page


def test_the_data_for_check_js_is_inert_escaped_json_holding_everything_it_asks(catalogue) -> None:
    page = check.check_html(catalogue, SiteInfo(), "check.md")
    body = re.search(r'<script type="application/json" id="hs-check-data">(.*?)</script>', page, re.S)
    assert body is not None and "<" not in body.group(1) and "&" not in body.group(1)
    data = json.loads(body.group(1))
    assert data["version"] == check.CHECK_DATA_VERSION
    assert [f["id"] for f in data["red_flags"]] == [
        fid for urgency in vocabulary.URGENCIES for fid, f in catalogue.red_flags.items() if f.urgency == urgency
    ]
    assert [a["id"] for a in data["areas"]] == list(vocabulary.BODY_REGIONS)
    assert {r["id"] for r in data["routines"]} == {rid for rid, r in catalogue.routines.items() if r.fits}
    assert {e["id"] for e in data["equipment"]} == {e for r in data["routines"] for e in r["equipment"]}


def test_script_json_cannot_close_its_script_or_start_markup() -> None:
    hostile = {"a": "</script><img src=x onerror=alert(1)>&amp; \u2028"}
    text = str(check.script_json(hostile))
    assert "<" not in text and ">" not in text and "&" not in text and "\u2028" not in text
    assert json.loads(text) == hostile


def test_the_built_pages_carry_the_map_and_the_check(real_site: Path) -> None:
    for page in ("index.html", "knee-pain/index.html"):
        html = (real_site / page).read_text(encoding="utf-8")
        assert html.count('class="hs-bm-area"') == len(vocabulary.BODY_REGIONS), page
        for region in vocabulary.BODY_REGIONS:
            assert f'id="where-{region}"' in html and f'href="#where-{region}"' in html
    html = (real_site / "check/index.html").read_text(encoding="utf-8")
    assert 'id="hs-check-data"' in html and "check.js" in html and 'id="hs-check"' in html
    assert "not a diagnosis" in html


def test_the_check_pages_markdown_changes_when_its_data_does(project: Path) -> None:
    """``serve --dirty`` rebuilds a hand-written page only when its expanded Markdown changes."""
    from build_tools.inserts import render_insert

    before = render_insert("check", load_catalogue(project), "check.md")
    edit(project / "data/routines/flexibility.yml", "  goals: [flexibility]", "  goals: [flexibility, ease-pain]")
    after = render_insert("check", load_catalogue(project), "check.md")
    assert before != after and before.startswith("<!-- hs-slot: check ")
