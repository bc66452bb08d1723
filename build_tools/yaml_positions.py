"""Find the line and column of a field inside a YAML document.

The loader validates data parsed by a fast loader that keeps no positions. Only when
a file has a problem is it parsed again here with ruamel.yaml's round-trip loader,
whose mappings and sequences remember where each key, value and item starts, and the
pydantic error location (for example ``("dose", "reps")``) is walked down that tree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.constructor import BaseConstructor, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import ScalarNode

Loc = tuple[str | int, ...]


def _keep_impossible_dates(constructor: BaseConstructor, node: ScalarNode, default: Any) -> Any:
    """A timestamp that keeps an impossible date (2026-02-30) as text.

    ruamel.yaml raises a bare ValueError, with no line, for a date that matches the date
    pattern but does not exist; as text it reaches validation, which names its line.
    """
    try:
        return default(constructor, node)
    except ValueError:
        return constructor.construct_scalar(node)


class _SafeConstructor(SafeConstructor):
    """ruamel's safe constructor, with impossible dates kept as text: for this project's parsers only."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        return _keep_impossible_dates(self, node, SafeConstructor.construct_yaml_timestamp)


class _RoundTripConstructor(RoundTripConstructor):
    """The round-trip constructor, with impossible dates kept as text."""

    def construct_yaml_timestamp(self, node: Any, values: Any = None) -> Any:
        return _keep_impossible_dates(self, node, RoundTripConstructor.construct_yaml_timestamp)


_SafeConstructor.add_constructor("tag:yaml.org,2002:timestamp", _SafeConstructor.construct_yaml_timestamp)
_RoundTripConstructor.add_constructor("tag:yaml.org,2002:timestamp", _RoundTripConstructor.construct_yaml_timestamp)


def safe_yaml() -> YAML:
    """A fast safe parser (libyaml when installed) whose constructor is this module's own.

    Registering on ruamel's own ``SafeConstructor`` would change every parser in the process;
    a subclass changes only ours.
    """
    yaml = YAML(typ="safe")
    yaml.Constructor = _SafeConstructor
    return yaml


def round_trip_yaml() -> YAML:
    """The position-keeping parser, with the same date handling."""
    yaml = YAML(typ="rt")
    yaml.Constructor = _RoundTripConstructor
    return yaml


@dataclass(frozen=True)
class Position:
    line: int
    col: int
    field: str


def parse_with_positions(text: str) -> object:
    """Parse YAML keeping positions (slow; only for files that have problems).

    Returns None when the round-trip parser refuses what the fast parser accepted (it is
    stricter about tabs, for one); positions then fall back to the top of the file.
    """
    try:
        return round_trip_yaml().load(text)
    except (YAMLError, ValueError):
        return None


def locate(tree: object, loc: Loc, *, at_key: bool = False) -> Position:
    """Return the 1-based position that ``loc`` points at, and the field path as text.

    ``at_key`` points at the key itself rather than its value (for unknown keys).
    A missing key points at the mapping that should hold it. Parts of ``loc`` that are
    not in the data (pydantic's names for union members) are skipped.
    """
    line, col = _start_of(tree)
    parts: list[str] = []
    node = tree
    for index, part in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(node, CommentedMap) and isinstance(part, str):
            if part not in node:
                parts.append(part)  # a missing key: keep pointing at its parent
                break
            child = node[part]
            if last and not at_key and not isinstance(child, (CommentedMap, CommentedSeq)):
                line, col = node.lc.value(part)
            else:
                line, col = node.lc.key(part)
            parts.append(part)
            node = child
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            line, col = node.lc.item(part)
            parts.append(str(part))
            node = node[part]
        # anything else is a name pydantic gives a union member or validator: skip it
    return Position(line + 1, col + 1, ".".join(parts) or "<document>")


def _start_of(tree: object) -> tuple[int, int]:
    if isinstance(tree, CommentedMap) and tree:
        first = next(iter(tree))
        line, col = tree.lc.key(first)
        return int(line), int(col)
    return 0, 0
