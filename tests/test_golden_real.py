"""Golden pages for one of issue 18's exercises and one of its routines, rendered from the project's own data.

The mini fixture's goldens (test_render.py) pin the templates; these pin what the new
vocabulary renders to on real pages: muscles beyond the hamstrings (the front of the thigh,
the buttocks), a chair, an easier and a harder version, a routine that opens with a knee red
flag. Real data is used rather than more fixture files because two dozen tests build the mini
project and count on what it holds. A change to these two data files, or to the templates,
shows here as a diff to read; after an intended one run: UPDATE_GOLDEN=1 make test.
"""

from __future__ import annotations

import os

import pytest

from build_tools import render
from build_tools.loader import load_catalogue
from build_tools.urls import SiteInfo
from conftest import ROOT

GOLDEN = ROOT / "tests" / "golden" / "real"


@pytest.mark.parametrize("page", ["exercises/sit-to-stand.md", "routines/kneecap-pain-strength.md"])
def test_golden_real_pages(page: str) -> None:
    catalogue = load_catalogue(ROOT)
    rendered = render.fill_slots(render.render_pages(catalogue)[page], catalogue, SiteInfo(), page)
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_the_golden_pages_hold_the_new_vocabulary() -> None:
    """The goldens are worth keeping: they show what issue 18 added, not only the old hamstring words."""
    exercise = (GOLDEN / "exercises__sit-to-stand.md").read_text(encoding="utf-8")
    for words in ("Quadriceps", "Gluteus maximus", "Easier", "Harder", "step-up", "straight-leg-raise"):
        assert words in exercise, words
    routine = (GOLDEN / "routines__kneecap-pain-strength.md").read_text(encoding="utf-8")
    for exercise_id in ("sit-to-stand", "step-up", "side-lying-hip-abduction"):
        assert exercise_id in routine, exercise_id
