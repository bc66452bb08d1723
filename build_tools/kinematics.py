"""Forward kinematics of a 2-D body seen from the side, and the checks that keep poses real.

Used by the loader (to refuse poses no body can take: floating or sinking through the
floor or a support, feet that should be flat but tip, toppling over the feet, joints out
of range, segments that should be in line but are not) and by ``figures.py`` (to draw
them). Pure geometry: no I/O.

Coordinates are centimetres with y pointing up and the person facing +x. A direction
is a *heading* in degrees, measured clockwise from straight up: 0 up, 90 forward,
180 down, 270 back. Segment lengths, masses and centres of mass follow Winter's
anthropometric tables for a person 170 cm tall (Winter DA, Biomechanics and Motor
Control of Human Movement, 4th ed., table 4.1).

Every check that fails says which angle to change, which way and roughly how far: it
tries each candidate angle one degree at a time, both ways, and names the smallest
change that makes the check pass.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, replace

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
HEEL_BACK = 0.03 * HEIGHT  # back of the heel behind the ankle
BALL_FORWARD = 0.08 * HEIGHT  # ball of the foot (metatarsal heads) in front of the ankle
TOES = 0.035 * HEIGHT  # ball of the foot to the tips of the toes
FOOT_THICKNESS = 0.02 * HEIGHT  # sole to the top of the foot at the ball
HIP_HALF = 0.05 * HEIGHT  # seen from the front: each hip joint beside the middle of the pelvis (joints ~17 cm apart)
FOOT_HALF = 0.026 * HEIGHT  # seen from the front: half the width of the foot across the ball

MASS = {  # fraction of body mass (Winter): each arm and leg segment counts twice, one per side
    "head": 0.081,
    "trunk": 0.497,
    "upper_arm": 0.028,
    "forearm": 0.016,
    "hand": 0.006,
    "thigh": 0.100,
    "shank": 0.0465,
    "foot": 0.0145,
}
COM = {"trunk": 0.5, "upper_arm": 0.436, "forearm": 0.430, "hand": 0.506, "thigh": 0.433, "shank": 0.433}
"""Centre of mass of each segment as a fraction of its length from the proximal joint (Winter)."""

TOLERANCE = 3.0
"""How far (cm) a resting part may sit above its support, or any part below the floor or inside a support."""
FLAT = 5.0
"""How many degrees a foot listed as flat (``working-foot``) may tip and still count as flat."""
IN_LINE = 10.0
"""How many degrees segments asked to be in line may differ."""
BALANCE_MARGIN = -2.0
"""How far (cm) the centre of mass may lie beyond the edge of the base of support: negative, so it
must lie at least 2 cm inside (nobody stands with their weight on the very edge of the feet)."""
LOADS = {"dumbbells": 0.10, "kettlebell": 0.10, "barbell": 0.20}
"""Props held in the hands, as a fraction of body mass: a light pair of dumbbells or a kettlebell, a barbell."""
CLOSE = 10.0
"""How far (cm) a weight held in the hands may hang in front of the legs when the cue is to keep it close."""
STRAIGHT_LEG_HIP_LIMIT = 100
"""Most hip flexion a straight knee allows: the hamstrings stop it (a straight-leg raise of 80-90° is normal)."""

HAND_SUPPORTS = frozenset({"chair-back", "wall"})
"""Supports only the hands (or forearms) can rest on."""

Point = tuple[float, float]

CONTACT_PARTS = (
    "hands",
    "forearms",
    "buttocks",
    "back",
    "side",
    "front",
    *(f"{side}-{name}" for side in ("working", "other") for name in ("foot", "heel", "toes", "instep", "knee", "shin")),
)
"""The parts of the body that can rest on a support, in the order ``Body.contact_surfaces`` lists them."""


def heading(degrees: float) -> Point:
    radians = math.radians(degrees)
    return math.sin(radians), math.cos(radians)


def along(start: Point, degrees: float, length: float) -> Point:
    radians = math.radians(degrees)  # heading(degrees), written out: the figures call this millions of times
    return start[0] + math.sin(radians) * length, start[1] + math.cos(radians) * length


def _mix(a: Point, b: Point, t: float) -> Point:
    return a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t


@dataclass(frozen=True)
class Leg:
    hip: Point
    knee: Point
    ankle: Point
    heel: Point
    ball: Point
    toe: Point
    thigh_heading: float
    shank_heading: float
    foot_heading: float
    """Heading of the sole from heel to ball: 90 when the foot is flat on level ground."""
    toe_heading: float

    @property
    def instep(self) -> list[Point]:
        """The top of the forefoot, from the top of the ball to the top of the toes."""
        return [along(self.ball, self.foot_heading - 90, FOOT_THICKNESS), along(self.toe, self.toe_heading - 90, 1.0)]

    @property
    def shin_front(self) -> Point:
        """The front of the shin just above the ankle."""
        return along(_mix(self.knee, self.ankle, 0.85), self.shank_heading - 90, 4.0)


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
    arm_heading: float = 0.0
    forearm_heading: float = 0.0
    hand_heading: float = 0.0

    def contact_surfaces(self) -> dict[str, list[tuple[Point, float]]]:
        """For each contact part, the points (with a radius) that rest on its support: all of them must."""
        return {part: self.surface(part) for part in CONTACT_PARTS}

    def surface(self, part: str) -> list[tuple[Point, float]]:
        """The points (with a radius) of one contact part (``CONTACT_PARTS``) that rest on its support.

        Worked out for that part alone: the movement solver asks for a few parts thousands of times
        a figure (``motion``). Raises KeyError for a part that is not one."""
        side, _, name = part.partition("-")
        if name:
            if side not in ("working", "other"):
                raise KeyError(part)
            leg = self.near if side == "working" else self.far
            if name == "foot":
                return [(leg.heel, 0.0), (leg.ball, 0.0)]
            if name == "heel":
                return [(leg.heel, 0.0)]
            if name == "toes":
                return [(leg.ball, 0.0), (leg.toe, 0.0)]
            if name == "instep":
                return [(point, 0.0) for point in leg.instep]
            if name == "knee":
                return [(leg.knee, 5.0)]
            if name == "shin":
                return [(leg.knee, 5.0), (leg.shin_front, 0.0)]
            raise KeyError(part)
        back = self.trunk_heading - 90  # the side of the trunk behind the spine
        if part == "hands":
            return [(self.wrist, 2.0), (self.hand, 1.0)]
        if part == "forearms":
            return [(self.elbow, 3.5), (self.wrist, 3.0)]
        if part == "buttocks":
            return [(along(along(self.hip, back, 9.0), self.trunk_heading + 180, 5.0), 2.0)]
        if part in ("back", "side"):
            # lying on the side, seen from the front: the trunk's lower edge rests, as the back does seen from the side
            return [(along(along(self.hip, back, 9.0), self.trunk_heading, 0.85 * TRUNK), 2.0)]
        if part == "front":
            return [(along(along(self.hip, self.trunk_heading + 90, 10.0), self.trunk_heading, 0.6 * TRUNK), 2.0)]
        raise KeyError(part)

    def outline_points(self) -> list[tuple[str, Point, float]]:
        """Every point of the body's outline that must stay out of the floor and the supports, with its name."""
        points = [
            ("head", self.head, HEAD_RADIUS),
            ("shoulders", self.shoulder, 9.0),
            ("hips", self.hip, 9.0),
            ("elbows", self.elbow, 3.5),
            ("wrists", self.wrist, 2.0),
            ("hands", self.hand, 1.0),
        ]
        for t in (0.33, 0.67):  # along the segments too, so a limb cannot pass through a step between its joints
            points += [
                ("upper arms", _mix(self.shoulder, self.elbow, t), 4.0),
                ("forearms", _mix(self.elbow, self.wrist, t), 3.0),
            ]
            for side, leg in (("working", self.near), ("other", self.far)):
                points += [
                    (f"{side} thigh", _mix(leg.hip, leg.knee, t), 6.0),
                    (f"{side} shin", _mix(leg.knee, leg.ankle, t), 4.5),
                ]
        for side, leg in (("working", self.near), ("other", self.far)):
            points += [
                (f"{side} knee", leg.knee, 5.0),
                (f"{side} shin", leg.shin_front, 0.0),
                (f"{side} heel", leg.heel, 0.0),
                (f"ball of the {side} foot", leg.ball, 0.0),
                (f"{side} toes", leg.toe, 0.0),
            ]
        return points

    def centre_of_mass(self, load: float = 0.0) -> Point:
        """The centre of mass of the body and ``load`` (a fraction of body mass held in the hands).

        From Winter's segment masses; both arms move together."""
        parts: list[tuple[float, Point]] = [
            (load, self.hand),
            (MASS["head"], self.head),
            (MASS["trunk"], _mix(self.hip, self.shoulder, COM["trunk"])),
            (2 * MASS["upper_arm"], _mix(self.shoulder, self.elbow, COM["upper_arm"])),
            (2 * MASS["forearm"], _mix(self.elbow, self.wrist, COM["forearm"])),
            (2 * MASS["hand"], _mix(self.wrist, self.hand, COM["hand"])),
        ]
        for leg in (self.near, self.far):
            parts += [
                (MASS["thigh"], _mix(leg.hip, leg.knee, COM["thigh"])),
                (MASS["shank"], _mix(leg.knee, leg.ankle, COM["shank"])),
                (MASS["foot"], _mix(leg.heel, leg.ball, 0.5)),
            ]
        total = sum(mass for mass, _ in parts)
        return (sum(m * p[0] for m, p in parts) / total, sum(m * p[1] for m, p in parts) / total)

    def segment_heading(self, segment: str) -> float:
        return {
            "trunk": self.trunk_heading,
            "thigh": self.near.thigh_heading,
            "shank": self.near.shank_heading,
            "other-thigh": self.far.thigh_heading,
            "other-shank": self.far.shank_heading,
            "upper-arm": self.arm_heading,
            "forearm": self.forearm_heading,
        }[segment]


