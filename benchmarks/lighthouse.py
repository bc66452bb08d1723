#!/usr/bin/env python3
"""Lighthouse scores of the built site, as a reader's phone would see it.

Serves site/ (build it first: `make site`, or run `make lighthouse`, which does both) on
127.0.0.1 with gzip, as GitHub Pages and most hosts do, and runs Lighthouse 12 (from
node_modules/, `make node_modules`) with its default mobile preset and simulated
throttling on the home page, one exercise page and one routine page. Each page is run
--runs times (Lighthouse is noisy; the median run by performance score is reported).
Each run gets a fresh system Chromium in its own process group, closed to the network,
which is killed by its PID when the run ends.

Writes benchmarks/lighthouse-results.md (scores, metrics, audits that did not pass, and
the versions) and keeps the full reports in benchmarks/out/lighthouse/ (not committed).
Exit status 1 when a target is missed: performance >= 98, accessibility, best practices
and SEO 100. Uses only the standard library.

    .venv/bin/python benchmarks/lighthouse.py [--runs 3] [--site site] [--no-gzip] [PATH ...]
"""

from __future__ import annotations

import argparse
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import ClassVar

from build_tools import printing

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / "node_modules/lighthouse/cli/index.js"
PAGES = ["/", "/exercises/nordic-hamstring-exercise/", "/routines/nordic-progression/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
TARGETS = {"performance": 98, "accessibility": 100, "best-practices": 100, "seo": 100}
METRICS = {
    "first-contentful-paint": "FCP",
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
    "total-byte-weight": "bytes",
}
CHROMIUM_ARGS = ["--headless=new", *printing.CHROMIUM_ARGS]
"""The build's own Chromium flags (build_tools.printing), headless for Lighthouse."""
TEXT_TYPES = (
    "text/",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "application/manifest+json",
)
RUN_TIMEOUT = 240


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """http.server, quiet, compressing text with gzip when the browser accepts it."""

    extensions_map: ClassVar[dict[str, str]] = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".js": "application/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".webmanifest": "application/manifest+json",
        ".woff2": "font/woff2",
    }
    gzip_enabled = True

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # type: ignore[override]
        if not self.gzip_enabled or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].split("#", 1)[0].endswith("/"):
                return super().send_head()  # the redirect to the folder with a slash
            path = os.path.join(path, "index.html")
        ctype = self.guess_type(path)
        if not os.path.isfile(path) or not ctype.startswith(TEXT_TYPES):
            return super().send_head()
        with open(path, "rb") as file:
            body = gzip.compress(file.read(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(os.stat(path).st_mtime)))
        self.end_headers()
        return io.BytesIO(body)


def cpu_idle(seconds: float = 1.0) -> float:
    """Share of CPU time that was idle over ``seconds`` (Linux /proc/stat; 1.0 elsewhere)."""

    def sample() -> tuple[int, int]:
        values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
        return values[3] + values[4], sum(values[:8])

    try:
        idle0, total0 = sample()
        time.sleep(seconds)
        idle1, total1 = sample()
    except (OSError, ValueError, IndexError):
        return 1.0
    return (idle1 - idle0) / max(total1 - total0, 1)


def wait_until_quiet(max_wait: float, need: float = 0.85, streak: int = 3) -> float:
    """Wait (at most ``max_wait`` s) until the CPU has been mostly idle for ``streak`` seconds.

    Lighthouse's simulated throttling scales the CPU time it measures, so another busy
    process (a build, a benchmark) lowers the performance score. Returns the seconds waited.
    """
    started, quiet = time.perf_counter(), 0
    while quiet < streak and time.perf_counter() - started < max_wait:
        quiet = quiet + 1 if cpu_idle() >= need else 0
    return time.perf_counter() - started


