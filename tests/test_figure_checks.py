"""Plausibility checks of figure poses (issue #16): feet, hands and forearms, balance, ranges, lines.

Each defect a physiotherapist found in the first figures is kept here as a pose that must be
refused, with the words of the message that says what to change.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_loader_errors import problems_of, replace_line

from build_tools import kinematics as k
from build_tools.loader import load_catalogue
from build_tools.models import Pose
from conftest import ROOT

KNEEL = {"working-shin": "floor", "other-shin": "floor", "working-instep": "floor", "other-instep": "floor"}
STAND = {"working-foot": "floor", "other-foot": "floor"}


def pose(**values) -> Pose:
    return Pose.model_validate({"label": "Test", **values})


def problems(p: Pose, **options) -> dict[str, str]:
    return dict(k.check_pose(p, **options).problems)


# -- feet ---------------------------------------------------------------------------------


def test_a_foot_has_a_heel_a_ball_and_toes() -> None:
    body = k.forward_kinematics(pose(trunk=0, hip=0, knee=0, contacts=STAND))
    leg = body.near
    assert leg.heel[0] < leg.ankle[0] < leg.ball[0] < leg.toe[0]
    assert leg.heel[1] == pytest.approx(leg.ball[1]) == pytest.approx(leg.toe[1]), "standing: the sole is level"
    tucked = k.forward_kinematics(pose(trunk=0, hip=0, knee=0, toes=60, contacts=STAND)).near
    assert tucked.toe[1] > tucked.ball[1], "positive toes bend them up"


def test_standing_with_the_ankle_pulled_up_is_not_flat() -> None:
    """The old check looked at one point of the foot: ankle -15 left the toes off the floor unnoticed."""
    found = problems(pose(trunk=0, hip=0, knee=0, ankle=-15, other_ankle=0, contacts=STAND))
    assert "toes point 15° up" in found["ankle"] and "change ankle from -15 to about 0" in found["ankle"]


def test_a_heel_contact_lets_the_toes_point_up() -> None:
    heel = pose(
        trunk=0,
        hip=65,
        knee=15,
        ankle=-15,
        other_hip=85,
        other_knee=90,
        other_ankle=0,
        contacts={"buttocks": "chair", "other-foot": "floor", "working-heel": "floor"},
    )
    assert problems(heel) == {}


def test_tucked_toes_must_bend() -> None:
    toes = pose(
        trunk=0,
        hip=80,
        knee=130,
        ankle=20,
        toes=0,
        other_hip=85,
        other_knee=90,
        other_ankle=0,
        contacts={"buttocks": "chair", "other-foot": "floor", "working-toes": "floor"},
    )
    assert "toes" in problems(toes)
    assert problems(toes.model_copy(update={"toes": 60})) == {}


def test_kneeling_on_flat_shins_and_pointed_feet_passes() -> None:
    assert problems(pose(trunk=0, hip=0, knee=90, ankle=50, toes=-20, contacts=KNEEL)) == {}


def test_old_nordic_kneel_tall_is_refused_at_the_knee() -> None:
    """Regression: knee 108 lifted the shin about 18° off the mat."""
    found = problems(pose(trunk=0, hip=0, knee=108, ankle=50, toes=-20, contacts=KNEEL))
    assert "change knee from 108 to about 9" in found["contacts.working-shin"]
    assert "cm above it" in found["contacts.other-shin"]


def test_old_bridge_start_feet_are_not_flat() -> None:
    """Regression: only the heel touched, the toes raised."""
    start = pose(
        trunk=-90,
        hip=46,
        knee=100,
        ankle=30,
        contacts={"back": "floor", "buttocks": "floor", "working-foot": "floor", "other-foot": "floor"},
    )
    found = problems(start)
    assert "toes point 6° up" in found["ankle"] and "about 36" in found["ankle"]
    assert problems(start.model_copy(update={"ankle": 36})) == {}


def test_old_slider_legs_out_puts_the_hips_on_the_floor() -> None:
    """Regression: with the hips up and the heels on the sliders, the old angles cannot reach the floor."""
    legs_out = pose(
        trunk=-90, hip=4, knee=14, ankle=5, contacts={"back": "floor", "working-heel": "floor", "other-heel": "floor"}
    )
    body = k.forward_kinematics(legs_out)
    assert body.hip[1] + k.check_pose(legs_out).lift < 12, "the hips were down"
    fixed = pose(
        trunk=-100,
        hip=-4,
        knee=24,
        ankle=10,
        neck=20,
        in_line=["trunk", "thigh"],
        contacts={"back": "floor", "working-heel": "floor", "other-heel": "floor"},
    )
    assert problems(fixed) == {}
    assert forward_height(fixed, fixed.contacts) > 15


def forward_height(p: Pose, _contacts) -> float:
    return k.forward_kinematics(p).hip[1] + k.check_pose(p).lift


# -- hands, forearms and the head ---------------------------------------------------------------


def test_hands_and_forearms_are_different_contacts() -> None:
    catch = dict(trunk=60, hip=0, knee=30, ankle=50, toes=-20, shoulder=60, elbow=45, wrist=45)
    assert problems(pose(**catch, contacts={**KNEEL, "hands": "floor"}), held=True) == {}
    on_forearms = problems(pose(**catch, contacts={**KNEEL, "forearms": "floor"}), held=True)
    assert "contacts.forearms" in on_forearms, "the old catch landed on the forearms; the hands are not the forearms"


def test_head_rests_on_the_forearms_lying_face_down() -> None:
    lying = dict(
        trunk=85,
        hip=-6,
        knee=0,
        ankle=50,
        shoulder=154,
        elbow=25,
        neck=-5,
        contacts={"front": "floor", "forearms": "floor"},
    )
    assert problems(pose(**lying, head_on="forearms")) == {}
    old = problems(
        pose(
            trunk=85, hip=-6, knee=0, ankle=50, shoulder=160, elbow=130, head_on="forearms", contacts={"front": "floor"}
        )
    )
    assert "head_on" in old and "the head should rest on the forearms" in old["head_on"]


# -- balance ------------------------------------------------------------------------------------


def test_old_romanian_deadlift_hinge_topples_and_holds_the_weights_far_out() -> None:
    """Regression: the dumbbells hung well in front of the shins and the body would fall forward."""
    old = pose(trunk=70, hip=85, knee=15, shoulder=70, contacts=STAND)
    found = problems(old, load=k.LOADS["dumbbells"], close=True)
    assert "topple" in found["hip"] and "change hip from 85 to about" in found["hip"]
    assert "in front of the legs" in found["shoulder"]
    fixed = pose(trunk=60, hip=85, knee=20, ankle=5, shoulder=40, contacts=STAND)
    assert problems(fixed, load=k.LOADS["dumbbells"], close=True) == {}


def test_standing_tall_balances_and_leaning_far_forward_does_not() -> None:
    assert problems(pose(trunk=0, hip=0, knee=0, contacts=STAND)) == {}
    lean = pose(trunk=40, hip=40, knee=0, contacts=STAND)
    assert "topple" in " ".join(problems(lean).values())
    assert problems(lean, held=True) == {}, "a hand on a support takes the balance"


def test_centre_of_mass_uses_winter_segment_masses() -> None:
    assert sum(k.MASS[s] * (1 if s in ("head", "trunk") else 2) for s in k.MASS) == pytest.approx(1.0, abs=0.01)
    body = k.forward_kinematics(pose(trunk=0, hip=0, knee=0, contacts=STAND))
    x, y = body.centre_of_mass()
    assert abs(x) < 3 and 0 < y < 10, "standing tall: a little above the hip joints, over the feet"


# -- ranges and lines -----------------------------------------------------------------------------


def test_a_straight_leg_cannot_flex_past_the_hamstrings() -> None:
    found = problems(pose(trunk=-90, hip=120, knee=0, contacts={"back": "floor"}))
    assert "more than the hamstrings allow" in found["hip"]


def test_old_single_leg_deadlift_free_leg_must_be_in_line() -> None:
    """Regression: the free leg dropped below the line of the trunk."""
    hinge = dict(
        trunk=80,
        hip=95,
        knee=15,
        ankle=-5,
        other_knee=0,
        shoulder=100,
        elbow=20,
        in_line=["trunk", "other-thigh"],
        contacts={"working-foot": "floor", "hands": "wall"},
    )
    found = problems(pose(**hinge, other_hip=30), held=True)
    assert "other thigh should be in line with the trunk but is 30° off" in found["other_hip"]
    assert "change other_hip from 30 to about" in found["other_hip"]
    assert problems(pose(**hinge, other_hip=0), held=True) == {}


def test_old_lying_strap_stretch_other_leg_straight_cannot_have_a_flat_foot() -> None:
    """Regression: step 1 says both knees are bent; a straight leg's foot cannot lie flat."""
    old = pose(
        trunk=-90,
        hip=45,
        knee=0,
        other_hip=-2,
        other_knee=0,
        other_ankle=35,
        contacts={"back": "floor", "buttocks": "floor", "other-foot": "floor"},
    )
    assert "contacts.other-foot" in problems(old)


