"""Equipment tags are honest (issue 19): the finder's "No equipment" and the cards say what the steps need.

The rule: an exercise is tagged [none] when its steps need nothing but a floor; a mat, a chair
or a wall counts as equipment, tagged when the steps use it. An item the steps make optional at
the start (an ankle weight added "when it gets easy") is not tagged.
"""

from __future__ import annotations

import pytest

from build_tools.catalogue import Catalogue
from build_tools.loader import load_catalogue
from conftest import ROOT

# Words the steps use for each piece of equipment.
WORDS = {
    "mat": ["mat"],
    "ankle-weight": ["ankle weight"],
    "resistance-band": ["band"],
    "strap-or-towel": ["strap", "towel"],
    "dumbbells": ["dumbbell"],
    "barbell": ["barbell"],
    "kettlebell": ["kettlebell"],
    "chair": ["chair"],
    "step-or-box": ["step", "box"],
    "sliders-or-towel": ["slider", "towel"],
    "partner-or-anchor": ["partner", "anchor", "fixed"],
    "wall-or-support": ["wall", "support", "chair"],
    "bench": ["bench"],
    "swiss-ball": ["ball"],
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT)


def test_every_tag_is_named_in_the_steps(catalogue: Catalogue) -> None:
    assert set(WORDS) | {"none"} >= {item for ex in catalogue.exercises.values() for item in ex.equipment}
    missing = []
    for eid, ex in catalogue.exercises.items():
        steps = " ".join(ex.steps).lower()
        for item in ex.equipment:
            if item != "none" and not any(word in steps for word in WORDS[item]):
                missing.append((eid, item))
    assert missing == []


def test_none_stands_alone_and_agrees_with_the_summary(catalogue: Catalogue) -> None:
    for eid, ex in catalogue.exercises.items():
        if "none" in ex.equipment:
            assert ex.equipment == ["none"], eid
        if "no equipment" in ex.summary.lower():
            assert ex.equipment == ["none"], f"{eid}: the summary says no equipment, the tags say {ex.equipment}"
        steps = " ".join(ex.steps).lower()
        if ex.equipment == ["none"]:
            for item, words in WORDS.items():
                if item in ("step-or-box", "wall-or-support", "resistance-band"):
                    continue  # "step", "support" and "band" are everyday words too
                assert not any(f" {word}" in f" {steps}" for word in words), (eid, item)


def test_some_exercises_need_no_equipment(catalogue: Catalogue) -> None:
    assert any(ex.equipment == ["none"] for ex in catalogue.exercises.values())
