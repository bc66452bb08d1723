"""The animated demonstration next to an exercise's still figure: one panel and its frames as data.

Part of the rendering stage: ``motion`` gives the in-between frames, ``figures`` draws each
frame's body with the same drawing code as the stills; this module keeps the first frame as
an SVG (hidden until a reader presses Play) and every frame's shapes as numbers (the ``d`` of
each path, the centre of each circle), as JSON in a ``<script type="application/json">`` that
``animate.js`` reads with ``JSON.parse`` and writes into the same elements with
``setAttribute``. Nothing in the data is markup, and ``<``, ``>`` and ``&`` are escaped in it.
Without JavaScript, in print, or under reduced motion only the stills show.
"""

from __future__ import annotations

import itertools
import json
import re
from html import escape

from . import figures, motion

FRAME_MS = 110
"""How long each frame shows, in milliseconds (set on the element; animate.js reads it)."""
HOLD_FRAMES = 6
"""How many frame times a key pose is held before the movement goes on."""

_SHAPE = re.compile(r"<(path|circle|ellipse)\b([^>]*)>")
_ATTR = re.compile(r'\b(d|cx|cy)="([^"]*)"')


def _geometry(parts: list[str]) -> list[str]:
    """The changing numbers of each shape in drawing order: a path's ``d``, a circle's ``cx cy``."""
    out = []
    for part in parts:
        for kind, attrs in _SHAPE.findall(part):
            values = dict(_ATTR.findall(attrs))
            out.append(values["d"] if kind == "path" else f"{values['cx']} {values['cy']}")
    return out


def player(uid: str, exercise: figures.Subject) -> tuple[str, dict[str, object]]:
    """The player's SVG (showing the first frame) and the frames' data for ``animate.js``."""
    poses = list(exercise.figure.poses)
    bodies = figures.aligned_bodies(poses)
    frames = motion.movement(poses, bodies)
    placed = [frame.body() for frame in frames]
    keys = [index * (motion.IN_BETWEEN + 1) for index in range(len(poses))]
    fixed = figures.anchors(bodies[0])
    extents = []
    for index, pose in enumerate(poses):
        shown = placed[keys[index] : keys[index] + motion.IN_BETWEEN + 1]
        extents.append(figures.panel_extent(exercise, pose, bodies[index], shown, fixed))
    left, right = min(e[0] for e in extents), max(e[1] for e in extents)
    height = max(e[3] for e in extents) + figures.MARGIN
    frame = figures.PanelFrame(top=height)
    frame.dx = figures.MARGIN - left
    scenery = figures.Drawing(uid, exercise)
    for pose, body in zip(poses, bodies, strict=True):
        scenery.supports(frame, pose, body, left, right)
    static = list(dict.fromkeys(scenery.parts))  # supports shared by the key poses, drawn once
    shapes = []
    first_parts: list[str] = []
    for body in placed:
        drawing = figures.Drawing(uid, exercise)
        drawing.body(frame, body)
        drawing.attached_props(frame, body, fixed)
        first_parts = first_parts or drawing.parts
        shapes.append(_geometry(drawing.parts))
    width = right - left + 2 * figures.MARGIN
    total = height + figures.MARGIN
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hs-fig hs-anim__svg" viewBox="0 0 {figures.num(width)} '
        f'{figures.num(total)}" width="{figures.percent(width)}" role="img" aria-labelledby="{uid}-t">'
        f'<title id="{uid}-t">{escape(_title(exercise))}</title>{figures.defs(uid)}'
        f'{"".join(static)}<g class="hs-anim__body">{"".join(first_parts)}</g></svg>'
    )
    data = {"keys": keys, "frames": _deltas(shapes)}
    return svg, data


def _title(exercise: figures.Subject) -> str:
    return f"The {exercise.name} as a moving drawing: " + ", then ".join(pose.label for pose in exercise.figure.poses)


def _deltas(shapes: list[list[str]]) -> list[list[str | None]]:
    """Each frame with the shapes that did not change since the frame before as null (smaller pages)."""
    out: list[list[str | None]] = [list(shapes[0])]
    for before, now in itertools.pairwise(shapes):
        out.append([None if a == b else b for a, b in zip(before, now, strict=True)])
    return out


def script_json(data: object) -> str:
    """JSON safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&`` can end or open a tag."""
    text = json.dumps(data, separators=(",", ":"), ensure_ascii=True)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def animated_figure(uid: str, exercise: figures.Subject, drawings: figures.Drawings | None = None) -> str:
    """The still figure, then the Play button (shown by animate.js), the hidden player and its frames.

    Kept with the still figures in the build's ``drawings`` (``figures.figure_svg``), so a warm build
    does not work the frames out again."""
    return figures.figure_svg(uid, exercise, moving=True, drawings=drawings)


def animated(uid: str, exercise: figures.Subject) -> str:
    """``animated_figure``, made afresh."""
    svg, data = player(f"{uid}-m", exercise)
    return (
        figures.figure_svg(uid, exercise)
        + f'\n<div class="hs-anim" data-hs-anim data-frame-ms="{FRAME_MS}" data-hold="{HOLD_FRAMES}" hidden>'
        f'<p class="hs-anim__controls"><button type="button" class="md-button md-button--primary hs-anim__button" '
        f'aria-controls="{uid}-player">Play the movement</button>'
        f'<span class="hs-anim__note" hidden>Your device asks for less motion, so the movement does not '
        f"play; the steps are drawn above.</span></p>"
        f'<div class="hs-anim__player" id="{uid}-player" hidden>{svg}</div>'
        f'<script type="application/json" class="hs-anim__frames">{script_json(data)}</script></div>'
    )
