"""Validation errors in plain words, without the side effects of the one real mistake.

Beside the loader: ``loader._Reader`` hands pydantic's error details for one file to
``explain``, which returns (location, message, points at the key) for each error worth
showing. One mistake often makes pydantic report several: a misspelled ``repz`` is an
unknown field, but also leaves ``reps`` unset, so the check that needs "reps or
hold_seconds" fails too; an invalid ``sets`` makes ``adjustable`` say the dose has no
sets. Those follow-on errors point at lines that are right and send an editor the wrong
way, so they are dropped here: a field a misspelling probably meant is not also reported
missing, and a validator's message that names a field which is itself in error (or was
probably misspelled) is left out. A misspelling is matched against the fields of the
block it sits in, not of every model.
"""

from __future__ import annotations

import difflib
import re
import types
import typing
from typing import Any

from pydantic import BaseModel

Loc = tuple[str | int, ...]
Shown = tuple[Loc, str, bool]
"""(location, message, whether it points at the key rather than the value)."""

_VALIDATOR_KINDS = {"value_error", "assertion_error"}


SUGGESTED_AT_MOST = 200
"""Unknown keys a "did you mean" is looked for: a file is reported with its first 100 problems
(``loader.MAX_PROBLEMS_PER_FILE``), and a pasted or hostile file with thousands of unknown keys
must still be refused in well under a second per thousand."""


def explain(details: list[dict[str, Any]], model: type[BaseModel]) -> list[Shown]:
    """The errors an editor should see, each with a plain message, in pydantic's order."""
    meant: dict[Loc, set[str]] = {}  # block -> the fields its unknown keys probably meant
    suggestion: dict[int, str] = {}
    looked = 0
    for index, detail in enumerate(details):
        loc = tuple(detail["loc"])
        if detail["type"] == "extra_forbidden" and loc and looked < SUGGESTED_AT_MOST:
            looked += 1
            close = _close_field(str(loc[-1]), model_at(model, loc[:-1]))
            if close is not None:
                meant.setdefault(loc[:-1], set()).add(close)
                suggestion[index] = close
    in_error: dict[Loc, set[str]] = {}  # block -> its fields that have errors of their own
    for detail in details:
        loc = tuple(detail["loc"])
        if detail["type"] not in _VALIDATOR_KINDS and len(loc) >= 1 and isinstance(loc[-1], str):
            in_error.setdefault(loc[:-1], set()).add(str(loc[-1]))
    shown: list[Shown] = []
    for index, detail in enumerate(details):
        loc = tuple(detail["loc"])
        kind = detail["type"]
        if kind == "missing" and loc and str(loc[-1]) in meant.get(loc[:-1], set()):
            continue  # reported as the misspelling
        if kind in _VALIDATOR_KINDS and _follows_from(loc, str(detail["msg"]), meant, in_error):
            continue
        shown.append((loc, friendly(detail, suggestion.get(index)), kind == "extra_forbidden"))
    return shown


def _follows_from(loc: Loc, message: str, meant: dict[Loc, set[str]], in_error: dict[Loc, set[str]]) -> bool:
    """Whether a validator's message names a field of its block (or the block above) that is itself wrong."""
    own = str(loc[-1]) if loc and isinstance(loc[-1], str) else None
    suspects: set[str] = set()
    for block in {loc, loc[:-1]}:
        suspects |= meant.get(block, set()) | in_error.get(block, set())
    suspects.discard(own or "")
    return any(re.search(rf"\b{re.escape(name)}\b", message) for name in suspects)


def _close_field(key: str, model: type[BaseModel] | None) -> str | None:
    if model is None:
        return None
    names = [name for name in model.model_fields if name != key]
    close = difflib.get_close_matches(key, names, n=1)
    return close[0] if close else None


def model_at(model: type[BaseModel], loc: Loc) -> type[BaseModel] | None:
    """The model of the block ``loc`` points at (list indexes and dict keys pass through), or None."""
    current: Any = model
    for part in loc:
        if isinstance(current, type) and issubclass(current, BaseModel):
            if not isinstance(part, str) or part not in current.model_fields:
                return None
            current = current.model_fields[part].annotation
        current = _unwrap(current, part)
        if current is None:
            return None
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _unwrap(annotation: Any, part: str | int) -> Any:
    """The model inside Optional[...], list[...], dict[..., ...] and Annotated[...], for the next step."""
    for _ in range(6):
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return annotation
        origin = typing.get_origin(annotation)
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        if origin is typing.Annotated:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType) and args:
            annotation = next((a for a in args if _has_model(a)), args[0])
        elif origin in (list, dict) and args and isinstance(part, int | str):
            annotation = args[-1]
            return _unwrap(annotation, part) if not _has_model(annotation) else _first_model(annotation)
        else:
            return annotation
    return annotation


def _has_model(annotation: Any) -> bool:
    return _first_model(annotation) is not None


def _first_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        if (found := _first_model(arg)) is not None:
            return found
    return None


# -- messages -----------------------------------------------------------------------------


def friendly(detail: dict[str, Any], close: str | None = None) -> str:
    """pydantic's message for one error, in plain words (``close``: the field a misspelling probably meant)."""
    kind = detail["type"]
    loc = detail["loc"]
    if kind == "extra_forbidden":
        key = str(loc[-1]) if loc else ""
        hint = f" (did you mean '{close}'?)" if close else ""
        return f"unknown field '{key}'{hint}"
    if kind == "missing":
        return "required field is missing"
    message = str(detail["msg"])
    for prefix in ("Value error, ", "Assertion failed, "):
        if message.startswith(prefix):
            message = message[len(prefix) :]
    if kind in {"model_type", "model_attributes_type", "dict_type"}:
        message = "should be a group of 'field: value' lines, each indented two spaces under this one"
    elif kind == "list_type":
        message = "should be a list: write [a, b] on this line, or one '- item' per line under it"
    if kind in {
        "int_type",
        "string_type",
        "bool_type",
        "date_type",
        "list_type",
        "model_type",
        "model_attributes_type",
        "dict_type",
    }:
        message += f" (got {_describe(detail.get('input'))})"
    if kind in {"greater_than_equal", "less_than_equal"} and "poses" in loc and isinstance(detail.get("input"), int):
        field, value = str(loc[-1]), int(detail["input"])
        limit = int(detail.get("ctx", {}).get("ge" if kind == "greater_than_equal" else "le", value))
        way = "more" if limit > value else "less"
        message += (
            f": {field} {value} is beyond what the joint can do; change {field} from {value} to {limit} "
            f"or {way} (at least {abs(limit - value)}° {way})"
        )
    return message


def _describe(value: object) -> str:
    if isinstance(value, str):
        return f"text '{value}'" if len(value) < 40 else "text"
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "nothing"
    if isinstance(value, (int, float)):
        return f"number {value}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return type(value).__name__
