"""Under ``make serve`` only: the pose page, a slider per joint angle of each key pose of a figure.

Beside the plugin, which hands the live-reload server and the latest catalogue to ``watch`` in
``on_serve``; ``mkdocs build`` and ``make site`` never see these addresses. ``/_pose/`` lists the
exercise figures; ``/_pose/<id>/`` shows one with its sliders (each with the range its field allows
in ``models.Pose``); ``/_pose/<id>/draw?p1.hip=85&...`` answers JSON: the figure drawn by
``figures.figure_svg`` (the build's own drawing, so there is one home for it), the build's checks of
it (``loader.exercise_figure_problems``: view, balance, contacts, ranges, what stays put) and the
``figure:`` block to paste back into ``exercises/<id>.yml``. The page's script
(``pose_page.js``) only sends the slider values and shows what comes back: no kinematics in the
browser. Every request is answered from this machine; nothing is fetched from another host.

Input is refused with a plain-text 400 naming the field and the rule, never echoing the value,
and every value shown on the page is escaped by Jinja's autoescaping.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from pydantic import ValidationError

from .. import figures, kinematics, models, urls
from ..catalogue import Catalogue
from ..loader import exercise_figure_problems

PREFIX = "/_pose/"
HERE = Path(__file__).parent
ASSETS = {"pose_page.js": "text/javascript; charset=utf-8", "pose_page.css": "text/css; charset=utf-8"}
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob:; connect-src 'self'; "
    "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
"""The pose page's own Content-Security-Policy: its script, its stylesheet, the figure as a blob image."""
SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"
"""The figure on its own: its one ``<style>`` applies, nothing else loads or runs."""
MAX_QUERY = 4000
"""A longer query is refused unread (three poses of every angle take about 600 characters)."""
_PARAM = re.compile(r"p([1-3])\.([a-z_]{2,12})")
_INTEGER = re.compile(r"-?[0-9]{1,4}")

ANGLE_NAMES = {
    "trunk": "Trunk",
    "hip": "Hip (working leg)",
    "knee": "Knee (working leg)",
    "ankle": "Ankle (working leg)",
    "toes": "Toes (working leg)",
    "other_hip": "Hip (other leg)",
    "other_knee": "Knee (other leg)",
    "other_ankle": "Ankle (other leg)",
    "other_toes": "Toes (other leg)",
    "neck": "Neck",
    "shoulder": "Shoulders",
    "elbow": "Elbows",
    "wrist": "Wrists",
}
"""Each slider's label; the order is the order the fields are written in a pose (``models.Pose``)."""
_FIELD_ORDER = tuple(models.Pose.model_fields)


class BadRequest(ValueError):
    """Input the page refuses: its message is plain words, with no part of the input in it."""


@dataclass(frozen=True)
class Slider:
    pose: int
    """1-based, as the figure numbers its poses."""
    field: str
    label: str
    value: int
    low: int
    high: int

    @property
    def name(self) -> str:
        return f"p{self.pose}.{self.field}"


def sliders(figure: models.Figure) -> list[list[Slider]]:
    """For each pose, a slider per joint angle at its current value (the other leg's as drawn)."""
    out: list[list[Slider]] = []
    for number, pose in enumerate(figure.poses, start=1):
        angles = kinematics.angles_of(pose)
        out.append(
            [
                Slider(number, field, ANGLE_NAMES[field], round(angles[field]), *kinematics.angle_range(field))
                for field in ANGLE_NAMES
            ]
        )
    return out


def parse_angles(query: str, figure: models.Figure) -> dict[tuple[int, str], int]:
    """``p<pose>.<field>=<whole number>`` pairs from a query string, checked against the figure's poses."""
    if len(query) > MAX_QUERY:
        raise BadRequest("the request is too long")
    found: dict[tuple[int, str], int] = {}
    for name, value in parse_qsl(query, keep_blank_values=True, strict_parsing=False, max_num_fields=200):
        match = _PARAM.fullmatch(name)
        if match is None or match.group(2) not in ANGLE_NAMES:
            raise BadRequest("unknown field: fields are p<pose number>.<joint angle>, e.g. p1.hip")
        number, field = int(match.group(1)), match.group(2)
        if number > len(figure.poses):
            raise BadRequest(f"this figure has {len(figure.poses)} poses: p{number} is not one")
        low, high = kinematics.angle_range(field)
        if _INTEGER.fullmatch(value) is None or not low <= int(value) <= high:
            raise BadRequest(f"p{number}.{field}: give a whole number of degrees from {low} to {high}")
        found[(number, field)] = int(value)
    return found


