"""The in-between frames of a figure's movement (build_tools/motion.py) and the animated player."""

from __future__ import annotations

import itertools
import json
import math
import re

import pytest

from build_tools import figure_player, figures, motion
from build_tools import vocabulary as vocab
from build_tools.kinematics import TOLERANCE
from build_tools.loader import load_catalogue
from conftest import ROOT

CATALOGUE = load_catalogue(ROOT)


def transitions(exercise):
    poses = list(exercise.figure.poses)
    bodies = figures.aligned_bodies(poses)
    frames = motion.movement(poses, bodies)
    step = motion.IN_BETWEEN + 1
    for index in range(len(poses) - 1):
        yield (
            poses[index],
            poses[index + 1],
            bodies[index],
            bodies[index + 1],
            frames[index * step : (index + 1) * step + 1],
        )


ANIMATED = sorted(CATALOGUE.exercises)
"""Every exercise's figure moves: seen from the side, lying on the side, or standing seen from the front."""
STANDING_FRONT = sorted(
    eid for eid, ex in CATALOGUE.exercises.items() if any(pose.standing_front for pose in ex.figure.poses)
)


@pytest.mark.parametrize("eid", ANIMATED)
def test_parts_resting_in_both_key_poses_stay_on_their_support_all_through_the_move(eid: str) -> None:
    for before, after, body_a, body_b, frames in transitions(CATALOGUE.exercises[eid]):
        held = motion.held_parts(before, after)
        for frame in frames[1:-1]:
            assert frame.held == held
            surfaces = frame.body().contact_surfaces()
            for part in held:
                support = vocab.SUPPORTS[after.contacts[part]]
                a, b = body_a.contact_surfaces()[part], body_b.contact_surfaces()[part]
                for (point, radius), (pa, _), (pb, _) in zip(surfaces[part], a, b, strict=True):
                    # on its support, as in the key poses, and between where it is in the two key poses
                    assert abs(point[1] - radius - support) <= TOLERANCE, (eid, part, point)
                    low, high = min(pa[0], pb[0]) - 0.5, max(pa[0], pb[0]) + 0.5
                    assert low <= point[0] <= high, (eid, part, point, pa, pb)


def test_a_straight_interpolation_that_would_lift_a_foot_is_corrected() -> None:
    """The bridge's hips rise with the back on the floor: straight-line angles alone move the feet."""
    before, after, body_a, body_b, _ = next(transitions(CATALOGUE.exercises["glute-bridge"]))
    straight = {
        f: (before_v + after_v) / 2
        for f, before_v, after_v in zip(
            motion.ANGLE_FIELDS, motion.angles_of(before).values(), motion.angles_of(after).values(), strict=True
        )
    }
    frame = motion.between(before, after, body_a, body_b, 0.5)
    assert any(abs(frame.angles[f] - straight[f]) > 0.5 for f in straight), "the solver changed the angles"
    heel, a, b = frame.body().near.heel, body_a.near.heel, body_b.near.heel
    assert math.dist(heel, ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)) < 1.0, "halfway between where it rests"


def test_key_frames_are_the_key_poses_as_drawn() -> None:
    exercise = CATALOGUE.exercises["nordic-hamstring-exercise"]
    poses = list(exercise.figure.poses)
    bodies = figures.aligned_bodies(poses)
    frames = motion.movement(poses, bodies)
    assert len(frames) == len(poses) + (len(poses) - 1) * motion.IN_BETWEEN
    for index, body in enumerate(bodies):
        drawn = frames[index * (motion.IN_BETWEEN + 1)].body()
        assert math.dist(drawn.head, body.head) < 1e-6 and math.dist(drawn.near.toe, body.near.toe) < 1e-6


def test_the_frames_are_data_not_markup_and_fit_the_player() -> None:
    html = figure_player.animated_figure("f-x", CATALOGUE.exercises["glute-bridge"])
    block = re.search(r'<script type="application/json" class="hs-anim__frames">(.*?)</script>', html).group(1)
    assert "<" not in block and ">" not in block and "&" not in block
    data = json.loads(block)
    shapes = re.search(r'<g class="hs-anim__body">(.*?)</g>', html).group(1)
    count = len(re.findall(r"<(?:path|circle|ellipse)\b", shapes))
    assert all(len(frame) == count for frame in data["frames"])
    assert data["keys"] == [0, motion.IN_BETWEEN + 1]
    assert " hidden>" in html and "Play the movement" in html, "hidden without JavaScript; the stills stay"


def test_script_json_escapes_what_could_end_the_block() -> None:
    text = figure_player.script_json({"a": "</script><b>&"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"a": "</script><b>&"}


def test_the_gliders_back_foot_glides_on_the_floor_with_its_slider() -> None:
    """The back foot goes from flat to its toes on the floor: its sole stays on the floor all through
    (straight-line angles alone sank it 6 cm), the front foot stays planted, and the slider moves with it."""
    exercise = CATALOGUE.exercises["askling-glider"]
    assert "slider-back-foot" in exercise.figure.props
    for before, after, body_a, _, frames in transitions(exercise):
        assert motion.gliding_feet(before, after) == ("other",)
        xs = []
        for frame in frames:
            body = frame.body()
            low = min(body.far.heel[1], body.far.ball[1], body.far.toe[1])
            assert abs(low) <= TOLERANCE, low
            assert math.dist(body.near.heel, body_a.near.heel) < 0.5 and abs(body.near.ball[1]) < 0.5
            xs.append(figures._slider_under(body.far)[0])
        assert all(b < a for a, b in itertools.pairwise(xs)), "the slider goes back with the foot"
    svg, data = figure_player.player("g", exercise)
    moved = {frame[-1] for frame in data["frames"] if frame[-1] is not None}
    assert len(moved) >= motion.IN_BETWEEN, "the slider (the last shape drawn) moves in the frames"
    assert svg.count("<ellipse") == 1


def test_a_foot_that_keeps_its_own_contact_is_held_not_glided() -> None:
    before, after, *_ = next(transitions(CATALOGUE.exercises["glute-bridge"]))
    assert motion.gliding_feet(before, after) == ()


def test_standing_seen_from_the_front_is_animated_with_the_standing_foot_planted() -> None:
    assert STANDING_FRONT == ["standing-hip-abduction"]
    exercise = CATALOGUE.exercises["standing-hip-abduction"]
    poses = list(exercise.figure.poses)
    bodies = figures.aligned_bodies(poses)
    frames = motion.movement(poses, bodies)
    for index, body in enumerate(bodies):  # the key frames are the stills, legs hung from two hips
        drawn = frames[index * (motion.IN_BETWEEN + 1)].body()
        assert drawn.near.hip != drawn.far.hip
        assert math.dist(drawn.head, body.head) < 1e-6 and math.dist(drawn.near.ball, body.near.ball) < 1e-6
    planted = bodies[0].far
    hips = []
    for frame in frames[1:]:
        body = frame.body()
        assert frame.front == (False, True), "the lifting foot turns with its leg; the standing one stays flat"
        assert body.near.hip != body.far.hip, "seen from the front all through"
        assert math.dist(body.far.heel, planted.heel) < 0.5 and math.dist(body.far.ball, planted.ball) < 0.5
        assert min(body.near.heel[1], body.near.ball[1]) >= -TOLERANCE, "the lifting foot never sinks"
        hips.append(frame.angles["hip"])
    assert all(b > a for a, b in itertools.pairwise(hips)), "the leg goes out steadily"
    html = figure_player.animated_figure("f-x", exercise)
    assert "data-hs-anim" in html and "Play the movement" in html
