"""`make serve` as an editor uses it: `mkdocs serve --dirty`, an edit, the page and the search index."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from build_tools import run
from build_tools.internals import use_native_watcher as _use_native_watcher
from conftest import mkdocs_build


def _get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, ""
    except (urllib.error.URLError, ConnectionError):
        return 0, ""


def _wait_for(url: str, text: str, timeout: float = 30) -> float:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        status, body = _get(url)
        if status == 200 and text in body:
            return time.perf_counter() - start
        time.sleep(0.05)
    raise AssertionError(f"{url} did not show {text!r} within {timeout} s")


def _wait_for_any(url: str, text: str, timeout: float = 30) -> None:
    """Like ``_wait_for``, but an error page (503) counts too."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        try:
            if text in _fetch(url, timeout=5)[1]:
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"{url} did not show {text!r} within {timeout} s")


def _edit(path: Path, pattern: str, replacement: str) -> None:
    text = path.read_text(encoding="utf-8")
    new = re.sub(pattern, replacement, text, count=1, flags=re.MULTILINE)
    assert new != text
    path.write_text(new, encoding="utf-8")


@pytest.fixture
def served(mini: Path):
    with _serving(mini, "Mini") as found:
        yield found


@contextlib.contextmanager
def _serving(mini: Path, ready: str) -> Iterator[tuple[str, Path, Path]]:
    """`make serve` in ``mini``, once its home page shows ``ready``: the address, the project and the log."""
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("plugins:\n", "plugins:\n  - search\n", 1), encoding="utf-8"
    )
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log = (mini / "serve.log").open("w")
    process = subprocess.Popen(
        run.serve_command(f"127.0.0.1:{port}"),  # what `make serve` runs
        cwd=mini,
        env=run.project_env(mini),
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_for_any(f"{base}/", ready, timeout=60)
        time.sleep(0.5)
        yield base, mini, mini / "serve.log"
    finally:
        os.killpg(process.pid, signal.SIGINT)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        log.close()


def _search_pages(base: str) -> dict[str, list[dict]]:
    status, body = _get(f"{base}/search/search_index.json")
    assert status == 200
    pages: dict[str, list[dict]] = {}
    for entry in json.loads(body)["docs"]:
        pages.setdefault(entry["location"].split("#")[0], []).append(entry)
    return pages


def test_make_serve_rebuilds_what_an_edit_changes_and_keeps_search_complete(served, tmp_path: Path) -> None:
    base, project, log = served
    before = _search_pages(base)
    assert {"exercises/bridge/", "exercises/stretch/", "routines/starter/", "references/"} <= set(before), set(before)

    # An exercise: its page, and the search index with it, every other page still there once.
    _edit(project / "exercises" / "bridge.yml", r"^summary:.*$", "summary: Edited for the serve test, token qx7.")
    _wait_for(f"{base}/exercises/bridge/", "token qx7")
    _wait_for(f"{base}/search/search_index.json", "token qx7")
    after = _search_pages(base)
    assert set(after) == set(before)
    for url, entries in after.items():
        assert [e["location"] for e in entries] == [e["location"] for e in before[url]], url
    assert "token qx7" in json.dumps(after["exercises/bridge/"])
    _assert_serves_a_fresh_build(base, project, tmp_path)

    # A routine's new name shows on its page and on the hand-written home page that lists it.
    _edit(project / "data" / "routines" / "starter.yml", r"^name:.*$", "name: Renamed starter qz9")
    _wait_for(f"{base}/routines/starter/", "Renamed starter qz9")
    _wait_for(f"{base}/", "Renamed starter qz9")

    # A source's new title reaches the pages that cite it through an exercise's dose.
    _edit(project / "data" / "sources" / "source-a.yml", r"^title:.*$", "title: Retitled source qw3")
    _wait_for(f"{base}/references/", "Retitled source qw3")
    _wait_for(f"{base}/exercises/bridge/", "Retitled source qw3")

    # An exercise's summary shows only on its page and in its card on the Exercises page (a slot
    # filled in the finished page): the served pages and search index equal a fresh build.
    _edit(project / "exercises" / "stretch.yml", r"^summary:.*$", "summary: Card summary edited, token kv5.")
    _wait_for(f"{base}/exercises/stretch/", "token kv5")
    _assert_serves_a_fresh_build(base, project, tmp_path)

    # A glossary definition is a tooltip on every page; a pose angle changes only the drawings.
    _edit(
        project / "data" / "glossary" / "hamstrings.yml",
        r"^definition:.*$",
        "definition: Muscles at the back of the thigh, token gl4.",
    )
    _edit(project / "exercises" / "stretch.yml", r"^      hip: 45$", "      hip: 50")
    _wait_for(f"{base}/glossary/", "token gl4")
    _assert_serves_a_fresh_build(base, project, tmp_path)

    # Reading files while building must not look like an edit: the server goes quiet.
    time.sleep(1.0)
    rebuilds = log.read_text().count("Detected file changes")
    time.sleep(2.0)
    assert log.read_text().count("Detected file changes") == rebuilds
    assert "Traceback" not in log.read_text()


COMPARED = [
    "",
    "exercises/",
    "exercises/bridge/",
    "exercises/stretch/",
    "routines/",
    "routines/starter/",
    "search/search_index.json",
]
"""The pages an edit above changes, the Exercises page and the home page among them, and the search index."""


def _assert_serves_a_fresh_build(base: str, project: Path, tmp_path: Path, timeout: float = 30) -> None:
    """Once the rebuild settles, what the server serves is what ``mkdocs build`` makes from the same files."""
    fresh = tmp_path / "fresh"
    shutil.rmtree(fresh, ignore_errors=True)
    shutil.copytree(project, fresh / "project", ignore=shutil.ignore_patterns(".cache", "serve.log"))
    config = fresh / "project" / "mkdocs.yml"  # as `mkdocs serve` sets it
    config.write_text(
        re.sub(r"^site_url:.*$", f"site_url: {base}/", config.read_text(encoding="utf-8"), flags=re.M), encoding="utf-8"
    )
    result = mkdocs_build(fresh / "project", fresh / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    expected = {
        path: _without_policy(
            (fresh / "site" / (path if path.endswith(".json") else f"{path}index.html")).read_text("utf-8")
        )
        for path in COMPARED
    }
    start, served = time.perf_counter(), {}
    while time.perf_counter() - start < timeout:
        served = {path: _without_policy(_without_livereload(_get(f"{base}/{path}")[1])) for path in COMPARED}
        if served == expected:
            return
        time.sleep(0.2)
    stale = [path or "(home)" for path in COMPARED if served.get(path) != expected[path]]
    if "search/search_index.json" in stale:
        fresh_pages = {e["location"] for e in json.loads(expected["search/search_index.json"])["docs"]}
        served_pages = {e["location"] for e in json.loads(served["search/search_index.json"])["docs"]}
        stale.append(
            f"search: missing {sorted(fresh_pages - served_pages)}, extra {sorted(served_pages - fresh_pages)}"
        )
    raise AssertionError(f"after {timeout} s the server still differs from a fresh build: {stale}")


def _without_policy(page: str) -> str:
    """The page without its Content-Security-Policy: under serve it must also allow the live-reload script."""
    return re.sub(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">', "", page, count=1)


def _without_livereload(page: str) -> str:
    """The page as built: `mkdocs serve` adds its live-reload script before </body>."""
    return re.sub(r"<script>(?:(?!</script>).)*livereload(?:(?!</script>).)*</script>(?=</body>)", "", page, flags=re.S)


def test_after_the_first_build_is_frozen_later_garbage_is_still_collected() -> None:
    import gc
    import weakref

    from build_tools.serve import memory

    class Node:
        other: object = None

    try:
        first = Node()
        first.other = first  # a cycle alive at the freeze: kept out of the full passes from now on
        memory.freeze_first_build()
        assert gc.get_freeze_count() > 0
        later = Node()
        later.other = later  # a cycle made by a later build, then dropped
        gone = weakref.ref(later)
        del later
        gc.collect()
        assert gone() is None, "what later builds drop is still reclaimed"
        dropped = weakref.ref(first)
        del first
        gc.collect()
        assert dropped() is not None, "a cycle of the first build, dropped later, is not (once, at most one build)"
    finally:
        gc.unfreeze()


def test_native_watcher_replaces_polling_and_keeps_every_watch(tmp_path: Path) -> None:
    """The swap relies on LiveReloadServer's internals in MkDocs 1.6.1: fail here if they change."""
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    server.watch(str(tmp_path / "a"))
    server.watch(str(tmp_path / "b"))
    assert isinstance(server.observer, PollingObserver)
    _use_native_watcher(server)
    assert not isinstance(server.observer, PollingObserver)
    assert set(server._watched_paths) == {str(tmp_path / "a"), str(tmp_path / "b")}
    assert len(server.observer.emitters) == 2 and len(server._watch_refs) == 2
    assert not server.observer.is_alive()  # serve() starts it


def _fetch(url: str, timeout: float = 2) -> tuple[int, str, float]:
    """Status, body and seconds taken; an error status still gives its body (the error page is a 503)."""
    start = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8"), time.perf_counter() - start
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8"), time.perf_counter() - start


def _figure(page: str) -> str:
    found = re.search(r'<svg[^>]*class="hs-fig".*?</svg>', page, flags=re.S)
    assert found, "the page has no figure"
    return found.group(0)


def test_a_figure_only_edit_shows_in_the_served_page(served, tmp_path: Path) -> None:
    """Changing one joint angle changes only the drawing (a slot filled in the finished page): the pages
    are not built again, their kept HTML gets the new drawing, and what is served equals a fresh build."""
    base, project, log = served
    url = f"{base}/exercises/stretch/"
    before = _figure(_get(url)[1])
    thumbnail = _get(f"{base}/assets/figures/stretch.svg")[1]
    _edit(project / "exercises" / "stretch.yml", r"^      shoulder: 60$", "      shoulder: 50")
    start, seconds = time.perf_counter(), None
    while time.perf_counter() - start < 30:
        status, page = _get(url)
        if status == 200 and _figure(page) != before:
            seconds = time.perf_counter() - start
            break
        time.sleep(0.05)
    assert seconds is not None, "the served figure never changed after the angle edit"
    print(f"\nfigure-only edit served after {seconds:.2f} s")  # shown with pytest -s
    assert _get(f"{base}/assets/figures/stretch.svg")[1] != thumbnail  # the Exercises page's card
    assert re.search(r"Only figures changed in \d+ page\(s\)", log.read_text()), "the pages were built again"
    _assert_serves_a_fresh_build(base, project, tmp_path)
    assert "Traceback" not in log.read_text()


def test_broken_data_shows_an_error_page_that_goes_away_when_fixed(served) -> None:
    base, project, log = served
    page_url = f"{base}/exercises/bridge/"
    stylesheet = re.search(
        r'<link rel="stylesheet" href="\.\./\.\./(assets/stylesheets/main[^"]+\.css)"', _get(page_url)[1]
    )
    assert stylesheet, "no stylesheet link on the page"
    css_url = f"{base}/{stylesheet.group(1)}"
    bridge = project / "exercises" / "bridge.yml"
    good = bridge.read_text(encoding="utf-8")
    line = next(i for i, text in enumerate(good.splitlines(), start=1) if text.startswith("level:"))

    for attempt in (1, 2):  # the same mistake twice: the terminal shows its details both times
        bridge.write_text(good.replace("level: beginner", "level: <b>expert</b>", 1), encoding="utf-8")
        start = time.perf_counter()
        while True:
            status, body, seconds = _fetch(page_url)
            assert seconds < 2, f"the page took {seconds:.1f} s to answer"
            if status == 503:
                break
            assert time.perf_counter() - start < 30, "no error page 30 s after breaking the data"
            time.sleep(0.1)
        assert f"exercises/bridge.yml:{line}:" in body
        assert "&lt;b&gt;expert&lt;/b&gt;" in body and "<b>expert</b>" not in body  # escaped, no live markup
        assert "livereload(" in body  # MkDocs' script, so the page comes back by itself
        css_status, css, css_seconds = _fetch(css_url)
        assert css_status == 200 and css_seconds < 2 and ".md-typeset" in css
        assert _wait_for_count(log, f"exercises/bridge.yml:{line}:", attempt)

        bridge.write_text(good, encoding="utf-8")
        _wait_for(page_url, "bridge")
        status, body, _ = _fetch(page_url)
        assert status == 200 and "in the data</h1>" not in body


def _wait_for_count(log: Path, text: str, count: int, timeout: float = 10) -> bool:
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if log.read_text().count(text) >= count:
            return True
        time.sleep(0.1)
    raise AssertionError(f"the terminal showed {text!r} fewer than {count} times:\n{log.read_text()[-3000:]}")


def test_serve_started_with_broken_data_shows_the_problems_then_the_site(mini: Path) -> None:
    """An editor who starts `make serve` with a mistake in a file gets a preview that says what it is."""
    bridge = mini / "exercises" / "bridge.yml"
    good = bridge.read_text(encoding="utf-8")
    bridge.write_text(good.replace("kind: strengthen", "kind: strong", 1), encoding="utf-8")
    with _serving(mini, "in the data") as (base, _project, log):
        status, body, seconds = _fetch(f"{base}/exercises/bridge/")
        assert status == 503 and seconds < 2 and "exercises/bridge.yml:3:7</code>" in body and "kind: strong" in body
        assert _fetch(f"{base}/")[0] == 503  # every page, the ones built without the data too
        bridge.write_text(good, encoding="utf-8")
        _wait_for(f"{base}/exercises/bridge/", "Bridge")
        _wait_for(f"{base}/exercises/", "Bridge")
        assert "Traceback" not in log.read_text()
