"""An editor's first exercise, end to end: scaffold it, fill it in, then make each common mistake.

Each mistake is made in a fresh copy of the filled-in file and checked with the command an
editor runs (``python -m build_tools check``): the output must name the file, the line to
change and what to do, in plain words, and nothing else.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_cli import MINI_TODAY, fill_new_exercise

from build_tools import project
from conftest import ROOT

NEW = "exercises/wall-stretch.yml"


def check(root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), "check", "--today", MINI_TODAY],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def filled(mini: Path) -> tuple[Path, str]:
    created = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(mini), "new-exercise", "wall-stretch"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert created.returncode == 0, created.stderr
    text = fill_new_exercise((mini / NEW).read_text(encoding="utf-8"))
    (mini / NEW).write_text(text, encoding="utf-8")
    result = check(mini)
    assert result.returncode == 0, result.stderr
    return mini, text


def line_of(text: str, start: str) -> int:
    return next(number for number, row in enumerate(text.split("\n"), start=1) if row.startswith(start))


def reported(result: subprocess.CompletedProcess[str]) -> list[str]:
    assert result.returncode == 1, result.stdout
    header, *lines = result.stderr.splitlines()
    assert header == f"{len(lines)} problem{'s' if len(lines) != 1 else ''} in the data:", result.stderr
    return [line.strip() for line in lines]


# (what the editor does: old text -> new text, the line's start, field, column, the message)
MISTAKES = {
    "bad indent": (
        "  rest_seconds: 10 ",
        "    rest_seconds: 10 ",
        "    rest_seconds:",
        "<yaml>",
        5,
        "this line is indented more than the one above it; use two spaces per level, and start the fields of "
        "one block at the same column (here 2 spaces, like 'hold_seconds' on line {above})",
    ),
    "unclosed quote": (
        "feel_it: Where",
        'feel_it: "Where',
        "feel_it:",
        "<yaml>",
        10,
        'the quote (") that starts this value is never closed: add " at the end of the value, on this line '
        "(or remove this one)",
    ),
    "tab": (
        "  sets: 2 ",
        "\tsets: 2 ",
        "\tsets:",
        "<yaml>",
        1,
        "a tab character: YAML files are indented with spaces only. Replace the tab with spaces (use two "
        "spaces per level); most editors can be set to insert spaces when you press Tab",
    ),
    "misspelled field": (
        "feel_it: Where",
        "feel_in: Where",
        "feel_in:",
        "feel_in",
        1,
        "unknown field 'feel_in' (did you mean 'feel_it'?)",
    ),
    "unknown source id": (
        "  sources: [source-b]",
        "  sources: [source-bb]",
        "  sources: [source-bb]",
        "dose.sources.0",
        None,
        "unknown id 'source-bb': no such file in data/sources/ (did you mean 'source-b'?)",
    ),
    "future review date": (
        "  last_reviewed: 2026-01-01 ",
        "  last_reviewed: 2026-09-01 ",
        "  last_reviewed:",
        "review.last_reviewed",
        18,
        f"last_reviewed 2026-09-01 is in the future: give the day the page was checked (today is {MINI_TODAY})",
    ),
}


@pytest.mark.parametrize("mistake", MISTAKES.values(), ids=list(MISTAKES))
def test_each_common_mistake_is_named_at_its_line(
    filled: tuple[Path, str], mistake: tuple[str, str, str, str, int | None, str]
) -> None:
    root, text = filled
    old, new, start, field, col, message = mistake
    assert old in text, old
    broken = text.replace(old, new, 1)
    (root / NEW).write_text(broken, encoding="utf-8")
    line = line_of(broken, start)
    message = message.format(above=line - 1)
    (problem,) = reported(check(root))
    where, _, rest = problem.partition(f": {field}: ")
    assert rest == message, problem
    path, reported_line, reported_col = where.rsplit(":", 2)
    assert (path, int(reported_line)) == (NEW, line), problem
    if col is not None:
        assert int(reported_col) == col, problem


def test_a_one_sided_progression_is_shown_on_both_pages(filled: tuple[Path, str]) -> None:
    """Listing the stretch as easier than the new exercise is enough: the stretch shows it as harder."""
    root, text = filled
    (root / NEW).write_text(text.replace("regressions: []", "regressions: [stretch]"), encoding="utf-8")
    assert check(root).returncode == 0
    catalogue = project.load(root)
    assert catalogue.exercises["stretch"].progressions == ["wall-stretch"]


def test_progressions_that_contradict_each_other_are_named(filled: tuple[Path, str]) -> None:
    """The new exercise says the stretch is harder, and the stretch says the new exercise is harder."""
    root, text = filled
    (root / NEW).write_text(text.replace("progressions: []", "progressions: [stretch]"), encoding="utf-8")
    stretch = root / "exercises/stretch.yml"
    stretch_text = stretch.read_text(encoding="utf-8").replace("regressions: [bridge]", "progressions: [wall-stretch]")
    stretch.write_text(stretch_text, encoding="utf-8")
    (problem,) = reported(check(root))
    line = line_of(stretch_text, "progressions:")
    assert problem == (
        f"exercises/stretch.yml:{line}:16: progressions.0: 'wall-stretch' is listed as harder here, but {NEW} lists "
        "this exercise as harder than it: keep the one that is right"
    )


def test_a_yaml_extension_is_refused_with_the_name_to_use(filled: tuple[Path, str]) -> None:
    root, _ = filled
    (root / NEW).rename(root / "exercises/wall-stretch.yaml")
    assert reported(check(root)) == [
        "exercises/wall-stretch.yaml:1:1: <file name>: data files end in '.yml', not '.yaml': "
        "rename it to wall-stretch.yml"
    ]
