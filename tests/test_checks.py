"""``check`` refuses what the strict build refuses, each at its file and line, with one message per mistake."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import checks, project
from conftest import ROOT
from edits import problems_of, replace_line

BRIDGE = "exercises/bridge.yml"
STRETCH = "exercises/stretch.yml"


def edit(root: Path, rel: str, old: str, new: str) -> int:
    """Replace the line ``old`` of ``rel`` with ``new``; return the 1-based number of the first new line."""
    return replace_line(root / rel, old, new)


def check(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "check", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


# -- review dates ----------------------------------------------------------------------------


def test_check_refuses_an_overdue_review_at_its_line(mini: Path) -> None:
    line = edit(mini, BRIDGE, "  next_review: 2027-01-01", "  next_review: 2026-06-01")
    result = check(mini, "--today", "2026-07-01")
    assert result.returncode == 1
    assert (
        f"  {BRIDGE}:{line}:16: review.next_review: review overdue since 2026-06-01: review the page and move the "
        "date on"
    ) in result.stderr.splitlines(), result.stderr
    assert result.stderr.startswith("1 problem in the data:"), result.stderr


def test_check_refuses_a_review_dated_in_the_future(mini: Path) -> None:
    line = edit(mini, STRETCH, "  last_reviewed: 2026-01-01", "  last_reviewed: 2026-09-01")
    result = check(mini, "--today", "2026-07-01")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "1 problem in the data:",
        f"  {STRETCH}:{line}:18: review.last_reviewed: last_reviewed 2026-09-01 is in the future: give the day "
        "the page was checked (today is 2026-07-01)",
    ]


def test_a_prose_page_review_is_checked_at_its_front_matter_line(mini: Path) -> None:
    catalogue = project.load(mini)
    found = project.overdue_reviews(mini, catalogue, "content", today=dt.date(2027, 2, 1))
    page = next(p for p in found if p.path == "content/index.md")
    assert (page.line, page.field) == (5, "next_review"), str(page)


def test_the_build_warns_about_the_same_review_dates(mini: Path) -> None:
    """The plugin's warnings (errors under --strict) come from the same function as check's problems."""
    source = (ROOT / "build_tools/plugin.py").read_text(encoding="utf-8")
    assert "project.overdue_reviews(root, self.catalogue, content_dir, today=today)" in source
    edit(mini, BRIDGE, "  last_reviewed: 2026-01-01", "  last_reviewed: 2026-12-01")
    catalogue = project.load(mini)
    found = project.overdue_reviews(mini, catalogue, "content", today=dt.date(2026, 7, 1))
    assert [(p.path, p.field) for p in found] == [(BRIDGE, "review.last_reviewed")]


# -- progressions and regressions -------------------------------------------------------------


def test_a_progression_is_shown_back_as_a_regression(mini: Path) -> None:
    edit(mini, STRETCH, "regressions: [bridge]", "")
    catalogue = project.load(mini)
    assert catalogue.exercises["bridge"].progressions == ["stretch"]
    assert catalogue.exercises["stretch"].regressions == ["bridge"]


def test_a_regression_is_shown_back_as_a_progression(mini: Path) -> None:
    edit(mini, BRIDGE, "progressions: [stretch]", "")
    catalogue = project.load(mini)
    assert catalogue.exercises["bridge"].progressions == ["stretch"]


def test_two_files_that_disagree_are_refused(mini: Path) -> None:
    line = edit(mini, STRETCH, "regressions: [bridge]", "progressions: [bridge]")
    problems = problems_of(mini)
    assert [str(p) for p in problems] == [
        f"{BRIDGE}:47:16: progressions.0: 'stretch' is listed as harder here, but {STRETCH} lists this exercise "
        "as harder than it: keep the one that is right"
    ]
    assert line == 50


def test_harder_and_easier_at_once_is_refused(mini: Path) -> None:
    line = edit(mini, BRIDGE, "progressions: [stretch]", "progressions: [stretch]\nregressions: [stretch]")
    (problem,) = problems_of(mini)
    assert (problem.path, problem.line, problem.field) == (BRIDGE, line, "progressions.0"), str(problem)
    assert problem.message == "'stretch' is listed as both harder and easier"


# -- file names --------------------------------------------------------------------------------


def test_a_yaml_file_is_refused_with_the_yml_name_to_use(mini: Path) -> None:
    (mini / "exercises/bridge.yml").rename(mini / "exercises/bridge.yaml")
    assert [str(p) for p in problems_of(mini)] == [
        "exercises/bridge.yaml:1:1: <file name>: data files end in '.yml', not '.yaml': rename it to bridge.yml"
    ]  # and nothing else: the routine and the stretch that name 'bridge' are not reported


@pytest.mark.parametrize(
    ("name", "suggestion"),
    [("Wall Stretch.yml", "wall-stretch.yml"), ("Étirement_mural.YML", "etirement-mural.yml"), ("x--y.yml", "x-y.yml")],
)
def test_a_bad_file_name_gets_a_suggested_name(mini: Path, name: str, suggestion: str) -> None:
    (mini / "exercises" / name).write_text((mini / BRIDGE).read_text())
    problems = [p for p in problems_of(mini) if p.field == "<file name>"]
    assert [(p.path, p.line) for p in problems] == [(f"exercises/{name}", 1)]
    assert problems[0].message.endswith(f"rename it to {suggestion}"), problems[0].message


def test_good_names_pass() -> None:
    assert checks.file_name_problem("glute-bridge.yml") is None
    assert checks.file_name_problem("glute-bridge.yaml") is not None


# -- sources -------------------------------------------------------------------------------------


def test_a_dose_source_missing_from_the_page_sources_is_refused(mini: Path) -> None:
    line = edit(mini, BRIDGE, "  sources: [source-a]", "  sources: [source-a, source-b]")
    (problem,) = problems_of(mini)
    assert (problem.path, problem.line, problem.field) == (BRIDGE, line, "dose.sources.1"), str(problem)
    assert (
        problem.message == "'source-b' supports the dose but is not in this exercise's sources: add it to sources too"
    )


def test_a_routine_dose_source_missing_from_the_routine_sources_is_refused(mini: Path) -> None:
    rel = "data/routines/starter.yml"
    line = edit(mini, rel, "      sources: [source-a]", "      sources: [source-a, source-b]")
    (problem,) = problems_of(mini)
    assert (problem.path, problem.line, problem.field) == (rel, line, "exercises.0.dose.sources.1"), str(problem)
    assert problem.message == "'source-b' supports this dose but is not in the routine's sources: add it to sources too"


# -- one mistake, one message ----------------------------------------------------------------------

ONE_MISTAKE = {
    "misspelled reps": ("  reps: 10", "  repz: 10", "dose.repz", "unknown field 'repz' (did you mean 'reps'?)"),
    "misspelled dose sources": (
        "  sources: [source-a]",
        "  source: [source-a]",
        "dose.source",
        "unknown field 'source' (did you mean 'sources'?)",
    ),
    "misspelled review": ("review:", "reviw:", "reviw", "unknown field 'reviw' (did you mean 'review'?)"),
    "adjustable that is a list": (
        "  days_per_week: 3",
        "  days_per_week: 3\n  adjustable: [1, 3]",
        "dose.adjustable",
        "should be a group of 'field: value' lines, each indented two spaces under this one (got a list)",
    ),
    "adjustable with a misspelled field": (
        "  days_per_week: 3",
        "  days_per_week: 3\n  adjustable: {setz: [1, 3]}",
        "dose.adjustable.setz",
        "unknown field 'setz' (did you mean 'sets'?)",
    ),
    "adjustable beside an invalid sets": (
        "  sets: 2",
        "  sets: two\n  adjustable: {sets: [1, 3]}",
        "dose.sets",
        "Input should be a valid integer (got text 'two')",
    ),
    "adjustable that leaves out the dose": (
        "  days_per_week: 3",
        "  days_per_week: 3\n  adjustable: {sets: [3, 4]}",
        "dose.adjustable",
        "adjustable.sets [3, 4] must include the dose's sets (2)",
    ),
}


@pytest.mark.parametrize("case", ONE_MISTAKE.values(), ids=list(ONE_MISTAKE))
def test_one_mistake_gives_one_problem(mini: Path, case: tuple[str, str, str, str]) -> None:
    old, new, field, message = case
    line = edit(mini, BRIDGE, old, new)
    problems = problems_of(mini)
    assert [(p.path, p.field, p.message) for p in problems] == [(BRIDGE, field, message)], problems
    assert problems[0].line in range(line, line + new.count("\n") + 1), str(problems[0])


def test_a_review_dated_tomorrow_is_allowed_for_editors_ahead_in_time(mini: Path) -> None:
    """An editor in New Zealand may write their today, which is tomorrow where the check runs."""
    edit(mini, BRIDGE, "  last_reviewed: 2026-01-01", "  last_reviewed: 2026-07-02")
    assert check(mini, "--today", "2026-07-01").returncode == 0
    assert check(mini, "--today", "2026-06-30").returncode == 1
