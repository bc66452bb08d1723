"""``python -m build_tools new-exercise <id>`` and ``new-source <id>``: start a file from its template.

Beside the flow: writes ``exercises/<id>.yml`` from ``templates/new_exercise.yml``, or
``data/sources/<id>.yml`` from ``templates/new_source.yml``; each holds every field with a
short comment and a TODO placeholder. Placeholders fail validation (a text that still
starts with TODO is refused), so ``check`` lists whatever an editor has not filled in yet.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from .checks import suggested_id
from .models import SLUG_PATTERN


class ScaffoldError(Exception):
    pass


TEMPLATES = {"exercise": "new_exercise.yml", "source": "new_source.yml"}


def template_text(kind: str = "exercise") -> str:
    return files("build_tools").joinpath(f"templates/{TEMPLATES[kind]}").read_text(encoding="utf-8")


def new_exercise(root: Path, exercise_id: str, exercises_dir: str = "exercises") -> Path:
    return _new_file(root, exercise_id, exercises_dir, "exercise")


def new_source(root: Path, source_id: str, data_dir: str = "data") -> Path:
    return _new_file(root, source_id, f"{data_dir}/sources", "source")


def _new_file(root: Path, record_id: str, folder_name: str, kind: str) -> Path:
    if not re.fullmatch(SLUG_PATTERN, record_id):
        suggestion = suggested_id(record_id.removesuffix(".yml").removesuffix(".yaml"))
        hint = f", e.g. '{suggestion}'" if suggestion else ""
        raise ScaffoldError(f"'{record_id}' is not a valid id: use lower-case letters, digits and single hyphens{hint}")
    folder = root / folder_name
    for suffix in (".yml", ".yaml"):
        if (folder / f"{record_id}{suffix}").exists():
            raise ScaffoldError(f"{folder_name}/{record_id}{suffix} already exists")
    path = folder / f"{record_id}.yml"
    path.write_text(template_text(kind).replace("THIS-ID", record_id), encoding="utf-8")
    return path
