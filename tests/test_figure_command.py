"""`python -m build_tools figure exercises/<id>.yml`: the figure as SVG and PNG, and its pose checks in plain words."""

from __future__ import annotations

import re
import struct
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import CHROMIUM


def figure(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(project), "figure", *args],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=120,
    )


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


@pytest.mark.skipif(CHROMIUM is None, reason="the PNG is a Chromium screenshot")
def test_a_good_figure_is_written_as_svg_and_png(mini: Path, tmp_path: Path) -> None:
    done = figure(mini, "exercises/stretch.yml", "--out", str(tmp_path / "out"))
    assert done.returncode == 0, done.stderr
    svg = (tmp_path / "out" / "stretch.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'class="hs-fig' in svg and "<title" in svg
    width, height = png_size(tmp_path / "out" / "stretch.png")
    view_width, view_height = map(float, re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    assert abs(width - 2 * view_width) <= 2 and abs(height / width - view_height / view_width) < 0.05
    assert "exercises/stretch.yml: no problems" in done.stdout


def test_a_pose_problem_is_printed_with_the_angle_to_change(mini: Path, tmp_path: Path) -> None:
    stretch = mini / "exercises" / "stretch.yml"
    stretch.write_text(stretch.read_text(encoding="utf-8").replace("other_hip: -2", "other_hip: 30", 1), "utf-8")
    line = next(i for i, t in enumerate(stretch.read_text().splitlines(), 1) if "other-heel: floor" in t)
    done = figure(mini, str(stretch), "--out", str(tmp_path / "out"))
    assert done.returncode == 1
    assert f"exercises/stretch.yml:{line}:" in done.stdout
    assert "figure.poses.0.contacts.other-heel" in done.stdout and "change other_hip from 30 to about -2" in done.stdout
    assert (tmp_path / "out" / "stretch.svg").is_file()  # drawn anyway, to show what the message means


def test_a_file_that_does_not_validate_is_not_drawn(mini: Path, tmp_path: Path) -> None:
    stretch = mini / "exercises" / "stretch.yml"
    stretch.write_text(stretch.read_text(encoding="utf-8").replace("knee: 0", "knee: 400", 1), "utf-8")
    done = figure(mini, "exercises/stretch.yml", "--out", str(tmp_path / "out"))
    assert done.returncode == 1 and "figure.poses.0.knee" in done.stdout
    assert not (tmp_path / "out").exists()


def test_only_exercise_files_are_drawn(mini: Path, tmp_path: Path) -> None:
    done = figure(mini, "data/safety.yml", "--out", str(tmp_path / "out"))
    assert done.returncode == 2 and "not an exercise file" in done.stderr
