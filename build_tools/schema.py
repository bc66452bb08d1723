"""Export JSON Schemas (draft-07) from the models, for editors' autocompletion and hover help.

Beside the flow, not in it: the schemas are generated from ``models.py`` and committed
under ``build_tools/schemas/``; each YAML file names its schema in a
``# yaml-language-server: $schema=...`` first line. A test fails when the committed files
differ from what the models and the project's files produce, so they cannot drift apart.

Two things are added to what pydantic writes:

* Descriptions are shown as plain text in editors, so the reStructuredText and Markdown
  code marks of the docstrings (````reps````, ```reps```) become plain quotes ('reps').
* A field that names records of another folder (``models.IDS_KEY``: an exercise's
  sources, progressions, helps_with ...) lists the ids that exist (``enum``), so an editor
  offers them as you type. ``make schema`` (and ``new-exercise``, ``new-source``) write them
  again; ``write_schemas`` without a project leaves the lists out.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from .models import IDS_KEY, RECORD_TYPES, SLUG_PATTERN

SCHEMA_DIR = Path(__file__).parent / "schemas"
PROJECT_SCHEMA_DIR = "build_tools/schemas"
"""Where a project keeps its schemas, relative to its root (the data files' first lines point there)."""
DRAFT_07 = "http://json-schema.org/draft-07/schema#"
ID_FOLDERS = {"exercises": "exercises", "sources": "data/sources", "signs": "data/signs"}
"""Where the ids each kind of reference names come from, relative to the project root."""
_CODE = re.compile(r"``(.+?)``|`([^`]+)`")


def schema_file_name(record_type: str) -> str:
    return f"{record_type.replace('_', '-')}.schema.json"


def known_ids(root: Path | None) -> dict[str, list[str]]:
    """The ids of the records each reference can name: the names of well-named .yml files, sorted."""
    if root is None:
        return {}
    return {
        kind: sorted(
            path.stem for path in (root / folder).glob("*.yml") if re.fullmatch(SLUG_PATTERN, path.stem) is not None
        )
        for kind, folder in ID_FOLDERS.items()
    }


def plain(description: str) -> str:
    """A description without code marks: ``reps`` and `reps` both become 'reps'."""
    return _CODE.sub(lambda found: f"'{found.group(1) or found.group(2)}'", description)


def _finish(node: Any, ids: dict[str, list[str]]) -> Any:
    """Plain descriptions everywhere, and each marked reference's known ids as its ``enum``."""
    if isinstance(node, list):
        return [_finish(item, ids) for item in node]
    if not isinstance(node, dict):
        return node
    finished = {key: _finish(value, ids) for key, value in node.items() if key != IDS_KEY}
    if isinstance(finished.get("description"), str):
        finished["description"] = plain(finished["description"])
    kind = node.get(IDS_KEY)
    if isinstance(kind, str):
        finished["description"] = f"The id of a file in {ID_FOLDERS[kind]}/: its name without '.yml'."
        if ids.get(kind):
            finished["enum"] = ids[kind]
    return finished


def schema_for(record_type: str, root: Path | None = None) -> dict[str, Any]:
    """The draft-07 schema of one record type (pydantic's ``$defs`` renamed to ``definitions``)."""
    model = RECORD_TYPES[record_type]
    schema = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", None)
    ordered: dict[str, Any] = {"$schema": DRAFT_07, "$id": schema_file_name(record_type)}
    ordered.update(schema)
    if definitions:
        ordered["definitions"] = definitions
    result: dict[str, Any] = _finish(ordered, known_ids(root))
    return result


def render_schemas(root: Path | None = None) -> dict[str, str]:
    """File name -> JSON text, for every record type (with the ids of the project at ``root``)."""
    return {
        schema_file_name(name): json.dumps(schema_for(name, root), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        for name in RECORD_TYPES
    }


def write_schemas(directory: Path = SCHEMA_DIR, root: Path | None = None) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas(root).items():
        path = directory / name
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def stale_schemas(root: Path, directory: Path = SCHEMA_DIR) -> list[str]:
    """Names of the committed schemas that differ from what the models and the project's ids give."""
    return [
        name
        for name, text in render_schemas(root).items()
        if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != text
    ]
