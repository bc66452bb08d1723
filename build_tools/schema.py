"""Export JSON Schemas (draft-07) from the models, for editors' autocompletion and hover help.

Beside the flow, not in it: the schemas are generated from ``models.py`` and committed
under ``build_tools/schemas/``; each YAML file names its schema in a
``# yaml-language-server: $schema=...`` first line. A test fails when the committed files
differ from what the models produce, so the two cannot drift apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .models import RECORD_TYPES

SCHEMA_DIR = Path(__file__).parent / "schemas"
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def schema_file_name(record_type: str) -> str:
    return f"{record_type.replace('_', '-')}.schema.json"


def schema_for(record_type: str) -> dict[str, Any]:
    """The draft-07 schema of one record type (pydantic's ``$defs`` renamed to ``definitions``)."""
    model = RECORD_TYPES[record_type]
    schema = model.model_json_schema(ref_template="#/definitions/{model}", mode="validation")
    definitions = schema.pop("$defs", None)
    ordered: dict[str, Any] = {"$schema": DRAFT_07, "$id": schema_file_name(record_type)}
    ordered.update(schema)
    if definitions:
        ordered["definitions"] = definitions
    return ordered


def render_schemas() -> dict[str, str]:
    """File name -> JSON text, for every record type."""
    return {
        schema_file_name(name): json.dumps(schema_for(name), indent=2, ensure_ascii=False, sort_keys=False) + "\n"
        for name in RECORD_TYPES
    }


def write_schemas(directory: Path = SCHEMA_DIR) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render_schemas().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
