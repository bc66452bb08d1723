"""The command line: check, render and schema."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from build_tools.schema import SCHEMA_DIR, render_schemas
from conftest import ROOT


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "build_tools", *args], cwd=cwd, capture_output=True, text=True,
                          timeout=120)


def test_check_passes_on_the_real_project() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("All data is valid:")


def test_check_reports_every_problem_and_github_annotations(mini: Path) -> None:
    bridge = mini / "exercises/bridge.yml"
    bridge.write_text(bridge.read_text().replace("  sets: 2", "  sets: 0").replace("kind: strengthen", "kind: x"))
    result = run("--root", str(mini), "check", "--github")
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "2 problems in the data:",
        "  exercises/bridge.yml:3:7: kind: Input should be 'strengthen' or 'stretch'",
        "  exercises/bridge.yml:23:9: dose.sets: Input should be greater than or equal to 1",
    ]
    assert "::error file=exercises/bridge.yml,line=23,col=9::dose.sets: Input should be" in result.stdout


def test_render_writes_pages_but_never_into_content(mini: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run("--root", str(mini), "render", str(out)).returncode == 0
    assert (out / "exercises/bridge.md").read_text().startswith("---\ntitle: \"Bridge\"")
    refused = run("--root", str(mini), "render", str(mini / "content" / "gen"))
    assert refused.returncode == 2 and "never write" in refused.stderr


def test_committed_schemas_match_the_models() -> None:
    expected = render_schemas()
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
    }
    for folder, schema in expected.items():
        files = sorted((ROOT / folder).glob("*.yml"))
        assert files, folder
        for path in files:
            first = path.read_text(encoding="utf-8").splitlines()[0]
            assert first == f"# yaml-language-server: $schema={schema}", path
