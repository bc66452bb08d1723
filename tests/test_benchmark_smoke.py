"""Smoke test for the build benchmark: the harness runs end to end at N = 20 and writes a table with numbers.

The benchmark itself (N = 10, 100, 1,000; ``make bench``) stays out of the test suite. Here it
runs once in fast mode (one run of each build, one edit under ``mkdocs serve``, no growth check
and no profile) into a temporary folder, so ``benchmarks/results.md`` is never touched.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

NUMBER = r"\d+(?:\.\d+)?"


def test_benchmark_runs_at_n_20_and_writes_a_table(tmp_path: Path) -> None:
    output = tmp_path / "results.md"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--sizes", "20", "--fast", "--output", str(output)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=240,
    )
    assert result.returncode == 0, result.stderr[-4000:]

    table = output.read_text(encoding="utf-8")
    for heading in ("## Full build", "## The project's own work", "## Page weight", "## Live reload", "## Targets"):
        assert heading in table, heading
    # N | exercises / routines / pages | project, cold | project, warm | bare | cold / bare | ...
    row = re.search(
        rf"^\| 20 \| (\d+) / (\d+) / (\d+) \| ({NUMBER}) \| ({NUMBER}) \| ({NUMBER}) \| ({NUMBER})x \|", table, re.M
    )
    assert row, table
    exercises, routines, pages = (int(row[i]) for i in (1, 2, 3))
    real = len(list((ROOT / "exercises").glob("*.yml")))
    assert exercises == real + 20 and routines >= 3 + 2 and pages > exercises + routines
    assert all(float(row[i]) > 0 for i in (4, 5, 6, 7))

    raw = json.loads(output.with_suffix(".json").read_text(encoding="utf-8"))
    (size,) = raw["sizes"]
    for job in ("project", "project_warm", "bare", "bare_auto", "floor"):
        assert size["builds"][job]["wall"]["median"] > 0, job
        assert size["builds"][job]["rss_mib"]["median"] > 0, job
    for job in ("project", "project_warm"):  # the plugin's own time, measured inside each build
        assert 0 < size["builds"][job]["own"]["median"] < size["builds"][job]["wall"]["median"], job
        assert "on_config" in size["builds"][job]["events"], job
    assert size["sizes"]["search_raw"] > size["sizes"]["search_gz"] > 0
    assert size["sizes"]["probe"]["total_gz"] > size["sizes"]["probe"]["html_gz"] > 0
    serve = size["serve"]
    assert serve["edit"]["n"] == 1 and serve["edit"]["median"] > 0
    assert serve["search_complete"], serve


def test_the_serve_targets_are_judged_whatever_the_number_of_real_exercises() -> None:
    """N counts the synthetic exercises: the 27 real ones on top of N = 100 must not drop the serve target."""
    from benchmarks.report import TARGETS, evaluate

    def size(n: int, real: int, edit_s: float) -> dict:
        serve = {
            "edit": {"median": edit_s},
            "search_complete": True,
            "search_listed": n + real,
            "search_expected": n + real,
        }
        return {"n": n, "info": {"exercises": n + real}, "serve": serve}

    for edit_s, verdict in ((TARGETS["serve_100"] + 0.2, False), (TARGETS["serve_100"] - 0.1, True)):
        rows = [row for row in evaluate({"sizes": [size(100, 27, edit_s)]}) if row[0].startswith("edited page")]
        assert [(row[0], row[3]) for row in rows] == [
            (
                f"edited page served within {TARGETS['serve_100']} s under make serve, search complete (N = 127 exercises)",
                verdict,
            )
        ]