# -- supports ---------------------------------------------------------------------------------------


def test_seated_heel_can_go_under_the_chair_seat_but_nothing_sinks_into_a_step() -> None:
    back = pose(
        trunk=0,
        hip=80,
        knee=130,
        ankle=20,
        toes=60,
        other_hip=85,
        other_knee=90,
        other_ankle=0,
        contacts={"buttocks": "chair", "other-foot": "floor", "working-toes": "floor"},
    )
    placement = k.check_pose(back)
    assert placement.problems == []
    body = k.forward_kinematics(back)
    seat = next(box for support, box in placement.boxes if support == "chair")
    assert body.near.heel[0] < seat[1], "the heel is back under the seat"
    through = pose(
        trunk=0, hip=0, knee=0, other_hip=30, other_knee=0, contacts={"working-foot": "step", "other-foot": "floor"}
    )
    assert any("below" in m or "inside" in m or "above" in m for m in problems(through).values())


# -- the real figures ---------------------------------------------------------------------------------


def test_every_real_figure_passes_the_checks() -> None:
    load_catalogue(ROOT)  # raises with every problem listed if any pose fails


def test_a_toppling_pose_is_reported_with_its_line(mini: Path) -> None:
    line = replace_line(mini / "exercises/bridge.yml", "      hip: 8", "      hip: 60")
    found = [p for p in problems_of(mini) if p.path == "exercises/bridge.yml"]
    assert found, "a broken bridge pose is reported"
    assert any(p.field.startswith("figure.poses.1") for p in found)
    assert line > 0


