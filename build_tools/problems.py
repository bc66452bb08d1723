"""Problems found in the data, and how they are printed.

Used by the loader (which collects every problem before failing), the CLI (which prints
them, optionally as GitHub annotations) and the MkDocs plugin (which turns them into one
build error). Every problem names a file, a line, a column and a field.
"""

from __future__ import annotations

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
