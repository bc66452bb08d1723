"""The builder's handout template and short codes, without a browser (issue 17).

The builder page gets the routine handouts' own template once, as ``<template>``, with one
prototype of each part that handout-view.js clones; and each exercise a short code for the
builder's compact links, which must name one exercise only and never change with the others.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser

import pytest

from build_tools import export, handout, inserts, render
from build_tools.loader import load_catalogue
from build_tools.urls import SiteInfo
from conftest import ROOT

SITE = SiteInfo(url="https://hamstrings.test/")


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT)


class Parts(HTMLParser):
    """Counts of each data-part, and whether everything sits inside one <template>."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: dict[str, int] = {}
        self.depth = 0
        self.outside: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "template":
            self.depth += 1
        elif not self.depth:
            self.outside.append(tag)
        part = dict(attrs).get("data-part")
        if part:
            self.parts[part] = self.parts.get(part, 0) + 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "template":
            self.depth -= 1


def test_the_builder_page_gets_the_handout_template_once_with_one_prototype_of_each_part(catalogue) -> None:
    html = render.fill_slots(
        inserts.render_insert("handout-template", catalogue, "handout-builder.md"),
        catalogue,
        SITE,
        "handout-builder.md",
    )
    assert html.startswith('<template id="hs-handout-template">') and html.count("<template") == 1
    parser = Parts()
    parser.feed(html)
    assert parser.outside == []
    for part in ("exercise", "log-row", "log-head", "log-pain", "notes", "by", "made", "qr", "start", "weeks"):
        assert parser.parts.get(part) == 1, part
    assert parser.parts["limits"] == 2  # every kind's limits; the builder keeps the kinds chosen
    # No routine of its own: no plan, goal or review line, and no exercise.
    for routine_only in ("hs-h-plan", "Goal:", "reviewed", "hs-figure"):
        assert routine_only not in html, routine_only
    assert re.search(r'<h3>1\. </h3>\s*<p class="hs-h-dose"></p>', html)


@pytest.mark.parametrize("routine_id", ["strength-starter", "nordic-progression"])
def test_a_routine_handout_logs_each_exercise_on_the_sessions_of_its_weekly_plan(catalogue, routine_id: str) -> None:
    html = render.fill_slots(render.slot("handout", routine_id), catalogue, SITE, f"routines/{routine_id}.md")
    rows = re.findall(r'<tr data-part="log-row"><th scope="row">([^<]+)</th>(.*?)</tr>', html)
    routine = catalogue.routines[routine_id]
    assert [name for name, _ in rows] == [catalogue.exercises[item.exercise].name for item in routine.exercises]
    expected = handout.sessions_by_week(routine)
    assert len(expected) == routine.weeks
    for _, cells in rows:
        assert [cell.count("hs-h-box") for cell in re.findall(r"<td>(.*?)</td>", cells)] == expected
    if routine.phases:  # the phases' own numbers, e.g. 1, 2, then 3 sessions a week for the Nordic plan
        for phase in routine.phases:
            assert expected[phase.from_week - 1 : phase.to_week] == [phase.sessions_per_week] * (
                phase.to_week - phase.from_week + 1
            )
    assert "Session 1" not in html


def test_short_codes_name_one_exercise_each_and_keys_depend_on_the_id_alone(catalogue) -> None:
    data = json.loads(export.catalogue_json(catalogue, SITE))
    keys = {ex["id"]: ex["key"] for ex in data["exercises"]}
    for ex in data["exercises"]:
        assert re.fullmatch(r"[0-9A-Z]{8}", ex["key"]) and ex["key"] == export.exercise_key(ex["id"])
        assert len(ex["code"]) >= export.CODE_MIN and ex["key"].startswith(ex["code"])
        assert [other for other, key in keys.items() if key.startswith(ex["code"])] == [ex["id"]]
    # Many exercises, some sharing their first characters: still one exercise per code.
    many = {f"exercise-{n}": export.exercise_key(f"exercise-{n}") for n in range(3000)}
    codes = export.short_codes(many)
    assert max(len(code) for code in codes.values()) > export.CODE_MIN  # the test holds collisions
    for eid, code in codes.items():
        assert sum(key.startswith(code) for key in many.values()) == 1, (eid, code)