def test_a_foot_that_stays_on_the_floor_may_not_slide_between_poses() -> None:
    """Regression: in the old hip-hinge stretch the heel on the step moved between the two poses."""
    stand = pose(
        trunk=0,
        hip=42,
        knee=0,
        ankle=-15,
        other_hip=0,
        other_knee=10,
        other_ankle=-5,
        contacts={"other-foot": "floor", "working-heel": "step", "hands": "wall"},
    )
    old = pose(
        trunk=30,
        hip=74,
        knee=0,
        ankle=-15,
        other_hip=50,
        other_knee=5,
        other_ankle=0,
        contacts={"other-foot": "floor", "working-heel": "step", "hands": "wall"},
    )
    ((index, where, message),) = k.sliding_contacts([stand, old])
    assert (index, where) == (1, "contacts.working-heel") and "would slide" in message and "change " in message
    fixed = old.model_copy(update={"hip": 72, "other_hip": 30, "other_knee": 10, "other_ankle": -5})
    assert k.sliding_contacts([stand, fixed]) == []
    assert k.sliding_contacts([stand, old], frozenset({"working-heel"})) == [], "on sliders the heels may slide"


def test_kettlebell_is_drawn_in_the_hands() -> None:
    from build_tools.figures import figure_svg

    exercise = load_catalogue(ROOT).exercises["romanian-deadlift"]
    figure = exercise.figure.model_copy(update={"props": ["kettlebell"]})
    svg = figure_svg("kb", exercise.model_copy(update={"figure": figure}))
    assert svg.count('r="8"') == 2, "one bell per pose"
    assert "a kettlebell held in both hands" in svg


