"""Read every YAML file, validate it, check every cross-reference, and build the Catalogue.

First stage of the flow: YAML files -> (this module) -> typed models in a ``Catalogue``
-> renderers -> MkDocs. Nothing here imports MkDocs, and nothing is written anywhere.
All problems in all files are collected before failing, so one run shows an editor
every mistake, each as ``path:line:col: field: message``.

Speed: files are parsed with ruamel.yaml's fast safe loader (libyaml when
``ruamel.yaml.clib`` is installed); only a file with a problem is parsed a second time
with the round-trip loader, which knows where each key is. A ``ParseCache`` passed in
keeps parsed files by their text, so a rebuild parses only the files that changed.
"""

from __future__ import annotations

import difflib
import functools
import hashlib
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from . import checks, field_errors, models, prescan, yaml_errors
from . import vocabulary as vocab
from .catalogue import Catalogue
from .fields import name_key
from .kinematics import LOADS, check_pose, sliding_contacts
from .problems import DataError, Problem
from .yaml_positions import Loc, locate, parse_with_positions, safe_yaml


@dataclass(frozen=True)
class Collection:
    name: str
    """Attribute of the Catalogue that holds these records."""
    folder: str
    """Folder, relative to the project root."""
    model: type[models.Record]


def collections(exercises_dir: str = "exercises", data_dir: str = "data") -> tuple[Collection, ...]:
    return (
        Collection("sources", f"{data_dir}/sources", models.Source),
        Collection("exercises", exercises_dir, models.Exercise),
        Collection("signs", f"{data_dir}/signs", models.Sign),
        Collection("self_tests", f"{data_dir}/self_tests", models.SelfTest),
        Collection("red_flags", f"{data_dir}/red_flags", models.RedFlag),
        Collection("routines", f"{data_dir}/routines", models.Routine),
        Collection("glossary", f"{data_dir}/glossary", models.GlossaryTerm),
    )


SAFETY_FILE = "{data_dir}/safety.yml"
"""The one file of shared pain and stop rules (``models.SafetyRules``)."""
BODY_MAP_FILE = "{data_dir}/body_map.yml"
"""What each area of the "Where does it hurt?" map links to (``models.BodyMap``)."""
MAX_PROBLEMS_PER_FILE = 100
"""Problems reported per file; a file with thousands (a pasted list) gets the first ones and a count."""
ROUND_TRIP_MAX_CHARS = 30_000
"""Larger files (real ones are under 10 KB) are located by their top-level key's line, not parsed again."""