def _mid(a: Point, b: Point) -> Point:
    return _mix(a, b, 0.5)


def _leg(
    hip: Point, trunk_heading: float, hip_angle: float, knee_angle: float, ankle_angle: float, toes_angle: float
) -> Leg:
    thigh = trunk_heading + 180 - hip_angle
    shank = thigh + knee_angle
    foot = shank - 90 + ankle_angle
    sole = foot + 90
    knee = along(hip, thigh, THIGH)
    ankle = along(knee, shank, SHANK)
    under = along(ankle, sole, ANKLE_HEIGHT)
    heel = along(under, foot, -HEEL_BACK)
    ball = along(under, foot, BALL_FORWARD)
    toe_heading = foot - toes_angle
    toe = along(ball, toe_heading, TOES)
    return Leg(hip, knee, ankle, heel, ball, toe, thigh, shank, foot, toe_heading)


def _front_leg(hip: Point, thigh: float, knee_angle: float, flat: bool) -> Leg:
    """A leg seen from the front: the knee bends towards the viewer (not drawn), the foot is seen end-on.

    A foot resting flat keeps its sole level (the ankle tilts sideways under a leaning shin); a
    lifted one turns with the leg."""
    knee = along(hip, thigh, THIGH)
    ankle = along(knee, thigh, SHANK * math.cos(math.radians(knee_angle)))
    foot = 90.0 if flat else thigh - 90
    under = along(ankle, foot + 90, ANKLE_HEIGHT)
    heel, ball = along(under, foot, -FOOT_HALF), along(under, foot, FOOT_HALF)
    return Leg(hip, knee, ankle, heel, ball, ball, thigh, thigh, foot, foot)


