"""The command line: check, render and schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from build_tools.schema import SCHEMA_DIR, render_schemas
from conftest import ROOT

MINI_TODAY = "2026-06-01"
"""A day within the mini fixture's review dates, so its checks do not depend on the calendar."""


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", *args], cwd=cwd, capture_output=True, text=True, timeout=120
    )


def test_check_passes_on_the_real_project() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("All data is valid:")


def test_check_reports_every_problem_and_github_annotations(mini: Path) -> None:
    bridge = mini / "exercises/bridge.yml"
    bridge.write_text(bridge.read_text().replace("  sets: 2", "  sets: 0").replace("kind: strengthen", "kind: x"))
    result = run("--root", str(mini), "check", "--github", "--today", MINI_TODAY)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "2 problems in the data:",
        "  exercises/bridge.yml:3:7: kind: Input should be 'strengthen' or 'stretch'",
        "  exercises/bridge.yml:23:9: dose.sets: Input should be greater than or equal to 1",
    ]
    assert "::error file=exercises/bridge.yml,line=23,col=9::dose.sets: Input should be" in result.stdout


def test_check_writes_a_job_summary_in_plain_words_with_every_value_escaped(mini: Path, tmp_path: Path) -> None:
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n")
    assert run("--root", str(mini), "check", "--today", MINI_TODAY, "--summary", str(summary)).returncode == 0
    assert summary.read_text().startswith("earlier step\n## Data checks: all valid\n\nAll data is valid: 2 exercises")

    bridge = mini / "exercises/bridge.yml"
    bridge.write_text(bridge.read_text().replace("kind: strengthen", 'kind: strengthen\n"<img src=x>*bold*": 1'))
    summary.write_text("")
    result = run("--root", str(mini), "check", "--today", MINI_TODAY, "--summary", str(summary))
    assert result.returncode == 1
    text = summary.read_text()
    assert text.startswith("## Data checks: 1 problem to fix\n")
    assert (
        "### <code>exercises/bridge.yml</code>\n\n- line 4, column 1: <code>&lt;img src=x&gt;\\*bold\\*</code>" in text
    )
    assert "unknown field '&lt;img src=x&gt;\\*bold\\*'" in text and "<img" not in text


