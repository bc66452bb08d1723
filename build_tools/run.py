"""``python -m build_tools serve`` and ``test``: what ``make serve`` and ``make test`` run, on any platform.

Beside the flow: the Makefile calls these too, so the options live here once. Both run a
tool of the current Python (``python -m mkdocs``, ``python -m pytest``) in a child process
with the project's environment: the build's dates from the last commit
(``SOURCE_DATE_EPOCH``, as the Makefile sets it) and MkDocs' notice about its next major
version switched off. Nothing here needs ``make``, a POSIX shell or a terminal beyond the one
command, so the same words work on Windows, macOS, Linux and in a Codespace.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

DEV_ADDR = "127.0.0.1:8000"
"""Where the preview is served: the port .devcontainer/devcontainer.json forwards."""
SERVE_OPTIONS = ("--dirty", "--livereload")
"""Rebuild only what changed, and reload the page in the browser when it has."""
FALLBACK_EPOCH = "1735689600"
"""1 January 2025: the build's date outside a git checkout (the Makefile's fallback too)."""


def project_env(root: Path) -> dict[str, str]:
    """The environment the Makefile gives every command, for a child process."""
    env = dict(os.environ)
    env.setdefault("NO_MKDOCS_2_WARNING", "1")
    env.setdefault("DISABLE_MKDOCS_2_WARNING", "true")
    if "SOURCE_DATE_EPOCH" not in env:
        env["SOURCE_DATE_EPOCH"] = _last_commit_time(root) or FALLBACK_EPOCH
    return env


def _last_commit_time(root: Path) -> str | None:
    try:
        done = subprocess.run(
            ["git", "log", "-1", "--format=%ct"], cwd=root, capture_output=True, text=True, timeout=30, check=False
        )
    except OSError:  # no git on this machine
        return None
    stamp = done.stdout.strip()
    return stamp if done.returncode == 0 and stamp.isdigit() else None


def serve_command(dev_addr: str = DEV_ADDR) -> list[str]:
    return [sys.executable, "-m", "mkdocs", "serve", *SERVE_OPTIONS, "--dev-addr", dev_addr]


def serve(root: Path, dev_addr: str = DEV_ADDR) -> int:
    """Preview the site with live reload until Ctrl+C."""
    print(f"Preview at http://{dev_addr}/ (stop with Ctrl+C)", flush=True)
    try:
        return subprocess.run(serve_command(dev_addr), cwd=root, env=project_env(root), check=False).returncode
    except KeyboardInterrupt:
        return 0


def test(root: Path, pytest_args: Sequence[str] = ()) -> int:
    """The test suite (or the tests ``pytest_args`` choose, e.g. ``-k loader``)."""
    command = [sys.executable, "-m", "pytest", *pytest_args]
    return subprocess.run(command, cwd=root, env=project_env(root), check=False).returncode
