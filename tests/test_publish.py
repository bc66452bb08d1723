"""`make site` (``python -m build_tools site``): one build at a time, and site/ is always a whole build (issue 14, item 6)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from build_tools import publish
from conftest import ROOT, mkdocs_build

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "SOURCE_DATE_EPOCH": "1700000000"}


def make_site(project: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "build_tools", "--root", str(project), "site"],
        cwd=project,
        env=ENV,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_the_makefile_builds_the_site_with_the_helper() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "\t$(BIN)/python -m build_tools site\n" in makefile


def test_two_make_site_at_once_both_succeed_and_leave_a_whole_site(mini: Path, tmp_path: Path) -> None:
    reference = tmp_path / "reference"
    assert mkdocs_build(mini, reference, env={"SOURCE_DATE_EPOCH": "1700000000"}).returncode == 0
    runs = [make_site(mini) for _ in range(2)]
    outputs = [run.communicate(timeout=300) for run in runs]
    for run, (_, err) in zip(runs, outputs, strict=False):
        assert run.returncode == 0, err[-3000:]
        assert "Traceback" not in err
    assert sum("waiting for it to finish" in err for _, err in outputs) == 1, [err for _, err in outputs]
    assert digests(mini / "site") == digests(reference)
    assert not (mini / publish.SCRATCH).exists() and not (mini / publish.OLD).exists()


def test_a_failed_build_leaves_the_last_site(mini: Path) -> None:
    first = make_site(mini)
    assert first.wait(timeout=300) == 0, first.communicate()[1]
    before = digests(mini / "site")
    bridge = mini / "exercises" / "bridge.yml"
    bridge.write_text(bridge.read_text(encoding="utf-8").replace("name:", "nmae:", 1), encoding="utf-8")
    failed = make_site(mini)
    _, err = failed.communicate(timeout=300)
    assert failed.returncode != 0 and "site/ is unchanged" in err
    assert digests(mini / "site") == before


@pytest.mark.parametrize("exchange", [True, False], ids=["one-step swap", "two renames"])
def test_the_swap_replaces_the_site_whole(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, exchange: bool) -> None:
    if not exchange:
        monkeypatch.setattr(publish, "_exchange", lambda a, b: False)
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "old.html").write_text("old")
    (tmp_path / publish.SCRATCH).mkdir()
    (tmp_path / publish.SCRATCH / "new.html").write_text("new")
    publish._swap(tmp_path / publish.SITE, tmp_path / publish.SCRATCH, tmp_path / publish.OLD)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["new.html"]


def test_a_link_in_place_of_site_is_replaced_by_the_build(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "elsewhere")
    (tmp_path / publish.SCRATCH).mkdir()
    (tmp_path / publish.SCRATCH / "new.html").write_text("new")
    publish._swap(tmp_path / publish.SITE, tmp_path / publish.SCRATCH, tmp_path / publish.OLD)
    assert (tmp_path / "site").is_dir() and not (tmp_path / "site").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "site"]


def test_a_site_left_in_site_old_by_a_crash_is_put_back(tmp_path: Path) -> None:
    (tmp_path / publish.OLD).mkdir()
    (tmp_path / publish.OLD / "index.html").write_text("last good")
    publish._recover(tmp_path / publish.SITE, tmp_path / publish.OLD)
    assert (tmp_path / "site" / "index.html").read_text() == "last good"
    assert not (tmp_path / publish.OLD).exists()


def test_empty_or_partial_pdfs_are_found(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF\n")
    assert publish.broken_pdfs(tmp_path) == ["a.pdf", "b.pdf"]


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.links: list[tuple[str, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is not None and (name == "href" or (name == "src" and tag in ("img", "script"))):
                self.links.append((tag, value))


def offline_link_problems(site: Path) -> tuple[int, list[str]]:
    """Every internal link of every page, checked as a browser opening the files from disk follows it."""
    checked, problems = 0, []
    for page in sorted(site.rglob("*.html")):
        if (
            page == site / "404.html"
        ):  # a server's answer for a missing page (its links are absolute): from disk there is none
            continue
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for tag, link in parser.links:
            parts = urlsplit(link)
            if parts.scheme or parts.netloc or not parts.path:  # another site, mailto:, or #on-this-page
                continue
            checked += 1
            target = (page.parent / unquote(parts.path)).resolve()
            where = f"{page.relative_to(site)}: {tag} {link}"
            if parts.path.endswith("/") or target.is_dir():
                problems.append(f"{where} (a folder: from disk it opens a file listing)")
            elif not target.is_file():
                problems.append(f"{where} (no such file)")
            elif tag == "a" and target.suffix not in (".html", ".pdf", ".svg", ".png", ".json", ".xml"):
                problems.append(f"{where} (not a page)")
    return checked, problems


def test_the_offline_build_links_every_page_to_its_html_file(mini: Path) -> None:
    """`python -m build_tools site --offline`: the pull-request preview, opened from disk."""
    done = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(mini), "site", "--offline"],
        cwd=mini,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    site = mini / publish.PREVIEW
    assert (site / "exercises" / "bridge.html").is_file() and not (mini / publish.SITE).exists()
    checked, problems = offline_link_problems(site)
    assert checked > 100 and problems == []
    exercises = (site / "exercises" / "index.html").read_text(encoding="utf-8")
    assert 'href="bridge.html"' in exercises  # the cards (a slot filled after the build) too


def test_the_link_check_finds_folder_links(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text('<a href="a/">folder</a><a href="b.html">missing</a><a href="#x">here</a>')
    checked, problems = offline_link_problems(tmp_path)
    assert checked == 2 and len(problems) == 2
