"""YAML syntax errors in plain words, at the line an editor has to change.

Beside the loader: when a parser refuses a file, ``loader._Reader`` (data files) and
``prose`` (front matter) hand the error and the file's text to ``explain``, which returns
``(line, column, message)``. The parsers' own words ("mapping values are not allowed in
this context", "found unexpected end of stream") name the parser's state, not the
mistake, and some point past it (an unclosed quote is reported at the end of the file).
So the text around the error is read again here, the way an editor would read it: which
line is indented more or less than its neighbours, which quote never closes, where a tab
is. A guess is checked where that is cheap: a quote is only blamed if closing it lets the
file parse (or moves the error further down).

Works with ruamel.yaml's and PyYAML's errors alike (both carry ``problem``,
``problem_mark``, ``context`` and ``context_mark``, marks with 0-based ``line`` and ``column``).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Position = tuple[int, int, str]
"""1-based line, 1-based column, message."""

INDENT_HELP = "use two spaces per level"
_KEY = re.compile(r"(?P<dash>(?:-[ \t]+)*)(?P<key>[^\s#'\"\[\]{}:,-][^:#]*?|\"[^\"]*\"|'[^']*')[ \t]*:(?:[ \t]|$)")
"""``key:`` at the start of a line's content (after any ``- `` list markers)."""
_AFTER_QUOTE = (
    "text after the closing quote: a value that starts with a quote ends at the matching quote. Put the whole "
    'value in double quotes (an apostrophe is fine inside them; write \\" for a double quote), or remove the quotes'
)
_MAX_REPAIRS = 3
"""Quotes tried per file: each try parses the file once more."""


def explain(text: str, error: Any, parse: Callable[[str], object] | None = None) -> Position:
    """Where the mistake behind ``error`` is, and what to do about it, in plain words.

    ``parse`` is the parser that raised ``error``; it is used to check a guess about an
    unclosed quote (without it, no quote is blamed unless the parser points at it).
    """
    lines = text.split("\n")
    line, col = _mark(error)
    problem = " ".join(str(getattr(error, "problem", None) or "").split())
    context = " ".join(str(getattr(error, "context", None) or "").split())

    if (tab := _tab_position(lines, line, col)) is not None:
        return (
            *tab,
            "a tab character: YAML files are indented with spaces only. Replace the tab with spaces "
            f"({INDENT_HELP}); most editors can be set to insert spaces when you press Tab",
        )
    certain = "quoted scalar" in context
    if (certain or parse is not None) and (quote := _unclosed_quote(lines, line, parse, certain, error)) is not None:
        return quote
    if "flow sequence" in context or "flow mapping" in context:
        opened = _mark(error, "context_mark")
        bracket, closer = ("[", "]") if "sequence" in context else ("{", "}")
        return (
            *opened,
            f"the '{bracket}' that starts here is not closed: end it with '{closer}' and separate "
            "its items with commas (put an item that holds a comma or a colon in quotes)",
        )
    if "duplicate key" in problem:
        return (*_position(line, col), _duplicate(lines, line, problem))
    if "mapping values are not allowed" in problem:
        return _mapping_value(lines, line, col)
    if "could not find expected ':'" in problem:
        start, _ = _mark(error, "context_mark")
        return _no_colon(lines, start or line)
    if "cannot start any token" in problem or "undefined alias" in problem:
        char = _char_at(lines, line, col)
        return (
            *_position(line, col),
            f"a value cannot start with '{char}' (YAML gives it a meaning of its own): put the whole value "
            f'in quotes, e.g. "{char}…"',
        )
    if "expected <block end>" in problem or "expected key" in problem or "expected '-' indicator" in problem:
        return _does_not_fit(lines, line, col)
    if "could not determine a constructor" in problem:
        return (
            *_position(line, col),
            "a value cannot start with '!' (YAML reads it as a type tag): put the whole value in quotes",
        )
    return (
        *_position(line, col),
        f"YAML cannot read this line ({problem or context or 'invalid YAML'}): check that it is indented like "
        "its neighbours (two spaces per level) and put any value that holds ': ' or ' #', or starts with a "
        "quote or a special character, in quotes",
    )


# -- positions ---------------------------------------------------------------------------


def _mark(error: Any, name: str = "problem_mark") -> tuple[int, int]:
    mark = getattr(error, name, None) or getattr(error, "context_mark", None)
    if mark is None:
        return 1, 1
    return int(mark.line) + 1, int(mark.column) + 1


def _position(line: int, col: int) -> tuple[int, int]:
    return max(line, 1), max(col, 1)


def _content_lines(lines: list[str], before: int) -> list[tuple[int, str]]:
    """(1-based number, text) of each line before line ``before`` that holds more than a comment."""
    return [
        (number, row)
        for number, row in enumerate(lines[: max(before - 1, 0)], start=1)
        if row.strip() and not row.lstrip().startswith("#")
    ]


