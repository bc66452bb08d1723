"""Shared fixtures: paths, a writable copy of the mini fixture project, one real-site build, and for
the quality gates a served site, one Chromium per module and the Node tools in node_modules/."""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from build_tools import printing

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
BIN = Path(sys.executable).parent
TEST_SITE_URL = "https://hamstrings.test/"
"""The public address the tests build with: .test is reserved (RFC 6761), so it can never be real."""


def mkdocs_build(
    project: Path, site_dir: Path, *extra: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``mkdocs build --strict`` as a user would, in its own process (``env`` adds variables)."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", **(env or {})}
    return subprocess.run(
        [str(BIN / "mkdocs"), "build", "--strict", "--site-dir", str(site_dir), *extra],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """A fresh, writable copy of the small valid fixture project."""
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


@pytest.fixture(scope="session")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real project built once, strictly, into a temporary folder, with a public address
    (SITE_URL, on a reserved test domain) so the handouts carry their QR codes."""
    site = tmp_path_factory.mktemp("real") / "site"
    result = mkdocs_build(ROOT, site, env={"SITE_URL": TEST_SITE_URL})
    assert result.returncode == 0, result.stderr
    return site


# -- quality gates (issue 7): tools outside pip, a served site, one browser ------------------

NODE_MODULES = ROOT / "node_modules"
CHROMIUM = printing.find_chromium()
CHROMIUM_ARGS = printing.CHROMIUM_ARGS


def require_tool(found: object, what: str, how: str) -> None:
    """Skip when a tool outside pip is missing, except in CI (CI=true), where that is a failure."""
    if found:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing in CI: .ci/run must install it ({how})")
    pytest.skip(f"{what} is not installed ({how})")


def node_module(relative: str) -> Path:
    """A file inside node_modules/ (from `npm ci --ignore-scripts`); skip or fail when absent."""
    path = NODE_MODULES / relative
    require_tool(path.is_file(), f"node_modules/{relative}", "make node_modules")
    return path


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on a free port of 127.0.0.1 in a thread; yields the base URL (ending in /)."""
    handler = functools.partial(QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site_url(real_site: Path) -> Iterator[str]:
    """The real site served once per test module on 127.0.0.1."""
    with serve(real_site) as url:
        yield url


@pytest.fixture(scope="module")
def chromium():
    """One headless system Chromium per test module (Playwright); skipped without it, except in CI."""
    require_tool(CHROMIUM, "Chromium", "apt-get install chromium")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="module")
def browser(chromium):
    """The module's Chromium, under the name the reader-facing tests use."""
    return chromium


@pytest.fixture(scope="module")
def base_url(site_url: str) -> str:
    """The served real site, under the name the reader-facing tests use."""
    return site_url


def site_pages(site: Path) -> list[str]:
    """Every *.html file of a built site as the URL path a browser asks for, home first."""
    paths = []
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site).as_posix()
        paths.append(rel[: -len("index.html")] if rel == "index.html" or rel.endswith("/index.html") else rel)
    return sorted(paths, key=lambda p: (p != "", p))