def test_a_held_chair_stands_beside_a_step_not_around_it() -> None:
    """Regression: the step was drawn inside the chair, a chair leg through it."""
    p = pose(
        trunk=0,
        hip=42,
        knee=0,
        ankle=-15,
        other_hip=0,
        other_knee=10,
        other_ankle=-5,
        shoulder=30,
        elbow=20,
        contacts={"other-foot": "floor", "working-heel": "step", "hands": "chair-back"},
    )
    placement = k.check_pose(p, held=True)
    step = next(box for name, box in placement.boxes if name == "step")
    for name, box in placement.boxes:
        if name == "chair":
            assert box[1] <= step[0] or box[0] >= step[1], (box, step)
    assert not any("inside each other" in m for _, m in placement.problems)


def test_no_arrow_runs_below_the_floor_into_the_labels() -> None:
    """Regression: the seated band curl's arrow covered the label '2. Heel back'."""
    import re

    from build_tools.figures import figure_svg

    for eid, exercise in load_catalogue(ROOT).exercises.items():
        svg = figure_svg(eid, exercise)
        floors = sorted(float(y) for y in re.findall(r'class="fl" d="M[\d.]+ ([\d.]+)H', svg))
        for d in re.findall(r'<path class="a"[^>]* d="([^"]+)"', svg):
            ys = [float(y) for y in re.findall(r"[\d.]+ ([\d.]+)", d)]
            floor = next(f for f in floors if f > min(ys))  # the floor of the arrow's row of drawings
            assert max(ys) < floor, (eid, d, floor)


def test_the_ankle_weight_is_drawn_at_the_ankle() -> None:
    """Regression: the ankle weight was drawn mid-shin."""
    import math
    import re

    from build_tools.figures import Drawing, PanelFrame, _placed

    exercise = load_catalogue(ROOT).exercises["prone-hamstring-curl"]
    body = _placed(exercise.figure.poses[1])
    drawing = Drawing("u", exercise)
    drawing.attached_props(PanelFrame(top=200.0), body, {})
    band = next(part for part in drawing.parts if 'class="pf" stroke-linejoin' in part)
    corners = [(float(x), 200.0 - float(y)) for x, y in re.findall(r"([\d.-]+) ([\d.-]+)", band)]
    centre = (sum(c[0] for c in corners) / 4, sum(c[1] for c in corners) / 4)
    assert math.dist(centre, body.near.ankle) < 7, "just above the ankle bones"
    assert math.dist(centre, body.near.knee) > 30, "not mid-shin"


def test_only_hands_rest_on_a_wall_or_a_chair_back() -> None:
    for support in ("wall", "chair-back"):
        found = problems(pose(trunk=0, hip=0, knee=0, contacts={"working-foot": "floor", "other-foot": support}))
        assert "only the hands or forearms can rest on the" in found["contacts.other-foot"]


def test_a_shin_cannot_pass_through_a_support_between_its_joints() -> None:
    standing = pose(trunk=0, hip=0, knee=0, contacts=STAND)
    body = k.forward_kinematics(standing)
    lift = k.check_pose(standing).lift
    x = body.near.ankle[0]
    across_the_shin = ("step", (x - 10, x + 10, 15.0, 30.0))  # clear of the knee and the ankle, not the shin
    found = k._sinking(body, lift, [across_the_shin], standing, set())
    assert any("shin would be inside the step" in message for _, message in found), found


def test_the_fixed_figures_match_their_steps() -> None:
    """Regressions for the seated band curl (leg out in front first) and the strap stretch (hands in front)."""
    exercises = load_catalogue(ROOT).exercises
    curl = exercises["seated-band-hamstring-curl"].figure.poses
    assert curl[0].knee <= 30, "step 4: the leg stretched out in front, heel on the floor"
    assert "working-heel" in curl[0].contacts
    strap = exercises["lying-hamstring-stretch-band"].figure.poses
    for p in strap:
        body = k.forward_kinematics(p)
        assert body.hand[0] > body.shoulder[0] + 10, "the hands hold the strap in front, not behind the head"
    assert all(k.forward_kinematics(p).far.knee[1] > 20 for p in strap), "step 1: both knees bent; the other stays so"
    slrdl = exercises["single-leg-romanian-deadlift"].figure.poses
    assert all(set(p.contacts.values()) & {"wall", "chair-back"} for p in slrdl), "step 1: a hand on a support"