def _other(pose: Pose, name: str) -> int:
    value = getattr(pose, f"other_{name}")
    return int(getattr(pose, name)) if value is None else int(value)


def forward_kinematics(pose: Pose) -> Body:
    """Place every joint of ``pose`` relative to the hip joint at (0, 0)."""
    return forward_angles(angles_of(pose), front_view_feet(pose))


def front_view_feet(pose: Pose) -> tuple[bool, bool] | None:
    """For a standing pose seen from the front: whether the working and the other foot are on the ground."""
    if not pose.standing_front:
        return None
    return "working-foot" in pose.contacts, "other-foot" in pose.contacts


def angles_of(pose: Pose) -> dict[str, float]:
    """Every joint angle of ``pose`` (the other leg's filled in from the working leg's when not given)."""
    return {field: float(_value(pose, field)) for field in _ANGLE_FIELDS}


def forward_angles(angles: dict[str, float], front: tuple[bool, bool] | None = None) -> Body:
    """Place every joint from angles in degrees (fractions allowed: the in-between frames of a movement).

    ``front``: standing seen from the front (``front_view_feet``), the legs hang from two hips side by side."""
    a = angles
    hip = (0.0, 0.0)
    trunk = a["trunk"]
    shoulder = along(hip, trunk, TRUNK)
    head = along(shoulder, trunk + a["neck"], NECK_TO_HEAD)
    arm = trunk + 180 - a["shoulder"]
    elbow = along(shoulder, arm, UPPER_ARM)
    forearm = arm - a["elbow"]
    wrist = along(elbow, forearm, FOREARM)
    hand_heading = forearm - a["wrist"]
    hand = along(wrist, hand_heading, HAND)
    if front is not None:  # two hips side by side: hip lifts the working leg out right, other_hip the other left
        across = heading(trunk + 90)
        working_foot_down, other_foot_down = front
        near = _front_leg(
            (across[0] * HIP_HALF, across[1] * HIP_HALF), trunk + 180 - a["hip"], a["knee"], working_foot_down
        )
        far = _front_leg(
            (-across[0] * HIP_HALF, -across[1] * HIP_HALF),
            trunk + 180 + a["other_hip"],
            a["other_knee"],
            other_foot_down,
        )
    else:
        near = _leg(hip, trunk, a["hip"], a["knee"], a["ankle"], a["toes"])
        far = _leg(hip, trunk, a["other_hip"], a["other_knee"], a["other_ankle"], a["other_toes"])
    return Body(
        hip, shoulder, head, trunk + a["neck"], elbow, wrist, hand, near, far, trunk, arm, forearm, hand_heading
    )


def move_body(body: Body, dx: float, dy: float) -> Body:
    """The same body shifted by (dx, dy) cm."""

    def at(point: Point) -> Point:
        return point[0] + dx, point[1] + dy

    def leg(part: Leg) -> Leg:
        return replace(
            part,
            hip=at(part.hip),
            knee=at(part.knee),
            ankle=at(part.ankle),
            heel=at(part.heel),
            ball=at(part.ball),
            toe=at(part.toe),
        )

    return replace(
        body,
        hip=at(body.hip),
        shoulder=at(body.shoulder),
        head=at(body.head),
        elbow=at(body.elbow),
        wrist=at(body.wrist),
        hand=at(body.hand),
        near=leg(body.near),
        far=leg(body.far),
    )


def _lowest(points: list[tuple[Point, float]]) -> float:
    return min(y - radius for (x, y), radius in points)


# -- supports -----------------------------------------------------------------------------

Box = tuple[float, float, float, float]
"""A solid part of a support: left, right, bottom, top (cm)."""


