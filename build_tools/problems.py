"""Problems found in the data, and how they are printed.

Used by the loader (which collects every problem before failing), the CLI (which prints
them, optionally as GitHub annotations and as a Markdown job summary, ``markdown_summary``)
and the MkDocs plugin (which turns them into one build error). Every problem names a file, a line, a column and a field.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.field}: {self.message}"

    def as_github_annotation(self) -> str:
        """The GitHub Actions workflow command that shows this problem on a pull request's diff."""
        message = f"{self.field}: {self.message}".replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        return f"::error file={self.path},line={self.line},col={self.col}::{message}"


class DataError(Exception):
    """Raised with every problem found, so that an editor sees them all at once."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__(self.report())

    def report(self) -> str:
        count = len(self.problems)
        noun = "problem" if count == 1 else "problems"
        lines = [f"{count} {noun} in the data:"]
        lines.extend(f"  {problem}" for problem in self.problems)
        return "\n".join(lines)


def markdown_summary(problems: list[Problem], found: str) -> str:
    """What the checks found, in plain words, for a pull request's job summary (``$GITHUB_STEP_SUMMARY``).

    GitHub renders the summary as Markdown with HTML, so every value from a file is escaped for both."""
    if not problems:
        return f"## Data checks: all valid\n\n{_plain(found)}\n"
    count = len(problems)
    lines = [
        f"## Data checks: {count} problem{'s' if count != 1 else ''} to fix",
        "",
        "Each line names the file, the line and column, the field, and what to change. "
        "Run `python -m build_tools check` to see them on your own machine.",
        "",
    ]
    for path in sorted({problem.path for problem in problems}):
        lines.append(f"### <code>{_plain(path)}</code>")
        lines.append("")
        for problem in (p for p in sorted(problems) if p.path == path):
            lines.append(
                f"- line {problem.line}, column {problem.col}: <code>{_plain(problem.field)}</code>: "
                f"{_plain(problem.message)}"
            )
        lines.append("")
    return "\n".join(lines)


def _plain(text: str) -> str:
    """``text`` shown as it is: no HTML, no Markdown of its own."""
    return re.sub(r"([\\`*_{}\[\]()#+!|~>-])", r"\\\1", html.escape(" ".join(text.split()), quote=False))
