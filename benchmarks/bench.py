#!/usr/bin/env python3
"""Build-performance benchmark: the project against bare Material and a Python-Markdown floor.

Run from the project root (``make bench`` does this)::

    .venv/bin/python benchmarks/bench.py [--sizes 10,100,1000] [--runs 3] [--profile]

It first snapshots the project (the working tree, or ``--ref COMMIT``), so edits made while it
runs change nothing. For each size N it copies the project into a temporary folder, adds N
synthetic exercises (each a real exercise file with a new id, a new name, its descriptive text
reshuffled and its figure slightly changed) and N/10 synthetic routines, checks them with
``python -m build_tools check``, captures the exact Markdown the build converts, and then,
outside of generation, measures:

* the full build, ``mkdocs build --strict`` in its own process, cold (the build's caches
  removed, so every handout PDF is printed) and warm (the caches the cold build left): wall
  time, CPU time and peak RSS, median and range over ``--runs`` runs, runs interleaved;
* the project's own work: the time inside the plugin's event handlers in each of those
  builds, and ``project.load`` + ``render.render_pages`` alone in a fresh process;
* for comparison, the same Markdown as plain ``.md`` files (with the same figure files) built
  by bare Material with the same theme features (navigation.prune among them) and the
  project's navigation, by the same with MkDocs' automatic navigation, and rendered by
  Python-Markdown alone (the floor);
* page weight: one exercise page's HTML and its gzip transfer with same-site CSS, JS and
  images, the median and largest HTML page, and the search index raw and gzipped;
* live reload: ``mkdocs serve`` with the options ``make serve`` uses, then an edit to one
  exercise's summary, timed until the edited page served over HTTP shows the new text;
  afterwards the served search index must still list every exercise page
  (``--serve-plain`` also times plain ``mkdocs serve``, which rebuilds every page).

It also builds the catalogue at 40 and 400 exercises to see whether an exercise page grows
with the catalogue, and with ``--profile`` profiles one warm build at the largest N with
cProfile. The table goes to ``benchmarks/results.md`` (``--output`` to change it); raw numbers
and profiles go to ``benchmarks/out/`` (not committed).

Internal entry points (used by the harness itself, each in a fresh process):
``bench.py _floor SRC OUT EXTENSIONS_JSON``, ``bench.py _ownwork ROOT``,
``bench.py _hooks ROOT SITE OUT [--capture DIR]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import html.parser
import importlib.metadata
import json
import os
import platform
import pstats
import random
import re
import shlex
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT
"""Where the project files and build_tools come from: the working tree, or a snapshot of ``--ref``."""
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve()
OUT_DIR = ROOT / "benchmarks" / "out"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONHASHSEED": "0"}
GZIP_LEVEL = 6  # what web servers usually use for text

# Fields whose words are reshuffled in synthetic records, so the catalogue is not the same
# thirteen texts repeated (which would flatter gzip). Safety lists stay verbatim, as real
# records share them.
SHUFFLED_FIELDS = {
    "exercise": ("summary", "steps", "cues", "mistakes", "feel_it"),
    "routine": ("summary", "audience", "warm_up", "progression", "if_it_hurts", "after_the_programme"),
}

TARGETS = {
    "build_ratio": 1.10,     # project build / bare Material + prune, at 1,000 exercises
    "own_share": 0.15,       # project's own work (plugin handlers) / bare Material build, at 1,000 exercises
    "page_growth": 1.30,     # exercise page HTML at 400 / at 40 exercises
    "serve_100": 0.5,        # seconds from edit to served page, N = 100
    "serve_1000": 2.0,       # seconds from edit to served page, N = 1,000
    "search_gz_mb": 1.5,     # search index gzipped, MB (10^6 bytes), N = 1,000
}


# ---------------------------------------------------------------------------------
# small helpers


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summary(values: list[float]) -> dict[str, Any]:
    return {"median": median(values), "min": min(values), "max": max(values), "n": len(values), "values": values}


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def yaml_rt():
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: keeps the schema comment and the layout editors use
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def load_mkdocs_yml(path: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as handle:
        return yaml_load(handle)


# ---------------------------------------------------------------------------------
# the temporary project


def copy_project(target: Path) -> Path:
    """Copy what a build reads: mkdocs.yml, docs_dir, exercises, data, custom_dir and watched paths."""
    config = load_mkdocs_yml(SRC / "mkdocs.yml")
    theme = config.get("theme") or {}
    names = {"mkdocs.yml", config.get("docs_dir", "docs"), "exercises", "data"}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        names.add(theme["custom_dir"])
    names.update(str(p) for p in config.get("watch") or [])
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in sorted(names):
        source = SRC / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _shuffle_words(value: Any, rng: random.Random) -> Any:
    """The same words in a random order (lists item by item, in place)."""
    if isinstance(value, str):
        words = value.split()
        rng.shuffle(words)
        return " ".join(words)
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _shuffle_words(item, rng)
    return value


def _vary_figure(figure: Any, rng: random.Random) -> None:
    """Bend the elbows a few degrees in poses where the hands bear no weight: every drawing differs
    (so a cache keyed by figure data cannot hit across synthetic copies) and contacts stay valid."""
    if not isinstance(figure, dict):
        return
    for pose in figure.get("poses") or []:
        if "hands" not in (pose.get("contacts") or {}):
            pose["elbow"] = min(150, int(pose.get("elbow", 0)) + rng.randint(1, 9))


def generate(project: Path, n: int, seed: int = 1, *, shuffle: bool = True) -> dict[str, Any]:
    """Add ``n`` synthetic exercises and ``n // 10`` synthetic routines to the copied project."""
    yaml = yaml_rt()
    rng = random.Random(seed)
    exercises_dir = project / "exercises"
    routines_dir = project / "data" / "routines"
    bases = sorted(exercises_dir.glob("*.yml"))
    real_exercises = [p.stem for p in bases]
    variants: dict[str, list[str]] = defaultdict(list)
    synthetic: list[str] = []
    for i in range(n):
        base = bases[i % len(bases)]
        data = yaml.load(base.read_text(encoding="utf-8"))
        new_id = f"{base.stem}-v{i + 1:04d}"
        data["name"] = f"{data['name']}, variant {i + 1}"
        for field in SHUFFLED_FIELDS["exercise"] if shuffle else ():
            if field in data:
                data[field] = _shuffle_words(data[field], rng)
        if shuffle:
            _vary_figure(data.get("figure"), rng)
        with (exercises_dir / f"{new_id}.yml").open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        variants[base.stem].append(new_id)
        synthetic.append(new_id)
    routine_bases = sorted(routines_dir.glob("*.yml"))
    real_routines = [p.stem for p in routine_bases]
    n_routines = n // 10
    for j in range(n_routines):
        base = routine_bases[j % len(routine_bases)]
        data = yaml.load(base.read_text(encoding="utf-8"))
        data["name"] = f"{data['name']}, variant {j + 1}"
        for field in SHUFFLED_FIELDS["routine"] if shuffle else ():
            if field in data:
                data[field] = _shuffle_words(data[field], rng)
        for item in data["exercises"]:
            choices = variants.get(item["exercise"])
            if choices:
                item["exercise"] = choices[j % len(choices)]
        with (routines_dir / f"{base.stem}-v{j + 1:04d}.yml").open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    edit_id = synthetic[len(synthetic) // 2] if synthetic else real_exercises[len(real_exercises) // 2]
    return {
        "synthetic_exercises": n,
        "synthetic_routines": n_routines,
        "exercises": len(real_exercises) + n,
        "routines": len(real_routines) + n_routines,
        "real_exercises": real_exercises,
        "exercise_ids": sorted(real_exercises + synthetic),
        "edit_id": edit_id,
        "probe_id": "romanian-deadlift" if "romanian-deadlift" in real_exercises else real_exercises[0],
    }


def check_project(project: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(project), "check"],
        cwd=SRC, env=ENV, capture_output=True, text=True, timeout=600,
    )
    if result.returncode != 0:
        raise SystemExit(f"synthetic data does not pass the check:\n{result.stderr[-4000:]}")
    return result.stdout.strip()