def test_a_hand_on_the_wall_listed_first_does_not_decide_the_height() -> None:
    p = pose(
        trunk=0, hip=0, knee=0, shoulder=90, contacts={"hands": "wall", "working-foot": "floor", "other-foot": "floor"}
    )
    assert problems(p) == {}
    assert k.check_pose(p).lift == pytest.approx(k.THIGH + k.SHANK + k.ANKLE_HEIGHT)


BALL = {"back": "floor", "working-heel": "swiss-ball", "other-heel": "swiss-ball"}


def test_heels_on_a_swiss_ball_rest_on_its_top_and_the_ball_rolls() -> None:
    """The Swiss ball is a support like a step: the heels must reach its top, nothing sinks into it,
    and it rolls, so the heels on it may move between poses."""
    up = pose(trunk=-113, hip=0, knee=0, ankle=-6, neck=25, shoulder=-16, contacts=BALL)
    assert problems(up) == {}
    low = problems(up.model_copy(update={"trunk": -95}))
    assert "should rest on the swiss-ball" in low["contacts.working-heel"]
    curled = pose(trunk=-120, hip=30, knee=70, ankle=10, neck=45, shoulder=-16, contacts=BALL)
    assert problems(curled) == {}
    assert k.sliding_contacts([up, curled]) == [], "the ball rolls under the heels"
    on_step = {part: ("step" if support == "swiss-ball" else support) for part, support in BALL.items()}
    stepped = [p.model_copy(update={"contacts": on_step}) for p in (up, curled)]
    assert k.sliding_contacts(stepped) or any(problems(p) for p in stepped), "a step does not roll"
    # one heel up on the ball, the other leg flat on the floor: that leg would pass through the ball
    through = pose(
        trunk=-90,
        hip=0,
        knee=0,
        other_hip=38,
        other_knee=0,
        other_ankle=-10,
        contacts={"back": "floor", "buttocks": "floor", "other-heel": "swiss-ball"},
    )
    found = k.check_pose(through).problems
    assert any("inside the swiss-ball" in message for _, message in found), found


def test_the_swiss_ball_is_drawn_as_a_circle_under_the_heels() -> None:
    from build_tools.figures import figure_svg

    svg = figure_svg("t", load_catalogue(ROOT).exercises["swiss-ball-hamstring-curl"])
    assert svg.count('<circle class="pf"') == 2, "one ball in each drawing"
    assert 'r="27.5"' in svg
    assert "on the Swiss ball" in svg, "the description names the ball"


def test_lying_on_the_side_needs_the_front_view_and_the_front_view_needs_it(mini: Path) -> None:
    """Lying on your side is drawn seen from the front; either half alone is refused at its line."""
    start = "      contacts: {back: floor, buttocks: floor, working-foot: floor, other-foot: floor}"
    line = replace_line(mini / "exercises/bridge.yml", start, start.replace("back: floor", "side: floor"))
    found = [p for p in problems_of(mini) if p.field == "figure.poses.0.contacts.side"]
    assert found and "view to front" in found[0].message and found[0].line == line


def test_a_front_view_without_lying_on_the_side_is_refused(mini: Path) -> None:
    replace_line(mini / "exercises/bridge.yml", "  working_leg: both", "  view: front\n  working_leg: both")
    found = [p for p in problems_of(mini) if p.field == "figure.view"]
    assert found and "every pose needs 'side'" in found[0].message


def test_lying_on_the_side_rests_the_trunk_and_does_not_topple() -> None:
    side = pose(trunk=-90, hip=30, knee=0, ankle=50, other_hip=0, contacts={"side": "floor", "other-heel": "floor"})
    assert problems(side) == {}
    lifted = pose(trunk=-90, hip=30, knee=0, ankle=50, contacts={"side": "floor", "other-heel": "floor"})
    assert "contacts.other-heel" in problems(lifted)  # the bottom leg must lie on the floor too


# -- standing, seen from the front (issue 18: the standing hip abduction) ------------------------


def front(**values) -> Pose:
    """A pose of a figure with ``view: front``, as the figure marks its poses when it is validated."""
    found = pose(**values)
    found._front = True
    return found


