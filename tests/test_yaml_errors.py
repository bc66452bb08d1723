"""YAML syntax errors explain themselves in plain words, at the line an editor has to change."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import project
from build_tools.problems import DataError, Problem
from build_tools.yaml_errors import explain
from build_tools.yaml_positions import safe_yaml
from edits import replace_line

BRIDGE = "exercises/bridge.yml"


def only_problem(root: Path) -> Problem:
    with pytest.raises(DataError) as caught:
        project.load(root)
    (problem,) = caught.value.problems
    return problem


def edit(root: Path, old: str, new: str, rel: str = BRIDGE) -> int:
    """Replace the first line that is exactly ``old``; return its 1-based number."""
    return replace_line(root / rel, old, new)


# (line to replace, replacement, offset of the reported line in it, column, words of the message)
CASES = {
    "indented more than the line above": (
        "  reps: 10",
        "    reps: 10",
        0,
        5,
        "this line is indented more than the one above it; use two spaces per level",
    ),
    "indented less, between two levels": (
        "  reps: 10",
        " reps: 10",
        0,
        2,
        "this line is indented by 1 space, which lines it up with nothing above it; use two spaces per level",
    ),
    "unclosed double quote": (
        "feel_it: In your buttocks.",
        'feel_it: "In your buttocks.',
        0,
        10,
        'the quote (") that starts this value is never closed: add " at the end of the value',
    ),
    "unclosed quote before other quoted values": (
        "feel_it: In your buttocks.",
        "feel_it: 'In your buttocks.\ncautions:\n  - 'Check first.'",
        0,
        10,
        "the quote (') that starts this value is never closed",
    ),
    "tab used to indent": (
        "  reps: 10",
        "\treps: 10",
        0,
        1,
        "a tab character: YAML files are indented with spaces only. Replace the tab with spaces",
    ),
    "colon inside a value": (
        "feel_it: In your buttocks.",
        "feel_it: Where: your buttocks.",
        0,
        15,
        "a colon followed by a space (': ') inside a value: put the whole value in double quotes",
    ),
    "no space after the colon": (
        "level: beginner",
        "level:beginner",
        0,
        7,
        "no space after the colon: write 'level: beginner'",
    ),
    "a list item among fields": (
        "  reps: 10",
        "  - reps: 10",
        0,
        3,
        "a list item ('- ') among fields",
    ),
    "a field among list items": (
        "  - Lift your hips, then lower them slowly.",
        "  slowly: true",
        0,
        3,
        "a field (slowly) among list items: every item of the list above starts with '- '",
    ),
    "field given twice": (
        "feel_it: In your buttocks.",
        "feel_it: In your buttocks.\nfeel_it: In your legs.",
        1,
        1,
        "the field 'feel_it' is given twice in the same block (first on line 17)",
    ),
    "unclosed bracket": (
        "equipment: [mat]",
        "equipment: [mat",
        0,
        12,
        "the '[' that starts here is not closed: end it with ']'",
    ),
    "value starting with a special character": (
        "feel_it: In your buttocks.",
        "feel_it: @buttocks",
        0,
        10,
        "a value cannot start with '@'",
    ),
    "text after a closing quote": (
        "  - Push through your heels.",
        "  - 'Don't lift your heels.'",
        0,
        10,
        "text after the closing quote",
    ),
}


@pytest.mark.parametrize("case", CASES.values(), ids=list(CASES))
def test_each_syntax_error_is_explained_at_its_line(mini: Path, case: tuple[str, str, int, int, str]) -> None:
    old, new, offset, col, words = case
    line = edit(mini, old, new) + offset
    problem = only_problem(mini)
    assert (problem.path, problem.field) == (BRIDGE, "<yaml>")
    assert (problem.line, problem.col) == (line, col), str(problem)
    assert words in problem.message, str(problem)
    for jargon in ("mapping values", "block end", "scalar", "stream", "token", "expected key"):
        assert jargon not in problem.message, str(problem)


def test_an_unclosed_quote_is_not_reported_at_the_end_of_the_file(mini: Path) -> None:
    text = (mini / BRIDGE).read_text(encoding="utf-8")
    last_line = text.count("\n") + 1
    line = edit(mini, "summary: Lift your hips to work the buttocks and hamstrings.", 'summary: "Lift your hips')
    problem = only_problem(mini)
    assert problem.line == line < last_line - 30, str(problem)


def test_a_quote_that_legitimately_spans_lines_is_not_blamed() -> None:
    """Closing a quote that YAML closes later would break the file: the real mistake is named instead."""
    text = 'a: "one\n  two"\nb: 1\n  c: 2\n'
    with pytest.raises(Exception) as caught:
        safe_yaml().load(text)
    line, _, message = explain(text, caught.value, safe_yaml().load)
    assert line == 4 and "indented more than the one above it" in message


def test_front_matter_errors_are_explained_at_the_page_line(mini: Path) -> None:
    page = "content/see-a-clinician.md"
    line = edit(mini, "last_reviewed: 2026-01-01", "  last_reviewed: 2026-01-01", page)
    problem = only_problem(mini)
    assert (problem.path, problem.line, problem.field) == (page, line, "<front matter>"), str(problem)
    assert "indented more than the one above it" in problem.message