class ParseCache:
    """Parsed YAML documents keyed by a hash of the file's text: an unchanged file is not parsed again.

    Only documents that parsed cleanly are kept, so every error is still found by parsing.
    Documents are shared, not copied: the loader only reads them (pydantic validates without
    changing its input). ``entries()`` returns those used since the last call (the files
    that still exist) and forgets the rest.
    """

    def __init__(self, entries: dict[bytes, Any] | None = None, poses: dict[str, Any] | None = None):
        self._entries: dict[bytes, Any] = dict(entries or {})
        self._used: set[bytes] = set()
        self._poses: dict[str, tuple[tuple[str, str], ...]] = {
            key: tuple((str(w), str(m)) for w, m in value) for key, value in (poses or {}).items()
        }
        """Each checked pose's problems (``kinematics.check_pose``), keyed by the pose and how it is held."""
        self._poses_used: set[str] = set()
        self._records: dict[tuple[bytes, type], models.Record] = {}
        """Valid records made from a document, kept in memory only (for rebuilds under serve)."""
        self._figures: dict[str, tuple[tuple[Loc, str], ...]] = {}
        """Each figure's problems (``_figure_problems``), keyed by all of the figure's data; in memory only."""
        self._figures_used: set[str] = set()

    @staticmethod
    def key(text: str) -> bytes:
        return hashlib.blake2b(text.encode("utf-8"), digest_size=20).digest()

    def get(self, key: bytes) -> Any:
        self._used.add(key)
        return self._entries.get(key)

    def put(self, key: bytes, data: Any) -> None:
        self._used.add(key)
        self._entries[key] = data

    def record(self, key: bytes, model: type[models.Record]) -> models.Record | None:
        """The valid record made from this document before, if any (the document counts as in use)."""
        found = self._records.get((key, model))
        if found is not None:
            self._used.add(key)
        return found

    def keep_record(self, key: bytes, model: type[models.Record], record: models.Record) -> None:
        self._records[(key, model)] = record

    def pose_problems(self, key: str, check: Callable[[], tuple[tuple[str, str], ...]]) -> tuple[tuple[str, str], ...]:
        """The problems of the pose ``key`` names, checked once and kept (a check solves for fixes: slow)."""
        self._poses_used.add(key)
        found = self._poses.get(key)
        if found is None:
            found = self._poses[key] = check()
        return found

    def figure_problems(self, key: str, check: Callable[[], Iterator[tuple[Loc, str]]]) -> tuple[tuple[Loc, str], ...]:
        """The problems of the figure ``key`` holds (its data, and whether it is helped), checked once per process.

        Rebuilds under serve check only the figures an edit changed: the poses one by one are kept
        (``pose_problems``), but how parts move between them was worked out again for every figure."""
        self._figures_used.add(key)
        found = self._figures.get(key)
        if found is None:
            found = self._figures[key] = tuple(check())
        return found

    def pose_entries(self) -> dict[str, list[list[str]]]:
        """The pose checks used since the last call, as JSON data; the rest are forgotten."""
        kept = {key: self._poses[key] for key in self._poses_used if key in self._poses}
        self._poses, self._poses_used = kept, set()
        return {key: [list(problem) for problem in problems] for key, problems in kept.items()}

    def entries(self) -> dict[bytes, Any]:
        kept = {key: self._entries[key] for key in self._used if key in self._entries}
        self._entries, self._used = kept, set()
        self._records = {k: v for k, v in self._records.items() if k[0] in kept}
        self._figures = {key: self._figures[key] for key in self._figures_used if key in self._figures}
        self._figures_used = set()
        return kept


def load_catalogue(
    root: Path, exercises_dir: str = "exercises", data_dir: str = "data", cache: ParseCache | None = None
) -> Catalogue:
    """Load and validate everything under ``root``; raise ``DataError`` listing every problem."""
    reader = _Reader(root, cache)
    records: dict[str, Any] = {}  # collection name -> {id: record}
    for collection in collections(exercises_dir, data_dir):
        records[collection.name] = reader.read_collection(collection)
    safety = reader.read_single(SAFETY_FILE.format(data_dir=data_dir), models.SafetyRules)
    body_map_rel = BODY_MAP_FILE.format(data_dir=data_dir)
    body_map = (  # optional: a project without it has no body map or guided check to offer
        reader.read_single(body_map_rel, models.BodyMap, "body_map") if (root / body_map_rel).exists() else None
    )
    catalogue = Catalogue(paths=reader.paths, safety=safety, body_map=body_map, **records)
    reader.check_references(catalogue)
    catalogue, conflicts = checks.link_exercises(catalogue)
    for name, rid, loc, message in [*conflicts, *checks.dose_sources(catalogue)]:
        reader._add(catalogue.paths[(name, rid)], loc, message)
    if reader.problems:
        raise DataError(reader.problems)
    return catalogue


