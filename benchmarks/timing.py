"""Measured runs: each command in its own process, timed (wall, CPU, peak RSS), and the medians of several runs.

``measure_builds`` runs the builds of one size interleaved; ``instrumented_build_cmd`` is the
project's build with the timing hook (``hooks/time_handlers.py``) added, which reports the time
inside the plugin's event handlers; ``own_work`` times ``project.load`` and ``render.render_pages``
alone (``ownwork.py``). Used by ``run.py``; ``baseline.py`` and ``profiling.py`` use ``run_measured``.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

from . import common
from .common import BIN, ENV, HERE, load_mkdocs_yml, log, median, summary

TIME_BIN = shutil.which("time", path="/usr/bin:/bin")
"""GNU time, to read the peak RSS: a child's own maxrss from wait4 starts at its parent's (Linux keeps the
high-water mark across fork and exec), so this harness's size would leak into every small measurement."""

HANDLER_TIMES = "BENCH_HANDLER_TIMES"
"""Environment variable: where ``hooks/time_handlers.py`` writes the handler times of a build."""

HANDOUT_LOG = re.compile(r"Handout PDFs: .*")


def run_measured(
    cmd: list[str], cwd: Path, log_path: Path, timeout: float = 1800, env: dict[str, str] | None = None
) -> dict[str, float]:
    """Run ``cmd`` in its own process; wall time, CPU time and its peak RSS."""
    rss_file = log_path.with_suffix(".rss")
    launch = [TIME_BIN, "-f", "%M", "-o", str(rss_file), *cmd] if TIME_BIN else cmd
    with log_path.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(launch, cwd=cwd, env=env or ENV, stdout=out, stderr=subprocess.STDOUT)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        wall = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        tail = log_path.read_text(errors="replace")[-3000:]
        raise SystemExit(f"command failed ({process.returncode}): {shlex.join(cmd)}\n{tail}")
    rss_kib = int(rss_file.read_text().split()[-1]) if TIME_BIN else usage.ru_maxrss
    return {"wall": wall, "cpu": usage.ru_utime + usage.ru_stime, "rss_mib": rss_kib / 1024}


def mkdocs_build_cmd(site: Path) -> list[str]:
    return [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site)]


def clear_caches(project: Path) -> None:
    """Remove the build's caches (printed PDFs and the like) from the project copy: a cold build."""
    shutil.rmtree(project / ".cache", ignore_errors=True)


def config_with_hook(project: Path, hook: str) -> Path:
    """``mkdocs-bench-HOOK.yml`` beside the project's mkdocs.yml: its text, plus ``hooks/HOOK.py`` under ``hooks:``.

    Same settings, same folder (so every relative path resolves as before); only the builds that
    need the hook name this file with ``--config-file``, the others read mkdocs.yml itself.
    """
    source = project / "mkdocs.yml"
    if "hooks" in load_mkdocs_yml(source):
        raise SystemExit("mkdocs.yml has hooks of its own: the benchmark's copy with its hook would hide them")
    text = source.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path = project / f"mkdocs-bench-{hook}.yml"
    hook_file = json.dumps(str(HERE / "hooks" / f"{hook}.py"))  # a JSON string is a YAML string
    path.write_text(f"{text}\nhooks:\n  - {hook_file}\n", encoding="utf-8")
    return path


def instrumented_build_cmd(project: Path, site: Path) -> list[str]:
    """``mkdocs build --strict`` with the timing hook, which times the plugin's handlers (see ``HANDLER_TIMES``)."""
    return [*mkdocs_build_cmd(site), "--config-file", str(config_with_hook(project, "time_handlers"))]


def measure_builds(jobs: dict[str, dict[str, Any]], logs: Path) -> dict[str, dict[str, Any]]:
    """Run each job its number of times, interleaved, so drift on a shared machine hits them alike.

    A job: ``cmd``, ``cwd``, ``runs``, ``before`` (called before each run) if any, and
    ``handler_times`` (true for an ``instrumented_build_cmd``: read the plugin's handler times).
    """
    samples: dict[str, list[dict[str, Any]]] = defaultdict(list)
    notes: dict[str, list[str]] = defaultdict(list)
    for run in range(max(job["runs"] for job in jobs.values())):
        for label, job in jobs.items():
            if run >= job["runs"]:
                continue
            if job.get("before"):
                job["before"]()
            log_path = logs / f"{label}-{run}.log"
            hooks_path = logs / f"{label}-{run}.hooks.json"
            env = {**ENV, HANDLER_TIMES: str(hooks_path)} if job.get("handler_times") else ENV
            sample: dict[str, Any] = run_measured(job["cmd"], job["cwd"], log_path, env=env)
            if hooks_path.exists():
                hooks = json.loads(hooks_path.read_text())
                sample.update(own=hooks["total"], events=hooks["events"])
            samples[label].append(sample)
            notes[label] += HANDOUT_LOG.findall(log_path.read_text(errors="replace"))
            own = f", plugin handlers {sample['own']:.2f} s" if "own" in sample else ""
            log(f"  {label} run {run + 1}/{job['runs']}: {sample['wall']:.2f} s{own}")
    out: dict[str, dict[str, Any]] = {}
    for label, values in samples.items():
        out[label] = {key: summary([v[key] for v in values]) for key in ("wall", "cpu", "rss_mib")}
        out[label]["handouts"] = notes[label]
        if all("own" in v for v in values):
            out[label]["own"] = summary([v["own"] for v in values])
            out[label]["share"] = summary([v["own"] / v["wall"] for v in values])
            events = sorted({e for v in values for e in v["events"]})
            out[label]["events"] = {e: median([v["events"].get(e, 0.0) for v in values]) for e in events}
    return out


def own_work(project: Path, runs: int) -> dict[str, Any]:
    """project.load + render.render_pages, each run in a fresh process (cold, as in a build)."""
    results = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, str(HERE / "ownwork.py"), str(project)],
            cwd=common.SRC,
            env=ENV,
            capture_output=True,
            text=True,
            timeout=1800,
            check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: summary([r[key] for r in results]) for key in ("import", "load", "render", "total")}


def wait_for_quiet(threshold: float, limit: float) -> float:
    """Wait (at most ``limit`` s) until the 1-minute load average is below ``threshold``; return the wait."""
    start = time.perf_counter()
    if threshold <= 0:
        return 0.0
    announced = False
    while os.getloadavg()[0] >= threshold and time.perf_counter() - start < limit:
        if not announced:
            log(f"  waiting for the machine to go quiet (load {os.getloadavg()[0]:.1f}, want < {threshold})")
            announced = True
        time.sleep(5)
    return time.perf_counter() - start
