"""Rules across files, and the file names themselves: what ``check`` and the strict build both refuse.

Beside the loader, after every file has validated on its own:

* ``file_name_problem`` refuses a data file named other than ``<id>.yml`` (``.yaml``,
  ``.YML``, capitals or spaces) and suggests the name to use.
* ``link_exercises`` makes progressions and regressions two sides of one link: an editor
  lists a harder exercise in ``progressions`` (or an easier one in ``regressions``) once,
  and the other exercise shows the link back without its file saying so. Two files that
  disagree (each says the other is the harder) are refused.
* ``dose_sources`` refuses a dose source that the page's own ``sources`` leave out.
* ``review_dates`` finds reviews that are overdue or dated in the future, at their line:
  ``check`` reports them as problems and the build as warnings (so the strict build fails).

Each rule yields ``(collection, id, loc, message)``, which the loader turns into
``path:line:col: field: message`` as it does for every other problem.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import unicodedata
from collections.abc import Container, Iterator
from pathlib import Path

from .catalogue import Catalogue
from .models import SLUG_PATTERN
from .problems import Problem
from .yaml_positions import Loc, locate, parse_with_positions

TIME_ZONE_SLACK = dt.timedelta(days=1)
"""An editor ahead of the checking machine's time zone may date a review tomorrow: that is not the future."""
Found = tuple[str, str, Loc, str]
"""(collection, record id, location in its file, message)."""

SUFFIX = ".yml"
"""The one file ending for data files."""
YAML_LIKE = re.compile(r"\.ya?ml$", re.IGNORECASE)


# -- file names ------------------------------------------------------------------------


def suggested_id(stem: str) -> str:
    """The id closest to ``stem``: accents dropped, lower case, every run of other characters one hyphen."""
    ascii_text = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def file_name_problem(name: str, taken: Container[str] = ()) -> str | None:
    """Why a data file's name is refused, with the name to use instead; None if it is a good name.

    ``taken``: the names of the other files in the folder (a suggestion that is taken says so).
    """
    suffix_match = YAML_LIKE.search(name)
    stem = name[: suffix_match.start()] if suffix_match else name
    suffix = suffix_match.group() if suffix_match else ""
    good_stem = re.fullmatch(SLUG_PATTERN, stem) is not None
    if good_stem and suffix == SUFFIX:
        return None
    suggestion = f"{suggested_id(stem) or 'new-id'}{SUFFIX}"
    advice = (
        f"{suggestion} exists already: keep one of the two files"
        if suggestion in taken
        else f"rename it to {suggestion}"
    )
    if good_stem:
        return f"data files end in '{SUFFIX}', not '{suffix}': {advice}"
    return (
        f"the file name is the record's id: lower-case letters, digits and single hyphens, ending in '{SUFFIX}'; "
        + advice
    )


# -- progressions and regressions ---------------------------------------------------------


def link_exercises(catalogue: Catalogue) -> tuple[Catalogue, list[Found]]:
    """The catalogue with every progression shown back as a regression (and the reverse), and conflicts.

    Links an editor wrote come first, in their order; links made from other files follow, by id.
    """
    exercises = catalogue.exercises
    harder: dict[str, list[str]] = {eid: list(ex.progressions) for eid, ex in exercises.items()}
    easier: dict[str, list[str]] = {eid: list(ex.regressions) for eid, ex in exercises.items()}
    found: list[Found] = []
    for eid, ex in exercises.items():
        for i, other in enumerate(ex.progressions):
            if other in exercises and other != eid and other in ex.regressions:
                found.append(("exercises", eid, ("progressions", i), f"'{other}' is listed as both harder and easier"))
            elif other in exercises and eid in exercises[other].progressions and eid < other:
                found.append(
                    (
                        "exercises",
                        eid,
                        ("progressions", i),
                        f"'{other}' is listed as harder here, but {catalogue.paths[('exercises', other)]} lists this "
                        "exercise as harder than it: keep the one that is right",
                    )
                )
        for i, other in enumerate(ex.regressions):
            if other in ex.progressions:
                continue  # reported above as both harder and easier
            if other in exercises and eid in exercises[other].regressions and eid < other:
                found.append(
                    (
                        "exercises",
                        eid,
                        ("regressions", i),
                        f"'{other}' is listed as easier here, but {catalogue.paths[('exercises', other)]} lists this "
                        "exercise as easier than it: keep the one that is right",
                    )
                )
    for eid in sorted(exercises):
        for other in exercises[eid].progressions:
            if other in easier and other != eid and eid not in easier[other]:
                easier[other].append(eid)
        for other in exercises[eid].regressions:
            if other in harder and other != eid and eid not in harder[other]:
                harder[other].append(eid)
    linked = {
        eid: ex
        if (harder[eid], easier[eid]) == (list(ex.progressions), list(ex.regressions))
        else ex.model_copy(update={"progressions": harder[eid], "regressions": easier[eid]})
        for eid, ex in exercises.items()
    }
    return dataclasses.replace(catalogue, exercises=linked), found


