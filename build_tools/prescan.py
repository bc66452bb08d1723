"""A cheap look at a YAML text before it is parsed: too large, too many values, too deeply nested.

First thing the loader does with a file's text (``loader._Reader._validate_file``, and
``prose`` for front matter): YAML parsers recurse once per level of nesting, so 100,000
nested brackets crash libyaml (a segmentation fault) and a few thousand give a
RecursionError in the pure-Python parser; a file of tens of megabytes takes gigabytes to
parse and validate (a million-character list takes seven seconds). ``scan`` finds such a
file (and a number too long for Python, and line breaks editors do not show) in one pass,
without parsing it, and names the line, so it is refused as ``path:line:col: <yaml>: message``.

Nesting is over-estimated, never under-estimated: every ``[`` or ``{`` counts (unless the
line is a comment), whether or not it is inside a quoted string, and every deeper
indentation counts as a level. Real data is nowhere near the limit.
"""

from __future__ import annotations

import re

MAX_BYTES = 1_000_000
"""A data file, a prose page or a figure larger than this is refused before it is read as text."""
MAX_DEPTH = 50
"""Levels of nesting (indentation and brackets together) a data file may have."""

MAX_ITEMS = 20_000
"""Lines plus commas, an upper bound on the values in a file: building each costs about 20 µs."""
_ODD_BREAK = re.compile("[\x85\u2028\u2029]")
"""Characters YAML 1.1 takes as line breaks, which editors do not show as such."""
MAX_DIGITS = 100
_LONG_NUMBER = re.compile(rf"(?<![0-9A-Za-z_.])[-+]?[0-9_]{{{MAX_DIGITS + 1},}}")
"""Python refuses to read an integer of more than 4,300 digits (with a traceback); no field needs 100."""
_BRACKET = re.compile(r"[\[\]{}]")
_COMPACT = re.compile(r"(?:[-?:](?:[ \t]+|$))+")
"""``- - - x`` or ``? - x``: block collections that open on the same line as their parent's."""


def too_large(size: int) -> str | None:
    if size > MAX_BYTES:
        return f"the file is {size:,} bytes; data files must be under {MAX_BYTES:,} bytes (split it up)"
    return None


def scan(text: str) -> tuple[int, int, str] | None:
    """(line, column, message) for the first reason not to parse ``text``, or None."""
    if (message := too_large(len(text.encode("utf-8")))) is not None:
        return 1, 1, message
    if (items := text.count("\n") + text.count(",")) > MAX_ITEMS:
        return (
            1,
            1,
            (
                f"the file has about {items:,} values (lines and comma-separated items); "
                f"data files must have fewer than {MAX_ITEMS:,}"
            ),
        )
    if (found := _ODD_BREAK.search(text)) is not None:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        return (
            line,
            col,
            (
                f"invisible line break U+{ord(found.group()):04X}: delete it "
                "(retype the text around it if you cannot see it)"
            ),
        )
    if (found := _LONG_NUMBER.search(text)) is not None:
        line = text.count("\n", 0, found.start()) + 1
        col = found.start() - (text.rfind("\n", 0, found.start()) + 1) + 1
        return line, col, f"a number with more than {MAX_DIGITS} digits: no field needs one"
    indents: list[int] = []
    flow = 0
    for number, row in enumerate(text.split("\n"), start=1):
        stripped = row.lstrip(" ")
        if not stripped.strip() or stripped.startswith("#"):
            continue
        indent = len(row) - len(stripped)
        if flow == 0:
            while indents and indents[-1] >= indent:
                indents.pop()
            indents.append(indent)
            compact = _COMPACT.match(stripped)
            block = len(indents) + (len(re.findall(r"[-?:]", compact.group())) if compact else 0)
        for match in _BRACKET.finditer(row):
            if match.group() in "[{":
                flow += 1
                if block + flow > MAX_DEPTH:
                    return number, match.start() + 1, _nesting_message()
            elif flow:
                flow -= 1
        if block > MAX_DEPTH:
            return number, indent + 1, _nesting_message()
    return None


def _nesting_message() -> str:
    return f"nested more than {MAX_DEPTH} levels deep: data files never need that many (check the brackets)"
