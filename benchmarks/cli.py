"""The command line, ``python -m benchmarks`` (``make bench``): options, the sizes in turn, the results written.

``main`` parses the options, snapshots the project (``generate.use_snapshot``), runs
``run.bench_size`` for each N and ``run.bench_growth``, records the machine and the commit
(``machine``), and writes the raw JSON and, through ``report.py``, the Markdown table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import json
import os
import platform
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from . import __doc__ as PACKAGE_DOC
from .common import OUT_DIR, ROOT, log
from .generate import use_snapshot
from .report import notes, write_report
from .run import bench_growth, bench_size


def machine(ref: str | None) -> dict[str, Any]:
    """The machine, the versions of the build's packages, and the commit benchmarked."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    ram = "unknown"
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text())[1])  # type: ignore[index]
        ram = f"{kib / 1024 / 1024:.1f} GiB"
    except (OSError, TypeError):
        pass
    versions = {}
    for dist in (
        "mkdocs",
        "mkdocs-material",
        "markdown",
        "pymdown-extensions",
        "jinja2",
        "pydantic",
        "ruamel.yaml",
        "ruamel.yaml.clib",
        "pyyaml",
    ):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = "-"
    git: dict[str, Any] = {"ref": ref}
    try:
        git["head"] = subprocess.run(
            ["git", "rev-parse", "--short", ref or "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        status = subprocess.run(
            [
                "git",
                "status",
                "--porcelain",
                "--",
                "build_tools",
                "mkdocs.yml",
                "theme_overrides",
                "exercises",
                "data",
                "content",
            ],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout
        git["changes"] = len(status.splitlines())
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "affinity": len(os.sched_getaffinity(0)),
        "cpu": cpu,
        "ram": ram,
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
        "git": git,
    }


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=PACKAGE_DOC.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of synthetic exercises, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build (default 3)")
    parser.add_argument("--large-runs", type=int, default=None, help="runs at N >= 1000 (default: same as --runs)")
    parser.add_argument(
        "--cold-runs-large",
        type=int,
        default=1,
        help="runs of the cold project build (every handout PDF printed) at N >= 1000 (default 1)",
    )
    parser.add_argument(
        "--auto-runs-large",
        type=int,
        default=1,
        help="runs of the slow automatic-navigation baseline at N >= 1000 (default 1)",
    )
    parser.add_argument("--serve-edits", type=int, default=3, help="edits timed under mkdocs serve (0: no serve)")
    parser.add_argument(
        "--serve-plain",
        action="store_true",
        help="also time plain `mkdocs serve --livereload` (every page rebuilt), for comparison",
    )
    parser.add_argument(
        "--growth", default="40,400", help="total exercise counts for the page-growth check ('' to skip)"
    )
    parser.add_argument("--profile", action="store_true", help="profile one build at the largest N with cProfile")
    parser.add_argument(
        "--quiet-load",
        type=float,
        default=0.0,
        help="before each size, wait until the 1-minute load average is below this (0: don't wait)",
    )
    parser.add_argument("--quiet-wait", type=float, default=600, help="longest wait for --quiet-load, seconds")
    parser.add_argument(
        "--fast", action="store_true", help="smoke mode: 1 run, 1 serve edit, no growth check, no profile"
    )
    parser.add_argument(
        "--output",
        type=Path,
        default=ROOT / "benchmarks" / "results.md",
        help="the Markdown table (default benchmarks/results.md); raw JSON goes beside it, or to "
        "benchmarks/out/results.json for the default",
    )
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects (path is printed)")
    parser.add_argument(
        "--ref",
        help="benchmark a commit (e.g. HEAD) instead of the working tree: project files "
        "and build_tools both come from a snapshot of it",
    )
    args = parser.parse_args(argv)
    if args.fast:
        args.runs, args.serve_edits, args.growth, args.profile = 1, min(args.serve_edits, 1), "", False
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    growth = [int(s) for s in args.growth.split(",") if s.strip()]

    started = time.perf_counter()
    workdir = Path(tempfile.mkdtemp(prefix="hamstrings-bench-"))
    log(f"working in {workdir}")
    use_snapshot(args.ref, workdir / "engine")
    results: dict[str, Any] = {
        "date": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        "command": shlex.join([".venv/bin/python", "-m", "benchmarks", *argv]),
        "machine": machine(args.ref),
        "sizes": [],
        "notes": [],
    }
    try:
        for n in sizes:
            runs = args.large_runs if (args.large_runs and n >= 1000) else args.runs
            auto_runs = args.auto_runs_large if n >= 1000 else runs
            cold_runs = args.cold_runs_large if n >= 1000 else runs
            results["sizes"].append(
                bench_size(
                    n,
                    runs,
                    cold_runs=cold_runs,
                    auto_runs=auto_runs,
                    serve_edits=args.serve_edits,
                    serve_plain_too=args.serve_plain,
                    workdir=workdir,
                    quiet=(args.quiet_load, args.quiet_wait),
                    profile=args.profile and n == max(sizes),
                )
            )
            if results["sizes"][-1]["profile"]:
                results["profile"] = results["sizes"][-1]["profile"]
            if not args.keep:
                shutil.rmtree(workdir / f"n{n}", ignore_errors=True)
        if growth:
            results["growth"] = bench_growth(growth, workdir)
    finally:
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        else:
            log(f"kept {workdir}")
    results["elapsed"] = time.perf_counter() - started
    results["notes"] += notes(args, results)
    default_output = args.output.resolve() == (ROOT / "benchmarks" / "results.md").resolve()
    raw_path = OUT_DIR / "results.json" if default_output else args.output.with_suffix(".json")
    raw_path.parent.mkdir(parents=True, exist_ok=True)
    raw_path.write_text(json.dumps(results, indent=1, default=str))
    write_report(results, args.output)
    log(f"wrote {args.output} and {raw_path} in {results['elapsed'] / 60:.1f} min")
    return 0