def support_boxes(support: str, x: float, part: str) -> list[Box]:
    """The solid parts of a raised support under a contact at ``x`` (the floor is not a box).

    A step and a box are solid; a bench is a padded top on legs; a Swiss ball is checked by its
    core, a column 16 cm wide that lies inside the ball to its top; a chair is a seat with the
    space under it open (a heel can go under it, between the legs) and a back behind whoever
    sits on it, or on the far side from whoever holds or stands by it.
    """
    top = float(vocab.SUPPORTS[support])
    if support == "step":
        return [(x - 17, x + 17, 0.0, top)]
    if support == "box":
        return [(x - 20, x + 20, 0.0, top)]
    if support == "bench":
        return [(x - 35, x + 35, top - 8, top)]
    if support == "swiss-ball":  # the ball's core under the heels: any part inside it is inside the ball
        return [(x - 8, x + 8, 0.0, top)]
    if support == "chair":
        front = x + 21  # sitting towards the front of the seat, the thighs over its front edge
        seat = (front - 42, front, top - 4, top)
        back = (front - 44, front - 40, top, top + 42) if part == "buttocks" else (front + 2, front + 4, 0, 0)
        return [seat, back] if part == "buttocks" else [seat]
    return []


def held_chair(body: Body, lift: float, others: list[Box]) -> tuple[float, Box]:
    """A chair whose back the hands rest on (support ``chair-back``): (x of its back post, its seat).

    The post stands under the wrists; the seat goes forward, or back when that would put it
    over a step or box in front (a chair beside a step, not around it)."""
    post = body.wrist[0] + 2
    right = not any(box[0] < post + 46 and box[1] > post for box in others)
    x0, x1 = (post, post + 42) if right else (post - 42, post)
    top = float(vocab.SUPPORTS["chair"])
    return post, (x0, x1, top - 4, top)


# -- placing and checking ----------------------------------------------------------------------


@dataclass(frozen=True)
class Placement:
    """A pose set on the ground: how far to lift it, and what is wrong with it, if anything."""

    lift: float
    problems: list[tuple[str, str]]
    """(where, message) for each problem: where is 'contacts.<part>', an angle's field name, or ''."""
    boxes: list[tuple[str, Box]]
    """The solid supports under the contacts, placed (support name, box)."""


def _first(pose: Pose) -> tuple[str, str]:
    """The contact the body is set on: the first one listed that is under the body (not a wall beside it)."""
    for part, support in pose.contacts.items():
        if support not in vocab.BESIDE_SUPPORTS:
            return part, support
    return next(iter(pose.contacts.items()))


def _lift(pose: Pose, body: Body) -> float:
    first_part, first_support = _first(pose)
    return vocab.SUPPORTS[first_support] - _lowest(body.contact_surfaces()[first_part])


def _contact_gaps(pose: Pose, body: Body, lift: float) -> dict[str, float]:
    """For each contact, the gap (cm) of its worst point from its support: + above it, - below it."""
    gaps = {}
    for part, support in pose.contacts.items():
        worst = 0.0
        if support in vocab.BESIDE_SUPPORTS:
            gaps[part] = worst
            continue
        for (_, y), radius in body.contact_surfaces()[part]:
            gap = y - radius + lift - vocab.SUPPORTS[support]
            if abs(gap) > abs(worst):
                worst = gap
        gaps[part] = worst
    return gaps


_ANGLE_FIELDS = (
    "trunk",
    "hip",
    "knee",
    "ankle",
    "toes",
    "other_hip",
    "other_knee",
    "other_ankle",
    "other_toes",
    "neck",
    "shoulder",
    "elbow",
    "wrist",
)


def _value(pose: Pose, field: str) -> int:
    if field.startswith("other_"):
        return _other(pose, field.removeprefix("other_"))
    return int(getattr(pose, field))


def _limits(field: str) -> tuple[int, int]:
    info = Pose.model_fields[field]
    low, high = -180, 180
    for item in info.metadata:
        if getattr(item, "ge", None) is not None:
            low = int(item.ge)
        if getattr(item, "le", None) is not None:
            high = int(item.le)
    return low, high


def solve(
    pose: Pose,
    fields: tuple[str, ...],
    passes: Callable[[Pose], bool],
    adjust: Callable[[Pose], Pose] | None = None,
    reach: int = 30,
) -> tuple[str, int, int] | None:
    """A whole-degree change to one of ``fields`` that makes ``passes`` true.

    ``fields`` come in the order a physiotherapist would look at them: the first one that a
    change of at most ``reach`` degrees fixes is named; otherwise the one needing the smallest
    change. Each is tried one degree at a time, both ways, within its allowed range; ``adjust``
    may re-solve a dependent angle after each try (keeping a flat foot flat). Returns
    (field, old value, new value), or None when no single angle fixes it.
    """
    best: tuple[int, str, int, int] | None = None
    for field in fields:
        old = _value(pose, field)
        low, high = _limits(field)
        for delta in range(1, 181):
            if best is not None and delta >= best[0]:
                break
            found = None
            for new in (old - delta, old + delta):
                if low <= new <= high:
                    trial = pose.model_copy(update={field: new})
                    if adjust is not None:
                        trial = adjust(trial)
                    if passes(trial):
                        found = new
                        break
            if found is not None:
                best = (delta, field, old, found)
                break
        if best is not None and best[0] <= reach:
            break
    return None if best is None else (best[1], best[2], best[3])


