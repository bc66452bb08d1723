"""Forward kinematics of a 2-D body seen from the side, and the checks that keep poses real.

Used by the loader (to refuse poses no body can take, or that float above or sink
through the floor) and by ``figures.py`` (to draw them). Pure geometry: no I/O.

Coordinates are centimetres with y pointing up and the person facing +x. A direction
is a *heading* in degrees, measured clockwise from straight up: 0 up, 90 forward,
180 down, 270 back. Segment lengths follow Winter's anthropometric proportions for a
person 170 cm tall (Winter DA, Biomechanics and Motor Control of Human Movement).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import vocabulary as vocab
from .models import Pose

HEIGHT = 170.0
TRUNK = 0.288 * HEIGHT  # hip joint to shoulder joint
NECK_TO_HEAD = 0.125 * HEIGHT  # shoulder joint to the centre of the head
HEAD_RADIUS = 0.062 * HEIGHT
THIGH = 0.245 * HEIGHT
SHANK = 0.246 * HEIGHT
UPPER_ARM = 0.186 * HEIGHT
FOREARM = 0.146 * HEIGHT
HAND = 0.06 * HEIGHT
ANKLE_HEIGHT = 0.039 * HEIGHT  # ankle joint above the sole
HEEL_BACK = 0.03 * HEIGHT  # heel behind the ankle
TOE_FORWARD = 0.12 * HEIGHT  # toes in front of the ankle

TOLERANCE = 3.0
"""How far (cm) a resting part may sit above its support, or any part below the floor."""

Point = tuple[float, float]


def heading(degrees: float) -> Point:
    radians = math.radians(degrees)
    return math.sin(radians), math.cos(radians)


def along(start: Point, degrees: float, length: float) -> Point:
    dx, dy = heading(degrees)
    return start[0] + dx * length, start[1] + dy * length


@dataclass(frozen=True)
class Leg:
    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    toe: Point
    thigh_heading: float
    shank_heading: float


@dataclass(frozen=True)
class Body:
    """Joint positions of one pose, before it is placed on the ground."""

    hip: Point
    shoulder: Point
    head: Point
    neck_heading: float
    elbow: Point
    wrist: Point
    hand: Point
    near: Leg
    far: Leg
    trunk_heading: float

    def contact_surfaces(self) -> dict[str, list[tuple[Point, float]]]:
        """For each contact part, the points (with a radius) that can rest on a support."""
        back = self.trunk_heading - 90  # the side of the trunk behind the spine
        front = self.trunk_heading + 90
        return {
            "working-foot": [(self.near.heel, 0.0), (self.near.toe, 0.0)],
            "other-foot": [(self.far.heel, 0.0), (self.far.toe, 0.0)],
            "working-knee": [(self.near.knee, 5.0), (_mid(self.near.knee, self.near.ankle), 4.5)],
            "other-knee": [(self.far.knee, 5.0), (_mid(self.far.knee, self.far.ankle), 4.5)],
            "hands": [(self.hand, 2.0)],
            "buttocks": [(along(along(self.hip, back, 9.0), self.trunk_heading + 180, 5.0), 2.0)],
            "back": [(along(along(self.hip, back, 9.0), self.trunk_heading, 0.85 * TRUNK), 2.0)],
            "front": [(along(along(self.hip, front, 10.0), self.trunk_heading, 0.6 * TRUNK), 2.0)],
        }

    def outline_points(self) -> list[tuple[str, Point, float]]:
        """Every point of the body's outline that must stay above the floor, with its name."""
        points = [
            ("head", self.head, HEAD_RADIUS), ("shoulders", self.shoulder, 9.0), ("hips", self.hip, 9.0),
            ("elbows", self.elbow, 4.0), ("hands", self.hand, 2.0),
        ]
        for side, leg in (("working", self.near), ("other", self.far)):
            points += [
                (f"{side} knee", leg.knee, 5.0), (f"{side} ankle", leg.ankle, 4.0),
                (f"{side} heel", leg.heel, 0.0), (f"{side} toes", leg.toe, 0.0),
            ]
        return points


def _mid(a: Point, b: Point) -> Point:
    return (a[0] + b[0]) / 2, (a[1] + b[1]) / 2


def _leg(hip: Point, trunk_heading: float, hip_angle: float, knee_angle: float, ankle_angle: float) -> Leg:
    thigh = trunk_heading + 180 - hip_angle
    shank = thigh + knee_angle
    foot = shank - 90 + ankle_angle
    sole = foot + 90
    knee = along(hip, thigh, THIGH)
    ankle = along(knee, shank, SHANK)
    heel = along(along(ankle, sole, ANKLE_HEIGHT), foot, -HEEL_BACK)
    toe = along(along(ankle, sole, ANKLE_HEIGHT * 0.4), foot, TOE_FORWARD)
    return Leg(hip, knee, ankle, heel, toe, thigh, shank)


def forward_kinematics(pose: Pose) -> Body:
    """Place every joint of ``pose`` relative to the hip joint at (0, 0)."""
    hip = (0.0, 0.0)
    trunk = float(pose.trunk)
    shoulder = along(hip, trunk, TRUNK)
    head = along(shoulder, trunk + pose.neck, NECK_TO_HEAD)
    arm = trunk + 180 - pose.shoulder
    elbow = along(shoulder, arm, UPPER_ARM)
    forearm = arm - pose.elbow
    wrist = along(elbow, forearm, FOREARM)
    hand = along(wrist, forearm, HAND)
    near = _leg(hip, trunk, pose.hip, pose.knee, pose.ankle)
    far = _leg(
        hip, trunk,
        pose.hip if pose.other_hip is None else pose.other_hip,
        pose.knee if pose.other_knee is None else pose.other_knee,
        pose.ankle if pose.other_ankle is None else pose.other_ankle,
    )
    return Body(hip, shoulder, head, trunk + pose.neck, elbow, wrist, hand, near, far, trunk)


def _lowest(points: list[tuple[Point, float]]) -> float:
    return min(y - radius for (x, y), radius in points)


@dataclass(frozen=True)
class Placement:
    """A pose set on the ground: how far to lift it, and what is wrong with it, if anything."""

    lift: float
    problems: list[tuple[str, str]]
    """(contact part or '', message) for each problem."""


def place_on_ground(pose: Pose, body: Body | None = None) -> Placement:
    """Lift the body so its first contact rests on its support, then check every other contact and the floor."""
    body = body or forward_kinematics(pose)
    surfaces = body.contact_surfaces()
    contacts = list(pose.contacts.items())
    first_part, first_support = contacts[0]
    lift = vocab.SUPPORTS[first_support] - _lowest(surfaces[first_part])
    problems: list[tuple[str, str]] = []
    for part, support in contacts[1:]:
        gap = _lowest(surfaces[part]) + lift - vocab.SUPPORTS[support]
        if abs(gap) > TOLERANCE:
            where = "above" if gap > 0 else "below"
            problems.append((part, (
                f"{vocab.CONTACT_PARTS[part]} should rest on the {support} but would be {abs(gap):.0f} cm {where} it "
                f"when {vocab.CONTACT_PARTS[first_part]} rests on the {first_support}; change the joint angles"
            )))
    for name, (x, y), radius in body.outline_points():
        depth = -(y - radius + lift)
        if depth > TOLERANCE:
            problems.append(("", f"the {name} would be {depth:.0f} cm below the floor; change the joint angles"))
    return Placement(lift, problems)