def test_render_writes_pages_but_never_into_content(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("--root", str(mini), "render", str(out)).returncode == 0
    assert (out / "exercises/bridge.md").read_text().startswith('---\ntitle: "Bridge"')
    refused = run("--root", str(mini), "render", str(mini / "content" / "gen"))
    assert refused.returncode == 2 and "never write" in refused.stderr


def test_committed_schemas_match_the_models() -> None:
    expected = render_schemas(ROOT)
    committed = {path.name: path.read_text(encoding="utf-8") for path in SCHEMA_DIR.glob("*.schema.json")}
    assert committed == expected, "run 'make schema' and commit build_tools/schemas/"
    for text in expected.values():
        schema = json.loads(text)
        assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
        assert "$defs" not in text


def test_every_data_file_names_its_schema() -> None:
    expected = {
        "exercises": "../build_tools/schemas/exercise.schema.json",
        "data/sources": "../../build_tools/schemas/source.schema.json",
        "data/signs": "../../build_tools/schemas/sign.schema.json",
        "data/self_tests": "../../build_tools/schemas/self-test.schema.json",
        "data/red_flags": "../../build_tools/schemas/red-flag.schema.json",
        "data/routines": "../../build_tools/schemas/routine.schema.json",
        "data/glossary": "../../build_tools/schemas/glossary.schema.json",
    }
    for folder, schema in expected.items():
        files = sorted((ROOT / folder).glob("*.yml"))
        assert files, folder
        for path in files:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema={schema}", path


def test_new_exercise_lists_every_placeholder_then_passes_once_filled(mini: Path) -> None:
    created = run("--root", str(mini), "new-exercise", "wall-stretch")
    assert created.returncode == 0, created.stderr
    path = mini / "exercises/wall-stretch.yml"
    text = path.read_text()
    assert text.startswith("# yaml-language-server: $schema=../build_tools/schemas/exercise.schema.json\n")

    unfilled = run("--root", str(mini), "check", "--today", MINI_TODAY)
    assert unfilled.returncode == 1
    reported = {line.split(": ")[1] for line in unfilled.stderr.splitlines()[1:]}
    assert {"kind", "level", "position", "dose.sets", "dose.reps", "review.last_reviewed"} <= reported
    assert all(line.startswith("  exercises/wall-stretch.yml:") for line in unfilled.stderr.splitlines()[1:])

    text = fill_new_exercise(text)
    path.write_text(text)
    assert "TODO" not in text.split("\n", 4)[-1]  # the header comment still explains TODO
    result = run("--root", str(mini), "check", "--today", MINI_TODAY)
    assert result.returncode == 0, result.stderr


FILLED = {
    "name: TODO Name readers know it by": "name: Wall hamstring stretch",
    "summary: TODO One line on what it is and why to do it.": "summary: A gentle stretch lying in a doorway.",
    "kind: TODO ": "kind: stretch ",
    "level: TODO ": "level: beginner ",
    "position: TODO ": "position: lying-face-up ",
    "primary: [TODO]": "primary: [semitendinosus]",
    "equipment: [TODO]": "equipment: [none]",
    "TODO First step.": "Lie in a doorway.",
    "TODO Second step.": "Rest one leg up the wall.",
    "TODO Keep your back long.": "Keep your back flat.",
    "TODO Rushing the lowering.": "Bending the knee.",
    "feel_it: TODO Where": "feel_it: Where",
    "TODO Check with": "Check with",
    "TODO You feel": "You feel",
    "sets: TODO ": "sets: 2 ",
    "  reps: TODO ": "  # reps: 0 ",
    "# hold_seconds: 30 ": "hold_seconds: 30 ",
    "rest_seconds: TODO ": "rest_seconds: 10 ",
    "per_side: TODO ": "per_side: true ",
    "days_per_week: TODO ": "days_per_week: 5 ",
    "sources: [TODO]": "sources: [source-b]",
    "last_reviewed: TODO ": "last_reviewed: 2026-01-01 ",
    "next_review: TODO ": "next_review: 2027-01-01 ",
    "working_leg: TODO ": "working_leg: near ",
}


def fill_new_exercise(text: str) -> str:
    """The new-exercise template filled in as a real stretch (every TODO replaced)."""
    for old, new in FILLED.items():
        assert old in text, old
        text = text.replace(old, new)
    # The figure: lying on the back, the leg rising from the floor to about 80 degrees.
    for angle in ("trunk: TODO", "trunk: TODO"):
        text = text.replace(angle, "trunk: -90", 1)
    text = text.replace("hip: TODO", "hip: 30", 1).replace("hip: TODO", "hip: 80", 1)
    text = text.replace("knee: TODO", "knee: 0").replace("{TODO: floor}", "{back: floor, buttocks: floor}")
    return text


def test_new_exercise_refuses_bad_or_existing_ids(mini: Path) -> None:
    bad = run("--root", str(mini), "new-exercise", "Wall Stretch")
    assert bad.returncode == 2 and "e.g. 'wall-stretch'" in bad.stderr, bad.stderr
    existing = run("--root", str(mini), "new-exercise", "bridge")
    assert existing.returncode == 2 and "already exists" in existing.stderr


def test_every_schema_field_has_hover_help() -> None:
    """Editors see each field's description when they hover over it; none may be missing."""
    missing = []
    for name, text in render_schemas().items():
        schema = json.loads(text)
        holders = [("", schema), *list(schema.get("definitions", {}).items())]
        for owner, holder in holders:
            for field, spec in holder.get("properties", {}).items():
                if not spec.get("description"):
                    missing.append(f"{name}: {owner or 'root'}.{field}")
    assert missing == []
