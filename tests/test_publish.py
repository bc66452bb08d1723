"""`make site` (``python -m build_tools site``): one build at a time, and site/ is always a whole build (issue 14, item 6)."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

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
    publish._swap(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]
    assert [p.name for p in (tmp_path / "site").iterdir()] == ["new.html"]


def test_a_link_in_place_of_site_is_replaced_by_the_build(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "site").symlink_to(tmp_path / "elsewhere")
    (tmp_path / publish.SCRATCH).mkdir()
    (tmp_path / publish.SCRATCH / "new.html").write_text("new")
    publish._swap(tmp_path)
    assert (tmp_path / "site").is_dir() and not (tmp_path / "site").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["elsewhere", "site"]


def test_a_site_left_in_site_old_by_a_crash_is_put_back(tmp_path: Path) -> None:
    (tmp_path / publish.OLD).mkdir()
    (tmp_path / publish.OLD / "index.html").write_text("last good")
    publish._recover(tmp_path)
    assert (tmp_path / "site" / "index.html").read_text() == "last good"
    assert not (tmp_path / publish.OLD).exists()


def test_empty_or_partial_pdfs_are_found(tmp_path: Path) -> None:
    (tmp_path / "a.pdf").write_bytes(b"")
    (tmp_path / "b.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 5000)
    (tmp_path / "c.pdf").write_bytes(b"%PDF-1.7\n" + b"x" * 5000 + b"\n%%EOF\n")
    assert publish.broken_pdfs(tmp_path) == ["a.pdf", "b.pdf"]
