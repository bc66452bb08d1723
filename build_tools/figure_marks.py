"""What a self-test's figure adds to the body: the person helping, and the angle the test measures.

Part of the rendering stage, used by ``figures`` when it draws a self-test (``SelfTestFigure``):
pure geometry on a placed ``kinematics.Body`` (cm, y up, the person facing +x), no markup.
The helper kneels or stands on the far side of the person tested (drawn behind them), leaning in
just enough that both hands reach where the test says they go; the measured angle is an arc at the
joint with its value, worked out from the same body that is drawn.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from .kinematics import (
    ANKLE_HEIGHT,
    BALL_FORWARD,
    FOREARM,
    HAND,
    HEAD_RADIUS,
    NECK_TO_HEAD,
    SHANK,
    THIGH,
    TRUNK,
    UPPER_ARM,
    Body,
    Point,
    along,
)

KNEELING_HIP = 5.0 + THIGH
"""Height (cm) of a kneeling helper's hips: the thigh upright on the knee."""
STANDING_HIP = ANKLE_HEIGHT + SHANK + THIGH
REACH = 0.95 * (UPPER_ARM + FOREARM + HAND)
"""How far (cm) a helper's hand reaches from the shoulder, the elbow not quite straight."""


@dataclass(frozen=True)
class Helper:
    """A kneeling helper: each limb a polyline, and the head."""

    body: list[tuple[list[Point], float]]
    """Legs and trunk, drawn behind the person tested (the helper is on the far side)."""
    arms: list[tuple[list[Point], float]]
    """Drawn in front, so the hands show where they hold."""
    head: Point

    def points(self) -> list[tuple[Point, float]]:
        lines = self.body + self.arms
        return [(p, w / 2) for line, w in lines for p in line] + [(self.head, HEAD_RADIUS)]


@dataclass(frozen=True)
class Angle:
    """An arc at ``centre`` from heading ``start`` to ``end`` (clockwise), with its value in whole degrees."""

    centre: Point
    start: float
    end: float
    radius: float
    value: int
    reference: tuple[Point, Point]
    """The dashed line the angle is measured from (the floor, or the thigh's line carried on)."""
    label_heading: float
    """Which way from the centre the value is written."""

    @property
    def label_at(self) -> Point:
        return along(self.centre, self.label_heading, self.radius + 21)  # clear of the arc for a value like "70°"


def hand_targets(kind: str, body: Body) -> tuple[Point, Point]:
    """Where the helper's two hands go on the working leg."""
    leg = body.near
    back = leg.thigh_heading + 90  # the back of the thigh, the side facing the floor when the leg is raised
    if kind == "lifts-leg":  # one hand under the heel, one on the front of the thigh just above the knee
        return along(leg.heel, leg.shank_heading + 90, 3.0), along(
            along(leg.hip, leg.thigh_heading, 0.85 * THIGH), leg.thigh_heading - 90, 7.0
        )
    # holds-thigh: both hands behind the thigh
    return (
        along(along(leg.hip, leg.thigh_heading, 0.75 * THIGH), back, 7.0),
        along(along(leg.hip, leg.thigh_heading, 0.45 * THIGH), back, 7.0),
    )


def _elbow(shoulder: Point, hand: Point) -> Point:
    """The elbow of an arm from ``shoulder`` to ``hand`` (two segments): of the two ways it can bend, the lower."""
    upper, lower = UPPER_ARM, FOREARM + HAND
    d = max(1.0, min(math.dist(shoulder, hand), upper + lower - 0.1))
    a = math.acos(max(-1.0, min(1.0, (upper * upper + d * d - lower * lower) / (2 * upper * d))))
    towards = math.atan2(hand[1] - shoulder[1], hand[0] - shoulder[0])
    elbows = [
        (shoulder[0] + upper * math.cos(bend), shoulder[1] + upper * math.sin(bend))
        for bend in (towards + a, towards - a)
    ]
    return min(elbows, key=lambda p: p[1])


def helper(kind: str, body: Body) -> Helper:
    """The helper beside the working leg, facing the person: kneeling or standing, leaning in to reach."""
    hands = hand_targets(kind, body)
    far_x = max(p[0] for p in hands)
    best: tuple[float, bool, int, float] | None = None
    for standing in (False, True):
        for lean in range(0, 61, 5):
            for back in range(0, 81, 2):
                x = far_x + back
                hip = (x, STANDING_HIP if standing else KNEELING_HIP)
                shoulder = along(hip, -lean, TRUNK)  # leaning in towards the person (to the left)
                reach = [math.dist(shoulder, hand) for hand in hands]
                if max(reach) > REACH:
                    continue
                # comfortable: both arms a little bent, the hands below the shoulders, the trunk upright
                score = sum(abs(r - 0.8 * REACH) for r in reach) + 0.3 * lean
                score += sum(max(0.0, hand[1] - shoulder[1] + 5) for hand in hands)
                if best is None or score < best[0]:
                    best = (score, standing, lean, x)
    _, standing, lean, x = best if best is not None else (0.0, False, 45, far_x + 10)
    return _person(x, standing, lean, hands)


def _person(x: float, standing: bool, lean: int, hands: tuple[Point, Point]) -> Helper:
    """Kneeling upright (the shins flat on the floor behind) or standing, facing left, leaning in."""
    hip = (x, STANDING_HIP if standing else KNEELING_HIP)
    shoulder = along(hip, -lean, TRUNK)
    head = along(shoulder, -lean - 10, NECK_TO_HEAD)  # looking down at the leg
    if standing:
        knee, ankle = (x, hip[1] - THIGH), (x, ANKLE_HEIGHT)
        legs = [([hip, knee, ankle], 12.0), ([ankle, (x - BALL_FORWARD - 4, 1.5)], 6.0)]
    else:
        knee = (x, 5.0)
        legs = [([knee, (knee[0] + SHANK, 4.0)], 10.0), ([hip, knee], 13.0)]
    body = [*legs, ([hip, shoulder], 21.0)]
    arms = [([shoulder, _elbow(shoulder, hand), hand], 7.0) for hand in hands]
    return Helper(body, arms, head)


def angle(kind: str, body: Body) -> Angle:
    """The angle a test measures, on the working leg as drawn."""
    leg = body.near
    if kind == "leg-from-floor":  # the straight leg's line (hip to ankle) up from the floor
        direction = math.degrees(math.atan2(leg.ankle[0] - leg.hip[0], leg.ankle[1] - leg.hip[1]))
        reference = (leg.hip, along(leg.hip, 90.0, 48.0))
        return Angle(leg.hip, direction, 90.0, 30.0, round(90.0 - direction), reference, (direction + 90.0) / 2)
    # knee-from-straight: from the thigh's line carried on past the knee to the shin
    start, end = leg.thigh_heading, leg.shank_heading
    reference = (leg.knee, along(leg.knee, start, 46.0))
    return Angle(leg.knee, start, end, 32.0, round(end - start), reference, start - 35.0)  # beside, clear of the shin
