"""The dose in words and the session time, against the cases the browser's dose.js also runs."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from build_tools import dose

CASES = json.loads((Path(__file__).parent / "dose_cases.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES["wording"], ids=lambda case: case["summary"])
def test_dose_wording(case: dict) -> None:
    value = SimpleNamespace(**case["dose"])
    assert dose.amount(value) == case["amount"]
    assert dose.rest(value) == case["rest"]
    assert dose.frequency(value.days_per_week) == case["frequency"]
    assert dose.summary(value) == case["summary"]
    assert dose.summary(value, tempo=True) == case["handout"]


@pytest.mark.parametrize("case", CASES["sessions"], ids=lambda case: str(case["minutes"]))
def test_session_minutes(case: dict) -> None:
    assert dose.session_minutes(SimpleNamespace(**d) for d in case["doses"]) == case["minutes"]