class _Reader:
    def __init__(self, root: Path, cache: ParseCache | None = None):
        self.root = root
        self.cache = cache
        self.problems: list[Problem] = []
        self.paths: dict[tuple[str, str], str] = {}
        self._texts: dict[str, str] = {}
        self._trees: dict[str, object] = {}
        self._fast = safe_yaml()

    # -- reading and validating -------------------------------------------------

    def read_collection(self, collection: Collection) -> dict[str, Any]:
        folder = self.root / collection.folder
        found: dict[str, Any] = {}
        if not folder.is_dir():
            self.problems.append(Problem(collection.folder, 1, 1, "<folder>", "folder is missing"))
            return found
        if (problem := link_problem(folder, self.root, collection.folder)) is not None:
            self.problems.append(problem)
            return found
        files = []
        for path in sorted(p for p in folder.iterdir() if checks.YAML_LIKE.search(p.name)):
            if path.is_symlink() and (problem := link_problem(path, self.root, f"{collection.folder}/{path.name}")):
                self.problems.append(problem)
            elif path.is_file():
                files.append(path)
        names = {path.name for path in files}
        for path in files:
            rel = f"{collection.folder}/{path.name}"
            record_id = path.stem
            if (refused := checks.file_name_problem(path.name, names)) is not None:
                self.problems.append(Problem(rel, 1, 1, "<file name>", refused))
                meant = checks.suggested_id(record_id)
                if f"{meant}{checks.SUFFIX}" not in names:  # links to the id it means are not also unknown
                    self.paths.setdefault((collection.name, meant), rel)
                continue
            other = self.paths.get((collection.name, record_id))
            if other is not None:
                self.problems.append(
                    Problem(rel, 1, 1, "<file name>", f"duplicate id '{record_id}': {other} has the same id")
                )
                continue
            self.paths[(collection.name, record_id)] = rel
            record = self._validate_file(rel, path, collection.model)
            if record is not None:
                found[record_id] = record
        return found

    def read_single(self, rel: str, model: type[models.Record], key: str = "safety") -> Any:
        """A record that lives in one file of its own, such as the shared safety rules (``key`` names it in paths)."""
        path = self.root / rel
        if path.is_symlink() and (problem := link_problem(path, self.root, rel)):
            self.problems.append(problem)
            return None
        if not path.is_file():
            self.problems.append(Problem(rel, 1, 1, "<file>", "file is missing: every page shows the rules it holds"))
            return None
        self.paths[(key, key)] = rel
        return self._validate_file(rel, path, model)

    def _validate_file(self, rel: str, path: Path, model: type[models.Record]) -> models.Record | None:
        text = read_utf8(path, rel, self.problems)
        if text is None:
            return None
        self._texts[rel] = text
        key = ParseCache.key(text) if self.cache is not None else b""
        if self.cache is not None and (known := self.cache.record(key, model)) is not None:
            return known  # this very text was scanned, parsed and validated in this process before
        if (refused := prescan.scan(text)) is not None:  # before any parser: deep nesting crashes them
            self.problems.append(Problem(rel, *refused[:2], "<yaml>", refused[2]))
            return None
        data = self.cache.get(key) if self.cache is not None else None
        try:
            if data is None:
                data = self._fast.load(text)
                if self.cache is not None and isinstance(data, dict):
                    self.cache.put(key, data)
        except MarkedYAMLError as error:
            line, col, message = yaml_errors.explain(text, error, self._fast.load)
            self.problems.append(Problem(rel, line, col, "<yaml>", message))
            return None
        except ReaderError as error:
            line, col = offset_position(text, error.position)
            self.problems.append(Problem(rel, line, col, "<yaml>", reader_message(error)))
            return None
        except YAMLError as error:
            self.problems.append(Problem(rel, 1, 1, "<yaml>", f"YAML error: {' '.join(str(error).split())}"))
            return None
        except (ValueError, RecursionError) as error:  # e.g. an integer past Python's 4,300-digit limit
            message = " ".join(str(error).split())[:200]
            self.problems.append(Problem(rel, 1, 1, "<yaml>", f"YAML value error: {message}"))
            return None
        if data is None:
            self.problems.append(Problem(rel, 1, 1, "<document>", "the file is empty"))
            return None
        if not isinstance(data, dict):
            self.problems.append(Problem(rel, 1, 1, "<document>", "the file must be a mapping of 'field: value' lines"))
            return None
        try:
            record = model.model_validate(data)
        except ValidationError as error:
            details = field_errors.explain([dict(d) for d in error.errors(include_url=False)], model)
            for loc, message, at_key in details[:MAX_PROBLEMS_PER_FILE]:
                self._add(rel, loc, message, at_key=at_key)
            if len(details) > MAX_PROBLEMS_PER_FILE:
                more = len(details) - MAX_PROBLEMS_PER_FILE
                self.problems.append(
                    Problem(
                        rel,
                        1,
                        1,
                        "<document>",
                        f"{more:,} more problem{'s' if more > 1 else ''} in this file not shown: fix these first",
                    )
                )
            return None
        if self.cache is not None:
            self.cache.keep_record(key, model, record)
        return record

    def _add(self, rel: str, loc: Loc, message: str, *, at_key: bool = False) -> None:
        text = self._texts.get(rel) or (self.root / rel).read_text("utf-8")
        if len(text) > ROUND_TRIP_MAX_CHARS:  # the round-trip parser is pure Python: a second per 15 KB of list
            line = _top_level_line(text, loc)
            self.problems.append(Problem(rel, line, 1, ".".join(map(str, loc)) or "<document>", message))
            return
        if rel not in self._trees:
            self._trees[rel] = parse_with_positions(text)
        position = locate(self._trees[rel], loc, at_key=at_key)
        self.problems.append(Problem(rel, position.line, position.col, position.field, message))

    # -- cross-references ---------------------------------------------------------

    def check_references(self, catalogue: Catalogue) -> None:
        for collection_name, record_id, loc, target, ref in _references(catalogue):
            if ref not in getattr(catalogue, target):
                if (target, ref) in catalogue.paths:
                    continue  # the target exists but is invalid; its own problem is reported
                rel = catalogue.paths[(collection_name, record_id)]
                self._add(rel, loc, _unknown_reference(target, ref, getattr(catalogue, target)))
        for collection_name, record_id, loc, message in _consistency(catalogue, self.cache):
            self._add(catalogue.paths[(collection_name, record_id)], loc, message)


