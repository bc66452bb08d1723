"""One size of the benchmark from start to end, and the page-growth check: the order in which the parts run.

``bench_size`` copies the project, generates N exercises, captures the baselines' Markdown, then
(outside generation) times the builds interleaved, the own work alone, weighs the pages,
profiles one warm build if asked, and measures live reload. ``bench_growth`` builds at 40 and 400
exercises and weighs the same exercise page. ``cli.py`` calls both.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

from .baseline import capture_markdown, floor_cmd, make_bare
from .common import OUT_DIR, log, median
from .generate import check_project, copy_project, generate
from .pages import page_weight, site_sizes
from .profiling import profile_build
from .serve import make_serve_flags, measure_serve
from .timing import (
    clear_caches,
    instrumented_build_cmd,
    measure_builds,
    mkdocs_build_cmd,
    own_work,
    run_measured,
    wait_for_quiet,
)


def bench_size(
    n: int,
    runs: int,
    *,
    cold_runs: int,
    auto_runs: int,
    serve_edits: int,
    serve_plain_too: bool,
    workdir: Path,
    quiet: tuple[float, float] = (0, 0),
    profile: bool = False,
) -> dict[str, Any]:
    log(f"N = {n}: copying and generating")
    t0 = time.perf_counter()
    base = workdir / f"n{n}"
    project = copy_project(base / "project")
    info = generate(project, n)
    checked = check_project(project)
    logs = base / "logs"
    logs.mkdir()
    bare, bare_auto = base / "bare", base / "bare-auto"
    make_bare(project, bare, project_nav=True)
    make_bare(project, bare_auto, project_nav=False)
    md_pages = capture_markdown(project, bare / "docs", logs)
    shutil.copytree(bare / "docs", bare_auto / "docs")
    info["md_pages"] = md_pages
    info["check"] = checked
    info["generation_s"] = time.perf_counter() - t0
    log(
        f"N = {n}: {info['exercises']} exercises, {info['routines']} routines, {md_pages} Markdown pages "
        f"(generated and checked in {info['generation_s']:.1f} s)"
    )

    waited = wait_for_quiet(*quiet)
    load_before = os.getloadavg()
    jobs = {
        # cold: caches removed first, as in a fresh clone; warm: right after, with the caches it left
        "project": {
            "cmd": instrumented_build_cmd(project, base / "site"),
            "cwd": project,
            "handler_times": True,
            "runs": min(runs, cold_runs),
            "before": lambda: clear_caches(project),
        },
        "project_warm": {
            "cmd": instrumented_build_cmd(project, base / "site-warm"),
            "cwd": project,
            "handler_times": True,
            "runs": runs,
        },
        "bare": {"cmd": mkdocs_build_cmd(base / "site-bare"), "cwd": bare, "runs": runs},
        "bare_auto": {"cmd": mkdocs_build_cmd(base / "site-bare-auto"), "cwd": bare_auto, "runs": min(runs, auto_runs)},
        "floor": {"cmd": floor_cmd(bare / "docs", base / "site-floor", project), "cwd": base, "runs": runs},
    }
    builds = measure_builds(jobs, logs)
    own = own_work(project, runs)
    log(f"  own work (load + render): {own['total']['median']:.2f} s")
    sizes = site_sizes(base / "site", info)
    sizes["bare_auto_probe"] = page_weight(base / "site-bare-auto", f"exercises/{info['probe_id']}/index.html")
    floor_pages = sum(1 for _ in (base / "site-floor").rglob("*.html"))
    prof = None
    if profile:  # with the caches the last warm build left, like the warm builds
        log(f"  profiling one warm build at N = {n}")
        OUT_DIR.mkdir(parents=True, exist_ok=True)
        prof = {"n": n, **profile_build(project, base / "site-profile", OUT_DIR / f"profile-n{n}")}
    # Live reload starts with the caches the builds left, as a developer's make serve usually does.
    serve = (
        measure_serve(project, info, serve_edits, logs, flags=make_serve_flags(), label="make serve")
        if serve_edits
        else None
    )
    serve_plain = None
    if serve_edits and serve_plain_too:
        serve_plain = measure_serve(project, info, serve_edits, logs, flags=["--livereload"], label="plain")
    return {
        "n": n,
        "info": {k: v for k, v in info.items() if k not in ("exercise_ids", "real_exercises")},
        "builds": builds,
        "own": own,
        "sizes": sizes,
        "floor_pages": floor_pages,
        "serve": serve,
        "serve_plain": serve_plain,
        "profile": prof,
        "loadavg": {"before": load_before, "after": os.getloadavg(), "waited_s": waited},
    }


def bench_growth(totals: list[int], workdir: Path) -> dict[str, Any]:
    """Build at each total number of exercises and weigh the same exercise page."""
    out = {}
    for total in totals:
        base = workdir / f"growth{total}"
        project = copy_project(base / "project")
        real = len(list((project / "exercises").glob("*.yml")))
        info = generate(project, max(total - real, 0))
        check_project(project)
        (base / "logs").mkdir()
        run_measured(mkdocs_build_cmd(base / "site"), project, base / "logs" / "build.log")
        site = base / "site"
        probe = page_weight(site, f"exercises/{info['probe_id']}/index.html")
        exercise_pages = [p.stat().st_size for p in site.glob("exercises/*/index.html")]
        out[str(total)] = {
            "exercises": info["exercises"],
            "probe": probe,
            "exercise_html_median": median(exercise_pages),
            "exercise_html_max": max(exercise_pages),
        }
        log(f"growth: {info['exercises']} exercises, {info['probe_id']} page {probe['html']} bytes")
        shutil.rmtree(base, ignore_errors=True)
    return out