def _advice(fix: tuple[str, int, int] | None, what: str = "") -> str:
    if fix is None:
        return "no single joint angle fixes it; change the pose"
    field, old, new = fix
    way = "more" if new > old else "less"
    return f"change {field} from {old} to about {new} ({abs(new - old)}° {way}){what}"


_LEG_FIELDS = {
    "working": ("knee", "hip", "ankle", "toes"),
    "other": ("other_knee", "other_hip", "other_ankle", "other_toes"),
}


def _fields_for(part: str) -> tuple[str, ...]:
    side, _, kind = part.partition("-")
    if side in _LEG_FIELDS:
        knee, hip, ankle, toes = _LEG_FIELDS[side]
        return {
            "foot": (ankle, knee, hip),
            "heel": (ankle, knee, hip),
            "toes": (toes, ankle, knee),
            "instep": (ankle, toes, knee),
            "knee": (knee, hip),
            "shin": (knee, hip),
        }[kind]
    if part in ("hands", "forearms"):
        return ("elbow", "shoulder", "wrist")
    return ("hip", "knee", "trunk")


def _flat_foot_ankles(pose: Pose) -> Pose:
    """The same pose with each foot listed as flat on a support turned level again (for balance fixes)."""
    update = {}
    body = forward_kinematics(pose)
    for side, leg, field in (("working", body.near, "ankle"), ("other", body.far, "other_ankle")):
        if f"{side}-foot" in pose.contacts:
            low, high = _limits(field)
            update[field] = max(low, min(high, round(_value(pose, field) + 90 - leg.foot_heading)))
    return pose.model_copy(update=update) if update else pose


def _angle_between(a: float, b: float, period: float = 360.0) -> float:
    d = (a - b) % period
    return min(d, period - d)


def _balance(pose: Pose, body: Body, load: float = 0.0) -> tuple[float, float, float]:
    """(centre of mass x, left and right edges of the base of support: every point that rests)."""
    xs = [
        x
        for part, support in pose.contacts.items()
        if support not in vocab.BESIDE_SUPPORTS
        for (x, y), radius in body.contact_surfaces()[part]
    ]
    return body.centre_of_mass(load)[0], min(xs), max(xs)


def _topples(pose: Pose, load: float = 0.0) -> float:
    """How far (cm) the centre of mass lies outside the safe part of the base of support: 0 when it balances."""
    com, left, right = _balance(pose, forward_kinematics(pose), load)
    return max(0.0, left - com - BALANCE_MARGIN, com - right - BALANCE_MARGIN)


def _weight_gap(pose: Pose) -> float:
    """How far (cm) the hands hang in front of the nearest point of the legs (0 when touching or behind)."""
    body = forward_kinematics(pose)
    best = math.inf
    for a, b, half in ((body.near.hip, body.near.knee, 6.5), (body.near.knee, body.near.ankle, 5.0)):
        best = min(best, _segment_distance(body.hand, a, b) - half)
    return max(0.0, best)


def _segment_distance(p: Point, a: Point, b: Point) -> float:
    ax, ay = b[0] - a[0], b[1] - a[1]
    t = max(0.0, min(1.0, ((p[0] - a[0]) * ax + (p[1] - a[1]) * ay) / (ax * ax + ay * ay)))
    return math.dist(p, (a[0] + ax * t, a[1] + ay * t))


def _contacts_rest(pose: Pose, part: str) -> bool:
    body = forward_kinematics(pose)
    return abs(_contact_gaps(pose, body, _lift(pose, body))[part]) <= TOLERANCE


def _foot_tip(leg: Leg) -> float:
    """Degrees the sole tips from level: + toes up, - toes down."""
    return ((90 - leg.foot_heading + 180) % 360) - 180