def _references(c: Catalogue) -> Iterator[tuple[str, str, Loc, str, str]]:
    """Every reference from one record to another: (collection, id, loc, target collection, target id)."""
    for eid, ex in c.exercises.items():
        for field in ("progressions", "regressions"):
            for i, ref in enumerate(getattr(ex, field)):
                yield "exercises", eid, (field, i), "exercises", ref
        for i, ref in enumerate(ex.helps_with):
            yield "exercises", eid, ("helps_with", i), "signs", ref
        for i, ref in enumerate(ex.sources):
            yield "exercises", eid, ("sources", i), "sources", ref
        for i, ref in enumerate(ex.dose.sources):
            yield "exercises", eid, ("dose", "sources", i), "sources", ref
    for name in ("signs", "self_tests"):
        for rid, record in getattr(c, name).items():
            for i, ref in enumerate(record.related_exercises):
                yield name, rid, ("related_exercises", i), "exercises", ref
    for rid, test in c.self_tests.items():
        for i, norm in enumerate(test.norms):
            yield "self_tests", rid, ("norms", i, "source"), "sources", norm.source
    for name in ("signs", "self_tests", "red_flags", "routines", "glossary"):
        for rid, record in getattr(c, name).items():
            for i, ref in enumerate(record.sources):
                yield name, rid, ("sources", i), "sources", ref
    if c.body_map is not None:
        for i, area in enumerate(c.body_map.areas):
            for j, ref in enumerate(area.signs):
                yield "body_map", "body_map", ("areas", i, "signs", j), "signs", ref
            for j, ref in enumerate(area.red_flags):
                yield "body_map", "body_map", ("areas", i, "red_flags", j), "red_flags", ref
    if c.safety is not None:
        for loc, rule in c.safety.located():
            for i, ref in enumerate(rule.sources):
                yield "safety", "safety", (*loc, "sources", i), "sources", ref
    for rid, routine in c.routines.items():
        for i, ref in enumerate(routine.schedule_sources):
            yield "routines", rid, ("schedule_sources", i), "sources", ref
        for i, ref in enumerate(routine.red_flags):
            yield "routines", rid, ("red_flags", i), "red_flags", ref
        for i, item in enumerate(routine.exercises):
            yield "routines", rid, ("exercises", i, "exercise"), "exercises", item.exercise
            for j, ref in enumerate(item.dose.sources if item.dose else ()):
                yield "routines", rid, ("exercises", i, "dose", "sources", j), "sources", ref


