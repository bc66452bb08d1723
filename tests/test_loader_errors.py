"""Every kind of data mistake is reported as path:line:col: field: message, at the right line."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools.loader import load_catalogue
from build_tools.problems import Problem
from edits import problems_of, replace_line

# (file, line to replace, replacement, field reported, words in the message)
LINE_CASES = {
    "unknown key": (
        "exercises/bridge.yml",
        "  rest_seconds: 60",
        "  rest_seconds: 60\n  repz: 3",
        "dose.repz",
        "unknown field 'repz' (did you mean 'reps'?)",
    ),
    "wrong type": ("exercises/bridge.yml", "  sets: 2", "  sets: two", "dose.sets", "valid integer"),
    "quoted number": ("exercises/bridge.yml", "  sets: 2", '  sets: "2"', "dose.sets", "valid integer"),
    "out of range": (
        "exercises/bridge.yml",
        "  days_per_week: 3",
        "  days_per_week: 9",
        "dose.days_per_week",
        "less than or equal to 7",
    ),
    "not in vocabulary": (
        "exercises/bridge.yml",
        "level: beginner",
        "level: expert",
        "level",
        "'beginner', 'intermediate' or 'advanced'",
    ),
    "unknown muscle": (
        "exercises/bridge.yml",
        "  secondary: [semitendinosus]",
        "  secondary: [semitendinosis]",
        "muscles.secondary.0",
        "semitendinosus",
    ),
    "unknown exercise reference": (
        "exercises/bridge.yml",
        "progressions: [stretch]",
        "progressions: [strech]",
        "progressions.0",
        "unknown id 'strech'",
    ),
    "one exercise listed as both harder and easier": (
        "exercises/stretch.yml",
        "regressions: [bridge]",
        "regressions: [bridge]\nprogressions: [bridge]",
        "progressions.0",
        "is listed as both harder and easier",
    ),
    "unknown source reference": (
        "exercises/stretch.yml",
        "  sources: [source-b]",
        "  sources: [source-z]",
        "dose.sources.0",
        "unknown id 'source-z'",
    ),
    "unknown exercise in a routine": (
        "data/routines/starter.yml",
        "  - exercise: stretch",
        "  - exercise: stretchy",
        "exercises.1.exercise",
        "unknown id 'stretchy'",
    ),
    "html in text": (
        "exercises/bridge.yml",
        "feel_it: In your buttocks.",
        "feel_it: In your <script>alert(1)</script> buttocks.",
        "feel_it",
        "HTML tags are not allowed",
    ),
    "both reps and hold": (
        "exercises/stretch.yml",
        "  hold_seconds: 30",
        "  hold_seconds: 30\n  reps: 5",
        "dose.hold_seconds",
        "exactly one of them",
    ),
    "yaml syntax error": (
        "exercises/bridge.yml",
        "  - Push through your heels.",
        "  - [Push through your heels.",
        "<yaml>",
        "the '[' that starts here is not closed",
    ),
    "duplicate key": (
        "exercises/bridge.yml",
        "feel_it: In your buttocks.",
        "feel_it: In your buttocks.\nfeel_it: In your thighs.",
        "<yaml>",
        "duplicate key",
    ),
    "routine phases overlap": (
        "data/routines/starter.yml",
        "  - from_week: 2",
        "  - from_week: 1",
        "phases.1.from_week",
        "expected week 2",
    ),
    "phase ends before it starts": (
        "data/routines/starter.yml",
        "    to_week: 2",
        "    to_week: 0",
        "phases.1.to_week",
        "greater than or equal to 1",
    ),
    "review dates in the wrong order": (
        "exercises/bridge.yml",
        "  next_review: 2027-01-01",
        "  next_review: 2025-01-01",
        "review.next_review",
        "after last_reviewed",
    ),
}


@pytest.mark.parametrize("case", LINE_CASES.values(), ids=list(LINE_CASES))
def test_each_mistake_points_at_its_line(mini: Path, case: tuple[str, str, str, str, str]) -> None:
    rel, old, new, field, words = case
    replaced_at = replace_line(mini / rel, old, new)
    problems = problems_of(mini)
    matching = [p for p in problems if p.path == rel and p.field == field]
    assert matching, f"no problem for {field} in {[str(p) for p in problems]}"
    problem = matching[0]
    offending_lines = range(replaced_at, replaced_at + new.count("\n") + 1)
    assert problem.line in offending_lines, str(problem)
    assert words in problem.message
    assert re.fullmatch(rf"{re.escape(rel)}:\d+:\d+: {re.escape(field)}: .+", str(problem))


def test_unknown_key_points_at_the_key_column(mini: Path) -> None:
    line = replace_line(mini / "exercises/bridge.yml", "  rest_seconds: 60", "  rest_seconds: 60\n  repz: 3")
    (problem,) = problems_of(mini)
    assert (problem.line, problem.col) == (line + 1, 3)


def test_missing_field_is_named(mini: Path) -> None:
    replace_line(mini / "exercises/bridge.yml", "feel_it: In your buttocks.", "")
    (problem,) = problems_of(mini)
    assert (problem.path, problem.field, problem.message) == (
        "exercises/bridge.yml",
        "feel_it",
        "required field is missing",
    )


def test_a_yaml_file_beside_its_yml_twin_is_refused(mini: Path) -> None:
    (mini / "exercises/bridge.yaml").write_text((mini / "exercises/bridge.yml").read_text())
    problems = problems_of(mini)
    assert [str(p) for p in problems] == [
        "exercises/bridge.yaml:1:1: <file name>: data files end in '.yml', not '.yaml': "
        "bridge.yml exists already: keep one of the two files"
    ]


def test_duplicate_name_in_two_files(mini: Path) -> None:
    text = (mini / "exercises/bridge.yml").read_text().replace("progressions: [stretch]\n", "")
    (mini / "exercises/bridge-copy.yml").write_text(text)
    problems = problems_of(mini)
    assert any(
        p.path == "exercises/bridge.yml"
        and p.field == "name"
        and "duplicate name 'Bridge'" in p.message
        and "exercises/bridge-copy.yml" in p.message
        for p in problems
    ), problems


def test_bad_file_name(mini: Path) -> None:
    (mini / "exercises/Bad Name.yml").write_text("name: x\n")
    problems = problems_of(mini)
    assert [(p.path, p.field) for p in problems] == [("exercises/Bad Name.yml", "<file name>")]


def test_empty_file_and_list_file(mini: Path) -> None:
    (mini / "exercises/empty.yml").write_text("# nothing yet\n")
    (mini / "exercises/listy.yml").write_text("- a\n- b\n")
    messages = {p.path: p.message for p in problems_of(mini)}
    assert messages == {
        "exercises/empty.yml": "the file is empty",
        "exercises/listy.yml": "the file must be a mapping of 'field: value' lines",
    }


def test_every_problem_in_every_file_is_reported_at_once(mini: Path) -> None:
    replace_line(mini / "exercises/bridge.yml", "  sets: 2", "  sets: two")
    replace_line(mini / "exercises/stretch.yml", "kind: stretch", "kind: stretching")
    replace_line(mini / "data/red_flags/calf-swelling.yml", "urgency: same-day", "urgency: whenever")
    replace_line(mini / "data/sources/source-b.yml", "year: 2020", "year: 20x0")
    replace_line(
        mini / "content/index.md",
        "Bridges help [@source-a]. Stretches too [@source-a; @source-b].",
        "Bridges help [@source-q].",
    )
    problems = problems_of(mini)
    assert {p.path for p in problems} == {
        "exercises/bridge.yml",
        "exercises/stretch.yml",
        "data/red_flags/calf-swelling.yml",
        "data/sources/source-b.yml",
        "content/index.md",
    }


def test_unknown_citation_in_prose_points_at_the_id(mini: Path) -> None:
    line = replace_line(
        mini / "content/index.md",
        "Bridges help [@source-a]. Stretches too [@source-a; @source-b].",
        "Bridges help [@source-a; @nobody-2020].",
    )
    (problem,) = problems_of(mini)
    assert (
        str(problem)
        == f"content/index.md:{line}:27: citation: unknown source 'nobody-2020': no such file in data/sources/"
    )


def test_unknown_insert_in_prose(mini: Path) -> None:
    line = replace_line(mini / "content/index.md", "<!-- insert: routine-cards -->", "<!-- insert: routine-cardz -->")
    (problem,) = problems_of(mini)
    assert (problem.path, problem.line, problem.field) == ("content/index.md", line, "insert")


def test_colon_in_prose_title_is_caught(mini: Path) -> None:
    line = replace_line(
        mini / "content/see-a-clinician.md", 'title: "When to see a clinician"', "title: When to see: a clinician"
    )
    (problem,) = problems_of(mini)
    assert (problem.path, problem.line, problem.field) == ("content/see-a-clinician.md", line, "<front matter>")


def test_valid_fixture_loads(mini: Path) -> None:
    catalogue = load_catalogue(mini)
    assert sorted(catalogue.exercises) == ["bridge", "stretch"]
    assert catalogue.routines["starter"].exercises[0].exercise == "bridge"


def test_github_annotation_format() -> None:
    problem = Problem("exercises/a.yml", 3, 5, "dose.sets", "Input should be a valid integer")
    assert problem.as_github_annotation() == (
        "::error file=exercises/a.yml,line=3,col=5::dose.sets: Input should be a valid integer"
    )