def check_pose(pose: Pose, *, held: bool = False, load: float = 0.0, close: bool = False) -> Placement:
    """Set ``pose`` on its first contact's support and check everything a physiotherapist would.

    ``held``: the body is held (a hand on a chair back, a partner at the heels, a band), so balance
    is not checked. ``load``: weight in the hands, as a fraction of body mass (``LOADS``), counted in
    the balance. ``close``: the weight must hang close to the legs (standing poses only).
    """
    body = forward_kinematics(pose)
    surfaces = body.contact_surfaces()
    contacts = list(pose.contacts.items())
    first_part, first_support = _first(pose)
    lift = _lift(pose, body)
    problems: list[tuple[str, str]] = []
    gaps = _contact_gaps(pose, body, lift)
    boxes: list[tuple[str, Box]] = []
    for part, support in contacts:
        x = min(surfaces[part], key=lambda item: item[0][1] - item[1])[0][0]
        boxes += [(support, box) for box in support_boxes(support, x, part)]
    if "chair-back" in pose.contacts.values():
        post, seat = held_chair(body, lift, [box for _, box in boxes])
        boxes += [("chair", seat), ("chair", (post - 2, post + 2, 0.0, float(vocab.SUPPORTS["chair-back"]) - 3))]
    for i, (name_a, a) in enumerate(boxes):
        for name_b, b in boxes[i + 1 :]:
            if min(a[1], b[1]) - max(a[0], b[0]) > 1 and min(a[3], b[3]) - max(a[2], b[2]) > 1 and name_a != name_b:
                problems.append(
                    (
                        "",
                        f"the {name_a} and the {name_b} would stand inside each other; move the "
                        f"parts that rest on them further apart",
                    )
                )
    for part, support in contacts:
        if support in HAND_SUPPORTS and part not in ("hands", "forearms"):
            problems.append(
                (
                    f"contacts.{part}",
                    (
                        f"only the hands or forearms can rest on the {support}; "
                        f"use floor, step, chair, bench or box for {vocab.CONTACT_PARTS[part]}"
                    ),
                )
            )
            continue
        gap = gaps[part]
        if abs(gap) <= TOLERANCE:
            continue
        signed_tip = _foot_tip(body.near if part.startswith("working") else body.far)
        tip = abs(signed_tip)
        ankle_field = "ankle" if part.startswith("working") else "other_ankle"
        low, high = _limits(ankle_field)
        reachable = low <= _value(pose, ankle_field) + signed_tip <= high
        if (
            part.endswith("-foot")
            and tip > FLAT
            and reachable
            and abs(gap) <= (HEEL_BACK + BALL_FORWARD) * math.sin(math.radians(tip)) + TOLERANCE
        ):
            continue  # only tipped, not lifted: reported once, below, with the ankle angle that sets it flat

        def rests(trial: Pose, part: str = part) -> bool:
            return _contacts_rest(trial, part)

        fix = solve(pose, _fields_for(part), rests)
        where = "above" if gap > 0 else "below"
        label = vocab.CONTACT_PARTS[part]
        if part == first_part:
            problems.append(
                (
                    f"contacts.{part}",
                    (
                        f"{label} should rest on the {support}, but one end of it would be {abs(gap):.0f} cm {where} it; "
                        + _advice(fix)
                    ),
                )
            )
        else:
            problems.append(
                (
                    f"contacts.{part}",
                    (
                        f"{label} should rest on the {support} but would be {abs(gap):.0f} cm {where} it "
                        f"when {vocab.CONTACT_PARTS[first_part]} rests on the {first_support}; " + _advice(fix)
                    ),
                )
            )
    for side, leg in (("working", body.near), ("other", body.far)):
        ankle_field, toes_field = ("ankle", "toes") if side == "working" else ("other_ankle", "other_toes")
        tip = _foot_tip(leg)
        if f"{side}-foot" in pose.contacts and abs(tip) > FLAT:
            old, low, high = _value(pose, ankle_field), *_limits(ankle_field)
            new = round(old + tip)
            way = "up" if tip > 0 else "down"
            if low <= new <= high:
                advice = _advice((ankle_field, old, new))
            else:
                advice = (
                    f"the ankle cannot turn that far ({ankle_field} goes from {low} to {high}): bend the knee "
                    f"or the hip, or rest only the {'heel' if tip > 0 else 'toes'} "
                    f"({side}-{'heel' if tip > 0 else 'toes'})"
                )
            problems.append(
                (
                    ankle_field,
                    (
                        f"the {side} foot should be flat on the {pose.contacts[f'{side}-foot']} (heel and ball), but its toes "
                        f"point {abs(tip):.0f}° {way}; " + advice
                    ),
                )
            )
        if f"{side}-toes" in pose.contacts and _value(pose, toes_field) < 30:
            bend = _value(pose, toes_field)
            problems.append(
                (
                    toes_field,
                    f"the {side} toes rest on the floor with the heel up, so they must bend "
                    f"up (tuck); change {toes_field} from {bend} to about 60 or more",
                )
            )
    if pose.head_on is not None:
        problems += _head_rest(pose, body)
    reported = {where.removeprefix("contacts.").split("-")[0] for where, _ in problems if where.startswith("contacts.")}
    problems += _sinking(body, lift, boxes, pose, reported)
    problems += _ranges(pose)
    problems += _in_line(pose, body)
    lying = bool({"back", "front", "side"} & set(pose.contacts))  # the whole trunk rests: it cannot topple
    standing = not lying and "buttocks" not in pose.contacts and "hands" not in pose.contacts
    if close and standing and _weight_gap(pose) > CLOSE:
        gap = _weight_gap(pose)
        fix = solve(pose, ("shoulder",), lambda trial: _weight_gap(trial) <= CLOSE)
        problems.append(
            (
                "shoulder",
                (
                    f"the weight in the hands would hang {gap:.0f} cm in front of the legs; keep it close: "
                    + _advice(fix)
                ),
            )
        )
    if not held and not lying and not any(p.startswith("contacts.") for p, _ in problems):
        off = _topples(pose, load)
        if off > 0:
            com, _, right = _balance(pose, body, load)
            side = "in front of" if com > right else "behind"
            fix = solve(pose, ("hip", "knee", "trunk"), lambda trial: _topples(trial, load) == 0, _flat_foot_ankles)
            keep = ""
            if fix is not None:
                fixed = _flat_foot_ankles(pose.model_copy(update={fix[0]: fix[2]}))
                if fixed.ankle != pose.ankle:
                    keep = f", and ankle to about {fixed.ankle} to keep the foot flat"
            if pose.standing_front:  # seen from the front: the sides of the feet, not their heels and balls
                way = "to the right" if side == "in front of" else "to the left"
                over = f"{way}, beyond the {'right' if side == 'in front of' else 'left'} edge of the feet"
            else:
                way = "forward" if side == "in front of" else "back"
                over = (
                    f"{way}, {side} the part of the base of support it can balance over "
                    f"(the {'balls of the feet' if side == 'in front of' else 'heels'})"
                )
            problems.append(
                (
                    fix[0] if fix else "",
                    (
                        f"the centre of mass{' (with the weight)' if load else ''} would be {off:.0f} cm too far "
                        f"{over}, so the body would topple; " + _advice(fix, keep)
                    ),
                )
            )
    return Placement(lift, problems, boxes)