def _consistency(c: Catalogue, cache: ParseCache | None = None) -> Iterator[tuple[str, str, Loc, str]]:
    """Rules beyond one field: poses that fit the floor, self-references, repeats and duplicate names."""
    for eid, ex in c.exercises.items():
        for loc, message in exercise_figure_problems(eid, ex.figure, cache):
            yield "exercises", eid, loc, message
    for tid, test in c.self_tests.items():
        if test.figure is not None:
            for loc, message in _figure_problems(test.figure, cache, helped=test.figure.helper is not None):
                yield "self_tests", tid, loc, message
    for eid, ex in c.exercises.items():
        for field in ("progressions", "regressions", "helps_with", "sources"):
            seen: set[str] = set()
            for i, ref in enumerate(getattr(ex, field)):
                if ref == eid and field in ("progressions", "regressions"):
                    yield "exercises", eid, (field, i), "an exercise cannot be its own progression or regression"
                if ref in seen:
                    yield "exercises", eid, (field, i), f"'{ref}' is listed twice"
                seen.add(ref)
    for rid, routine in c.routines.items():
        for index, field, message in routine.phase_gaps():
            yield "routines", rid, ("phases", index, field), message
        seen = set()
        for i, item in enumerate(routine.exercises):
            if item.exercise in seen:
                yield "routines", rid, ("exercises", i, "exercise"), f"'{item.exercise}' is listed twice"
            seen.add(item.exercise)
            exercise = c.exercises.get(item.exercise)
            change = item.dose
            if exercise is not None and change is not None:
                if change.reps is not None and exercise.dose.hold_seconds is not None:
                    yield (
                        "routines",
                        rid,
                        ("exercises", i, "dose", "reps"),
                        (f"'{item.exercise}' is dosed by hold_seconds; change hold_seconds instead"),
                    )
                if change.hold_seconds is not None and exercise.dose.reps is not None:
                    yield (
                        "routines",
                        rid,
                        ("exercises", i, "dose", "hold_seconds"),
                        (f"'{item.exercise}' is dosed by reps; change reps instead"),
                    )
    if c.body_map is not None:
        yield from _body_map_consistency(c.body_map)
    first_with_term: dict[str, str] = {}
    for gid, entry in c.glossary.items():
        for index, term in enumerate([entry.term, *entry.also_matches]):
            other = first_with_term.setdefault(name_key(term), gid)
            if other != gid:
                loc = ("term",) if index == 0 else ("also_matches", index - 1)
                yield "glossary", gid, loc, f"'{term}' is already explained in {c.paths[('glossary', other)]}"
    for name in ("exercises", "routines"):
        first_with_name: dict[str, str] = {}
        for rid, record in getattr(c, name).items():
            key = name_key(record.name)  # NFKC and case-folded: 'Bridge' and its full-width spelling are one name
            if key in first_with_name:
                other = c.paths[(name, first_with_name[key])]
                yield name, rid, ("name",), f"duplicate name '{record.name}': {other} has the same name"
            else:
                first_with_name[key] = rid


FRONT_STANDING_CONTACTS = frozenset({"working-foot", "other-foot"})
"""What a standing pose seen from the front may rest on: the whole sole (seen end-on, heel and toes are one)."""