def capture_markdown(project: Path, docs: Path, logs: Path) -> int:
    """Every page of the project's site as plain Markdown, exactly as its build hands it to Python-Markdown.

    One untimed build through ``bench.py _hooks --capture``: each page's Markdown after every plugin
    (citations, inserts, generated pages, abbreviations), with its front matter, and every other file
    the project adds (figure files, PDF placeholders) or has in its docs folder. Handout printing
    (``on_post_build``) is skipped in this build: it changes no page.
    """
    run_measured([sys.executable, str(HERE), "_hooks", str(project), str(docs.parent / "site-capture"),
                  str(logs / "capture.json"), "--capture", str(docs)], project, logs / "capture.log")
    shutil.rmtree(docs.parent / "site-capture", ignore_errors=True)
    return sum(1 for _ in docs.rglob("*.md"))


def make_bare(project: Path, bare: Path, *, project_nav: bool) -> None:
    """A bare Material project (no plugin, no custom_dir) with the same theme features and extensions."""
    import yaml as pyyaml  # PyYAML ships with MkDocs

    config = load_mkdocs_yml(project / "mkdocs.yml")
    theme = dict(config.get("theme") or {})
    theme.pop("custom_dir", None)
    features = list(theme.get("features") or [])
    if "navigation.prune" not in features:
        features.append("navigation.prune")
    theme["features"] = features
    bare_config: dict[str, Any] = {
        "site_name": "Bare Material baseline",
        "site_url": "https://example.org/",
        "docs_dir": "docs",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions") or [],
    }
    if project_nav:
        for key in ("nav", "not_in_nav", "validation"):
            if key in config:
                bare_config[key] = config[key]
    bare.mkdir(parents=True, exist_ok=True)
    (bare / "mkdocs.yml").write_text(pyyaml.safe_dump(bare_config, sort_keys=False), encoding="utf-8")


# ---------------------------------------------------------------------------------
# running and measuring


TIME_BIN = shutil.which("time", path="/usr/bin:/bin")
"""GNU time, to read the peak RSS: a child's own maxrss from wait4 starts at its parent's (Linux keeps the
high-water mark across fork and exec), so this harness's size would leak into every small measurement."""


def run_measured(cmd: list[str], cwd: Path, log_path: Path, timeout: float = 1800) -> dict[str, float]:
    """Run ``cmd`` in its own process; wall time, CPU time and its peak RSS."""
    rss_file = log_path.with_suffix(".rss")
    launch = [TIME_BIN, "-f", "%M", "-o", str(rss_file), *cmd] if TIME_BIN else cmd
    with log_path.open("w") as out:
        start = time.perf_counter()
        process = subprocess.Popen(launch, cwd=cwd, env=ENV, stdout=out, stderr=subprocess.STDOUT)
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


HANDOUT_LOG = re.compile(r"Handout PDFs: .*")


def clear_caches(project: Path) -> None:
    """Remove the build's caches (printed PDFs and the like) from the project copy: a cold build."""
    shutil.rmtree(project / ".cache", ignore_errors=True)


def instrumented_build_cmd(project: Path, site: Path, out: Path) -> list[str]:
    """``mkdocs build --strict`` through the same CLI call, with the plugin's event handlers timed into ``out``."""
    return [sys.executable, str(HERE), "_hooks", str(project), str(site), str(out)]


