"""Draw an exercise's figure as a small, accessible SVG from the joint angles in its YAML.

Part of the rendering stage: ``kinematics`` places the joints; this module lays the key
poses out side by side (each later pose with the previous one ghosted behind it and an
arrow for the movement), highlights the worked muscles (hamstrings in the strong tone,
helpers in the second tone, each with its own pattern so they survive black-and-white
printing), draws the props, and writes a ``<title>`` and ``<desc>`` from the data.

Colours come from CSS classes (``figures.css`` maps them to Material's light and dark
palettes); a standalone file (thumbnails) carries its own small ``<style>``.
Pure: the same exercise data always gives the same bytes, so the build keeps drawings (``Drawings``).
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable
from html import escape
from typing import Any, TypeVar, cast

from pydantic import BaseModel, SerializeAsAny

from . import figure_marks
from . import vocabulary as vocab
from .kinematics import (
    Body,
    Box,
    Leg,
    Point,
    along,
    forward_kinematics,
    heading,
    held_chair,
    lift,
    move_body,
    support_boxes,
)
from .models import Exercise, Figure, Muscles, Pose, SelfTest, SelfTestFigure


class TestSubject(BaseModel):
    """What a self-test's figure is drawn from: the test's name and its figure (as an exercise's)."""

    name: str
    muscles: Muscles
    figure: SerializeAsAny[Figure]

    @classmethod
    def of(cls, test: SelfTest) -> TestSubject:
        assert test.figure is not None
        return cls(name=test.name, muscles=test.figure.muscles, figure=test.figure)


Subject = Exercise | TestSubject
"""Anything with a figure: an exercise, or a self-test's figure with its name."""

REGIONS: dict[str, frozenset[str]] = {
    "hamstrings": vocab.HAMSTRINGS,
    "glutes": frozenset({"gluteus-maximus"}),
    "side-of-hip": frozenset({"gluteus-medius", "gluteus-minimus"}),
    "calf": frozenset({"gastrocnemius", "soleus"}),
    "quadriceps": frozenset({"quadriceps"} | {m for m, group in vocab.MUSCLE_GROUPS.items() if group == "quadriceps"}),
    "back": frozenset({"erector-spinae"}),
    "abdominals": frozenset({"abdominals"}),
}
REGION_WORDS = {
    "hamstrings": "hamstrings",
    "glutes": "buttock muscles",
    "side-of-hip": "side of the hip",
    "calf": "calf",
    "quadriceps": "front of the thigh",
    "back": "back muscles",
    "abdominals": "stomach muscles",
}
WIDTH = {"trunk": 21.0, "thigh": 13.0, "shank": 10.0, "arm": 8.0, "forearm": 7.0, "foot": 5.5}
FRONT_TRUNK = 30.0
"""Standing seen from the front, the trunk is drawn as wide as it is across (21 is its depth, seen from the side)."""
FRONT_SHOULDER = 18.0
"""Standing seen from the front, each shoulder joint this far beside the middle of the trunk."""
PANEL_GAP = 26.0
MARGIN = 8.0
LABEL_SIZE = 19.0
"""Label text size in drawing units (cm): 12 px or more on a 390 px phone at the scale of REFERENCE_WIDTH."""
LABEL_SPACE = LABEL_SIZE + 6.0
REFERENCE_WIDTH = 480.0
"""The widest figure (cm of drawing) a page is sized for: a figure's width is its share of this, so at
any page width every figure is drawn at the same scale and a body is the same size in each."""

STANDALONE_STYLE = (
    "<style>.fl{stroke:#8a8f99;stroke-width:1.5}.b,.f,.g{fill:none;stroke-linecap:round;stroke-linejoin:round}"
    ".b{stroke:#7d8490}.f{stroke:#b4b9c2}.hd{fill:#7d8490}.g{stroke:#9aa0aa;opacity:.45;stroke-dasharray:2 4}"
    ".h1{fill:#d6336c}.h2{fill:#f59f00}.ph{stroke:#3b0a1e;stroke-width:1.2}.pd{fill:#5c3c00}"
    ".wl{fill:#eceef1}.pa{fill:none;stroke:#a3a8b2;stroke-linecap:round}.b.ft{fill:#7d8490}.f.ft{fill:#b4b9c2}.p{fill:none;stroke:#6b7280;stroke-width:2.5;stroke-linecap:round}.pf{fill:#c9ccd3;stroke:#6b7280}"
    ".a{fill:none;stroke:#3f51b5;stroke-width:2.5}.ms{fill:none;stroke:#3f51b5;stroke-width:2}.hp{fill:none;stroke:#7d8490;stroke-linecap:round;stroke-linejoin:round}.hpb{opacity:.5}.ref{stroke-dasharray:4 3}.ah{fill:#3f51b5}.l{fill:#5f6470;font:600 19px sans-serif}</style>"
)


def label_width(text: str) -> float:
    """A generous estimate of a label's width in drawing units (0.6 em a character, at LABEL_SIZE)."""
    return 0.6 * LABEL_SIZE * len(text)


def percent(width: float) -> str:
    """A figure's width as its share of ``REFERENCE_WIDTH`` (at most all of it): one scale for every figure."""
    return f"{min(100.0, 100 * width / REFERENCE_WIDTH):.2f}%"


def num(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


class PanelFrame:
    """Maps body coordinates (cm, y up) into the SVG (y down), panel by panel."""

    def __init__(self, top: float):
        self.top = top
        self.dx = 0.0

    def p(self, point: Point) -> str:
        return f"{num(point[0] + self.dx)} {num(self.top - point[1])}"


def _shift(point: Point, dx: float, dy: float) -> Point:
    return point[0] + dx, point[1] + dy


def _placed(pose: Pose) -> Body:
    body = forward_kinematics(pose)
    return _move(body, 0.0, lift(pose, body))  # where check_pose sets it, without running the checks


_move = move_body


def _support_boxes(pose: Pose, body: Body) -> list[tuple[str, str, Box]]:
    """The raised supports under a placed body's contacts, where the checks put them."""
    surfaces = body.contact_surfaces()
    boxes = []
    for part, support in pose.contacts.items():
        if support in ("floor", "chair-back", "wall"):
            continue
        x = min(surfaces[part], key=lambda item: item[0][1] - item[1])[0][0]
        boxes += [(support, part, box) for box in support_boxes(support, x, part)]
    return boxes


def _drawn(support: str, box: Box) -> Box:
    """How much room a support takes in the drawing: a Swiss ball is wider than the core that is checked."""
    if support != "swiss-ball":
        return box
    centre, radius = (box[0] + box[1]) / 2, box[3] / 2
    return centre - radius, centre + radius, 0.0, box[3]


def _held_chair(pose: Pose, body: Body) -> tuple[float, Box]:
    """A chair whose back the hands rest on, where the checks put it."""
    return held_chair(body, 0.0, [box for _, _, box in _support_boxes(pose, body)])


def _chest(body: Body) -> Point:
    return along(
        along(body.hip, body.trunk_heading, 0.75 * math.dist(body.hip, body.shoulder)), body.trunk_heading + 90, 8.0
    )


def _anchor_x(body: Body, part: str) -> float:
    points = body.contact_surfaces()[part]
    return sum(point[0] for point, _ in points) / len(points)


def aligned_bodies(poses: list[Pose]) -> list[Body]:
    """Set each pose on the ground and line them up on a contact they share, so movement reads true."""
    bodies = [_placed(pose) for pose in poses]
    for index in range(1, len(bodies)):
        shared = [
            part
            for part, support in poses[index].contacts.items()
            if poses[index - 1].contacts.get(part) == support and support not in vocab.BESIDE_SUPPORTS
        ]
        part = shared[0] if shared else None
        if part is not None:
            offset = _anchor_x(bodies[index - 1], part) - _anchor_x(bodies[index], part)
        else:
            offset = bodies[index - 1].hip[0] - bodies[index].hip[0]
        bodies[index] = _move(bodies[index], offset, 0.0)
    return bodies


def _standing_front(body: Body) -> bool:
    """Standing seen from the front: the kinematics hang the legs from two hips side by side."""
    return body.near.hip != body.far.hip


def _mirror(point: Point, origin: Point, direction: float) -> Point:
    """``point`` reflected across the line through ``origin`` with heading ``direction`` (the other arm)."""
    ux, uy = heading(direction)
    dx, dy = point[0] - origin[0], point[1] - origin[1]
    along_line = dx * ux + dy * uy
    return origin[0] + 2 * along_line * ux - dx, origin[1] + 2 * along_line * uy - dy


def _extent(body: Body) -> tuple[float, float, float, float]:
    points = [(point, radius) for _, point, radius in body.outline_points()]
    points.append((body.head, 11.0))
    xs = [p[0] - r for p, r in points] + [p[0] + r for p, r in points]
    ys = [p[1] - r for p, r in points] + [p[1] + r for p, r in points]
    return min(xs), max(xs), min(min(ys), 0.0), max(ys)


FRONT_VIEW_REGIONS = frozenset({"side-of-hip"})
"""Seen from the front, lying on the side, only the side of the hip faces up where the drawing can show it."""


def _muscle_levels(exercise: Subject) -> dict[str, str]:
    """The hamstrings, when worked at all, take the strong tone; every other worked muscle the second."""
    worked = set(exercise.muscles.primary) | set(exercise.muscles.secondary)
    shown = FRONT_VIEW_REGIONS if exercise.figure.view == "front" else REGIONS.keys()
    return {
        region: "h1" if region == "hamstrings" else "h2"
        for region, muscles in REGIONS.items()
        if muscles & worked and region in shown
    }


def _lens(frame: PanelFrame, a: Point, b: Point, side: float, f0: float, f1: float, half: float, bulge: float) -> str:
    """A muscle belly along segment a-b, on the side whose heading is ``side``."""

    def lerp(t: float) -> Point:
        return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t

    nx, ny = heading(side)
    start, end, mid = lerp(f0), lerp(f1), lerp((f0 + f1) / 2)
    outer = (mid[0] + nx * (2 * half + bulge), mid[1] + ny * (2 * half + bulge))  # the curve peaks halfway
    inner = (mid[0] - nx * half * 0.2, mid[1] - ny * half * 0.2)
    return f"M{frame.p(start)}Q{frame.p(outer)} {frame.p(end)}Q{frame.p(inner)} {frame.p(start)}Z"


def _leaf(frame: PanelFrame, a: Point, b: Point, width: float) -> str:
    """A muscle seen face-on, a leaf shape from a to b, ``width`` across at its middle."""
    mid = (a[0] + b[0]) / 2, (a[1] + b[1]) / 2
    side = heading(math.degrees(math.atan2(b[0] - a[0], b[1] - a[1])) + 90)
    left = (mid[0] + side[0] * width, mid[1] + side[1] * width)
    right = (mid[0] - side[0] * width, mid[1] - side[1] * width)
    return f"M{frame.p(a)}Q{frame.p(left)} {frame.p(b)}Q{frame.p(right)} {frame.p(a)}Z"


_PATTERN_STEP = 5.0
"""The patterns' tile (``defs``): stripes 5 apart at 45 degrees, a dot every 5 across and down."""


def _path_box(d: str) -> tuple[float, float, float, float]:
    """Left, top, right, bottom of every point in ``d`` (absolute M, L, Q and C commands: points and
    control points, so the box holds the whole shape)."""
    numbers = [float(v) for v in re.findall(r"-?\d+(?:\.\d+)?", d)]
    xs, ys = numbers[0::2], numbers[1::2]
    return min(xs), min(ys), max(xs), max(ys)


def _stripes(d: str) -> str:
    """The hatch pattern's stripes over the shape ``d``: the lines x + y = 5 * sqrt(2) * k that cross its box."""
    left, top, right, bottom = _path_box(d)
    step = _PATTERN_STEP * math.sqrt(2)
    first = math.floor((left + top) / step)
    last = math.ceil((right + bottom) / step)
    return "".join(
        f"M{num(c - top)} {num(top)}L{num(c - bottom)} {num(bottom)}"
        for c in (k * step for k in range(first, last + 1))
    )


def _dots(d: str) -> str:
    """The dots pattern's dots (radius 1, one every 5 across and down) over the shape ``d``'s box."""
    left, top, right, bottom = _path_box(d)
    step = _PATTERN_STEP
    columns = range(math.floor(left / step), math.ceil(right / step) + 1)
    rows = range(math.floor(top / step), math.ceil(bottom / step) + 1)
    return "".join(
        f"M{num(i * step + 1.5)} {num(j * step + 2.5)}a1 1 0 1 0 2 0a1 1 0 1 0-2 0" for i in columns for j in rows
    )


class Drawing:
    def __init__(self, uid: str, exercise: Subject, for_print: bool = False):
        self.uid = uid
        self.exercise = exercise
        self.levels = _muscle_levels(exercise)
        self.parts: list[str] = []
        self.for_print = for_print
        """Marks drawn as lines and dots clipped to each muscle instead of SVG patterns (``muscle``)."""
        self._clips = 0

    # -- body ---------------------------------------------------------------------

    def limb(self, frame: PanelFrame, cls: str, points: Iterable[Point], width: float) -> None:
        pts = list(points)
        d = "M" + "L".join(frame.p(p) for p in pts)
        self.parts.append(f'<path class="{cls}" stroke-width="{num(width)}" d="{d}"/>')

    def leg(self, frame: PanelFrame, body: Body, near: bool, cls: str, muscles: bool) -> None:
        leg = body.near if near else body.far
        self.limb(frame, cls, (leg.hip, leg.knee), WIDTH["thigh"])
        self.limb(frame, cls, (leg.knee, leg.ankle), WIDTH["shank"])
        self.foot(frame, leg, cls)
        if muscles:
            self.leg_muscles(frame, body, leg)

    def foot(self, frame: PanelFrame, leg: Leg, cls: str) -> None:
        """The foot as a foot: heel, sole to the ball, the toes (bent as posed) and the instep back to the ankle."""
        top = leg.foot_heading - 90
        heel_top = along(leg.heel, top, 4.0)
        ball_top = along(leg.ball, top, 3.2)
        toe_top = along(leg.toe, leg.toe_heading - 90, 1.6)
        points = (leg.ankle, heel_top, leg.heel, leg.ball, leg.toe, toe_top, ball_top)
        d = "M" + "L".join(frame.p(p) for p in points) + "Z"
        self.parts.append(f'<path class="{cls} ft" stroke-width="2.5" d="{d}"/>')

    def arm(self, frame: PanelFrame, body: Body, cls: str, far: bool = False) -> None:
        chain = [body.shoulder, body.elbow, body.wrist, body.hand]
        if _standing_front(body):  # one arm on each side of the trunk: the near one out to the right, mirrored
            dx, dy = heading(body.trunk_heading + 90)
            chain = [(x + dx * FRONT_SHOULDER, y + dy * FRONT_SHOULDER) for x, y in chain]
            if far:
                chain = [_mirror(point, body.hip, body.trunk_heading) for point in chain]
        self.limb(frame, cls, chain[:2], WIDTH["arm"])
        self.limb(frame, cls, chain[1:], WIDTH["forearm"])

    def trunk(self, frame: PanelFrame, body: Body, cls: str, head_cls: str) -> None:
        self.limb(frame, cls, (body.hip, body.shoulder), FRONT_TRUNK if _standing_front(body) else WIDTH["trunk"])
        neck = along(body.shoulder, body.neck_heading, 7.0)
        self.limb(frame, cls, (body.shoulder, neck), 7.0)
        x, y = frame.p(body.head).split()
        self.parts.append(f'<circle class="{head_cls}" cx="{x}" cy="{y}" r="10.5"/>')

    def muscle(self, level: str, d: str) -> None:
        """A worked muscle: its tone, then its marks (stripes for the main muscles, dots for helpers).

        On screen the marks are the figure's patterns. For print they are the same stripes and dots
        drawn as one path, clipped to the muscle: Chromium prints an SVG pattern as an image (most of
        a handout PDF's bytes and of its printing time), and lines and dots as lines and dots."""
        pattern = "hatch" if level == "h1" else "dots"
        if not self.for_print:
            self.parts.append(f'<path class="{level}" d="{d}"/><path fill="url(#{self.uid}-{pattern})" d="{d}"/>')
            return
        self._clips += 1
        clip = f"{self.uid}-c{self._clips}"
        marks, cls, fill = (_stripes(d), "ph", ' fill="none"') if pattern == "hatch" else (_dots(d), "pd", "")
        self.parts.append(
            f'<path class="{level}" d="{d}"/><clipPath id="{clip}"><path d="{d}"/></clipPath>'
            f'<path class="{cls}"{fill} clip-path="url(#{clip})" d="{marks}"/>'
        )

    def leg_muscles(self, frame: PanelFrame, body: Body, leg: Leg) -> None:
        back_of_thigh = leg.thigh_heading + 90
        if "hamstrings" in self.levels:
            self.muscle(
                self.levels["hamstrings"],
                _lens(frame, leg.hip, leg.knee, back_of_thigh, 0.12, 0.95, WIDTH["thigh"] / 2, 3),
            )
        if "quadriceps" in self.levels:
            self.muscle(
                self.levels["quadriceps"],
                _lens(frame, leg.hip, leg.knee, leg.thigh_heading - 90, 0.15, 0.9, WIDTH["thigh"] / 2, 2),
            )
        if "calf" in self.levels:
            self.muscle(
                self.levels["calf"],
                _lens(frame, leg.knee, leg.ankle, leg.shank_heading + 90, 0.08, 0.6, WIDTH["shank"] / 2, 3),
            )

    def trunk_muscles(self, frame: PanelFrame, body: Body) -> None:
        back = body.trunk_heading - 90
        if "glutes" in self.levels:
            centre = along(along(body.hip, back, 6.0), body.trunk_heading, 2.0)
            d = _lens(
                frame,
                along(centre, body.trunk_heading, 9),
                along(centre, body.trunk_heading, -9),
                back,
                0.0,
                1.0,
                4.0,
                4.0,
            )
            self.muscle(self.levels["glutes"], d)
        if "side-of-hip" in self.levels and _standing_front(body):  # the outside of each hip, both at work
            for leg, out in ((body.near, 90.0), (body.far, -90.0)):
                base = along(leg.hip, body.trunk_heading + out, 6.0)
                self.muscle(
                    self.levels["side-of-hip"],
                    _leaf(frame, base, along(base, body.trunk_heading, 14.0), 4.0),
                )
        elif "side-of-hip" in self.levels and self.exercise.figure.view == "front":  # lying on the side: on top
            self.muscle(
                self.levels["side-of-hip"],
                _lens(frame, body.hip, body.shoulder, body.trunk_heading + 90, -0.05, 0.4, WIDTH["trunk"] / 2, 4),
            )
        elif "side-of-hip" in self.levels:  # gluteus medius, face-on: from the hip joint up to the pelvis rim
            self.muscle(
                self.levels["side-of-hip"],
                _leaf(frame, along(body.hip, body.trunk_heading, 1.0), along(body.hip, body.trunk_heading, 14.0), 5.0),
            )
        if "back" in self.levels:
            self.muscle(
                self.levels["back"], _lens(frame, body.hip, body.shoulder, back, 0.2, 0.85, WIDTH["trunk"] / 2, 1)
            )
        if "abdominals" in self.levels:
            self.muscle(
                self.levels["abdominals"],
                _lens(frame, body.hip, body.shoulder, back + 180, 0.1, 0.6, WIDTH["trunk"] / 2, 1),
            )

    def body(self, frame: PanelFrame, body: Body) -> None:
        both = self.exercise.figure.working_leg == "both"
        self.arm(frame, body, "f", far=True)
        self.leg(frame, body, near=False, cls="f", muscles=both)
        self.trunk(frame, body, "b", "hd")
        self.trunk_muscles(frame, body)
        self.leg(frame, body, near=True, cls="b", muscles=True)
        self.arm(frame, body, "b")

    def ghost(self, frame: PanelFrame, body: Body) -> None:
        for points, width in (
            ((body.hip, body.shoulder), 2.0),
            ((body.near.hip, body.near.knee, body.near.ankle, body.near.toe), 2.0),
            ((body.shoulder, body.elbow, body.hand), 2.0),
        ):
            self.limb(frame, "g", points, width)
        x, y = frame.p(body.head).split()
        self.parts.append(f'<circle class="g" stroke-width="2" cx="{x}" cy="{y}" r="10.5"/>')

    # -- props and supports -------------------------------------------------------------

    def supports(self, frame: PanelFrame, pose: Pose, body: Body, x0: float, x1: float) -> None:
        if "wall" in pose.contacts.values():  # beside the body, so behind it in a side view
            self._rect(frame, x0 + 4, 0.0, x1 - x0 - 8, 150.0, "wl")
        self.parts.append(f'<path class="fl" d="M{frame.p((x0, 0))}H{num(x1 + frame.dx)}"/>')
        props = self.exercise.figure.props
        if "mat" in props:
            on_floor = [p for name, p, r in body.outline_points() if p[1] - r < 8]
            if on_floor:
                left, right = min(p[0] for p in on_floor) - 12, max(p[0] for p in on_floor) + 12
                self._rect(frame, left, -3.0, right - left, 3.0, "pf")
        balls: list[float] = []
        for support, part, box in _support_boxes(pose, body):
            if support == "swiss-ball":  # both heels on one ball: draw it once
                if any(abs(box[0] - x) < 10 for x in balls):
                    continue
                balls.append(box[0])
            self.support(frame, support, part, box)
        if "chair-back" in pose.contacts.values():
            post, seat = _held_chair(pose, body)
            self.chair(frame, seat, post)

    def support(self, frame: PanelFrame, support: str, part: str, box: Box) -> None:
        x0, x1, y0, y1 = box
        if support in ("step", "box"):
            self._rect(frame, x0, y0, x1 - x0, y1 - y0, "pf")
        elif support == "bench":
            self._rect(frame, x0, y0, x1 - x0, y1 - y0, "pf")
            self.parts.append(
                f'<path class="p" d="M{frame.p((x0 + 6, y0))}V{num(frame.top)}'
                f'M{frame.p((x1 - 6, y0))}V{num(frame.top)}"/>'
            )
        elif support == "swiss-ball":  # a ball on the floor, its top under the heels
            radius = y1 / 2
            x, y = frame.p(((x0 + x1) / 2, radius)).split()
            self.parts.append(f'<circle class="pf" cx="{x}" cy="{y}" r="{num(radius)}"/>')
        elif support == "chair" and y1 - y0 <= 6:  # the seat; the back is drawn with it
            back = x0 if part == "buttocks" else None
            self.chair(frame, box, back)

    def chair(self, frame: PanelFrame, seat: Box, back: float | None) -> None:
        """A chair from the side: a seat on two legs, and its back rising from one end of the seat."""
        x0, x1, y0, y1 = seat
        self._rect(frame, x0, y0, x1 - x0, y1 - y0, "pf")
        d = f"M{frame.p((x0 + 2, y0))}V{num(frame.top)}M{frame.p((x1 - 2, y0))}V{num(frame.top)}"
        if back is not None:
            d += f"M{frame.p((back, y1))}V{num(frame.top - 88)}"
        self.parts.append(f'<path class="p" d="{d}"/>')

    def band(self, frame: PanelFrame, centre: Point, along_heading: float, length: float, width: float) -> None:
        """A strap-on weight: a filled band across a limb at ``centre``."""
        half_l, half_w = length / 2, width / 2
        a, b = along(centre, along_heading, -half_l), along(centre, along_heading, half_l)
        corners = (
            along(a, along_heading + 90, half_w),
            along(b, along_heading + 90, half_w),
            along(b, along_heading - 90, half_w),
            along(a, along_heading - 90, half_w),
        )
        self.parts.append(f'<path class="pf" stroke-linejoin="round" d="M{"L".join(frame.p(c) for c in corners)}Z"/>')

    def _rect(self, frame: PanelFrame, x: float, y: float, width: float, height: float, cls: str) -> None:
        sx, sy = frame.p((x, y + height)).split()
        self.parts.append(
            f'<rect class="{cls}" x="{sx}" y="{sy}" width="{num(width)}" height="{num(height)}" rx="1.5"/>'
        )

    def attached_props(self, frame: PanelFrame, body: Body, anchors: dict[str, Point]) -> None:
        props = self.exercise.figure.props
        leg = body.near
        if "ankle-weight" in props:
            # just above the ankle bones
            centre = along(leg.knee, leg.shank_heading, math.dist(leg.knee, leg.ankle) - 5.0)
            self.band(frame, centre, leg.shank_heading, 8.0, 15.0)
        grip = along(body.wrist, body.hand_heading, 0.6 * math.dist(body.wrist, body.hand))
        if "dumbbells" in props:  # seen end-on: the near weight plate, centred on the grip
            x, y = frame.p(grip).split()
            self.parts.append(f'<circle class="pf" cx="{x}" cy="{y}" r="6"/>')
        if "kettlebell" in props:  # the handle in the hands, the bell hanging below it
            bell = (grip[0], grip[1] - 12)
            x, y = frame.p(bell).split()
            handle = [frame.p((grip[0] + dx, grip[1] + dy)) for dx, dy in ((-5, -6), (0, 6), (5, -6))]
            self.parts.append(
                f'<path class="p" d="M{handle[0]}Q{handle[1]} {handle[2]}"/>'
                f'<circle class="pf" cx="{x}" cy="{y}" r="8"/>'
            )
        if "barbell" in props:
            x, y = frame.p(body.hand).split()
            self.parts.append(
                f'<circle class="pf" cx="{x}" cy="{y}" r="20"/><circle class="p" cx="{x}" cy="{y}" r="3"/>'
            )
        if "band-hands-to-foot" in props:
            ball = along(leg.toe, leg.shank_heading + 180, 2.0)
            self.limb(frame, "p", (body.hand, ball), 2.5)
        if "band-foot-to-anchor" in props:
            anchor = anchors["front"]
            self.limb(frame, "p", (leg.ankle, anchor), 2.5)
            self.limb(frame, "p", ((anchor[0], 0.0), (anchor[0], anchor[1] + 8)), 4.0)
        if "band-chest-to-anchor" in props:
            anchor = anchors["behind"]
            self.limb(frame, "p", (_chest(body), anchor), 2.5)
            self.limb(frame, "p", ((anchor[0], 0.0), (anchor[0], anchor[1] + 6)), 4.0)
        if "partner-holds-heels" in props:  # a partner kneeling behind presses both ankles down
            top = along(leg.ankle, leg.shank_heading + 90, 6.0)  # the back of the leg, above the heel
            hand = (top[0] - 1, top[1] + 2)
            self.limb(frame, "pa", ((hand[0] - 24, hand[1] + 30), (hand[0] - 3, hand[1] + 3)), 7.0)
            x, y = frame.p(hand).split()
            self.parts.append(f'<ellipse class="pf" cx="{x}" cy="{y}" rx="7" ry="4"/>')
        if "sliders" in props:
            x, y = frame.p(leg.heel).split()
            self.parts.append(f'<ellipse class="pf" cx="{x}" cy="{num(float(y) + 1.5)}" rx="8" ry="2"/>')
        if "slider-back-foot" in props:  # under the other foot's sole where it is lowest, moving with it
            x, y = frame.p(_slider_under(body.far)).split()
            self.parts.append(
                f'<ellipse class="pf" cx="{x}" cy="{num(float(y) + 1.5)}" rx="11" ry="2.5" stroke-width="1.5"/>'
            )

    # -- a self-test's helper and measured angle ----------------------------------------------

    def helper(self, frame: PanelFrame, person: figure_marks.Helper, arms: bool) -> None:
        """The helper: the body faint, behind the person tested (on the far side); the arms outlined, in front."""
        if arms:
            for points, width in person.arms:
                self.limb(frame, "hp", points, width + 2)
                self.limb(frame, "f", points, width)
            return
        for points, width in person.body:
            self.limb(frame, "f hpb", points, width)
        x, y = frame.p(person.head).split()
        self.parts.append(f'<circle class="f ft hpb" cx="{x}" cy="{y}" r="10.5"/>')

    def angle(self, frame: PanelFrame, mark: figure_marks.Angle) -> str:
        """Draw the arc and its dashed reference line; return the label (drawn with the others, on top)."""
        start, end = along(mark.centre, mark.start, mark.radius), along(mark.centre, mark.end, mark.radius)
        a, b = mark.reference
        self.parts.append(
            f'<path class="ms ref" d="M{frame.p(a)}L{frame.p(b)}"/>'
            f'<path class="ms" d="M{frame.p(start)}A{num(mark.radius)} {num(mark.radius)} 0 0 1 {frame.p(end)}"/>'
        )
        x, y = frame.p(mark.label_at).split()
        return (
            f'<text class="l ml" x="{x}" y="{num(float(y) + LABEL_SIZE / 3)}" text-anchor="middle">{mark.value}°</text>'
        )

    # -- movement -------------------------------------------------------------------------

    def arrow(self, frame: PanelFrame, before: Body, after: Body) -> str:
        """Draw an arrow along the path of the point that moves most; return that point's name."""
        found = _arrow(before, after)
        if found is None:
            return ""
        name, s, c, e = found
        self.parts.append(
            f'<path class="a" marker-end="url(#{self.uid}-arrow)" d="M{frame.p(s)}Q{frame.p(c)} {frame.p(e)}"/>'
        )
        return name


def _slider_under(leg: Leg) -> Point:
    """Where a slider sits under a foot (on the floor): below the middle of the sole points within 2 cm of its lowest
    (under the whole sole when the foot is flat, under the ball and toes when the heel is up)."""
    sole = (leg.heel, leg.ball, leg.toe)
    lowest = min(point[1] for point in sole)
    resting = [point for point in sole if point[1] <= lowest + 2.0]
    return sum(point[0] for point in resting) / len(resting), max(lowest, 0.0)  # on the floor, never in it


ARROW_HEAD = 8.0
"""How far (cm) the arrow's head may reach past the end of its path: the panel leaves room for it."""


def _arrow(before: Body, after: Body) -> tuple[str, Point, Point, Point] | None:
    """The arrow for the point that moves most: (its name, start, control point, end), or None when little moves."""
    candidates = {
        "hips": (before.hip, after.hip),
        "shoulders": (before.shoulder, after.shoulder),
        "hands": (before.hand, after.hand),
        "knee": (before.near.knee, after.near.knee),
        "foot": (before.near.ankle, after.near.ankle),
    }
    name, (start, end) = max(candidates.items(), key=lambda item: math.dist(*item[1]))
    length = math.dist(start, end)
    if length < 6:
        return None
    # Start and end a little away from the joints, and bow the path away from the body.
    mx, my = (start[0] + end[0]) / 2, (start[1] + end[1]) / 2
    nx, ny = -(end[1] - start[1]) / length, (end[0] - start[0]) / length
    centre = ((before.hip[0] + before.shoulder[0]) / 2, (before.hip[1] + before.shoulder[1]) / 2)
    if (mx - centre[0]) * nx + (my - centre[1]) * ny < 0:
        nx, ny = -nx, -ny
    offset = 14.0
    if my + ny * (offset + length * 0.25) < 4.0 < my - ny * (offset + length * 0.25):
        nx, ny = -nx, -ny  # a bow into the floor would be flattened onto it: bow the other way, over it
    s = (start[0] + nx * offset, start[1] + ny * offset)
    e = (end[0] + nx * offset, end[1] + ny * offset)
    c = (mx + nx * (offset + length * 0.25), my + ny * (offset + length * 0.25))
    # Never below the floor line: the labels are under it.
    s, c, e = ((x, max(y, 4.0)) for x, y in (s, c, e))
    return name, s, c, e


_T = TypeVar("_T")

_UID = "hs0uid0"
"""Stands in for the page's id prefix in a cached drawing, so one drawing serves every page."""


class Drawings:
    """The build's drawings, kept: one object, owned by ``build_caches.BuildCaches``.

    Exercise figures: (standalone, the data a figure is drawn from) -> the drawing with ``_UID``
    as its prefix. The build saves them between builds (``entries``), keyed by this module's
    code, so a warm build draws only the figures whose data changed. Other drawings (the
    handouts' QR codes) are kept in memory only (``keep``), for rebuilds under ``mkdocs serve``.
    The renderers reach it through the catalogue (``Catalogue.drawings``); without one
    (``cache: false``, tests) everything is drawn each time it is asked for.
    """

    def __init__(self, entries: dict[tuple[bool, str], str] | None = None) -> None:
        self._entries: dict[tuple[bool, str], str] = dict(entries or {})
        self._used: set[tuple[bool, str]] = set()
        self._kept: dict[str, Any] = {}

    def keep(self, key: str, draw: Callable[[], _T]) -> _T:
        """A drawing kept in memory by ``key`` (the whole of what it is drawn from)."""
        found = self._kept.get(key)
        if found is None:
            found = self._kept[key] = draw()
        return cast(_T, found)

    def get(self, key: tuple[bool, str], draw: Callable[[], str]) -> str:
        self._used.add(key)
        svg = self._entries.get(key)
        if svg is None:
            svg = self._entries[key] = draw()
        return svg

    def entries(self) -> dict[tuple[bool, str], str]:
        """The drawings used since the last call, to keep for the next build; older ones are dropped.

        Call it after rendering every page, so nothing a page needs is dropped."""
        self._entries = {key: self._entries[key] for key in self._used if key in self._entries}
        self._used = set()
        return dict(self._entries)


def figure_svg(
    uid: str,
    exercise: Subject,
    *,
    standalone: bool = False,
    moving: bool = False,
    last_pose_only: bool = False,
    for_print: bool = False,
    drawings: Drawings | None = None,
) -> str:
    """The figure as one ``<svg>`` element; ``uid`` keeps its ids unique on a page.

    ``last_pose_only`` draws only the final pose, with the one before it ghosted behind it and
    the arrow between them (a printed handout's figure that would otherwise be too wide).
    ``for_print`` draws the worked muscles' stripes and dots as lines and dots (``Drawing.muscle``), for
    the handouts printed to PDF.
    ``moving``: the still figure followed by the animated player (``figure_player``). With the
    build's ``drawings``, cached by the data it is drawn from (the player's data marked
    ``moving:``), so a rebuild redraws only figures whose data changed.
    """

    def draw(prefix: str) -> str:
        if moving:
            from .figure_player import animated  # the player draws with this module: imported when used

            return animated(prefix, exercise)
        return _figure_svg(prefix, exercise, standalone, last_pose_only, for_print)

    if drawings is None:
        return draw(uid)
    data = exercise.model_dump_json(include={"name", "muscles", "figure"})
    if _UID in data:  # the stand-in occurs in the text itself: draw this one directly
        return draw(uid)
    kind = ("moving:" if moving else "last:" if last_pose_only else "") + ("print:" if for_print else "")
    key = (standalone, kind + data)
    return drawings.get(key, lambda: draw(_UID)).replace(_UID, uid)


def _mark_points(marks: SelfTestFigure, body: Body) -> list[tuple[Point, float]]:
    """The points a self-test's helper and angle label take up, for the size of the panel."""
    points = figure_marks.helper(marks.helper, body).points() if marks.helper else []
    if marks.measure:
        points.append((figure_marks.angle(marks.measure, body).label_at, LABEL_SIZE))
    return points


def anchors(first: Body) -> dict[str, Point]:
    """Where bands tied to something fixed are anchored: in front of the working foot, behind the body."""
    return {
        "front": (first.near.ankle[0] + 48, first.near.ankle[1]),
        "behind": (min(first.near.knee[0], first.near.heel[0]) - 40, _chest(first)[1]),
    }


def panel_extent(
    exercise: Subject, pose: Pose, body: Body, shown: list[Body], anchors: dict[str, Point]
) -> tuple[float, float, float, float]:
    """Left, right, bottom and top (cm) of a panel showing ``shown`` bodies on the supports of ``pose``."""
    boxes = [_extent(b) for b in shown]
    left = min(b[0] for b in boxes) - 10
    right = max(b[1] for b in boxes) + 10
    props = exercise.figure.props
    if "band-foot-to-anchor" in props:
        right = max(right, anchors["front"][0] + 6)
    if "band-chest-to-anchor" in props:
        left = min(left, anchors["behind"][0] - 6)
    if "barbell" in props:
        left = min([left] + [b.hand[0] - 22 for b in shown])
        right = max([right] + [b.hand[0] + 22 for b in shown])
    solid = [_drawn(support, box) for support, _, box in _support_boxes(pose, body)]
    if "chair-back" in pose.contacts.values():
        post, seat = _held_chair(pose, body)
        solid += [seat, (post - 2, post + 2, 0.0, 88.0)]
    for x0, x1, _, _ in solid:
        left, right = min(left, x0 - 4), max(right, x1 + 4)
    walls = [152.0] if "wall" in pose.contacts.values() else []
    top = max([b[3] for b in boxes] + [box[3] + 2 for box in solid] + walls)
    if "band-chest-to-anchor" in props:
        top = max(top, anchors["behind"][1] + 8)
    return left, right, -4.0, top


LINE_GAP = LABEL_SIZE + 3.0
"""How far (drawing units) a label's second line sits below its first."""

Extent = tuple[float, float, float, float]


def two_lines(text: str) -> list[str]:
    """A label split at the space that makes its longer line shortest (one line if it has one word)."""
    words = text.split(" ")
    if len(words) < 2:
        return [text]
    cut = min(
        range(1, len(words)),
        key=lambda i: max(label_width(" ".join(words[:i])), label_width(" ".join(words[i:]))),
    )
    return [" ".join(words[:cut]), " ".join(words[cut:])]


def _rows(extents: list[Extent], lines: list[list[str]], shown_from: int) -> tuple[list[Extent], list[list[int]]]:
    """Each panel widened to its label's longest line, and the panels (from ``shown_from``) in rows of
    at most REFERENCE_WIDTH."""
    widened = []
    for (left, right, bottom, top), label in zip(extents, lines, strict=True):
        spare = max(label_width(line) for line in label) + 6 - (right - left)
        widened.append((left - spare / 2, right + spare / 2, bottom, top) if spare > 0 else (left, right, bottom, top))
    rows: list[list[int]] = [[]]
    used = MARGIN
    for index, (left, right, _, _) in enumerate(widened):
        if index < shown_from:
            continue
        if rows[-1] and used + right - left + MARGIN > REFERENCE_WIDTH:
            rows.append([])
            used = MARGIN
        rows[-1].append(index)
        used += right - left + PANEL_GAP
    return widened, rows


def _label(x: float, y: float, lines: list[str]) -> str:
    """A pose's label centred at ``x``, its first line's baseline at ``y``; a second line under it."""
    more = "".join(f'<tspan x="{num(x)}" dy="{num(LINE_GAP)}">{escape(line)}</tspan>' for line in lines[1:])
    return f'<text class="l" x="{num(x)}" y="{num(y)}" text-anchor="middle">{escape(lines[0])}{more}</text>'


def _figure_svg(
    uid: str, exercise: Subject, standalone: bool, last_pose_only: bool = False, for_print: bool = False
) -> str:
    poses = list(exercise.figure.poses)
    bodies = aligned_bodies(poses)
    drawing = Drawing(uid, exercise, for_print)
    fixed = anchors(bodies[0])
    extents = [
        panel_extent(exercise, poses[index], body, [body] + ([bodies[index - 1]] if index else []), fixed)
        for index, body in enumerate(bodies)
    ]
    for index in range(1, len(bodies)):  # room for each arrow and its head
        if (arrow := _arrow(bodies[index - 1], bodies[index])) is not None:
            xs = [point[0] for point in arrow[1:]]
            left, right, bottom, top = extents[index]
            extents[index] = (min(left, min(xs) - ARROW_HEAD), max(right, max(xs) + ARROW_HEAD), bottom, top)
    marks = exercise.figure if isinstance(exercise.figure, SelfTestFigure) else None
    if marks is not None:  # the helper and the measured angle, on the last pose
        left, right, bottom, top = extents[-1]
        extra = _mark_points(marks, bodies[-1])
        extents[-1] = (
            min([left] + [p[0] - r - 4 for p, r in extra]),
            max([right] + [p[0] + r + 4 for p, r in extra]),
            bottom,
            max([top] + [p[1] + r + 4 for p, r in extra]),
        )
    # widen a panel whose label is wider than its drawing, then fill rows of panels up to REFERENCE_WIDTH;
    # when that takes more than one row, long labels go on two lines if that saves a row
    shown_from = len(poses) - 1 if last_pose_only else 0
    numbered = len(poses) > 1 and not shown_from
    texts = [f"{index + 1}. {pose.label}" if numbered else pose.label for index, pose in enumerate(poses)]
    lines = [[text] for text in texts]
    bare = extents
    extents, rows = _rows(bare, lines, shown_from)
    if len(rows) > 1:
        split = [
            two_lines(text) if label_width(text) + 6 > bare[i][1] - bare[i][0] else [text]
            for i, text in enumerate(texts)
        ]
        wrapped, fewer = _rows(bare, split, shown_from)
        if len(fewer) < len(rows):
            extents, rows, lines = wrapped, fewer, split
    moved = []
    labels = []
    width = 0.0
    row_top = 0.0
    for row in rows:
        height = row_top + max(extents[i][3] for i in row) + MARGIN
        frame = PanelFrame(top=height)
        cursor = MARGIN
        for index in row:
            pose, body, (left, right, _, _) = poses[index], bodies[index], extents[index]
            frame.dx = cursor - left
            drawing.supports(frame, pose, body, left, right)
            if index:
                drawing.ghost(frame, bodies[index - 1])
            last = index == len(poses) - 1
            person = figure_marks.helper(marks.helper, body) if marks and last and marks.helper else None
            if person is not None:  # on the far side: behind, but the arms in front to show where they hold
                drawing.helper(frame, person, arms=False)
            drawing.body(frame, body)
            drawing.attached_props(frame, body, fixed)
            if person is not None:
                drawing.helper(frame, person, arms=True)
            if index:
                moved.append(drawing.arrow(frame, bodies[index - 1], body))
            if marks is not None and last and marks.measure:
                labels.append(drawing.angle(frame, figure_marks.angle(marks.measure, body)))
            labels.append(_label(cursor + (right - left) / 2, height + 4 + LABEL_SIZE, lines[index]))
            cursor += right - left + PANEL_GAP
        width = max(width, cursor - PANEL_GAP + MARGIN)
        row_top = height + 4 + LABEL_SPACE + LINE_GAP * (max(len(lines[i]) for i in row) - 1)
    total_height = row_top
    title = f"How to do the {exercise.name.lower() if exercise.name[1:].islower() else exercise.name}"
    desc = describe(exercise, moved, last_pose_only=bool(shown_from))
    # a file (a thumbnail) has a size of its own; a figure in a page takes its share of the page's width
    size = f'width="{num(width * 2)}" height="{num(total_height * 2)}"' if standalone else f'width="{percent(width)}"'
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="hs-fig" viewBox="0 0 {num(width)} {num(total_height)}" '
        f'{size} role="img" aria-labelledby="{uid}-t {uid}-d">'
        f'<title id="{uid}-t">{escape(title)}</title><desc id="{uid}-d">{escape(desc)}</desc>'
    )
    style = STANDALONE_STYLE if standalone else ""
    return head + style + defs(uid) + "".join(drawing.parts) + "".join(labels) + "</svg>"


def defs(uid: str) -> str:
    """The patterns (stripes, dots) and the arrowhead a figure refers to, with ids prefixed by ``uid``."""
    return (
        f'<defs><pattern id="{uid}-hatch" width="5" height="5" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><path class="ph" d="M0 0V5"/></pattern>'
        f'<pattern id="{uid}-dots" width="5" height="5" patternUnits="userSpaceOnUse">'
        f'<circle class="pd" cx="2.5" cy="2.5" r="1"/></pattern>'
        f'<marker id="{uid}-arrow" viewBox="0 0 10 10" refX="7" refY="5" markerWidth="4" markerHeight="4" '
        f'orient="auto-start-reverse"><path class="ah" d="M0 0L10 5L0 10Z"/></marker></defs>'
    )


def legend(exercise: Subject) -> str:
    """The caption under a figure: what the drawings show and what the markings mean."""
    poses = exercise.figure.poses
    steps = " then ".join(f"{i}. {pose.label.lower()}" for i, pose in enumerate(poses, start=1))
    if len(poses) == 1:
        steps = poses[0].label.lower()
    levels = _muscle_levels(exercise)
    marks = []
    if "hamstrings" in levels:
        marks.append("striped: the hamstrings")
    if any(level == "h2" for level in levels.values()):
        marks.append("dotted: other muscles that work")
    seen = "from the side"
    if exercise.figure.view == "front":
        lying = any("side" in pose.contacts for pose in exercise.figure.poses)
        seen = "from the front, lying on the side" if lying else "from the front"
    text = f"{exercise.name}, {seen}: {steps}."
    if len(exercise.figure.poses) > 1:
        text += " The dashed outline is the previous position."
    figure = exercise.figure
    if isinstance(figure, SelfTestFigure):
        if figure.helper:
            text += f" Drawn behind: {vocab.SELF_TEST_HELPERS[figure.helper]}."
        if figure.measure:
            text += f" The arc shows {vocab.SELF_TEST_ANGLES[figure.measure]}; its number is an example, not a norm."
    return text[:-1] + (f"; {'; '.join(marks)}." if marks else ".")


def key(exercises: Iterable[Subject]) -> str:
    """One line saying what the markings mean in all these figures (a printed handout's key)."""
    levels = {level for exercise in exercises for level in _muscle_levels(exercise).values()}
    marks = ["side views, step by step", "dashed: the position before"]
    if "h1" in levels:
        marks.append("striped: hamstrings")
    if "h2" in levels:
        marks.append("dotted: other working muscles")
    return f"Drawings: {'; '.join(marks)}."


def view_box_size(svg: str) -> tuple[float, float]:
    """Width and height of a figure's viewBox, for the width and height attributes of an <img>."""
    start = svg.index('viewBox="') + len('viewBox="')
    _, _, width, height = svg[start : svg.index('"', start)].split()
    return float(width), float(height)


# -- words ------------------------------------------------------------------------------


def _joint_words(angle: int, kind: str) -> str:
    if kind in ("hip-sideways", "hip-sideways-standing"):  # seen from the front: the hip angle lifts the leg sideways
        return (
            f"lifted sideways {angle}°" if angle > 5 else ("resting on the other" if kind == "hip-sideways" else "down")
        )
    if kind == "hip":
        if angle < -8:
            return f"hip stretched back {abs(angle)}°"
        if angle <= 10:
            return "hip straight"
        return f"hip bent {angle}°"
    if angle <= 8:
        return "knee straight"
    return f"knee bent {angle}°"


def _posture(pose: Pose) -> str:
    trunk = pose.trunk
    if "side" in pose.contacts:
        words = "lying on the side, head to the left"
    elif -110 <= trunk <= -70:
        words = "lying on the back"
    elif 70 <= trunk <= 110 and "front" in pose.contacts:
        words = "lying face down"
    elif pose.standing_front:
        words = "standing, facing you"
    elif abs(trunk) <= 15:
        kneeling = bool({"working-knee", "other-knee", "working-shin", "other-shin"} & set(pose.contacts))
        words = "kneeling upright" if kneeling else ("sitting" if "buttocks" in pose.contacts else "standing tall")
    elif trunk > 0:
        words = f"leaning forward {trunk}°"
    else:
        words = f"leaning back {abs(trunk)}°"
    where = {"chair-back": "back of a chair", "swiss-ball": "Swiss ball"}
    resting = [
        f"{vocab.CONTACT_PARTS[p].removeprefix('the ')} on the {where.get(s, s)}" for p, s in pose.contacts.items()
    ]
    return f"{words}, {', '.join(resting)}"


def describe(exercise: Subject, moved: list[str], *, last_pose_only: bool = False) -> str:
    """A plain description of the drawing for screen readers, built from the same data."""
    figure = exercise.figure
    steps = []
    for index, pose in enumerate(figure.poses, start=1):
        hip = (
            "hip" if figure.view == "side" else ("hip-sideways" if "side" in pose.contacts else "hip-sideways-standing")
        )
        joints = [_joint_words(pose.hip, hip), _joint_words(pose.knee, "knee")]
        if figure.view == "side" and (pose.other_hip is not None or pose.other_knee is not None):
            other = [
                _joint_words(pose.hip if pose.other_hip is None else pose.other_hip, hip),
                _joint_words(pose.knee if pose.other_knee is None else pose.other_knee, "knee"),
            ]
            joints.append("other leg: " + " and ".join(other))
        steps.append(f"{index}, {pose.label}: {_posture(pose)}; working leg {', '.join(joints)}.")
    levels = _muscle_levels(exercise)
    helpers = [REGION_WORDS[r] for r, level in levels.items() if level == "h2"]
    leg = "both legs" if figure.working_leg == "both" else "the working leg"
    muscles = f"The hamstrings on {leg} are highlighted" if "hamstrings" in levels else "No hamstring work is shown"
    if helpers:
        muscles += f"; other muscles that work are shaded: {', '.join(helpers)}"
    props = [vocab.FIGURE_PROPS[p] for p in figure.props]
    arrows = [f"the arrow in drawing {i + 2} shows the {m} moving" for i, m in enumerate(moved) if m]
    view = "Seen from the front" if figure.view == "front" else "Side view, facing right"
    text = f"{view}, in {len(figure.poses)} drawings. " + " ".join(steps) + f" {muscles}."
    if last_pose_only:
        arrows = [f"the arrow shows the {m} moving" for m in moved if m]
        text = (
            f"{view}, in one drawing: the last position, with position {len(figure.poses) - 1} "
            "as a dashed outline behind it. " + " ".join(steps[-2:]) + f" {muscles}."
        )
    if props:
        text += f" Shown with {', '.join(props)}."
    if arrows:
        text += " " + "; ".join(arrows).capitalize() + "."
    if isinstance(figure, SelfTestFigure):
        body = aligned_bodies(list(figure.poses))[-1]
        if figure.helper:
            text += f" In the last drawing, {vocab.SELF_TEST_HELPERS[figure.helper]}."
        if figure.measure:
            value = figure_marks.angle(figure.measure, body).value
            text += f" An arc marks {vocab.SELF_TEST_ANGLES[figure.measure]}: {value} degrees in this example."
    return text