def _view_problem(eid: str, view: str, index: int, pose: models.Pose) -> tuple[str, str, Loc, str] | None:
    """A side-lying pose outside a front view, or a front-view pose that neither lies on the side nor stands.

    Standing seen from the front, a bent knee would point at the viewer, so the knees must stay straight."""
    if view == "side":
        if "side" not in pose.contacts:
            return None
        return (
            "exercises",
            eid,
            ("figure", "poses", index, "contacts", "side"),
            "lying on your side is drawn seen from the front: set the figure's view to front",
        )
    if "side" in pose.contacts:
        return None
    if not set(pose.contacts) <= FRONT_STANDING_CONTACTS:
        return (
            "exercises",
            eid,
            ("figure", "view"),
            "a figure seen from the front shows lying on your side or standing: every pose needs 'side' in its "
            "contacts, or rests on working-foot and other-foot only",
        )
    for field in ("knee", "other_knee"):
        bend = pose.knee if field == "knee" else (pose.knee if pose.other_knee is None else pose.other_knee)
        if bend > 10:
            return (
                "exercises",
                eid,
                ("figure", "poses", index, field),
                f"seen from the front a bent knee would point at the viewer and cannot be drawn: change {field} "
                f"from {bend} to 10 or less",
            )
    return None


def exercise_figure_problems(
    eid: str, figure: models.Figure, cache: ParseCache | None = None
) -> Iterator[tuple[Loc, str]]:
    """Every check the build runs on an exercise's figure: the view, each pose, what stays put.

    One home for them: the build (``_consistency``) and the pose page under serve (``serve.poses``)."""
    for index, pose in enumerate(figure.poses):
        view_problem = _view_problem(eid, figure.view, index, pose)
        if view_problem is not None:
            yield view_problem[2], view_problem[3]
    yield from _figure_problems(figure, cache)


def _figure_problems(
    figure: models.Figure, cache: ParseCache | None, helped: bool = False
) -> Iterator[tuple[Loc, str]]:
    """Every pose of a figure checked (``check_pose``), and the parts that stay put from pose to pose;
    with a ``cache``, once per figure's data (``ParseCache.figure_problems``)."""
    if cache is None:
        yield from _check_figure(figure, None, helped)
    else:
        key = f"{type(figure).__name__}|{helped}|{figure.model_dump_json()}"
        yield from cache.figure_problems(key, lambda: _check_figure(figure, cache, helped))


def _check_figure(figure: models.Figure, cache: ParseCache | None, helped: bool) -> Iterator[tuple[Loc, str]]:
    # Held by a hand on a support, a partner at the heels or a band, or a helper: balance is not checked.
    props = set(figure.props)
    load = sum(LOADS.get(prop, 0.0) for prop in props)
    for index, pose in enumerate(figure.poses):
        held = helped or bool(
            {"partner-holds-heels", "band-chest-to-anchor"} & props
            or {"chair-back", "wall"} & set(pose.contacts.values())
        )
        pose_json = pose.model_dump_json()
        front = figure.view == "front"
        check = functools.partial(_pose_problems, pose_json, held, load, load > 0, front)
        key = f"{held}|{load}|{'front|' if front else ''}{pose_json}"
        problems = check() if cache is None else cache.pose_problems(key, check)
        for where, message in problems:
            yield (("figure", "poses", index, *where.split(".")) if where else ("figure", "poses", index)), message
    sliding = (
        frozenset({"working-heel", "other-heel", "working-foot", "other-foot"}) if "sliders" in props else frozenset()
    ) | (frozenset({"other-heel", "other-foot", "other-toes"}) if "slider-back-foot" in props else frozenset())
    for index, where, message in sliding_contacts(list(figure.poses), sliding):
        yield ("figure", "poses", index, *where.split(".")), message


