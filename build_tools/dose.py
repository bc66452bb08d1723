"""The dose as one unit: a routine's changes applied, the dose in words, and the session time.

Part of the rendering stage, and the only place that knows how a dose reads: exercise and
routine pages (through the Jinja filters ``render`` registers), the printed handout, and the
handout builder in the browser (``theme_overrides/assets/javascripts/dose.js`` says the same
things, and both are held to the shared cases in ``tests/dose_cases.json``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from .models import Dose, Exercise, RoutineItem
from .text import plural

SECONDS_PER_REP = 4
"""A controlled repetition takes about 4 seconds; used only for the time estimate."""


class DoseLike(Protocol):
    """What the wording needs: a Dose, or the same fields from the browser's data file."""

    @property
    def sets(self) -> int: ...
    @property
    def reps(self) -> int | None: ...
    @property
    def hold_seconds(self) -> int | None: ...
    @property
    def rest_seconds(self) -> int: ...
    @property
    def per_side(self) -> bool: ...
    @property
    def days_per_week(self) -> int: ...
    @property
    def tempo(self) -> str | None: ...


def in_routine(exercise: Exercise, item: RoutineItem) -> Dose:
    """The exercise's dose with the routine's changes applied (and their sources)."""
    if item.dose is None:
        return exercise.dose
    changes = {k: v for k, v in item.dose.model_dump(exclude_unset=True).items() if k != "sources"}
    if item.dose.reps is not None:
        changes["hold_seconds"] = None
    if item.dose.hold_seconds is not None:
        changes["reps"] = None
    changes["sources"] = list(item.dose.sources)
    changes["adjustable"] = None  # a routine's dose is the routine's; the exercise's bounds do not carry over
    return Dose.model_validate({**exercise.dose.model_dump(), **changes}, strict=False)


def seconds(value: int) -> str:
    if value >= 60 and value % 60 == 0:
        return plural(value // 60, "minute")
    if value > 60 and value % 30 == 0:
        return f"{value / 60:g} minutes"
    return plural(value, "second")


def amount(dose: DoseLike) -> str:
    """'3 sets of 10' or 'Hold 30 seconds, 3 times', with 'on each leg' when per side."""
    if dose.reps is not None:
        words = f"{plural(dose.sets, 'set')} of {dose.reps}"
    else:
        times = "once" if dose.sets == 1 else ("twice" if dose.sets == 2 else f"{dose.sets} times")
        words = f"hold {seconds(dose.hold_seconds or 0)}, {times}"
    if dose.per_side:
        words += " on each leg"
    return words[0].upper() + words[1:]


def rest(dose: DoseLike) -> str:
    value = dose.rest_seconds
    return "No rest needed between sets" if value == 0 else f"Rest {seconds(value)} between sets"


def frequency(days_per_week: int) -> str:
    return "Every day" if days_per_week == 7 else f"{plural(days_per_week, 'day')} a week"


def summary(dose: DoseLike, *, tempo: bool = False) -> str:
    """The dose in one line: amount; rest; days a week (and the speed, on the handout)."""
    parts = [amount(dose), rest(dose).lower(), frequency(dose.days_per_week).lower()]
    if tempo and dose.tempo:
        parts.append(dose.tempo.rstrip(".").lower())
    return "; ".join(parts) + ("." if tempo else "")


def session_minutes(doses: Iterable[DoseLike]) -> int:
    """Estimated minutes for one session: work plus rest, plus a minute to set up each exercise.

    Rounded up to the next 5 minutes. Shown as our estimate, never as a sourced fact.
    """
    total = 0
    for dose in doses:
        sides = 2 if dose.per_side else 1
        work = dose.reps * SECONDS_PER_REP if dose.reps is not None else dose.hold_seconds or 0
        total += dose.sets * sides * work + max(dose.sets - 1, 0) * dose.rest_seconds + 60
    return max(5, -(-total // 300) * 5)