def measure_builds(jobs: dict[str, dict[str, Any]], logs: Path) -> dict[str, dict[str, Any]]:
    """Run each job its number of times, interleaved, so drift on a shared machine hits them alike.

    A job: ``cmd`` (a function of the run's hooks file, for instrumented builds, or a list), ``cwd``,
    ``runs``, and ``before`` (called before each run) if any.
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
            cmd = job["cmd"](hooks_path) if callable(job["cmd"]) else job["cmd"]
            sample: dict[str, Any] = run_measured(cmd, job["cwd"], log_path)
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
            [sys.executable, str(HERE), "_ownwork", str(project)],
            cwd=SRC, env=ENV, capture_output=True, text=True, timeout=1800, check=True,
        )
        results.append(json.loads(out.stdout.strip().splitlines()[-1]))
    return {key: summary([r[key] for r in results]) for key in ("import", "load", "render", "total")}


# ---------------------------------------------------------------------------------
# page weight


class _Assets(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in a.get("rel", "").split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])


def page_weight(site: Path, page: str) -> dict[str, Any]:
    """HTML bytes and gzip transfer of one page with its same-site CSS, JS and images."""
    data = (site / page).read_bytes()
    parser = _Assets()
    parser.feed(data.decode("utf-8", errors="replace"))
    assets = []
    for url in dict.fromkeys(parser.urls):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme or parts.netloc:
            continue  # not same-site (there should be none)
        path = urllib.parse.urljoin("/" + page, parts.path).lstrip("/")
        file = site / urllib.parse.unquote(path)
        if file.is_file():
            body = file.read_bytes()
            assets.append({"path": path, "raw": len(body), "gz": gz_size(body)})
    return {
        "page": page,
        "html": len(data),
        "html_gz": gz_size(data),
        "assets": assets,
        "total_raw": len(data) + sum(a["raw"] for a in assets),
        "total_gz": gz_size(data) + sum(a["gz"] for a in assets),
    }


def site_sizes(site: Path, info: dict[str, Any]) -> dict[str, Any]:
    pages = sorted(site.rglob("*.html"))
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in pages}
    largest = max(sizes, key=sizes.__getitem__)
    exercise_pages = {k: v for k, v in sizes.items() if re.fullmatch(r"exercises/[^/]+/index\.html", k)}
    index = (site / "search" / "search_index.json").read_bytes()
    return {
        "pages": len(sizes),
        "html_median": median(list(sizes.values())),
        "html_largest": sizes[largest],
        "largest_page": largest,
        "largest": page_weight(site, largest),
        "exercise_html_median": median(list(exercise_pages.values())),
        "probe": page_weight(site, f"exercises/{info['probe_id']}/index.html"),
        "search_raw": len(index),
        "search_gz": gz_size(index),
        "search_docs": len(json.loads(index)["docs"]),
    }


# ---------------------------------------------------------------------------------
# live reload


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def http_get(url: str, timeout: float = 600) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, b""
    except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
        return 0, b""


def exercise_pages_in_index(index: bytes) -> set[str]:
    docs = json.loads(index)["docs"]
    return {m[1] for d in docs if (m := re.fullmatch(r"exercises/([^/#]+)/", d["location"]))}


def edit_summary(path: Path, new_summary: str) -> None:
    yaml = yaml_rt()
    data = yaml.load(path.read_text(encoding="utf-8"))
    data["summary"] = new_summary
    from io import StringIO

    buffer = StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")  # in place, as an editor saves


def make_serve_flags() -> list[str]:
    """The options ``make serve`` passes to ``mkdocs serve`` (read from the Makefile, so the two cannot drift)."""
    makefile = (SRC / "Makefile").read_text(encoding="utf-8")
    match = re.search(r"^serve:.*\n\t\$\(BIN\)/mkdocs serve (.*) --dev-addr", makefile, re.MULTILINE)
    if not match:
        raise SystemExit("Makefile: the serve target is not `$(BIN)/mkdocs serve ... --dev-addr ...`")
    return match.group(1).split()


def measure_serve(project: Path, info: dict[str, Any], edits: int, logs: Path, *, flags: list[str],
                  label: str) -> dict[str, Any]:
    """Start ``mkdocs serve FLAGS``, edit one exercise ``edits`` times, time each until served."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page_url = f"{base}/exercises/{info['edit_id']}/"
    cmd = [str(BIN / "mkdocs"), "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"]
    log_file = (logs / f"serve-{label}.log").open("w")
    start = time.perf_counter()
    # SIGINT back to its default in the server: a harness started in the background (nohup, &) ignores it, and
    # the child would inherit that, so MkDocs could never shut down cleanly and remove its temporary site.
    process = subprocess.Popen(cmd, cwd=project, env=ENV, stdout=log_file, stderr=subprocess.STDOUT,
                               start_new_session=True,
                               preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    result: dict[str, Any] = {"command": shlex.join(["mkdocs", *cmd[1:-2]]), "edit_id": info["edit_id"], "label": label}
    try:
        deadline = start + 1800
        while True:
            if process.poll() is not None:
                raise SystemExit(f"mkdocs serve exited early; see {log_file.name}")
            status, _ = http_get(page_url, timeout=30)
            if status == 200:
                break
            if time.perf_counter() > deadline:
                raise SystemExit("mkdocs serve did not come up")
            time.sleep(0.1)
        result["startup"] = time.perf_counter() - start
        time.sleep(1.5)  # let the file watcher take its first snapshot
        path = project / "exercises" / f"{info['edit_id']}.yml"
        times, index_times = [], []
        for k in range(edits):
            token = f"benchedit{k}q{random.randrange(16**6):06x}"
            edit_summary(path, f"Edited for the benchmark, marker {token}.")
            edited = time.perf_counter()
            while True:
                status, body = http_get(page_url)
                if status == 200 and token.encode() in body:
                    times.append(time.perf_counter() - edited)
                    break
                if time.perf_counter() - edited > 900:
                    raise SystemExit("the edited page was never served")
                time.sleep(0.02)
            while True:
                status, body = http_get(f"{base}/search/search_index.json")
                if status == 200 and token.encode() in body:
                    index_times.append(time.perf_counter() - edited)
                    break
                if time.perf_counter() - edited > 900:
                    raise SystemExit("the search index never showed the edit")
                time.sleep(0.02)
            log(f"  {label} edit {k + 1}/{edits}: page {times[-1]:.2f} s, "
                f"search index {index_times[-1]:.2f} s")
            time.sleep(1.2)  # let the watcher go quiet before the next edit
        status, index = http_get(f"{base}/search/search_index.json")
        listed = exercise_pages_in_index(index) if status == 200 else set()
        locations = [d["location"] for d in json.loads(index)["docs"]] if status == 200 else []
        duplicates = len(locations) - len(set(locations))
        expected = set(info["exercise_ids"])
        result.update(
            edit=summary(times), index=summary(index_times),
            search_listed=len(listed & expected), search_expected=len(expected), search_duplicates=duplicates,
            search_complete=expected <= listed and duplicates == 0,
        )
    finally:
        try:
            os.kill(process.pid, signal.SIGINT)  # MkDocs shuts down and removes its temporary site
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait()
        log_file.close()
    return result


# ---------------------------------------------------------------------------------
# profile


PACKAGES = (
    ("build_tools", "/build_tools/"),
    ("material", "/material/"),
    ("mkdocs", "/mkdocs/"),
    ("pymdownx", "/pymdownx/"),
    ("markdown", "/markdown/"),
    ("jinja2", "/jinja2/"),
    ("pydantic", "/pydantic"),
    ("ruamel.yaml", "/ruamel/"),
    ("yaml (PyYAML)", "/yaml/"),
    ("babel", "/babel/"),
    ("watchdog", "/watchdog/"),
)


PHASES = (
    ("whole build (mkdocs.commands.build.build)", "mkdocs/commands/build.py", "build"),
    ("loading mkdocs.yml and the plugins", "mkdocs/config/base.py", "load_config"),
    ("Markdown to HTML, every page (Python-Markdown)", "markdown/core.py", "convert"),
    ("writing each page: context, template, search entry, file (_build_page)", "mkdocs/commands/build.py", "_build_page"),
    ("  of which: page templates (Material's main.html etc., rendered by MkDocs)", "jinja2/environment.py", "render",
     "mkdocs/commands/build.py"),
    ("  of which: search plugin, parsing each page's HTML (on_page_context)", "material/plugins/search/plugin.py",
     "on_page_context"),
    ("search plugin, writing the index (on_post_build)", "material/plugins/search/plugin.py", "on_post_build"),
    ("hamstrings on_config (load and validate everything)", "build_tools/plugin.py", "on_config"),
    ("  of which: YAML parsing (ruamel.yaml load)", "ruamel/yaml/main.py", "load"),
    ("  of which: pydantic validation (model_validate)", "pydantic/main.py", "model_validate"),
    ("hamstrings on_files (render every data page)", "build_tools/plugin.py", "on_files"),
    ("  of which: figures (figures.figure_svg)", "build_tools/figures.py", "figure_svg"),
    ("hamstrings on_page_markdown (citations, inserts, abbreviations)", "build_tools/plugin.py", "on_page_markdown"),
    ("hamstrings on_post_build: search index merge", "build_tools/plugin.py", "_merge_search_index"),
    ("hamstrings on_post_build: caches and handout PDFs", "build_tools/plugin.py", "_save_caches_and_print"),
    ("hamstrings on_post_page (figures, handouts and cards into their slots)", "build_tools/plugin.py", "on_post_page"),
    ("hamstrings on_page_context", "build_tools/plugin.py", "on_page_context"),
)


def _phases(stats: pstats.Stats) -> list[dict[str, Any]]:
    """Cumulative time of the functions named in PHASES (only the calls from ``caller``, if one is given)."""
    rows = []
    for label, fragment, name, *caller in PHASES:
        calls, cum = 0, 0.0
        for (filename, _, func), (_, nc, _, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
            if func != name or not filename.endswith(fragment):
                continue
            if caller:
                for (caller_file, _, _), edge in callers.items():
                    if caller_file.endswith(caller[0]):
                        calls += edge[1]
                        cum += edge[3]
            else:
                calls += nc
                cum += ct
        if calls:
            rows.append({"phase": label, "calls": calls, "cumtime": cum})
    return rows


def profile_build(project: Path, site: Path, out: Path, top: int = 45) -> dict[str, Any]:
    prof = out.with_suffix(".prof")
    # Run from outside the project (with -f), so its copy of build_tools/ is not importable from the cwd.
    run_measured([sys.executable, "-m", "cProfile", "-o", str(prof), str(BIN / "mkdocs"), *mkdocs_build_cmd(site)[1:],
                  "--config-file", str(project / "mkdocs.yml")], project.parent, out.with_suffix(".log"))
    stats = pstats.Stats(str(prof))
    total = max(entry[3] for entry in stats.stats.values())  # type: ignore[attr-defined]  # the whole run
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~" and callers:
            # a C function (regex, str.join, ...): its time goes to the packages that called it
            edge_total = sum(edge[2] for edge in callers.values()) or 1.0
            for (caller_file, _, _), edge in callers.items():
                by_package[_package(caller_file)] += tottime * edge[2] / edge_total
        else:
            by_package[_package(filename)] += tottime
    # the project's own functions, cumulative
    own = []
    for (filename, line, func), (_, ncalls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "/build_tools/" in filename:
            own.append((cumtime, tottime, ncalls, f"{_short(filename)}:{line}({func})"))
    own.sort(reverse=True)
    with out.with_suffix(".txt").open("w") as handle:
        for key in ("cumulative", "tottime"):
            ps = pstats.Stats(str(prof), stream=handle)
            ps.strip_dirs().sort_stats(key).print_stats(top)
    top_cum = []
    ps = pstats.Stats(str(prof)).sort_stats("cumulative")
    for func in ps.fcn_list[:top]:  # type: ignore[attr-defined]
        cc, nc, tt, ct, _ = ps.stats[func]  # type: ignore[attr-defined]
        top_cum.append({"func": f"{_short(func[0])}:{func[1]}({func[2]})", "ncalls": nc, "tottime": tt, "cumtime": ct})
    return {
        "total": total,
        "phases": _phases(stats),
        "by_package": dict(sorted(by_package.items(), key=lambda kv: -kv[1])),
        "own": [{"func": f, "ncalls": n, "tottime": t, "cumtime": c} for c, t, n, f in own[:25]],
        "top": top_cum,
        "prof": str(prof.relative_to(ROOT)) if prof.is_relative_to(ROOT) else str(prof),
    }


def _package(filename: str) -> str:
    if filename.endswith(".j2") or "/build_tools/" in filename:
        return "build_tools"
    if filename.endswith(".html"):
        return "page templates (Material's and theme_overrides/, compiled Jinja)"
    label = next((name for name, marker in PACKAGES if marker in filename), None)
    if label:
        return label
    if filename == "~":
        return "C functions called from C"
    if "/lib/python3" in filename and "site-packages" not in filename or filename.startswith("<frozen"):
        return "python stdlib"
    return "other"


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/engine/", "/project/", str(ROOT) + "/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename


# ---------------------------------------------------------------------------------
# one size


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


def bench_size(n: int, runs: int, *, cold_runs: int, auto_runs: int, serve_edits: int, serve_plain_too: bool,
               workdir: Path, quiet: tuple[float, float] = (0, 0), profile: bool = False) -> dict[str, Any]:
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
    log(f"N = {n}: {info['exercises']} exercises, {info['routines']} routines, {md_pages} Markdown pages "
        f"(generated and checked in {info['generation_s']:.1f} s)")

    waited = wait_for_quiet(*quiet)
    load_before = os.getloadavg()
    jobs = {
        # cold: caches removed first, as in a fresh clone; warm: right after, with the caches it left
        "project": {"cmd": lambda hooks: instrumented_build_cmd(project, base / "site", hooks), "cwd": project,
                    "runs": min(runs, cold_runs), "before": lambda: clear_caches(project)},
        "project_warm": {"cmd": lambda hooks: instrumented_build_cmd(project, base / "site-warm", hooks),
                         "cwd": project, "runs": runs},
        "bare": {"cmd": mkdocs_build_cmd(base / "site-bare"), "cwd": bare, "runs": runs},
        "bare_auto": {"cmd": mkdocs_build_cmd(base / "site-bare-auto"), "cwd": bare_auto, "runs": min(runs, auto_runs)},
        "floor": {"cmd": [sys.executable, str(HERE), "_floor", str(bare / "docs"), str(base / "site-floor"),
                          json.dumps(markdown_extensions(project))], "cwd": base, "runs": runs},
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
    serve = measure_serve(project, info, serve_edits, logs, flags=make_serve_flags(), label="make serve") \
        if serve_edits else None
    serve_plain = None
    if serve_edits and serve_plain_too:
        serve_plain = measure_serve(project, info, serve_edits, logs, flags=["--livereload"], label="plain")
    return {
        "n": n, "info": {k: v for k, v in info.items() if k not in ("exercise_ids", "real_exercises")},
        "builds": builds, "own": own, "sizes": sizes, "floor_pages": floor_pages,
        "serve": serve, "serve_plain": serve_plain, "profile": prof,
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
        out[str(total)] = {"exercises": info["exercises"], "probe": probe, "exercise_html_median": median(exercise_pages),
                           "exercise_html_max": max(exercise_pages)}
        log(f"growth: {info['exercises']} exercises, {info['probe_id']} page {probe['html']} bytes")
        shutil.rmtree(base, ignore_errors=True)
    return out


# ---------------------------------------------------------------------------------
# report


def machine(ref: str | None) -> dict[str, Any]:
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
    for dist in ("mkdocs", "mkdocs-material", "markdown", "pymdown-extensions", "jinja2", "pydantic",
                 "ruamel.yaml", "ruamel.yaml.clib", "pyyaml"):
        try:
            versions[dist] = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            versions[dist] = "-"
    git: dict[str, Any] = {"ref": ref}
    try:
        git["head"] = subprocess.run(["git", "rev-parse", "--short", ref or "HEAD"], cwd=ROOT, capture_output=True,
                                     text=True).stdout.strip()
        status = subprocess.run(["git", "status", "--porcelain", "--", "build_tools", "mkdocs.yml", "theme_overrides",
                                 "exercises", "data", "content"],
                                cwd=ROOT, capture_output=True, text=True).stdout
        git["changes"] = len(status.splitlines())
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(), "affinity": len(os.sched_getaffinity(0)), "cpu": cpu, "ram": ram,
        "os": platform.platform(), "python": platform.python_version(), "versions": versions, "git": git,
    }


def fmt_s(stat: dict[str, Any] | None, digits: int = 2) -> str:
    if not stat:
        return "-"
    if stat["n"] == 1:
        return f"{stat['median']:.{digits}f}"
    return f"{stat['median']:.{digits}f} ({stat['min']:.{digits}f}-{stat['max']:.{digits}f})"


def kb(value: float) -> str:
    return f"{value / 1000:.1f} kB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**PASS**" if ok else "**FAIL**")


def evaluate(results: dict[str, Any]) -> list[tuple[str, str, str, bool | None]]:
    sizes = {r["n"]: r for r in results["sizes"]}
    rows: list[tuple[str, str, str, bool | None]] = []
    big = sizes.get(max(sizes)) if sizes else None
    big_label = f"N = {big['info']['exercises']} exercises" if big else ""
    if big and big["info"]["exercises"] >= 1000:
        bare_s = big["builds"]["bare"]["wall"]["median"]
        # The targets are for the build as it runs: with the caches the previous build left (make site, make
        # serve, CI with its cache). A first build on a fresh clone is reported beside them, not judged.
        for key, label, judged in (("project_warm", "with the previous build's caches", True),
                                   ("project", "first build, caches removed: not a target, for context", False)):
            project_s = big["builds"][key]["wall"]["median"]
            ratio = project_s / bare_s
            cpu_ratio = big["builds"][key]["cpu"]["median"] / big["builds"]["bare"]["cpu"]["median"]
            rows.append((f"full build ({label}) at most {TARGETS['build_ratio']}x bare Material + prune, same pages "
                         f"and navigation ({big_label})",
                         f"{project_s:.2f} s vs {bare_s:.2f} s wall (CPU time ratio {cpu_ratio:.2f}x)",
                         f"{ratio:.2f}x", (ratio <= TARGETS["build_ratio"]) if judged else None))
        for key, label, judged in (("project_warm", "with the previous build's caches", True),
                                   ("project", "first build: not a target", False)):
            b = big["builds"][key]
            added = b["own"]["median"] / bare_s
            rows.append((f"project's own work adds at most {TARGETS['own_share']:.0%} to the bare build "
                         f"({label}; {big_label})",
                         f"plugin handlers {b['own']['median']:.2f} s, over bare Material's {bare_s:.2f} s "
                         f"({b['share']['median']:.0%} of this build's own {b['wall']['median']:.2f} s)",
                         f"{added:.0%}", (added <= TARGETS["own_share"]) if judged else None))
        gz = big["sizes"]["search_gz"] / 1e6
        rows.append((f"search index at most {TARGETS['search_gz_mb']} MB gzipped ({big_label})",
                     f"{big['sizes']['search_raw'] / 1e6:.2f} MB raw", f"{gz:.2f} MB", gz <= TARGETS["search_gz_mb"]))
    else:
        rows.append(("targets at 1,000 exercises", "not measured in this run", "-", None))
    growth = results.get("growth") or {}
    if "40" in growth and "400" in growth:
        a, b = growth["40"]["probe"]["html"], growth["400"]["probe"]["html"]
        rows.append((f"exercise page HTML at most {TARGETS['page_growth']}x from 40 to 400 exercises",
                     f"{a} -> {b} bytes ({growth['40']['probe']['page']})", f"{b / a:.2f}x",
                     b / a <= TARGETS["page_growth"]))
    for n_label, key in (("100", "serve_100"), ("1000", "serve_1000")):
        match = [r for r in results["sizes"] if r["serve"] and abs(r["info"]["exercises"] - int(n_label)) <= 20]
        if match:
            s = match[0]["serve"]
            ok = s["edit"]["median"] <= TARGETS[key] and s["search_complete"]
            rows.append((f"edited page served within {TARGETS[key]} s under make serve, search complete "
                         f"(N = {match[0]['info']['exercises']} exercises)",
                         f"search lists {s['search_listed']}/{s['search_expected']} exercise pages",
                         f"{s['edit']['median']:.2f} s", ok))
    return rows


def write_report(results: dict[str, Any], path: Path) -> None:
    m = results["machine"]
    lines = [
        "# Build benchmark results",
        "",
        "Written by `benchmarks/bench.py`; rerun with `make bench`. Raw numbers and profiles: "
        "`benchmarks/out/` (not committed).",
        "",
        f"- Date: {results['date']}",
        f"- Machine: {m['nproc']} CPUs ({m['affinity']} usable), {m['cpu']}, {m['ram']} RAM; {m['os']}",
        f"- Python {m['python']}; " + ", ".join(f"{k} {v}" for k, v in m["versions"].items()),
        (f"- Project: a snapshot of commit {m['git'].get('head', '?')} (`--ref {m['git']['ref']}`), engine and data "
         "both from that commit" if m["git"].get("ref") else
         f"- Project: a snapshot, taken at the start, of the working tree on commit {m['git'].get('head', '?')}, "
         f"with {m['git'].get('changes', '?')} uncommitted changes in build_tools/, mkdocs.yml, theme_overrides/, "
         "exercises/, data/ or content/"),
        f"- Command: `{results['command']}` ({results['elapsed'] / 60:.1f} min in all)",
        "- Each timed build: `mkdocs build --strict --site-dir DIR` in its own process; wall and CPU time (`os.wait4`) "
        + ("and peak RSS (`/usr/bin/time -f %M`)" if TIME_BIN else
           "and peak RSS from `os.wait4` (an upper bound: it includes the harness's own size; install GNU time)")
        + ". Runs of the four builds are interleaved. Cells: median (min-max).",
        "",
        "N is the number of synthetic exercises added to the real ones; each is a real exercise file with a new id, "
        "a new name, the words of its summary, steps, cues, mistakes and 'feel it' line shuffled (so the "
        "text is not thirteen texts repeated, which would flatter gzip) and its figure's elbows bent a few degrees "
        "where the hands bear no weight (so every figure differs, and a cache keyed by figure data cannot hit "
        "across copies); N/10 synthetic routines use them. "
        "All pass `python -m build_tools --root DIR check`. Generation is not timed.",
        "",
        "## Full build",
        "",
        "Wall seconds. **project, cold** = `mkdocs build --strict` with the build's caches removed first (the "
        "first build on a fresh clone: every YAML file parsed, every figure drawn, every handout PDF printed); "
        "**warm** = the same build again right after, with the caches the cold build left in .cache/hamstrings "
        "(parsed YAML, figures, compiled templates, PDFs), as every later build has them, CI included (it keeps "
        "the folder with actions/cache). **bare** = bare Material with the same theme features (navigation.prune among them) and "
        "the project's navigation (exercise and routine pages not in the sidebar): the target's yardstick. "
        "**bare, auto nav** = the same but MkDocs' automatic navigation, every page in the sidebar.",
        "",
        "| N | exercises / routines / pages | project, cold | project, warm | bare | cold / bare | warm / bare | "
        "bare, auto nav | Python-Markdown floor | warm / floor |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        b = r["builds"]
        bare_s = b["bare"]["wall"]["median"]
        lines.append(
            f"| {r['n']} | {r['info']['exercises']} / {r['info']['routines']} / {r['info']['md_pages']} | "
            f"{fmt_s(b['project']['wall'])} | {fmt_s(b['project_warm']['wall'])} | {fmt_s(b['bare']['wall'])} | "
            f"{b['project']['wall']['median'] / bare_s:.2f}x | {b['project_warm']['wall']['median'] / bare_s:.2f}x | "
            f"{fmt_s(b['bare_auto']['wall'])} | {fmt_s(b['floor']['wall'])} | "
            f"{b['project_warm']['wall']['median'] / b['floor']['wall']['median']:.1f}x |"
        )
    handouts = [(r["n"], line) for r in results["sizes"] for key in ("project", "project_warm")
                for line in dict.fromkeys(r["builds"][key]["handouts"])]
    if handouts:
        lines += ["", "The plugin's own log of the handout PDFs in those builds:", ""]
        lines += [f"- N = {n}: {line}" for n, line in dict.fromkeys(handouts)]
    else:
        lines += ["", "No handout PDFs were printed in these builds (no Chromium found, or the plugin has no PDFs)."]
    lines += [
        "",
        "CPU seconds (user + system) are less disturbed by other work on the machine than wall time.",
        "",
        "| N | runs (auto nav) | CPU s: project, cold | warm | bare | cold / bare, CPU | warm / bare, CPU | "
        "project ms/page (warm, wall) | peak RSS MiB: project, cold | bare | bare, auto nav | floor |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        b = r["builds"]
        bare_cpu = b["bare"]["cpu"]["median"]
        lines.append(
            f"| {r['n']} | {b['project']['wall']['n']} ({b['bare_auto']['wall']['n']}) | {fmt_s(b['project']['cpu'])} | "
            f"{fmt_s(b['project_warm']['cpu'])} | {fmt_s(b['bare']['cpu'])} | "
            f"{b['project']['cpu']['median'] / bare_cpu:.2f}x | {b['project_warm']['cpu']['median'] / bare_cpu:.2f}x | "
            f"{1000 * b['project_warm']['wall']['median'] / r['info']['md_pages']:.1f} | "
            f"{fmt_s(b['project']['rss_mib'], 0)} | {fmt_s(b['bare']['rss_mib'], 0)} | "
            f"{fmt_s(b['bare_auto']['rss_mib'], 0)} | {fmt_s(b['floor']['rss_mib'], 0)} |"
        )
    lines += [
        "",
        "## The project's own work",
        "",
        "Time spent inside the plugin's event handlers during the project builds above (each run goes through "
        "`bench.py _hooks`, which makes the same `mkdocs build --strict` CLI call with every `on_*` handler "
        "timed): everything build_tools does in a build (loading, validating, rendering, figures, handout "
        "PDFs). Then `project.load` (read, validate, cross-check) and `render.render_pages` alone, in a fresh "
        "process (import of `build_tools` not included).",
        "",
        "| N | build | handlers, s | share of the build | handlers by event (median s) |",
        "|---:|---|---:|---:|---|",
    ]
    for r in results["sizes"]:
        for key, label in (("project", "cold"), ("project_warm", "warm")):
            b = r["builds"][key]
            events = ", ".join(f"{k} {v:.2f}" for k, v in sorted(b["events"].items(), key=lambda kv: -kv[1])
                               if v >= 0.005)
            share = b["share"]
            lines.append(f"| {r['n']} | {label} | {fmt_s(b['own'])} | {share['median']:.0%} "
                         f"({share['min']:.0%}-{share['max']:.0%}) | {events} |")
    lines += [
        "",
        "| N | import, s | load, s | render, s | load + render, s |",
        "|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        o = r["own"]
        lines.append(
            f"| {r['n']} | {fmt_s(o['import'])} | {fmt_s(o['load'])} | {fmt_s(o['render'])} | {fmt_s(o['total'])} |"
        )
    lines += [
        "",
        "## Page weight",
        "",
        "gzip at level 6. Transfer = the page plus its same-site CSS, JS and images, each gzipped (first visit, "
        "nothing cached).",
        "",
        "| N | HTML pages | median page | largest page: HTML / gzip | exercise page median | "
        "one exercise page: HTML / gzip | its transfer with assets, gzip | same page, bare auto nav | "
        "search index raw / gzip |",
        "|---:|---:|---:|---|---:|---:|---:|---:|---:|",
    ]
    for r in results["sizes"]:
        s = r["sizes"]
        p = s["probe"]
        lines.append(
            f"| {r['n']} | {s['pages']} | {kb(s['html_median'])} | {kb(s['html_largest'])} / "
            f"{kb(s['largest']['html_gz'])} ({s['largest_page']}) | "
            f"{kb(s['exercise_html_median'])} | {kb(p['html'])} / {kb(p['html_gz'])} | {kb(p['total_gz'])} "
            f"({len(p['assets'])} assets) | {kb(s['bare_auto_probe']['html'])} | "
            f"{kb(s['search_raw'])} / {kb(s['search_gz'])} |"
        )
    lines += ["", "One exercise page = `" + (results["sizes"][0]["sizes"]["probe"]["page"] if results["sizes"] else "")
              + "`, a real exercise, at every N. Its assets: "
              + (", ".join(f"`{a['path']}`" for a in results["sizes"][0]["sizes"]["probe"]["assets"])
                 if results["sizes"] else "") + "."]
    growth = results.get("growth") or {}
    if growth:
        lines += ["", "Growth with the catalogue (one build each):", "",
                  "| exercises | exercise page (HTML) | exercise page median | largest exercise page |",
                  "|---:|---:|---:|---:|"]
        for g in growth.values():
            lines.append(f"| {g['exercises']} | {g['probe']['html']} bytes ({g['probe']['page']}) | "
                         f"{g['exercise_html_median']:.0f} bytes | {g['exercise_html_max']} bytes |")
    serves = [r for r in results["sizes"] if r["serve"]]
    if serves:
        lines += [
            "",
            "## Live reload",
            "",
            "The server runs as `make serve` runs it (`" + (serves[0]["serve"]["command"] if serves[0]["serve"]
                                                             else "mkdocs serve") + " --dev-addr 127.0.0.1:PORT`, "
            "the options read from the Makefile, in the temporary copy). One exercise's summary is rewritten in "
            "place; the time runs from the write until the edited page, fetched over HTTP every 20 ms, shows the new "
            "text (MkDocs holds requests while it rebuilds). Then the same for the served search index. Afterwards "
            "the served search index must list every exercise page, each page's entries once. Under `--dirty` the "
            "plugin re-renders only the pages the edit can change, MkDocs rebuilds only those, the search index is "
            "merged page by page, and file changes come from the system's notifications instead of MkDocs' "
            "half-second polling (see build_tools/plugin.py). 'plain' is `mkdocs serve --livereload`, which "
            "rebuilds every page (`--serve-plain`).",
            "",
            "| N | server | start-up until first page, s | edits | edit -> page served, s | "
            "edit -> search index updated, s | exercise pages in search index |",
            "|---:|---|---:|---:|---:|---:|---|",
        ]
        for r in serves:
            for label, s in (("make serve", r["serve"]), ("plain", r.get("serve_plain"))):
                if not s:
                    continue
                lines.append(
                    f"| {r['n']} | {label} | {s['startup']:.2f} | {s['edit']['n']} | {fmt_s(s['edit'])} | "
                    f"{fmt_s(s['index'])} | {s['search_listed']} of {s['search_expected']}"
                    f"{'' if s['search_complete'] else ' (incomplete or repeated)'} |"
                )
    lines += ["", "## Targets (issue 9)", "", "| target | measured | value | verdict |", "|---|---|---:|---|"]
    for name, detail, value, ok in evaluate(results):
        lines.append(f"| {name} | {detail} | {value} | {verdict(ok)} |")
    prof = results.get("profile")
    if prof:
        total = prof["total"]
        lines += [
            "",
            f"## Where a build's time goes (cProfile, N = {prof['n']}, one build)",
            "",
            f"Own time (tottime) summed by package, with time in C functions (regular expressions, `str.join`...) "
            f"given to the package that called them; cProfile total {total:.1f} s (profiling slows Python code "
            f"2-3x, so use the shares). Full listing: `{prof['prof']}` and its `.txt` (not committed).",
            "",
            "| package | own time, s | share |",
            "|---|---:|---:|",
        ]
        for name, seconds in prof["by_package"].items():
            if seconds / total >= 0.005:
                lines.append(f"| {name} | {seconds:.2f} | {seconds / total:.0%} |")
        lines += ["", "By phase (cumulative time of the function that does it; phases overlap where indented):", "",
                  "| phase | calls | cumulative s | share |", "|---|---:|---:|---:|"]
        for row in prof.get("phases", []):
            lines.append(f"| {row['phase']} | {row['calls']} | {row['cumtime']:.2f} | {row['cumtime'] / total:.0%} |")
        lines += ["", "Top of the profile by cumulative time:", "", "| function | calls | own s | cumulative s |",
                  "|---|---:|---:|---:|"]
        for row in prof["top"][:30]:
            lines.append(f"| `{row['func']}` | {row['ncalls']} | {row['tottime']:.2f} | {row['cumtime']:.2f} |")
        lines += ["", "The project's own functions (build_tools) by cumulative time:", "",
                  "| function | calls | own s | cumulative s |", "|---|---:|---:|---:|"]
        for row in prof["own"][:15]:
            lines.append(f"| `{row['func']}` | {row['ncalls']} | {row['tottime']:.2f} | {row['cumtime']:.2f} |")
    lines += ["", "## Notes", ""]
    lines += [f"- {note}" for note in results["notes"]]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# ---------------------------------------------------------------------------------
# internal entry points (each runs in its own process)


def markdown_extensions(project: Path) -> dict[str, dict[str, Any]]:
    """The project's Markdown extensions and their options, as Python-Markdown takes them."""
    extensions: dict[str, dict[str, Any]] = {}
    for item in load_mkdocs_yml(project / "mkdocs.yml").get("markdown_extensions") or []:
        if isinstance(item, dict):
            (name, options), = item.items()
            extensions[name] = options or {}
        else:
            extensions[item] = {}
    return extensions


def _floor(src: str, out: str, extensions_json: str) -> None:
    """Render every .md under ``src`` with Python-Markdown alone (no MkDocs import), with the given extensions."""
    import markdown

    extensions = json.loads(extensions_json)
    md = markdown.Markdown(extensions=list(extensions), extension_configs=extensions)
    front = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)
    src_path, out_path = Path(src), Path(out)
    for path in sorted(src_path.rglob("*.md")):
        html_text = md.reset().convert(front.sub("", path.read_text(encoding="utf-8"), count=1))
        target = out_path / path.relative_to(src_path).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html_text, encoding="utf-8")


def _ownwork(root: str) -> None:
    t0 = time.perf_counter()
    from build_tools import project, render  # from PYTHONPATH (--ref) or the editable install

    config = load_mkdocs_yml(Path(root) / "mkdocs.yml")
    t1 = time.perf_counter()
    catalogue = project.load(Path(root), content_dir=config.get("docs_dir", "docs"))
    t2 = time.perf_counter()
    pages = render.render_pages(catalogue)
    t3 = time.perf_counter()
    print(json.dumps({"import": t1 - t0, "load": t2 - t1, "render": t3 - t2, "total": t3 - t1, "pages": len(pages)}))


def _hooks(root: str, site: str, out: str, *options: str) -> None:
    """Build with every ``on_*`` handler of the project's plugin(s) timed; ``--capture DIR`` also saves
    each page's final Markdown and the other files the site is built from (see ``capture_markdown``)."""
    capture = Path(options[1]).resolve() if options[:1] == ("--capture",) else None
    os.chdir(root)
    start = time.perf_counter()
    from mkdocs.__main__ import cli
    from mkdocs.plugins import BasePlugin, CombinedEvent

    import build_tools.plugin as plugin_module

    events: dict[str, float] = defaultdict(float)

    def wrap(name, func):
        def timed(*args, **kwargs):
            t = time.perf_counter()
            try:
                return func(*args, **kwargs)
            finally:
                events[name] += time.perf_counter() - t
        return timed

    def wrap_handler(name, func):
        if isinstance(func, CombinedEvent):  # several handlers under one event, each with its priority
            return CombinedEvent(*(wrap_handler(name, method) for method in func.methods))
        timed = wrap(name, func)
        if hasattr(func, "mkdocs_priority"):
            timed.mkdocs_priority = func.mkdocs_priority
        return timed

    for obj in list(vars(plugin_module).values()):
        if isinstance(obj, type) and issubclass(obj, BasePlugin) and obj.__module__ == plugin_module.__name__:
            for name, func in list(vars(obj).items()):
                if name.startswith("on_") and callable(func):
                    setattr(obj, name, wrap_handler(name, func))
            if capture is not None and hasattr(obj, "on_post_build"):
                obj.on_post_build = lambda self, **kwargs: None
    if capture is not None:
        _install_capture(capture)
    try:
        cli.main(["build", "--strict", "--site-dir", site], standalone_mode=False)
    finally:
        wall = time.perf_counter() - start
        Path(out).write_text(json.dumps({"events": events, "total": sum(events.values()), "build_wall": wall}))


def _install_capture(target: Path) -> None:
    """A last plugin that writes each page's final Markdown (and the site's other source files) to ``target``."""
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.plugins import BasePlugin, event_priority
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

    class Capture(BasePlugin):
        @event_priority(-100)  # after every other plugin's on_files
        def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
            docs_dir = Path(config.docs_dir).resolve()
            for file in files:
                if file.is_documentation_page():
                    continue
                in_docs = file.abs_src_path is not None and Path(file.abs_src_path).resolve().is_relative_to(docs_dir)
                if file.generated_by is not None or in_docs:
                    path = target / file.src_uri
                    path.parent.mkdir(parents=True, exist_ok=True)
                    path.write_bytes(file.content_bytes)
            return files

        @event_priority(-100)  # after every other plugin's on_page_markdown
        def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> None:
            # The project puts figures, handouts and cards into the finished page (render.fill_slots);
            # a bare Material page has them in its Markdown, so the baseline converts the same content.
            from build_tools import render

            project = config.plugins["hamstrings"]
            markdown = render.fill_slots(markdown, project.catalogue, project.site, page.file.src_uri)
            path = target / page.file.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            meta = json.dumps(page.meta, ensure_ascii=False, default=str)  # JSON is YAML
            path.write_text(f"---\n{meta}\n---\n\n{markdown}" if page.meta else markdown, encoding="utf-8")

    from mkdocs.config import config_options

    original = config_options.Plugins.run_validation

    def run_validation(self, value):
        plugins = original(self, value)
        plugins["bench-capture"] = Capture()
        return plugins

    config_options.Plugins.run_validation = run_validation


# ---------------------------------------------------------------------------------


def use_snapshot(ref: str | None, target: Path) -> None:
    """Take the project files and build_tools from a snapshot, so edits made during the run change nothing.

    ``ref``: ``git archive REF``; None: a copy of the working tree as it is now. Every process
    gets it on PYTHONPATH, which comes before the editable install.
    """
    global SRC
    if ref:
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    else:
        copy_project(target)
        shutil.copy2(ROOT / "Makefile", target / "Makefile")  # make serve's options
        if not (target / "build_tools").is_dir():
            shutil.copytree(ROOT / "build_tools", target / "build_tools",
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    SRC = target
    ENV["PYTHONPATH"] = str(target)
    sys.path.insert(0, str(target))
    log(f"benchmarking a snapshot of {ref or 'the working tree'} in {target}")


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv and argv[0] == "_floor":
        _floor(*argv[1:4])
        return 0
    if argv and argv[0] == "_ownwork":
        _ownwork(argv[1])
        return 0
    if argv and argv[0] == "_hooks":
        _hooks(*argv[1:])
        return 0

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10,100,1000", help="numbers of synthetic exercises, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each build (default 3)")
    parser.add_argument("--large-runs", type=int, default=None,
                        help="runs at N >= 1000 (default: same as --runs)")
    parser.add_argument("--cold-runs-large", type=int, default=1,
                        help="runs of the cold project build (every handout PDF printed) at N >= 1000 (default 1)")
    parser.add_argument("--auto-runs-large", type=int, default=1,
                        help="runs of the slow automatic-navigation baseline at N >= 1000 (default 1)")
    parser.add_argument("--serve-edits", type=int, default=3, help="edits timed under mkdocs serve (0: no serve)")
    parser.add_argument("--serve-plain", action="store_true",
                        help="also time plain `mkdocs serve --livereload` (every page rebuilt), for comparison")
    parser.add_argument("--growth", default="40,400", help="total exercise counts for the page-growth check ('' to skip)")
    parser.add_argument("--profile", action="store_true", help="profile one build at the largest N with cProfile")
    parser.add_argument("--quiet-load", type=float, default=0.0,
                        help="before each size, wait until the 1-minute load average is below this (0: don't wait)")
    parser.add_argument("--quiet-wait", type=float, default=600, help="longest wait for --quiet-load, seconds")
    parser.add_argument("--fast", action="store_true", help="smoke mode: 1 run, 1 serve edit, no growth check, no profile")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results.md",
                        help="the Markdown table (default benchmarks/results.md); raw JSON goes beside it, or to "
                        "benchmarks/out/results.json for the default")
    parser.add_argument("--keep", action="store_true", help="keep the temporary projects (path is printed)")
    parser.add_argument("--ref", help="benchmark a commit (e.g. HEAD) instead of the working tree: project files "
                        "and build_tools both come from a snapshot of it")
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
        "command": shlex.join([".venv/bin/python", "benchmarks/bench.py", *argv]),
        "machine": machine(args.ref), "sizes": [], "notes": [],
    }
    try:
        for n in sizes:
            runs = args.large_runs if (args.large_runs and n >= 1000) else args.runs
            auto_runs = args.auto_runs_large if n >= 1000 else runs
            cold_runs = args.cold_runs_large if n >= 1000 else runs
            results["sizes"].append(bench_size(n, runs, cold_runs=cold_runs, auto_runs=auto_runs,
                                               serve_edits=args.serve_edits, serve_plain_too=args.serve_plain,
                                               workdir=workdir, quiet=(args.quiet_load, args.quiet_wait),
                                               profile=args.profile and n == max(sizes)))
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
    runs_note = f"{args.runs} runs per build"
    if args.large_runs:
        runs_note += f", {args.large_runs} at N >= 1000"
    results["notes"] += [
        f"{runs_note}; the load average was "
        + ", ".join(f"{r['loadavg']['before'][0]:.1f} before and {r['loadavg']['after'][0]:.1f} after N = {r['n']}"
                    for r in results["sizes"])
        + " (others may be using this machine; compare columns measured side by side rather than absolute times).",
        "Bare Material: the same Markdown pages, captured from a project build after every plugin (generated pages, "
        "prose pages with citations and inserts expanded, abbreviations appended), with their front matter and "
        "with the figures, handouts and exercise cards written into the Markdown as HTML (the project puts those "
        "into the finished page instead, after Markdown and the search indexer: render.fill_slots), "
        "and the same other files (figures, PDF placeholders), as plain files in docs/; the same theme features (with navigation.prune), palette and Markdown extensions, "
        "search on; no hamstrings plugin, no custom_dir or extra CSS. 'bare' keeps the project's nav and "
        "not_in_nav; 'bare, auto nav' lets MkDocs list every page (the research anchors' about 6.6 s at 1,000 "
        "pages had pages in 100-page chapters and no navigation.sections; with navigation.sections every "
        "top-level section is always expanded, so prune does not help: all 1,000 exercise links land on every "
        "page).",
        "Floor: the same Markdown files rendered by Python-Markdown with the same extensions, front matter "
        "stripped, written as bare HTML; whole process (start-up included).",
        "Own work is the time inside the plugin's event handlers (everything build_tools does during a "
        "build: loading, validating, rendering, figures, slots, handout PDFs); the target compares it with the "
        "bare build's wall time ('adds at most 15% to it'), and its share of the project's own build is shown too. Handout PDFs are printed by Chromium in other processes "
        "while the handler waits, so they count as the handler's time. The peak RSS of a cold build includes "
        "Chromium's processes (GNU time reports the largest process in the tree).",
        f"Cold project builds: {args.runs} runs, {args.cold_runs_large} at N >= 1000 (each prints every handout "
        "PDF); the automatic-navigation baseline: "
        f"{args.auto_runs_large} run at N >= 1000. Live reload starts with the caches the builds left.",
    ]
    default_output = args.output.resolve() == (ROOT / "benchmarks" / "results.md").resolve()
    raw_path = OUT_DIR / "results.json" if default_output else args.output.with_suffix(".json")
    raw_path.parent.mkdir(parents=True, exist_ok=True)
    raw_path.write_text(json.dumps(results, indent=1, default=str))
    write_report(results, args.output)
    log(f"wrote {args.output} and {raw_path} in {results['elapsed'] / 60:.1f} min")
    return 0


if __name__ == "__main__":
    sys.exit(main())