def moved_figure(figure: models.Figure, angles: dict[tuple[int, str], int]) -> models.Figure:
    """The figure with ``angles`` set, validated as the build validates a file (so a view is set too).

    The other leg's angle is written only when it was in the file or differs from the working leg's,
    so an untouched file's block comes back as it was."""
    poses = []
    for number, pose in enumerate(figure.poses, start=1):
        data = pose.model_dump(include=pose.model_fields_set)
        current = kinematics.angles_of(pose)
        for field in ANGLE_NAMES:
            value = angles.get((number, field), round(current[field]))
            working = field.removeprefix("other_")
            if (
                working != field
                and field not in pose.model_fields_set
                and value == angles.get((number, working), getattr(pose, working))
            ):
                continue  # the other leg follows the working leg, as the file left it
            if field in pose.model_fields_set or value != models.Pose.model_fields[field].default:
                data[field] = value
        poses.append(data)
    raw = figure.model_dump(include=figure.model_fields_set) | {"poses": poses}
    try:
        return models.Figure.model_validate(raw)
    except ValidationError as error:  # the ranges are checked above: only a rule across fields is left
        first = error.errors()[0]
        raise BadRequest(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None


def figure_yaml(figure: models.Figure) -> str:
    """The ``figure:`` block as ``exercises/<id>.yml`` writes it: paste it over the file's own block."""
    lines = ["figure:"]
    for field in ("view", "working_leg", "props"):
        if field in figure.model_fields_set or field != "view":
            lines.append(f"  {field}: {_scalar(getattr(figure, field))}")
    lines.append("  poses:")
    for pose in figure.poses:
        dumped = pose.model_dump(include=pose.model_fields_set)
        first = True
        for field in _FIELD_ORDER:
            if field not in dumped:
                continue
            lines.append(f"    {'- ' if first else '  '}{field}: {_scalar(dumped[field])}")
            first = False
    return "\n".join(lines) + "\n"


def _scalar(value: Any) -> str:
    """One YAML value in flow style: JSON is YAML, and quoting every string keeps labels exact."""
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {item}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "[" + ", ".join(str(item) for item in value) + "]"
    if isinstance(value, str) and re.fullmatch(r"[A-Za-z][A-Za-z0-9 ,'()-]*", value) and value == value.strip():
        return value
    return json.dumps(value, ensure_ascii=False)


def checks(eid: str, figure: models.Figure) -> list[str]:
    """The build's checks of the figure, each as 'pose 2 (Lowest point), knee: message'."""
    messages = []
    for loc, message in exercise_figure_problems(eid, figure):
        where = [str(part) for part in loc]
        if len(loc) >= 3 and loc[:2] == ("figure", "poses") and isinstance(loc[2], int):
            pose = figure.poses[loc[2]]
            rest = ".".join(where[3:])
            where = [f"pose {loc[2] + 1} ({pose.label})" + (f", {rest}" if rest else "")]
        messages.append(f"{'.'.join(where)}: {message}")
    return messages


def draw(eid: str, exercise: models.Exercise, angles: dict[tuple[int, str], int]) -> dict[str, Any]:
    """What the page shows for these angles: the SVG, its description, the checks and the YAML block."""
    figure = moved_figure(exercise.figure, angles)
    moved = exercise.model_copy(update={"figure": figure})
    svg = figures.figure_svg(f"pose-{eid}", moved, standalone=True)
    return {
        "svg": svg,
        "alt": _description(svg),
        "checks": checks(eid, figure),
        "yaml": figure_yaml(figure),
    }


def _description(svg: str) -> str:
    found = re.search(r"<desc[^>]*>(.*?)</desc>", svg, flags=re.S)
    return html.unescape(found.group(1)) if found else ""


class PosePages:
    """Answers ``/_pose/...`` from the latest good catalogue (``current``); anything else goes on."""

    def __init__(
        self, current: Callable[[], Catalogue | None], site_root: str = "/", directory_urls: bool = True
    ) -> None:
        self.current = current
        self.site_root = site_root
        self.directory_urls = directory_urls
        self._env = Environment(
            loader=FileSystemLoader(HERE), autoescape=True, undefined=StrictUndefined, trim_blocks=True
        )

    def answer(self, path: str, query: str) -> tuple[str, str, bytes] | None:
        """Status, content type and body for a request under ``PREFIX``; None for any other path."""
        if not path.startswith(PREFIX):
            return None
        rest = path[len(PREFIX) :]
        if rest in ASSETS:
            return "200 OK", ASSETS[rest], (HERE / rest).read_bytes()
        catalogue = self.current()
        if catalogue is None:
            return _plain("503 Service Unavailable", "the data does not load yet: see the preview's other pages")
        if rest == "":
            return "200 OK", "text/html; charset=utf-8", self._index(catalogue).encode("utf-8")
        eid, _, action = rest.partition("/")
        exercise = catalogue.exercises.get(eid)
        if exercise is None or action not in ("", "draw", "figure.svg"):
            return _plain("404 Not Found", "no such exercise figure: the list is at /_pose/")
        try:
            angles = parse_angles(query, exercise.figure)
            if action == "draw":
                body = json.dumps(draw(eid, exercise, angles), ensure_ascii=False)
                return "200 OK", "application/json; charset=utf-8", body.encode("utf-8")
            if action == "figure.svg":
                return "200 OK", "image/svg+xml; charset=utf-8", draw(eid, exercise, angles)["svg"].encode("utf-8")
            page = self._page(eid, exercise, catalogue, angles)
        except BadRequest as error:
            return _plain("400 Bad Request", str(error))
        return "200 OK", "text/html; charset=utf-8", page.encode("utf-8")

    def _index(self, catalogue: Catalogue) -> str:
        items = sorted(((ex.name, eid) for eid, ex in catalogue.exercises.items()), key=lambda item: item[0].lower())
        return self._env.get_template("pose_index.html.j2").render(items=items, site_root=self.site_root)

    def _page(
        self, eid: str, exercise: models.Exercise, catalogue: Catalogue, angles: dict[tuple[int, str], int]
    ) -> str:
        shown = draw(eid, exercise, angles)
        figure = moved_figure(exercise.figure, angles)
        return self._env.get_template("pose_page.html.j2").render(
            eid=eid,
            name=exercise.name,
            path=catalogue.paths.get(("exercises", eid), f"exercises/{eid}.yml"),
            poses=list(zip(figure.poses, sliders(figure), strict=True)),
            shown=shown,
            query=_query(angles),
            page_url=self.site_root + urls.page_url(urls.exercise_uri(eid), self.directory_urls),
            site_root=self.site_root,
        )


def _query(angles: dict[tuple[int, str], int]) -> str:
    """The angles as a query string again (built from the parsed numbers, not the request's text)."""
    pairs = "&".join(f"p{number}.{field}={value}" for (number, field), value in sorted(angles.items()))
    return f"?{pairs}" if pairs else ""


def _plain(status: str, message: str) -> tuple[str, str, bytes]:
    return status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8")


def watch(server: Any, current: Callable[[], Catalogue | None], config: Any) -> str:
    """Answer the pose pages on ``server`` (MkDocs' live-reload server, a WSGI server) before MkDocs does,
    from the latest good catalogue (``current``); ``config`` is MkDocs' (its ``site_url``, ``dev_addr`` and
    ``use_directory_urls``). Returns the line to print: where the page is."""
    pages = PosePages(current, urlsplit(config.site_url or "").path or "/", config.use_directory_urls)
    serve = server.get_app()  # the WSGI application (wsgiref's public API)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if environ.get("REQUEST_METHOD", "GET") not in ("GET", "HEAD"):
            return serve(environ, start_response)  # type: ignore[no-any-return]
        found = pages.answer(environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""))
        if found is None:
            return serve(environ, start_response)  # type: ignore[no-any-return]
        status, content_type, body = found
        start_response(
            status,
            [
                ("Content-Type", content_type),
                ("Content-Length", str(len(body))),
                ("Cache-Control", "no-store"),
                ("X-Content-Type-Options", "nosniff"),
                ("Content-Security-Policy", SVG_POLICY if content_type.startswith("image/svg") else POLICY),
                ("Referrer-Policy", "no-referrer"),
            ],
        )
        return [body]

    server.set_app(app)
    return f"Pose editor (preview only, not in the site): http://{config.dev_addr}{PREFIX}"