def lift(pose: Pose, body: Body | None = None) -> float:
    """How far (cm) to raise ``pose`` so its first contact rests on its support, as ``check_pose`` sets it.

    For drawing: it runs none of the checks (which solve for fixes when a pose fails one: slow)."""
    return _lift(pose, forward_kinematics(pose) if body is None else body)


def place_on_ground(pose: Pose, body: Body | None = None) -> Placement:
    """Set ``pose`` on its supports: the same as ``check_pose`` with its defaults."""
    return check_pose(pose)


def _sinking(
    body: Body, lift: float, boxes: list[tuple[str, Box]], pose: Pose, reported: set[str]
) -> list[tuple[str, str]]:
    """Parts below the floor or inside a support (not repeated for a leg whose contact is already reported)."""
    problems = []
    for name, (x, y), radius in body.outline_points():
        if any(side in name for side in reported) or (
            name in ("elbows", "wrists", "hands") and reported & {"forearms", "hands"}
        ):
            continue
        depth = -(y - radius + lift)
        if depth > TOLERANCE:
            fields = _point_fields(name)

            def clear(trial: Pose, name: str = name) -> bool:
                b = forward_kinematics(trial)
                lifted = _lift(trial, b)
                return all(-(py - r + lifted) <= TOLERANCE for n, (px, py), r in b.outline_points() if n == name)

            problems.append(
                (
                    fields[0],
                    f"the {name} would be {depth:.0f} cm below the floor; " + _advice(solve(pose, fields, clear)),
                )
            )
            continue
        for support, (x0, x1, y0, y1) in boxes:
            if name == "hips" and pose.contacts.get("buttocks") == support:
                continue  # sitting: the flesh under the hip joint is the part that rests
            py = y + lift
            # A step, box or ball stands on the floor: a foot on the floor inside its footprint is inside it too.
            floor_deep = math.inf if y0 <= 0 else py - y0
            inside = min(x - x0, x1 - x, floor_deep, y1 - py + radius)
            if inside > TOLERANCE and py - radius < y1 - TOLERANCE:
                problems.append(("", f"the {name} would be inside the {support}; change the joint angles"))
                break
    return problems


def _head_gap(pose: Pose) -> tuple[float, float]:
    """(height of the head above the top of the hands or forearms it rests on, distance beside them)."""
    body = forward_kinematics(pose)
    rest = body.contact_surfaces()[pose.head_on or "hands"]
    top = max(y + radius for (x, y), radius in rest)
    xs = [x for (x, y), radius in rest]
    beside = max(0.0, min(xs) - 6 - body.head[0], body.head[0] - max(xs) - 6)
    return body.head[1] - HEAD_RADIUS - top, beside


def _head_rest(pose: Pose, body: Body) -> list[tuple[str, str]]:
    height, beside = _head_gap(pose)
    if abs(height) <= TOLERANCE and beside <= TOLERANCE:
        return []

    def rests(trial: Pose) -> bool:
        h, b = _head_gap(trial)
        return abs(h) <= TOLERANCE and b <= TOLERANCE

    fix = solve(pose, ("neck", "elbow", "shoulder"), rests)
    where = (
        f"{abs(height):.0f} cm {'above' if height > 0 else 'into'} them"
        if beside <= TOLERANCE
        else f"{beside:.0f} cm beside them"
    )
    return [("head_on", f"the head should rest on the {pose.head_on} but would be {where}; " + _advice(fix))]


def _point_fields(name: str) -> tuple[str, ...]:
    """The angles that move a named outline point, in the order to try them."""
    foot = "toes" in name or "ball" in name or "heel" in name
    if "working" in name:
        return ("ankle", "toes", "knee", "hip") if foot else ("knee", "hip")
    if "other" in name:
        return ("other_ankle", "other_toes", "other_knee", "other_hip") if foot else ("other_knee", "other_hip")
    if name == "head":
        return ("neck", "trunk")
    if name in ("elbows", "wrists", "hands"):
        return ("elbow", "shoulder", "wrist")
    return ("trunk", "hip")


