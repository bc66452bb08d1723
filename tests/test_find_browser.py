"""Handouts print wherever a clinician has a Chromium-based browser (issue 17 section 7)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from build_tools import printing
from conftest import mkdocs_build


def _fake(path: Path) -> str:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return os.fspath(path)


def test_chrome_path_wins(tmp_path: Path) -> None:
    assert printing.find_chromium({"CHROME_PATH": "/opt/browser", "PATH": ""}) == "/opt/browser"


def test_chrome_and_edge_are_found_on_the_path(tmp_path: Path) -> None:
    edge = _fake(tmp_path / "bin" / "msedge")
    assert printing.find_chromium({"PATH": os.fspath(tmp_path / "bin")}) == edge
    chrome = _fake(tmp_path / "bin" / "google-chrome")
    assert printing.find_chromium({"PATH": os.fspath(tmp_path / "bin")}) == chrome  # Chrome before Edge


def test_windows_install_folders_are_searched(tmp_path: Path) -> None:
    edge = _fake(tmp_path / "Program Files (x86)" / "Microsoft" / "Edge" / "Application" / "msedge.exe")
    environ = {"PATH": "", "PROGRAMFILES(X86)": os.fspath(tmp_path / "Program Files (x86)")}
    assert printing.find_chromium(environ) == edge
    assert printing.find_chromium({"PATH": ""}) in (None, *printing._install_paths({}))


def test_without_a_browser_the_build_warns_how_to_install_one_and_still_succeeds(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace('pdf: "off"', 'pdf: "auto"'))
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    for name in ("mkdocs",):  # the build itself must still be found
        (empty / name).symlink_to(Path(os.sys.executable).parent / name)
    result = mkdocs_build(mini, tmp_path / "site", env={"PATH": os.fspath(empty), "CHROME_PATH": ""})
    assert result.returncode == 0, result.stderr
    assert "WARNING -  hamstrings: No Chromium, Chrome or Edge found" in result.stderr
    assert "apt-get install chromium" in result.stderr and "CHROME_PATH" in result.stderr
