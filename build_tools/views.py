"""What a page shows, gathered from the catalogue: the lists pages, inserts, slots and handouts share.

Part of the rendering stage, below the renderers: ``render`` (whole pages), ``inserts`` (blocks
in hand-written pages) and ``slots`` (HTML put into finished pages) all ask here, so a routine's
page and its handout show the same items, rules and red flags. Pure: no templates, no files.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from . import dose, safety, vocabulary
from .catalogue import Catalogue
from .models import Exercise, RedFlag, Routine

URGENT_NOW = ("emergency", "same-day")
"""The red flags every routine page and handout lists by name in its screening box."""

BROWSE: dict[str, tuple[dict[str, str], Callable[[Exercise], Iterable[str]]]] = {
    "muscle": (vocabulary.MUSCLES, lambda ex: vocabulary.with_groups(list(ex.muscles.primary))),
    "equipment": (vocabulary.EQUIPMENT, lambda ex: ex.equipment),
}
"""The Exercises page's ways to browse: slot argument -> (the labels, each exercise's values)."""


def red_flag_groups(
    catalogue: Catalogue, urgencies: Iterable[str] = vocabulary.URGENCIES
) -> list[tuple[str, str, list[tuple[str, RedFlag]]]]:
    """(urgency, label, [(id, flag)]) for each urgency that has flags, most urgent first."""
    groups = []
    for urgency in [u for u in vocabulary.URGENCIES if u in set(urgencies)]:
        flags = [(fid, f) for fid, f in catalogue.red_flags.items() if f.urgency == urgency]
        if flags:
            groups.append((urgency, vocabulary.URGENCIES[urgency], flags))
    return groups


def body_map_entries(catalogue: Catalogue) -> list[dict[str, Any]]:
    """Each area of the body map in its numbered order: its label, data, signs and red flags."""
    if catalogue.body_map is None:
        raise LookupError("data/body_map.yml is missing: the body map and the guided check are drawn from it")
    entries = []
    for number, (region, label) in enumerate(vocabulary.BODY_REGIONS.items(), start=1):
        area = catalogue.body_map.area(region)
        entries.append(
            {
                "number": number,
                "region": region,
                "label": label,
                "area": area,
                "signs": [(sid, catalogue.signs[sid]) for sid in area.signs],
                "red_flags": [(fid, catalogue.red_flags[fid]) for fid in area.red_flags],
            }
        )
    return entries


def routine_safety(catalogue: Catalogue, routine_id: str) -> safety.SafetyView:
    """The shared rules a routine's page and handout show: those for the kinds of its exercises."""
    kinds = [catalogue.exercises[item.exercise].kind for item in catalogue.routines[routine_id].exercises]
    return safety.view_for(catalogue.safety_rules, kinds)


def routine_items(catalogue: Catalogue, routine_id: str) -> list[dict[str, Any]]:
    """Each exercise of a routine with its dose in the routine (the routine's changes applied) and note."""
    items = []
    for item in catalogue.routines[routine_id].exercises:
        exercise = catalogue.exercises[item.exercise]
        items.append({"id": item.exercise, "ex": exercise, "dose": dose.in_routine(exercise, item), "note": item.note})
    return items


def routines_using(catalogue: Catalogue) -> dict[str, list[tuple[str, Routine]]]:
    """Exercise id -> the routines that include it, built once per catalogue."""
    index: dict[str, list[tuple[str, Routine]]] = {}
    for rid, routine in catalogue.routines.items():
        for item in routine.exercises:
            index.setdefault(item.exercise, []).append((rid, routine))
    return index


def exercise_groups(catalogue: Catalogue) -> list[tuple[str, str, list[tuple[str, Exercise]]]]:
    """(kind, its heading, its exercises by level then name), for the kinds that have exercises."""
    level_order = list(vocabulary.LEVELS)
    groups = []
    for kind, label in vocabulary.KINDS.items():
        members = sorted(
            ((eid, ex) for eid, ex in catalogue.exercises.items() if ex.kind == kind),
            key=lambda pair: (level_order.index(pair[1].level), pair[1].name.casefold()),
        )
        if members:
            groups.append((kind, label, members))
    return groups


def index_by(
    catalogue: Catalogue, labels: dict[str, str], values: Callable[[Exercise], Iterable[str]]
) -> list[tuple[str, list[tuple[str, Exercise]]]]:
    """(label, its exercises by name) for each label some exercise has, in the labels' order."""
    index = []
    for value, label in labels.items():
        members = sorted(
            ((eid, ex) for eid, ex in catalogue.exercises.items() if value in values(ex)),
            key=lambda pair: pair[1].name.casefold(),
        )
        if members:
            index.append((label, members))
    return index
