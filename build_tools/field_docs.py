"""The field reference in CONTRIBUTING.md, written from the JSON Schemas (so from the models).

Beside the flow, with ``schema``: ``make schema`` writes every record type's fields, with
whether each is required and its description, between the two ``field-reference`` markers
of CONTRIBUTING.md. The descriptions have one home, the ``Field(description=...)`` of
``models.py``; editors see the same words as hover help, and a test fails when the
committed reference differs from what the models give.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from .models import RECORD_TYPES
from .schema import schema_file_name, schema_for

START = "<!-- field-reference: start (written by `make schema` from build_tools/models.py; do not edit) -->"
END = "<!-- field-reference: end -->"
FOLDERS = {
    "exercise": "exercises/<id>.yml",
    "source": "data/sources/<id>.yml",
    "sign": "data/signs/<id>.yml",
    "self_test": "data/self_tests/<id>.yml",
    "red_flag": "data/red_flags/<id>.yml",
    "routine": "data/routines/<id>.yml",
    "glossary": "data/glossary/<id>.yml",
    "safety": "data/safety.yml",
    "body_map": "data/body_map.yml",
}


def field_rows(record_type: str) -> list[tuple[str, bool, str]]:
    """(dotted field path, required, description) for every field of a record type, nested ones included."""
    schema = schema_for(record_type)
    definitions: dict[str, Any] = schema.get("definitions", {})
    rows: list[tuple[str, bool, str]] = []

    def walk(node: dict[str, Any], prefix: str, depth: int) -> None:
        required = set(node.get("required", []))
        for name, spec in node.get("properties", {}).items():
            path = f"{prefix}{name}"
            description = " ".join(str(spec.get("description", "")).split()) + _choices(spec, definitions)
            rows.append((path, name in required, description))
            target, suffix = _model_of(spec, definitions)
            if target is not None and depth < 4:
                walk(target, f"{path}{suffix}.", depth + 1)

    walk(schema, "", 0)
    return rows


def _choices(spec: dict[str, Any], definitions: dict[str, Any]) -> str:
    """' One of: a, b.' for a field with fixed choices (not for ids, whose lists change with the files)."""
    for candidate, words in ((spec, "One of"), (spec.get("items", {}), "Each one of")):
        options = [candidate, *candidate.get("anyOf", [])]
        for option in options:
            if "$ref" in option and option["$ref"].startswith("#/definitions/"):
                option = definitions[option["$ref"].rsplit("/", 1)[1]]
            if option.get("enum") and not str(option.get("description", "")).startswith("The id of a file"):
                return f" {words}: " + ", ".join(f"'{value}'" for value in option["enum"]) + "."
    return ""


def _model_of(spec: dict[str, Any], definitions: dict[str, Any]) -> tuple[dict[str, Any] | None, str]:
    """The definition a property holds (directly, in a list, or as an option), and '[]' for a list."""
    for candidate, suffix in ((spec, ""), (spec.get("items", {}), "[]")):
        refs = [candidate.get("$ref")] + [option.get("$ref") for option in candidate.get("anyOf", [])]
        for ref in refs:
            if isinstance(ref, str) and ref.startswith("#/definitions/"):
                return definitions[ref.rsplit("/", 1)[1]], suffix
    return None, ""


def render_reference() -> str:
    """The Markdown between the markers: one collapsed table per record type."""
    parts = [START, ""]
    for record_type in RECORD_TYPES:
        title = record_type.replace("_", " ")
        parts += [
            f"<details><summary>{title}: <code>{FOLDERS[record_type]}</code> "
            f"(schema <code>{schema_file_name(record_type)}</code>)</summary>",
            "",
            "| field | required | what it is |",
            "| --- | --- | --- |",
        ]
        for path, required, description in field_rows(record_type):
            text = description.replace("|", "\\|").replace("<", "&lt;")
            parts.append(f"| `{path}` | {'yes' if required else ''} | {text} |")
        parts += ["", "</details>", ""]
    parts.append(END)
    return "\n".join(parts)


def updated(contributing: str) -> str:
    """CONTRIBUTING.md's text with the reference between the markers written again."""
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.DOTALL)
    if not pattern.search(contributing):
        raise ValueError("CONTRIBUTING.md has no field-reference markers")
    return pattern.sub(lambda _: render_reference(), contributing)


def write_reference(path: Path) -> bool:
    """Rewrite the reference in ``path``; True if the file changed."""
    text = path.read_text(encoding="utf-8")
    new = updated(text)
    if new != text:
        path.write_text(new, encoding="utf-8")
    return new != text
