"""Live reload: ``mkdocs serve`` on the temporary project, one exercise edited, timed until the page is served.

``measure_serve`` starts the server with the options ``make serve`` uses (read from the Makefile
by ``make_serve_flags``, or plain ``--livereload`` for ``--serve-plain``), rewrites one exercise's
summary in place and polls the page and the search index over HTTP until both show the edit;
afterwards the served index must list every exercise page once. Called by ``run.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import shlex
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from io import StringIO
from pathlib import Path
from typing import Any

from .common import BIN, ENV, log, summary, yaml_rt


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
    buffer = StringIO()
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")  # in place, as an editor saves


def make_serve_flags() -> list[str]:
    """The options ``make serve`` passes to ``mkdocs serve``: ``build_tools.run.SERVE_OPTIONS``, the one
    home the Makefile (``python -m build_tools serve``) uses too, so the two cannot drift."""
    from build_tools.run import SERVE_OPTIONS

    return list(SERVE_OPTIONS)


def measure_serve(
    project: Path, info: dict[str, Any], edits: int, logs: Path, *, flags: list[str], label: str
) -> dict[str, Any]:
    """Start ``mkdocs serve FLAGS``, edit one exercise ``edits`` times, time each until served."""
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    page_url = f"{base}/exercises/{info['edit_id']}/"
    cmd = [str(BIN / "mkdocs"), "serve", *flags, "--dev-addr", f"127.0.0.1:{port}"]
    log_file = (logs / f"serve-{label}.log").open("w")
    start = time.perf_counter()
    # SIGINT back to its default in the server: a harness started in the background (nohup, &) ignores it, and
    # the child would inherit that, so MkDocs could never shut down cleanly and remove its temporary site.
    process = subprocess.Popen(
        cmd,
        cwd=project,
        env=ENV,
        stdout=log_file,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
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
            log(f"  {label} edit {k + 1}/{edits}: page {times[-1]:.2f} s, search index {index_times[-1]:.2f} s")
            time.sleep(1.2)  # let the watcher go quiet before the next edit
        status, index = http_get(f"{base}/search/search_index.json")
        listed = exercise_pages_in_index(index) if status == 200 else set()
        locations = [d["location"] for d in json.loads(index)["docs"]] if status == 200 else []
        duplicates = len(locations) - len(set(locations))
        expected = set(info["exercise_ids"])
        result.update(
            edit=summary(times),
            index=summary(index_times),
            search_listed=len(listed & expected),
            search_expected=len(expected),
            search_duplicates=duplicates,
            search_complete=expected <= listed and duplicates == 0,
        )
    finally:
        try:
            os.kill(process.pid, signal.SIGINT)  # MkDocs shuts down and removes its temporary site
            process.wait(timeout=20)
        except (ProcessLookupError, subprocess.TimeoutExpired):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        log_file.close()
    return result