def _indent(row: str) -> int:
    return len(row) - len(row.lstrip(" "))


def _row(lines: list[str], line: int) -> str:
    return lines[line - 1] if 0 < line <= len(lines) else ""


def _char_at(lines: list[str], line: int, col: int) -> str:
    row = _row(lines, line)
    return row[col - 1] if 0 < col <= len(row) else "?"


def _key_of(row: str) -> str | None:
    found = _KEY.match(row.lstrip(" "))
    return found.group("key").strip("'\"") if found else None


# -- tabs --------------------------------------------------------------------------------


def _tab_position(lines: list[str], line: int, col: int) -> tuple[int, int] | None:
    """The tab the parser stopped at, or the first tab in the indentation of a line up to the error."""
    if _char_at(lines, line, col) == "\t":
        return line, col
    for number, row in enumerate(lines[:line], start=1):
        lead = row[: len(row) - len(row.lstrip(" \t"))]
        if "\t" in lead and row.strip():  # a line of nothing but spaces and tabs is allowed
            return number, lead.index("\t") + 1
    return None


# -- quotes ------------------------------------------------------------------------------


def _value_start(row: str) -> int | None:
    """Index in ``row`` where its value starts (after ``- `` markers and ``key:``), or None."""
    content = row.lstrip(" ")
    start = len(row) - len(content)
    dashes = re.match(r"(?:-[ \t]+)*", content)
    offset = dashes.end() if dashes else 0
    key = _KEY.match(content)
    if key is not None:
        offset = key.end()
    rest = content[offset:]
    skipped = len(rest) - len(rest.lstrip(" \t"))
    index = start + offset + skipped
    return index if index < len(row) else None


def _quote_end(row: str, start: int) -> int | None:
    """Index of the quote that closes the one at ``start``, or None if the line does not close it."""
    quote = row[start]
    index = start + 1
    while index < len(row):
        char = row[index]
        if quote == '"' and char == "\\":
            index += 2
            continue
        if char == quote:
            if quote == "'" and row[index + 1 : index + 2] == "'":
                index += 2
                continue
            return index
        index += 1
    return None


def _unclosed_quote(
    lines: list[str], line: int, parse: Callable[[str], object] | None, certain: bool, error: Any
) -> Position | None:
    """The first quoted value (up to the error) that its line does not close, if closing it is the fix."""
    if certain:  # the parser says so: it stopped inside a quoted value that started at its context mark
        start_line, start_col = _mark(error, "context_mark")
        quote = _char_at(lines, start_line, start_col)
        if quote in "'\"":
            return _quote_message(start_line, start_col, quote)
    if parse is None:
        return None
    tried = 0
    for number in range(1, min(line, len(lines)) + 1):
        row = lines[number - 1]
        start = _value_start(row)
        if start is None or row[start] not in "'\"" or _quote_end(row, start) is not None:
            continue
        tried += 1
        repaired = [*lines[: number - 1], row.rstrip() + row[start], *lines[number:]]
        after = _error_line("\n".join(repaired), parse)
        if after is None or after > line:
            return _quote_message(number, start + 1, row[start])
        if tried >= _MAX_REPAIRS:
            break
    if (start := _value_start(_row(lines, line))) is not None and _row(lines, line)[start] in "'\"":
        row = _row(lines, line)
        end = _quote_end(row, start)
        if end is not None and row[end + 1 :].strip() and not row[end + 1 :].strip().startswith("#"):
            return (
                line,
                end + 2,
                _AFTER_QUOTE,
            )
    return None


def _quote_message(line: int, col: int, quote: str) -> Position:
    return (
        line,
        col,
        f"the quote ({quote}) that starts this value is never closed: add {quote} at the end of the value, "
        "on this line (or remove this one)",
    )


def _error_line(text: str, parse: Callable[[str], object]) -> int | None:
    """The 1-based line of ``parse``'s error in ``text``, or None if it parses."""
    try:
        parse(text)
    except Exception as error:  # any refusal: only its line matters here
        return _mark(error)[0] if getattr(error, "problem_mark", None) or getattr(error, "context_mark", None) else 0
    return None


# -- indentation and structure ------------------------------------------------------------


def _mapping_value(lines: list[str], line: int, col: int) -> Position:
    """A ``key: value`` where YAML does not expect one: indented too far, or ': ' inside a value."""
    if (deeper := _indented_more(lines, line)) is not None:
        return deeper
    return (
        line,
        col,
        "a colon followed by a space (': ') inside a value: put the whole value in double quotes, "
        'e.g. summary: "Lift: then lower"',
    )