def chromium_path() -> str:
    found = os.environ.get("CHROME_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not found:
        sys.exit("Chromium is not installed (apt-get install chromium), or set CHROME_PATH")
    return found


def launcher_flags() -> list[str]:
    """chrome-launcher's default flags: what a plain `lighthouse URL` would start Chrome with."""
    script = "console.log(JSON.stringify(require('chrome-launcher').Launcher.defaultFlags()))"
    out = subprocess.run(["node", "-e", script], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60)
    return json.loads(out.stdout)


def kill_group(process: subprocess.Popen) -> None:
    """End a process we started in its own session, and everything it started, by its PID."""
    if process.poll() is not None:
        return
    for sig, wait in ((signal.SIGTERM, 3), (signal.SIGKILL, 3)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=wait)
            return
        except subprocess.TimeoutExpired:
            continue


def run_once(url: str, report: Path, chromium: str, flags: list[str]) -> dict:
    """One Lighthouse run against a fresh Chromium; returns the parsed report (lhr)."""
    with tempfile.TemporaryDirectory(prefix="lighthouse-profile-") as profile:
        browser = subprocess.Popen(
            [
                chromium,
                *flags,
                *CHROMIUM_ARGS,
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        try:
            port_file = Path(profile) / "DevToolsActivePort"
            for _ in range(300):
                if port_file.is_file() and port_file.read_text().strip():
                    break
                if browser.poll() is not None:
                    raise RuntimeError(f"Chromium exited with status {browser.returncode}")
                time.sleep(0.1)
            else:
                raise RuntimeError("Chromium did not open its DevTools port in 30 s")
            port = port_file.read_text().split()[0]
            lighthouse = subprocess.Popen(
                [
                    "node",
                    str(LIGHTHOUSE),
                    url,
                    f"--port={port}",
                    "--form-factor=mobile",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--output=json",
                    f"--output-path={report}",
                    "--quiet",
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
                start_new_session=True,
            )
            try:
                output, _ = lighthouse.communicate(timeout=RUN_TIMEOUT)
            except subprocess.TimeoutExpired:
                kill_group(lighthouse)
                raise RuntimeError(f"Lighthouse took more than {RUN_TIMEOUT} s") from None
            if lighthouse.returncode != 0 or not report.is_file():
                raise RuntimeError(f"Lighthouse failed ({lighthouse.returncode}): {output[-1000:]}")
        finally:
            kill_group(browser)
    return json.loads(report.read_text(encoding="utf-8"))


def summarise(lhr: dict) -> dict:
    scores = {
        c: None if lhr["categories"][c]["score"] is None else round(lhr["categories"][c]["score"] * 100)
        for c in CATEGORIES
    }
    metrics = {short: lhr["audits"][key].get("numericValue") for key, short in METRICS.items()}
    failing = []
    for category in CATEGORIES:
        for ref in lhr["categories"][category]["auditRefs"]:
            audit = lhr["audits"].get(ref["id"])
            if (
                audit
                and audit.get("score") is not None
                and audit["score"] < 1
                and audit.get("scoreDisplayMode") not in {"manual", "notApplicable", "informative"}
                and (ref.get("weight", 0) > 0 or (category == "performance" and audit["score"] < 0.9))
            ):
                failing.append(
                    {
                        "category": category,
                        "id": audit["id"],
                        "score": audit["score"],
                        "title": audit.get("title", ""),
                        "value": audit.get("displayValue", ""),
                    }
                )
    environment = lhr.get("environment", {})
    return {
        "scores": scores,
        "metrics": metrics,
        "failing": failing,
        "benchmarkIndex": environment.get("benchmarkIndex"),
        "lighthouseVersion": lhr.get("lighthouseVersion"),
        "userAgent": environment.get("hostUserAgent"),
    }


def median_run(runs: list[dict]) -> dict:
    ordered = sorted(runs, key=lambda r: r["scores"]["performance"] or 0)
    return ordered[(len(ordered) - 1) // 2]


def write_markdown(
    path: Path, results: dict[str, list[dict]], args: argparse.Namespace, seconds: float, chromium_version: str
) -> bool:
    first = next(run for runs in results.values() for run in runs)
    met = True
    lines = [
        "# Lighthouse scores",
        "",
        "Written by `benchmarks/lighthouse.py` (run it with `make lighthouse`, which builds `site/` first).",
        f"Mobile preset (Lighthouse's default emulation and simulated throttling), site served "
        f"{'with gzip' if args.gzip else 'without compression'} on 127.0.0.1 by the script; "
        f"{args.runs} run(s) per page, the median run by performance is shown.",
        f"Targets: performance >= {TARGETS['performance']}; accessibility, best practices and SEO 100.",
        "",
        "| page | performance | accessibility | best practices | SEO | FCP | LCP | TBT | CLS | KiB "
        "| perf of each run |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for page, runs in results.items():
        best = median_run(runs)
        s, m = best["scores"], best["metrics"]
        for category, target in TARGETS.items():
            if s[category] is None or s[category] < target:
                met = False
        lines.append(
            f"| `{page}` | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} "
            f"| {m['FCP'] / 1000:.2f} s | {m['LCP'] / 1000:.2f} s | {m['TBT']:.0f} ms | {m['CLS']:.3f} "
            f"| {m['bytes'] / 1024:.0f} | {', '.join(str(r['scores']['performance']) for r in runs)} |"
        )
    total = sum(len(runs) for runs in results.values())
    failing: dict[tuple[str, str], list[dict]] = {}
    for runs in results.values():
        for run in runs:
            for audit in run["failing"]:
                failing.setdefault((audit["category"], audit["id"]), []).append(audit)
    if failing:
        lines += [
            "",
            "Audits that did not pass (scored audits of any category, and performance audits under 0.9; "
            "performance insights weigh nothing in the score):",
            "",
        ]
        for (category, audit_id), seen in sorted(failing.items()):
            worst = min(seen, key=lambda a: a["score"])
            lines.append(
                f"- {category}: `{audit_id}` in {len(seen)}/{total} runs, worst {worst['score']:.2f}"
                f"{' (' + worst['value'] + ')' if worst['value'] else ''}: {worst['title']}"
            )
    else:
        lines += ["", "Every scored audit passed in every run."]
    indexes = [r["benchmarkIndex"] for runs in results.values() for r in runs if r["benchmarkIndex"]]
    lines += [
        "",
        f"Result: {'all targets met' if met else 'TARGET MISSED'}.",
        "",
        f"Lighthouse {first['lighthouseVersion']}, {chromium_version}, Node {node_version()}; "
        f"benchmarkIndex {min(indexes):.0f}-{max(indexes):.0f} (machine speed: compare scores only between "
        f"similar values); {seconds:.0f} s in all. Date: {dt.date.today().isoformat()}.",
        "",
        f"Command: `{' '.join(['.venv/bin/python', 'benchmarks/lighthouse.py', *sys.argv[1:]])}`",
        "",
    ]
    path.write_text("\n".join(lines), encoding="utf-8")
    return met


def node_version() -> str:
    try:
        return subprocess.run(["node", "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    except OSError:
        return "?"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("paths", nargs="*", default=PAGES, help="page paths (default: the three pages above)")
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="built site folder (default site/)")
    parser.add_argument("--runs", type=int, default=3, help="runs per page (default 3)")
    parser.add_argument("--no-gzip", dest="gzip", action="store_false", help="serve without compression")
    parser.add_argument(
        "--quiet-wait",
        type=float,
        default=120,
        help="before each run, wait up to this many seconds for an idle CPU (default 120; 0: do not)",
    )
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks/lighthouse-results.md")
    args = parser.parse_args()
    if not (args.site / "index.html").is_file():
        sys.exit(f"{args.site} has no index.html: build the site first (make site)")
    if not LIGHTHOUSE.is_file():
        sys.exit("Lighthouse is not installed: make node_modules")
    chromium = chromium_path()
    chromium_version = (
        subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=60)
        .stdout.strip()
        .splitlines()[-1]
    )
    flags = launcher_flags()
    reports = ROOT / "benchmarks/out/lighthouse"
    reports.mkdir(parents=True, exist_ok=True)

    GzipHandler.gzip_enabled = args.gzip
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(GzipHandler, directory=str(args.site.resolve()))
    )
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    print(f"Serving {args.site} at {base}{' with gzip' if args.gzip else ''}; {chromium_version}")

    started = time.perf_counter()
    results: dict[str, list[dict]] = {}
    try:
        for page in args.paths:
            page = "/" + page.lstrip("/")
            slug = page.strip("/").replace("/", "_") or "home"
            for run in range(1, args.runs + 1):
                waited = wait_until_quiet(args.quiet_wait) if args.quiet_wait > 0 else 0.0
                if waited > 5:
                    print(f"  (waited {waited:.0f} s for the CPU to be idle)", flush=True)
                t0 = time.perf_counter()
                lhr = run_once(base + page, reports / f"{slug}-mobile-{run}.json", chromium, flags)
                summary = summarise(lhr)
                results.setdefault(page, []).append(summary)
                s = summary["scores"]
                print(
                    f"  {page:45} run {run}: perf {s['performance']} a11y {s['accessibility']} "
                    f"bp {s['best-practices']} seo {s['seo']}  ({time.perf_counter() - t0:.1f} s)",
                    flush=True,
                )
    finally:
        server.shutdown()
        server.server_close()
    met = write_markdown(args.out, results, args, time.perf_counter() - started, chromium_version)
    print(args.out.read_text(encoding="utf-8"))
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
