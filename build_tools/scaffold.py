"""``python -m build_tools new-exercise <id>``: start a new exercise file from the template.

Beside the flow: writes ``exercises/<id>.yml`` from ``templates/new_exercise.yml``, which
holds every field with a short comment and a TODO placeholder. Placeholders fail
validation, so ``check`` lists whatever an editor has not filled in yet.
"""

from __future__ import annotations

import re
from importlib.resources import files
from pathlib import Path

from .models import SLUG_PATTERN


class ScaffoldError(Exception):
    pass


def template_text() -> str:
    return files("build_tools").joinpath("templates/new_exercise.yml").read_text(encoding="utf-8")


def new_exercise(root: Path, exercise_id: str, exercises_dir: str = "exercises") -> Path:
    if not re.fullmatch(SLUG_PATTERN, exercise_id):
        raise ScaffoldError(f"'{exercise_id}' is not a valid id: use lower-case letters, digits and single hyphens")
    folder = root / exercises_dir
    for suffix in (".yml", ".yaml"):
        if (folder / f"{exercise_id}{suffix}").exists():
            raise ScaffoldError(f"{exercises_dir}/{exercise_id}{suffix} already exists")
    path = folder / f"{exercise_id}.yml"
    path.write_text(template_text(), encoding="utf-8")
    return path