def _body_map_consistency(body_map: models.BodyMap) -> Iterator[tuple[str, str, Loc, str]]:
    """Every area of the map once, and no id listed twice in one area."""
    seen: dict[str, int] = {}
    for i, area in enumerate(body_map.areas):
        if area.region in seen:
            yield (
                "body_map",
                "body_map",
                ("areas", i, "region"),
                (f"'{area.region}' is already given as area {seen[area.region] + 1}: give each area once"),
            )
        seen.setdefault(area.region, i)
        for field in ("signs", "red_flags"):
            listed: set[str] = set()
            for j, ref in enumerate(getattr(area, field)):
                if ref in listed:
                    yield "body_map", "body_map", ("areas", i, field, j), f"'{ref}' is listed twice"
                listed.add(ref)
    for region in vocab.BODY_REGIONS:
        if region not in seen:
            yield (
                "body_map",
                "body_map",
                ("areas",),
                (f"area '{region}' is missing: the map draws it, so say what it links to"),
            )


def _pose_problems(
    pose_json: str, held: bool, load: float, close: bool, front: bool = False
) -> tuple[tuple[str, str], ...]:
    """Whether a pose is one a body can take; the build's ``ParseCache`` keeps each answer (rebuilds reuse it)."""
    pose = models.Pose.model_validate_json(pose_json)
    pose._front = front
    return tuple(check_pose(pose, held=held, load=load, close=close).problems)


def link_problem(path: Path, root: Path, rel: str) -> Problem | None:
    """A problem if ``path`` is (or goes through) a symbolic link that loops, is broken or leaves the project."""
    try:
        resolved = path.resolve(strict=True)
    except (OSError, RuntimeError) as error:  # RuntimeError: a symlink loop, on Python before 3.13
        return Problem(
            rel,
            1,
            1,
            "<file>",
            f"broken or looping symbolic link ({type(error).__name__}): replace it with the file itself",
        )
    if not resolved.is_relative_to(root.resolve()):
        return Problem(rel, 1, 1, "<file>", "symbolic link to a file outside the project: copy the file in instead")
    return None


def read_utf8(path: Path, rel: str, problems: list[Problem]) -> str | None:
    """The file's text, or None with a problem at the first byte that is not UTF-8 (or if it is too large to read)."""
    if (message := prescan.too_large(path.stat().st_size)) is not None:
        problems.append(Problem(rel, 1, 1, "<file>", message))
        return None
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        col = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        problems.append(
            Problem(rel, line, col, "<encoding>", "the file is not UTF-8 text: save it as UTF-8 in your editor")
        )
        return None


def _top_level_line(text: str, loc: Loc) -> int:
    """The line of the top-level key ``loc`` starts with (1 if not found): a rough position without parsing."""
    if loc and isinstance(loc[0], str):
        found = re.search(rf"^{re.escape(loc[0])}[ \t]*:", text, re.MULTILINE)
        if found is not None:
            return text.count("\n", 0, found.start()) + 1
    return 1


def offset_position(text: str, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a character offset in ``text``."""
    offset = max(0, min(offset, len(text)))
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def reader_message(error: Any) -> str:
    """A character YAML refuses in a file (a control character, DEL, U+FFFE, ...), named.

    ``error`` is ruamel's or PyYAML's ReaderError: both have ``character`` and ``reason``.
    """
    char = error.character
    code = ord(char) if isinstance(char, (str, bytes)) and len(char) == 1 else char
    return (
        f"invisible control character U+{code:04X} ({error.reason}): delete it "
        "(retype the text around it if you cannot see it)"
    )


# -- messages -------------------------------------------------------------------


def _unknown_reference(target: str, ref: str, known: dict[str, Any]) -> str:
    folder = {
        "exercises": "exercises/",
        "signs": "data/signs/",
        "sources": "data/sources/",
        "red_flags": "data/red_flags/",
    }.get(target, target)
    close = difflib.get_close_matches(ref, list(known), n=1)
    hint = f" (did you mean '{close[0]}'?)" if close else ""
    return f"unknown id '{ref}': no such file in {folder}{hint}"


def read_record(root: Path, rel: str, model: type[models.Record]) -> tuple[models.Record | None, list[Problem]]:
    """One file read and validated on its own, as the build reads it (``python -m build_tools figure``)."""
    reader = _Reader(root)
    return reader._validate_file(rel, root / rel, model), reader.problems