# -- sources --------------------------------------------------------------------------------


def dose_sources(catalogue: Catalogue) -> Iterator[Found]:
    """A dose's sources must be among its page's own: the page lists what it rests on.

    For an exercise, its ``sources``; for a routine's change to a dose, the routine's
    ``sources`` or ``schedule_sources``. An unknown id is reported as such, not here.
    """
    for rid, routine in catalogue.routines.items():
        listed = {*routine.sources, *routine.schedule_sources}
        for i, item in enumerate(routine.exercises):
            for j, sid in enumerate(item.dose.sources if item.dose else ()):
                if sid not in listed and sid in catalogue.sources:
                    yield (
                        "routines",
                        rid,
                        ("exercises", i, "dose", "sources", j),
                        f"'{sid}' supports this dose but is not in the routine's sources: add it to sources too",
                    )
    for eid, ex in catalogue.exercises.items():
        for i, sid in enumerate(ex.dose.sources):
            if sid not in ex.sources and sid in catalogue.sources:  # an unknown id is reported as such
                yield (
                    "exercises",
                    eid,
                    ("dose", "sources", i),
                    f"'{sid}' supports the dose but is not in this exercise's sources: add it to sources too",
                )


# -- review dates ---------------------------------------------------------------------------


def review_dates(root: Path, catalogue: Catalogue, content_dir: str, *, today: dt.date) -> list[Problem]:
    """A problem for every review that is overdue (next_review before today) or dated after today."""
    from . import prose  # prose reads files through the loader, which imports this module

    dated: list[tuple[str, Loc, dt.date, dt.date, str]] = []  # path, loc of review, last, next, kind
    for name in ("exercises", "routines"):
        for rid, record in getattr(catalogue, name).items():
            review = record.review
            dated.append((catalogue.paths[(name, rid)], ("review",), review.last_reviewed, review.next_review, "data"))
    if catalogue.safety is not None and ("safety", "safety") in catalogue.paths:
        review = catalogue.safety.review
        dated.append(
            (catalogue.paths[("safety", "safety")], ("review",), review.last_reviewed, review.next_review, "data")
        )
    for path, meta in prose.page_metas(root, content_dir).items():
        dated.append((path, (), meta.last_reviewed, meta.next_review, "page"))
    problems = []
    for path, loc, last, due, kind in sorted(dated):
        if last > today + TIME_ZONE_SLACK:
            problems.append(
                _at(
                    root,
                    path,
                    (*loc, "last_reviewed"),
                    kind,
                    f"last_reviewed {last.isoformat()} is in the future: give the day the page was checked "
                    f"(today is {today.isoformat()})",
                )
            )
        if due < today:
            problems.append(
                _at(
                    root,
                    path,
                    (*loc, "next_review"),
                    kind,
                    f"review overdue since {due.isoformat()}: review the page and move the date on",
                )
            )
    return problems


def _at(root: Path, path: str, loc: Loc, kind: str, message: str) -> Problem:
    """A problem at the line of ``loc`` in a data file, or of the field in a page's front matter."""
    text = (root / path).read_text(encoding="utf-8")
    if kind == "page":
        key = str(loc[-1])
        found = re.search(rf"^{re.escape(key)}[ \t]*:", text, re.MULTILINE)
        line = text.count("\n", 0, found.start()) + 1 if found else 1
        return Problem(path, line, 1, key, message)
    position = locate(parse_with_positions(text), loc)
    return Problem(path, position.line, position.col, position.field, message)