def _indented_more(lines: list[str], line: int) -> Position | None:
    """The 'indented more than the line above' message, if that is what ``line`` is."""
    row = _row(lines, line)
    before = _content_lines(lines, line)
    if not before or _indent(row) <= _indent(before[-1][1]) or _opens_block(before[-1][1]):
        return None
    number, above = before[-1]
    name = _key_of(above)
    like = f" like '{name}' on line {number}" if name else f" like line {number}"
    return (
        line,
        _indent(row) + 1,
        f"this line is indented more than the one above it; {INDENT_HELP}, and start the fields of one "
        f"block at the same column (here {_indent(above)} spaces,{like})",
    )


def _opens_block(row: str) -> bool:
    """Whether ``row`` ends with ``key:`` (or ``- key:``), so the next line may be indented more."""
    content = row.split(" #")[0].rstrip()
    return content.endswith(":") or content.endswith("-") or content.endswith("|") or content.endswith(">")


def _levels(lines: list[str], line: int) -> list[tuple[int, int]]:
    """(indent, line number) of the blocks still open at ``line``, outermost first."""
    stack: list[tuple[int, int]] = []
    for number, row in _content_lines(lines, line):
        indent = _indent(row)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, number))
        dashes = re.match(r"(?:-[ \t]+)+", row[indent:])
        if dashes and _KEY.match(row[indent:]):  # "- key: value" opens a mapping at the key's column
            stack.append((indent + dashes.end(), number))
    return stack


def _does_not_fit(lines: list[str], line: int, col: int) -> Position:
    """A line that belongs to no block above it: between two indents, or a list item among fields."""
    row = _row(lines, line)
    indent = _indent(row)
    before = _content_lines(lines, line)
    levels = _levels(lines, line)
    indents = {level for level, _ in levels}
    is_item = row[indent:].startswith("-")
    if (deeper := _indented_more(lines, line)) is not None and not is_item:
        return deeper
    if indent not in indents and levels:
        nearest, number = min(levels, key=lambda level: (abs(level[0] - indent), -level[0]))
        name = _key_of(_row(lines, number)[nearest:]) or _key_of(_row(lines, number))
        like = f"'{name}' on line {number}" if name else f"line {number}"
        return (
            line,
            indent + 1,
            f"this line is indented by {indent} space{'s' * (indent != 1)}, which lines it up with nothing "
            f"above it; {INDENT_HELP}, and start it at the same column as the lines it belongs with "
            f"(here {nearest} spaces, like {like})",
        )
    same = [r for _, r in before if _indent(r) == indent]
    if is_item and same and not same[-1][indent:].startswith("-"):
        return (
            line,
            indent + 1,
            "a list item ('- ') among fields: a field is written 'name: value'; a list goes under a field "
            "that ends with ':', each item indented two more spaces than that field",
        )
    if not is_item and same and same[-1][indent:].startswith("-"):
        name = _key_of(row)
        return (
            line,
            indent + 1,
            f"a field{f' ({name})' if name else ''} among list items: every item of the list above starts "
            "with '- '; if this is a new field, start it at the same column as the field that holds the list",
        )
    if (start := _value_start(row)) is not None and row[start] in "'\"":
        end = _quote_end(row, start)
        if end is not None and row[end + 1 :].strip():
            return (
                line,
                end + 2,
                _AFTER_QUOTE,
            )
    return (
        *_position(line, col),
        f"this line does not fit the block above it: check its indentation ({INDENT_HELP}) and that it is "
        "'name: value' or a list item '- value'",
    )


def _no_colon(lines: list[str], line: int) -> Position:
    row = _row(lines, line)
    glued = re.search(r"^[ \t]*(?:-[ \t]+)*[A-Za-z_][A-Za-z0-9_-]*:(?=\S)", row)
    if glued is not None:
        return (
            line,
            glued.end() + 1,
            f"no space after the colon: write '{row[_indent(row) : glued.end()]} {row[glued.end() :].strip()}' "
            "(YAML needs a space after ':')",
        )
    return (
        line,
        _indent(row) + 1,
        "this line has no 'name: value' colon: every line is a field ('name: value') or a list item "
        "('- value'); a long value stays on one line",
    )


def _duplicate(lines: list[str], line: int, problem: str) -> str:
    found = re.search(r"duplicate key [\"']?(.+?)[\"']? with value", problem) or re.search(
        r"duplicate key [\"']?([^\"']+)", problem
    )
    key = found.group(1) if found else ""
    row = _row(lines, line)
    first = next(
        (
            number
            for number, above in _content_lines(lines, line)
            if _indent(above) == _indent(row) and _key_of(above) == key
        ),
        None,
    )
    where = f" (first on line {first})" if first else ""
    return f"the field '{key}' is given twice in the same block{where}: keep one of them (duplicate key)"
