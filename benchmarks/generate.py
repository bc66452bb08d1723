"""The temporary project: a snapshot of the real one, a copy per size, and N synthetic exercises in it.

``use_snapshot`` takes the project files and build_tools once, at the start (the working tree,
or ``git archive`` of ``--ref``); ``copy_project`` copies what a build reads from that snapshot
into a temporary folder; ``generate`` adds N synthetic exercises and N/10 routines to the copy,
and ``check_project`` runs ``python -m build_tools check`` on it. Nothing here is timed.
"""

from __future__ import annotations

import random
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from . import common
from .common import ENV, ROOT, load_mkdocs_yml, log, yaml_rt

# Fields whose words are reshuffled in synthetic records, so the catalogue is not the same
# thirteen texts repeated (which would flatter gzip). Safety lists stay verbatim, as real
# records share them.
SHUFFLED_FIELDS = {
    "exercise": ("summary", "steps", "cues", "mistakes", "feel_it"),
    "routine": ("summary", "audience", "warm_up", "progression", "if_it_hurts", "after_the_programme"),
}


def copy_project(target: Path) -> Path:
    """Copy what a build reads: mkdocs.yml, docs_dir, exercises, data, custom_dir and watched paths."""
    config = load_mkdocs_yml(common.SRC / "mkdocs.yml")
    theme = config.get("theme") or {}
    names = {"mkdocs.yml", config.get("docs_dir", "docs"), "exercises", "data"}
    if isinstance(theme, dict) and theme.get("custom_dir"):
        names.add(theme["custom_dir"])
    names.update(str(p) for p in config.get("watch") or [])
    target.mkdir(parents=True)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc")
    for name in sorted(names):
        source = common.SRC / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=ignore)
        elif source.is_file():
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target / name)
    return target


def _shuffle_words(value: Any, rng: random.Random) -> Any:
    """The same words in a random order (lists item by item, in place)."""
    if isinstance(value, str):
        words = value.split()
        rng.shuffle(words)
        return " ".join(words)
    if isinstance(value, list):
        for index, item in enumerate(value):
            value[index] = _shuffle_words(item, rng)
    return value


HELD_WEIGHTS = {"dumbbells", "kettlebell", "barbell"}
"""Props in the hands: bending the elbows would move them, and the figure checks keep them close and balanced."""


def _vary_figure(figure: Any, rng: random.Random) -> None:
    """Bend the elbows a few degrees in poses where the arms bear no weight and hold none: every drawing
    differs (so a cache keyed by figure data cannot hit across synthetic copies) and the figure checks
    (contacts, balance, the head resting on the arms) still pass. Other poses tip the head a degree."""
    if not isinstance(figure, dict):
        return
    holding = bool(HELD_WEIGHTS & set(figure.get("props") or []))
    for pose in figure.get("poses") or []:
        contacts = pose.get("contacts") or {}
        if holding or "hands" in contacts or "forearms" in contacts or pose.get("head_on"):
            if not pose.get("head_on"):
                pose["neck"] = max(-30, min(60, int(pose.get("neck", 0)) + rng.choice((-1, 1))))
        else:
            pose["elbow"] = min(150, int(pose.get("elbow", 0)) + rng.randint(1, 9))


def generate(project: Path, n: int, seed: int = 1, *, shuffle: bool = True) -> dict[str, Any]:
    """Add ``n`` synthetic exercises and ``n // 10`` synthetic routines to the copied project."""
    yaml = yaml_rt()
    rng = random.Random(seed)
    exercises_dir = project / "exercises"
    routines_dir = project / "data" / "routines"
    bases = sorted(exercises_dir.glob("*.yml"))
    real_exercises = [p.stem for p in bases]
    variants: dict[str, list[str]] = defaultdict(list)
    synthetic: list[str] = []
    for i in range(n):
        base = bases[i % len(bases)]
        data = yaml.load(base.read_text(encoding="utf-8"))
        new_id = f"{base.stem}-v{i + 1:04d}"
        data["name"] = f"{data['name']} {i + 1}"  # a short suffix: a longer name would wrap in the handout's log
        for field in SHUFFLED_FIELDS["exercise"] if shuffle else ():
            if field in data:
                data[field] = _shuffle_words(data[field], rng)
        if shuffle:
            _vary_figure(data.get("figure"), rng)
        with (exercises_dir / f"{new_id}.yml").open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
        variants[base.stem].append(new_id)
        synthetic.append(new_id)
    routine_bases = sorted(routines_dir.glob("*.yml"))
    real_routines = [p.stem for p in routine_bases]
    n_routines = n // 10
    for j in range(n_routines):
        base = routine_bases[j % len(routine_bases)]
        data = yaml.load(base.read_text(encoding="utf-8"))
        data["name"] = f"{data['name']} {j + 1}"
        for field in SHUFFLED_FIELDS["routine"] if shuffle else ():
            if field in data:
                data[field] = _shuffle_words(data[field], rng)
        for item in data["exercises"]:
            choices = variants.get(item["exercise"])
            if choices:
                item["exercise"] = choices[j % len(choices)]
        with (routines_dir / f"{base.stem}-v{j + 1:04d}.yml").open("w", encoding="utf-8") as handle:
            yaml.dump(data, handle)
    edit_id = synthetic[len(synthetic) // 2] if synthetic else real_exercises[len(real_exercises) // 2]
    return {
        "synthetic_exercises": n,
        "synthetic_routines": n_routines,
        "exercises": len(real_exercises) + n,
        "routines": len(real_routines) + n_routines,
        "real_exercises": real_exercises,
        "exercise_ids": sorted(real_exercises + synthetic),
        "edit_id": edit_id,
        "probe_id": "romanian-deadlift" if "romanian-deadlift" in real_exercises else real_exercises[0],
    }


def check_project(project: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(project), "check"],
        cwd=common.SRC,
        env=ENV,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise SystemExit(f"synthetic data does not pass the check:\n{result.stderr[-4000:]}")
    return result.stdout.strip()


def use_snapshot(ref: str | None, target: Path) -> None:
    """Take the project files and build_tools from a snapshot, so edits made during the run change nothing.

    ``ref``: ``git archive REF``; None: a copy of the working tree as it is now. Every process
    gets it on PYTHONPATH, which comes before the editable install.
    """
    if ref:
        target.mkdir(parents=True)
        archive = subprocess.run(["git", "archive", ref], cwd=ROOT, capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(target)], input=archive, check=True)
    else:
        copy_project(target)
        shutil.copy2(ROOT / "Makefile", target / "Makefile")  # make serve's options
        if not (target / "build_tools").is_dir():
            shutil.copytree(
                ROOT / "build_tools", target / "build_tools", ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
            )
    common.SRC = target
    ENV["PYTHONPATH"] = str(target)
    sys.path.insert(0, str(target))
    log(f"benchmarking a snapshot of {ref or 'the working tree'} in {target}")
