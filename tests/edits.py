"""Helpers the data-error tests share: edit one line of a project's file, and collect the problems.

Beside the flow: tests only. A test copies the mini project (``conftest.mini``), breaks one line
with ``replace_line`` and asserts what ``problems_of`` reports, at which line.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import project
from build_tools.problems import DataError, Problem


def replace_line(path: Path, old: str, new: str) -> int:
    """Replace the first line that is exactly ``old`` with ``new`` (one or more lines); return its 1-based line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    index = lines.index(old)
    lines[index : index + 1] = new.split("\n")
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def problems_of(root: Path) -> list[Problem]:
    """Every problem ``project.load`` reports for the project at ``root`` (it must fail)."""
    with pytest.raises(DataError) as caught:
        project.load(root)
    return caught.value.problems
