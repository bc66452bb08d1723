"""The browser's version is asked once per executable and kept; the fonts' fingerprint follows the font files."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from build_tools import print_environment


def fake_browser(folder: Path, version: str) -> Path:
    """A script that prints ``version`` like ``chromium --version`` and counts how often it is asked."""
    script = folder / "chromium"
    script.write_text(f'#!/bin/sh\necho asked >> "{folder / "asked"}"\necho "{version}"\n')
    script.chmod(0o755)
    return script


@pytest.mark.skipif(os.name != "posix", reason="the fake browser is a shell script")
def test_the_version_is_asked_once_per_executable_and_kept_in_the_cache(tmp_path: Path) -> None:
    browser = fake_browser(tmp_path, "Chromium 156.0.1")
    memo = tmp_path / "cache"
    memo.mkdir()
    assert print_environment.browser_version(os.fspath(browser), memo) == "Chromium 156.0.1"
    # The next build: the answer comes from the cache folder.
    assert print_environment.browser_version(os.fspath(browser), memo) == "Chromium 156.0.1"
    assert (tmp_path / "asked").read_text().count("asked") == 1
    first = print_environment.fingerprint(os.fspath(browser), memo)
    fake_browser(tmp_path, "Chromium 157.0.22")  # an upgrade replaces the executable
    assert print_environment.browser_version(os.fspath(browser), memo) == "Chromium 157.0.22"
    assert print_environment.fingerprint(os.fspath(browser), memo) != first


def test_the_font_fingerprint_changes_with_a_font_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    font = tmp_path / "Extra.ttf"
    font.write_bytes(b"\0" * 100)
    listed = [f"{tmp_path / 'Base.ttf'}|Base|Regular"]
    monkeypatch.setattr(print_environment, "_fontconfig_fonts", lambda: listed)
    before = print_environment.font_fingerprint()
    listed.append(f"{font}|Extra|Regular")  # a font installed
    installed = print_environment.font_fingerprint()
    assert installed != before
    font.write_bytes(b"\0" * 200)  # the same font file replaced by another version
    assert print_environment.font_fingerprint() != installed


def test_without_fontconfig_the_font_folders_are_listed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "A.ttf").write_bytes(b"a")
    monkeypatch.setattr(print_environment, "_fontconfig_fonts", lambda: None)
    monkeypatch.setattr(print_environment, "FONT_FOLDERS", (os.fspath(tmp_path),))
    before = print_environment.font_fingerprint()
    (tmp_path / "B.otf").write_bytes(b"b")
    assert print_environment.font_fingerprint() != before