def _ranges(pose: Pose) -> list[tuple[str, str]]:
    """Joint ranges that depend on another joint (each angle's own range is in the model)."""
    problems = []
    for hip_field, knee_field in (("hip", "knee"), ("other_hip", "other_knee")):
        hip, knee = _value(pose, hip_field), _value(pose, knee_field)
        if knee <= 10 and hip > STRAIGHT_LEG_HIP_LIMIT:
            problems.append(
                (
                    hip_field,
                    (
                        f"{hip_field} {hip} with the knee straight is more than the hamstrings allow; change {hip_field} "
                        f"from {hip} to about {STRAIGHT_LEG_HIP_LIMIT} or less ({hip - STRAIGHT_LEG_HIP_LIMIT}° less), "
                        f"or bend {knee_field} more than 10"
                    ),
                )
            )
    split = abs(_value(pose, "hip") - _value(pose, "other_hip"))
    if split > 150:
        problems.append(
            (
                "other_hip",
                f"the thighs would be {split}° apart, a full split; bring hip and other_hip within 150° of each other",
            )
        )
    return problems


_SEGMENT_FIELDS = {
    "trunk": "trunk",
    "thigh": "hip",
    "shank": "knee",
    "other-thigh": "other_hip",
    "other-shank": "other_knee",
    "upper-arm": "shoulder",
    "forearm": "elbow",
}


def _in_line(pose: Pose, body: Body) -> list[tuple[str, str]]:
    problems: list[tuple[str, str]] = []
    if not pose.in_line:
        return problems
    first, *rest = pose.in_line
    for segment in rest:
        off = _angle_between(body.segment_heading(first), body.segment_heading(segment), 180.0)
        if off > IN_LINE:
            field = _SEGMENT_FIELDS[segment]

            def straight(trial: Pose, segment: str = segment) -> bool:
                b = forward_kinematics(trial)
                return _angle_between(b.segment_heading(first), b.segment_heading(segment), 180.0) <= IN_LINE / 2

            fix = solve(pose, (field,), straight)
            problems.append(
                (
                    field,
                    f"the {segment.replace('-', ' ')} should be in line with the "
                    f"{first.replace('-', ' ')} but is {off:.0f}° off it; " + _advice(fix),
                )
            )
    return problems


SLIDE = 5.0
"""How far (cm) a part resting on a support in two poses in a row may move between them."""


def contact_point(pose: Pose, body: Body, part: str) -> Point:
    """Where a contact rests, for lining poses up: the mean of its points, the body placed on its supports."""
    lift = _lift(pose, body)
    points = body.contact_surfaces()[part]
    return (sum(p[0] for p, _ in points) / len(points), sum(p[1] for p, _ in points) / len(points) + lift)


def _moved(before: Pose, after: Pose, anchor: str, part: str) -> float:
    b0, b1 = forward_kinematics(before), forward_kinematics(after)
    offset = contact_point(before, b0, anchor)[0] - contact_point(after, b1, anchor)[0]
    return contact_point(after, b1, part)[0] + offset - contact_point(before, b0, part)[0]


def sliding_contacts(poses: list[Pose], sliding: frozenset[str] = frozenset()) -> list[tuple[int, str, str]]:
    """Parts that rest on the same support in two poses in a row but would move between them.

    Poses are lined up on the first part they share (as they are drawn); every other shared
    part must stay put, unless it is in ``sliding`` (heels on sliders) or rests on a wall or a
    support that rolls (a Swiss ball).
    Returns (pose index, 'contacts.<part>', message).
    """
    problems = []
    for index in range(1, len(poses)):
        before, after = poses[index - 1], poses[index]
        shared = [
            part
            for part, support in after.contacts.items()
            if before.contacts.get(part) == support and support not in vocab.BESIDE_SUPPORTS
        ]
        if len(shared) < 2:
            continue
        anchor = shared[0]
        for part in shared[1:]:
            if part in sliding or after.contacts[part] in vocab.ROLLING_SUPPORTS:
                continue
            moved = _moved(before, after, anchor, part)
            if abs(moved) > SLIDE:
                way = "forward" if moved > 0 else "back"

                def stays(trial: Pose, part: str = part, before: Pose = before, anchor: str = anchor) -> bool:
                    return abs(_moved(before, trial, anchor, part)) <= SLIDE / 2 and _contacts_rest(trial, part)

                fix = solve(after, _fields_for(part), stays)
                problems.append(
                    (
                        index,
                        f"contacts.{part}",
                        (
                            f"{vocab.CONTACT_PARTS[part]} would slide {abs(moved):.0f} cm {way} on the "
                            f"{after.contacts[part]} from pose {index} to pose {index + 1} (lined up on "
                            f"{vocab.CONTACT_PARTS[anchor]}); keep it where it was: " + _advice(fix)
                        ),
                    )
                )
    return problems


def angle_range(field: str) -> tuple[int, int]:
    """The range an angle field allows (from the model), for anything that moves a pose."""
    return _limits(field)


ANGLE_FIELDS = _ANGLE_FIELDS
"""Every joint angle of a pose, in the order ``angles_of`` gives them."""
