"""The in-between frames of a figure's movement: joint angles interpolated, contacts held.

Seen from the side, from the front lying on the side, or standing seen from the front (the legs
hung from two hips, ``kinematics.front_view_feet``): the same interpolation, the standing foot held.

Part of the rendering stage, between ``kinematics`` (which places joints from angles) and
``figures`` (which draws the animated player from these frames). Between two key poses every
angle moves in a straight line; then the angles that change between them are nudged (damped
Gauss-Newton, fractions of a degree) so that every part resting on the same support in both
poses stays on it, each of its points moving in a straight line from where it is in the first
key pose to where it is in the second (in practice: staying put), and a foot that rests on the same
support by another part (flat, then on its toes) keeps its sole on it while it glides. Pure geometry, no I/O.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from . import vocabulary as vocab
from .kinematics import ANGLE_FIELDS, Body, Point, angle_range, angles_of, forward_angles, front_view_feet, move_body

__all__ = ["ANGLE_FIELDS", "Frame", "angles_of", "between", "held_parts", "movement"]
from .models import Pose

IN_BETWEEN = 7
"""In-between frames drawn for each move from one key pose to the next."""
STEADY = 0.05
"""How strongly (cm of contact error per degree) the solver keeps each angle on its straight path."""


@dataclass(frozen=True)
class Frame:
    """One frame of the movement: its joint angles and where its hip joint is (cm, as drawn)."""

    angles: dict[str, float]
    offset: Point
    held: tuple[str, ...]
    """The parts that rest on the same support all through this move."""
    front: Front = None
    """Standing seen from the front: whether each foot is flat on the ground (``kinematics.front_view_feet``)."""

    def body(self) -> Body:
        return move_body(forward_angles(self.angles, self.front), self.offset[0], self.offset[1])


Front = tuple[bool, bool] | None
"""How ``kinematics.forward_angles`` places the legs: None seen from the side (or lying on the side)."""


def front_between(before: Pose, after: Pose) -> Front:
    """Standing seen from the front, between two key poses: a foot is flat only if it is in both
    (a foot that lifts or lands turns with its leg, as it does in the key pose where it is off the ground)."""
    a, b = front_view_feet(before), front_view_feet(after)
    if a is None or b is None:
        return None
    return a[0] and b[0], a[1] and b[1]


def held_parts(before: Pose, after: Pose) -> tuple[str, ...]:
    """The parts resting on the same support (under the body, not a wall beside it) in both poses."""
    return tuple(
        part
        for part, support in after.contacts.items()
        if before.contacts.get(part) == support and support not in vocab.BESIDE_SUPPORTS
    )


_FOOT_PARTS = ("foot", "heel", "toes")


def gliding_feet(before: Pose, after: Pose) -> tuple[str, ...]:
    """Legs ('working', 'other') whose foot rests on the same support in both poses but by another part
    (flat, then on its toes: the Glider's back foot on its slider): its sole glides along the support."""
    held = held_parts(before, after)
    out = []
    for side in ("working", "other"):
        parts = [f"{side}-{name}" for name in _FOOT_PARTS]
        if any(part in held for part in parts):
            continue
        a = {before.contacts[part] for part in parts if part in before.contacts}
        b = {after.contacts[part] for part in parts if part in after.contacts}
        if a & b:
            out.append(side)
    return tuple(out)


def _sole_low(body: Body, side: str) -> float:
    leg = body.near if side == "working" else body.far
    return min(leg.heel[1], leg.ball[1], leg.toe[1])


def _points(body: Body, parts: tuple[str, ...]) -> list[Point]:
    return [point for part in parts for point, _ in body.surface(part)]


def _mix(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def between(before: Pose, after: Pose, body_a: Body, body_b: Body, t: float) -> Frame:
    """The frame a fraction ``t`` of the way from ``before`` to ``after`` (drawn as ``body_a``, ``body_b``)."""
    held = held_parts(before, after)
    front = front_between(before, after)
    start, end = angles_of(before), angles_of(after)
    straight = {field: _mix(start[field], end[field], t) for field in ANGLE_FIELDS}
    moving = [field for field in ANGLE_FIELDS if start[field] != end[field]]
    if not held:  # nothing stays put: the hip joint moves in a straight line
        hip = (_mix(body_a.hip[0], body_b.hip[0], t), _mix(body_a.hip[1], body_b.hip[1], t))
        return Frame(straight, hip, held, front)
    targets = [
        (_mix(a[0], b[0], t), _mix(a[1], b[1], t))
        for a, b in zip(_points(body_a, held), _points(body_b, held), strict=True)
    ]
    glides = tuple(
        (side, _mix(_sole_low(body_a, side), _sole_low(body_b, side), t)) for side in gliding_feet(before, after)
    )
    angles = _hold(straight, moving, held, targets, glides, front)
    return Frame(angles, _offset(_points(forward_angles(angles, front), held), targets), held, front)


def _offset(points: list[Point], targets: list[Point]) -> Point:
    """The shift that best puts the held points on their targets (the mean of the differences)."""
    n = len(points)
    return (
        sum(t[0] - p[0] for p, t in zip(points, targets, strict=True)) / n,
        sum(t[1] - p[1] for p, t in zip(points, targets, strict=True)) / n,
    )


Glides = tuple[tuple[str, float], ...]
"""Feet gliding along their support: (side, the height the lowest point of the sole keeps)."""


def _hold(
    straight: dict[str, float],
    moving: list[str],
    held: tuple[str, ...],
    targets: list[Point],
    glides: Glides = (),
    front: Front = None,
) -> dict[str, float]:
    """Damped Gauss-Newton on the moving angles, within their ranges."""
    angles = dict(straight)
    if not moving:
        return angles

    def residuals(trial: dict[str, float]) -> list[float]:
        """How far the held points are from their targets, a gliding sole from its support, and (weakly)
        each moving angle from its straight-line value."""
        body = forward_angles(trial, front)
        points = _points(body, held)
        dx, dy = _offset(points, targets)
        out = []
        for (x, y), (tx, ty) in zip(points, targets, strict=True):
            out += [x + dx - tx, y + dy - ty]
        out += [_sole_low(body, side) + dy - height for side, height in glides]
        return out + [STEADY * (trial[field] - straight[field]) for field in moving]

    damping = 1e-3
    for _ in range(20):
        r = residuals(angles)
        cost = sum(v * v for v in r)
        if cost < 1e-6:
            break
        jac = []
        for field in moving:
            trial = dict(angles)
            trial[field] += 0.01
            jac.append([(b - a) / 0.01 for a, b in zip(r, residuals(trial), strict=True)])
        n = len(moving)
        normal = [[0.0] * n for _ in range(n)]
        for i in range(n):
            for j in range(i, n):  # symmetric: each product is the same either way round
                normal[i][j] = normal[j][i] = sum(a * b for a, b in zip(jac[i], jac[j], strict=True))
        gradient = [sum(jac[i][k] * r[k] for k in range(len(r))) for i in range(n)]
        improved = False
        for _attempt in range(8):
            step = _solve(
                [
                    [normal[i][j] + (damping * (1 + normal[i][i]) if i == j else 0.0) for j in range(n)]
                    for i in range(n)
                ],
                [-g for g in gradient],
            )
            trial = dict(angles)
            for field, delta in zip(moving, step, strict=True):
                low, high = angle_range(field)
                trial[field] = min(high, max(low, trial[field] + delta))
            if sum(v * v for v in residuals(trial)) < cost:
                angles, damping, improved = trial, damping / 3, True
                break
            damping *= 10
        if not improved or max(abs(d) for d in step) < 1e-4:
            break
    return angles


def _solve(matrix: list[list[float]], vector: list[float]) -> list[float]:
    """Solve a small linear system by Gaussian elimination with partial pivoting."""
    n = len(vector)
    rows = [[*row, value] for row, value in zip(matrix, vector, strict=True)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(rows[r][col]))
        rows[col], rows[pivot] = rows[pivot], rows[col]
        if abs(rows[col][col]) < 1e-12:
            continue
        for r in range(col + 1, n):
            factor = rows[r][col] / rows[col][col]
            for c in range(col, n + 1):
                rows[r][c] -= factor * rows[col][c]
    out = [0.0] * n
    for r in range(n - 1, -1, -1):
        if abs(rows[r][r]) < 1e-12:
            continue
        out[r] = (rows[r][n] - sum(rows[r][c] * out[c] for c in range(r + 1, n))) / rows[r][r]
    return out


def movement(poses: list[Pose], bodies: list[Body], steps: int = IN_BETWEEN) -> list[Frame]:
    """Every frame from the first key pose to the last: each key pose, then ``steps`` in-betweens."""
    frames = []
    for index, pose in enumerate(poses):
        held = held_parts(poses[index - 1], pose) if index else ()
        frames.append(Frame(angles_of(pose), bodies[index].hip, held, front_view_feet(pose)))
        if index + 1 < len(poses):
            after = poses[index + 1]
            for step in range(1, steps + 1):
                t = step / (steps + 1)
                frames.append(between(pose, after, bodies[index], bodies[index + 1], _ease(t)))
    return frames


def _ease(t: float) -> float:
    """Slow out of a key pose and slow into the next, as a controlled exercise moves."""
    return (1 - math.cos(math.pi * t)) / 2