def test_seen_from_the_front_the_legs_hang_from_two_hips_and_the_feet_are_seen_end_on() -> None:
    body = k.forward_kinematics(front(trunk=0, hip=0, knee=0, contacts=STAND))
    assert body.near.hip[0] == pytest.approx(k.HIP_HALF) and body.far.hip[0] == pytest.approx(-k.HIP_HALF)
    for leg in (body.near, body.far):
        assert leg.ankle[0] == pytest.approx(leg.hip[0]), "standing tall, each leg straight down from its hip"
        assert leg.ball[0] - leg.heel[0] == pytest.approx(2 * k.FOOT_HALF), "the foot across, not its length"
    lifted = k.forward_kinematics(front(trunk=0, hip=30, knee=0, other_hip=-9, contacts={"other-foot": "floor"}))
    assert lifted.near.ankle[0] > lifted.near.hip[0] + 30, "hip lifts the working leg out to the right"
    assert lifted.far.ankle[0] > lifted.far.hip[0], "a negative other_hip slants the standing leg in, under the body"


def test_standing_on_one_leg_seen_from_the_front_must_bring_the_body_over_that_foot() -> None:
    upright = front(trunk=0, hip=30, knee=0, other_hip=0, contacts={"other-foot": "floor"})
    found = problems(upright)
    assert any("too far to the right" in message and "edge of the feet" in message for message in found.values())
    shifted = front(trunk=0, hip=30, knee=0, other_hip=-9, contacts={"other-foot": "floor"})
    assert problems(shifted) == {}
    assert problems(pose(trunk=0, hip=30, knee=0, other_hip=0, contacts={"other-foot": "floor"})) == {}, (
        "the same angles seen from the side are a leg lifted forward, balanced over the foot"
    )


def test_a_front_view_standing_pose_keeps_its_knees_straight(mini: Path) -> None:
    path = mini / "exercises/bridge.yml"
    text = path.read_text(encoding="utf-8")
    start = text.index("figure:")
    end = text.index("\nprogressions:", start) + 1  # the figure block, up to the next top-level field
    path.write_text(
        text[:start]
        + "figure:\n  view: front\n  working_leg: near\n  props: []\n  poses:\n"
        + "    - label: Feet together\n      trunk: 0\n      hip: -3\n      knee: 20\n      other_hip: -3\n"
        + "      other_knee: 0\n      contacts: {working-foot: floor, other-foot: floor}\n"
        + "    - label: Leg out\n      trunk: 0\n      hip: 30\n      knee: 0\n      other_hip: -9\n"
        + "      contacts: {other-foot: floor}\n"
        + text[end:],
        encoding="utf-8",
    )
    found = [p for p in problems_of(mini) if p.field.startswith("figure")]
    assert [p.field for p in found] == ["figure.poses.0.knee"], found
    assert "point at the viewer" in found[0].message


def test_the_standing_hip_abduction_is_drawn_and_described_from_the_front() -> None:
    from build_tools.figures import describe, legend

    exercise = load_catalogue(ROOT).exercises["standing-hip-abduction"]
    assert exercise.figure.view == "front" and all(p.standing_front for p in exercise.figure.poses)
    assert legend(exercise).startswith("Standing hip abduction, from the front: 1. feet together")
    text = describe(exercise, [])
    assert "standing, facing you" in text and "lifted sideways 30°" in text and "side of the hip" in text


def test_a_foot_on_the_floor_cannot_stand_under_a_step() -> None:
    """Regression: the step-up's back toes rested on the floor inside the step (a foot in front of it, drawn through it)."""
    foot_on_step = {"trunk": 10, "hip": 70, "knee": 80, "ankle": -20, "other_knee": 0, "shoulder": 20, "elbow": 20}
    under = pose(**foot_on_step, other_hip=0, other_ankle=-10, contacts={"other-foot": "floor", "working-foot": "step"})
    assert any("other toes would be inside the step" in message for message in problems(under).values())
    behind = pose(
        **foot_on_step,
        other_hip=-10,
        other_ankle=-20,
        contacts={"other-foot": "floor", "working-foot": "step", "hands": "wall"},
    )
    assert problems(behind, held=True) == {}
