"""Figures: forward kinematics, ground contact, joint ranges, golden SVGs, size and accessibility."""

from __future__ import annotations

import itertools
import math
import os
import re
from pathlib import Path

import pytest
from test_loader_errors import problems_of, replace_line

from build_tools import kinematics as k
from build_tools.figures import figure_svg
from build_tools.loader import load_catalogue
from build_tools.models import Pose
from conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"


def pose(**values) -> Pose:
    return Pose.model_validate({"label": "Test", "contacts": {"working-foot": "floor"}, **values})


def close(a: k.Point, b: k.Point) -> bool:
    return math.dist(a, b) < 1e-6


def test_standing_tall_stacks_the_joints() -> None:
    body = k.forward_kinematics(pose(trunk=0, hip=0, knee=0))
    assert close(body.near.knee, (0, -k.THIGH))
    assert close(body.near.ankle, (0, -k.THIGH - k.SHANK))
    assert close(body.shoulder, (0, k.TRUNK))
    assert body.near.toe[0] > body.near.ankle[0] > body.near.heel[0], "the foot points forward"


def test_hip_flexion_lifts_the_thigh_forward_and_knee_flexion_swings_the_shin_back() -> None:
    body = k.forward_kinematics(pose(trunk=0, hip=90, knee=90))
    assert close(body.near.knee, (k.THIGH, 0))
    assert close(body.near.ankle, (k.THIGH, -k.SHANK))
    curl = k.forward_kinematics(pose(trunk=0, hip=0, knee=90))
    assert close(curl.near.ankle, (-k.SHANK, -k.THIGH)), "a standing curl brings the heel behind"


def test_trunk_angle_turns_the_whole_body() -> None:
    lying = k.forward_kinematics(pose(trunk=-90, hip=0, knee=0))
    assert close(lying.shoulder, (-k.TRUNK, 0)) and close(lying.near.knee, (k.THIGH, 0))
    other = k.forward_kinematics(pose(trunk=0, hip=90, knee=0, other_hip=0))
    assert close(other.far.knee, (0, -k.THIGH)) and close(other.near.knee, (k.THIGH, 0))


def test_standing_pose_is_placed_on_the_floor() -> None:
    standing = pose(trunk=0, hip=0, knee=0, contacts={"working-foot": "floor", "other-foot": "floor"})
    placement = k.place_on_ground(standing)
    assert placement.problems == []
    assert placement.lift == pytest.approx(k.THIGH + k.SHANK + k.ANKLE_HEIGHT)


def test_a_contact_that_cannot_reach_its_support_is_refused() -> None:
    floating = pose(trunk=0, hip=0, knee=90, other_knee=0, contacts={"other-foot": "floor", "working-foot": "floor"})
    problems = dict(k.check_pose(floating).problems)
    assert "above it" in problems["contacts.working-foot"]
    assert "change knee from 90 to about" in problems["contacts.working-foot"]


def test_a_body_part_below_the_floor_is_refused() -> None:
    sunk = pose(trunk=150, hip=0, knee=0, contacts={"working-foot": "floor"})
    messages = [message for part, message in k.place_on_ground(sunk).problems]
    assert any("below the floor" in m for m in messages), messages


def test_raised_supports_have_their_height() -> None:
    step = pose(
        trunk=0,
        hip=42,
        knee=0,
        ankle=-15,
        other_hip=0,
        other_knee=10,
        other_ankle=-5,
        contacts={"other-foot": "floor", "working-heel": "step"},
    )
    assert k.place_on_ground(step).problems == []
    floor = step.model_copy(update={"contacts": {"other-foot": "floor", "working-heel": "floor"}})
    assert k.place_on_ground(floor).problems, "the same foot cannot be on the floor and 20 cm up"


@pytest.mark.parametrize(
    "old, new, field, words",
    [
        ("      knee: 100", "      knee: -20", "figure.poses.0.knee", "greater than or equal to -5"),
        ("      hip: 46", "      hip: 170", "figure.poses.0.hip", "less than or equal to 140"),
        ("      ankle: 36", "      ankle: 80", "figure.poses.0.ankle", "less than or equal to 50"),
        (
            "      ankle: 36",
            "      ankle: 80",
            "figure.poses.0.ankle",
            "change ankle from 80 to 50 or less (at least 30° less)",
        ),
        (
            "      ankle: 36",
            "      ankle: 20",
            "figure.poses.0.ankle",
            "toes point 16° up; change ankle from 20 to about 36",
        ),
        (
            "      contacts: {back: floor, buttocks: floor, working-foot: floor, other-foot: floor}",
            "      contacts: {back: floor, buttocks: floor, working-foot: box, other-foot: floor}",
            "figure.poses.0.contacts.working-foot",
            "should rest on the box",
        ),
        ("      knee: 100", "      knee: 10", "figure.poses.0.contacts.working-foot", "should rest on the floor"),
    ],
)
def test_impossible_poses_are_reported_at_the_joint(mini: Path, old: str, new: str, field: str, words: str) -> None:
    line = replace_line(mini / "exercises/bridge.yml", old, new)
    problems = [p for p in problems_of(mini) if p.field == field]
    assert problems, [str(p) for p in problems_of(mini)]
    assert problems[0].path == "exercises/bridge.yml" and words in problems[0].message
    if field.endswith(("knee", "hip", "ankle")):
        assert problems[0].line == line


@pytest.mark.parametrize("exercise_id", ["bridge", "stretch"])
def test_golden_figures(mini: Path, exercise_id: str) -> None:
    """After an intended change to the drawing: UPDATE_GOLDEN=1 make test, then look at the SVGs."""
    svg = figure_svg(exercise_id, load_catalogue(mini).exercises[exercise_id])
    golden = GOLDEN / f"figure-{exercise_id}.svg"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(svg + "\n", encoding="utf-8")
    assert svg + "\n" == golden.read_text(encoding="utf-8")


def test_every_real_figure_is_small_accessible_and_distinct() -> None:
    catalogue = load_catalogue(ROOT)
    drawings = set()
    for eid, exercise in catalogue.exercises.items():
        svg = figure_svg(eid, exercise)
        assert len(svg.encode()) <= 10_000, (eid, len(svg.encode()))
        assert f'role="img" aria-labelledby="{eid}-t {eid}-d"' in svg
        title = re.search(r"<title[^>]*>([^<]+)</title>", svg)
        desc = re.search(r"<desc[^>]*>([^<]+)</desc>", svg)
        assert title and desc and len(desc.group(1)) > 80, eid
        assert "<image" not in svg and 'href="http' not in svg, "no raster images, nothing fetched"
        assert 'class="h1"' in svg or "hamstrings" not in desc.group(1), eid
        drawings.add(re.sub(r'id="[^"]+"|#[a-z0-9-]+', "", svg))
    assert len(drawings) == len(catalogue.exercises), "two exercises share one drawing"


def test_highlight_survives_black_and_white_printing() -> None:
    svg = figure_svg("x", load_catalogue(ROOT).exercises["nordic-hamstring-exercise"])
    assert 'fill="url(#x-hatch)"' in svg, "the hamstrings carry a hatch pattern, not colour alone"
    css = (ROOT / "theme_overrides/assets/stylesheets/figures.css").read_text()
    assert "@media print" in css and "--hs-fig-strong-pattern: #000" in css


def test_side_lying_is_described_from_the_front_with_only_the_side_of_the_hip_shaded() -> None:
    exercise = load_catalogue(ROOT).exercises["side-lying-hip-abduction"]
    svg = figure_svg("t", exercise)
    desc = svg[svg.index("<desc") : svg.index("</desc>")]
    assert "Seen from the front" in desc and "lying on the side" in desc and "lifted sideways 30°" in desc
    assert "shaded: side of the hip." in desc  # gluteus maximus and the abdominals face away: not drawn
    assert svg.count('class="h2"') == 2  # one patch per drawing


def test_the_quadriceps_heads_shade_the_front_of_the_thigh() -> None:
    exercise = load_catalogue(ROOT).exercises["straight-leg-raise"]
    assert not {"quadriceps"} & set(exercise.muscles.primary)  # it names the heads only
    assert "front of the thigh" in figure_svg("t", exercise)


def test_every_label_fits_under_its_own_drawing() -> None:
    """Regression: 'Look down, knee bent' ran off the left edge; the standing abduction's two labels ran together.

    Panels fill rows (``REFERENCE_WIDTH``): labels are compared with their neighbours in the same row."""
    from build_tools.figures import label_width, view_box_size

    for eid, exercise in load_catalogue(ROOT).exercises.items():
        svg = figure_svg("t", exercise)
        width, _ = view_box_size(svg)
        rows: dict[str, list[tuple[float, float]]] = {}
        for x, y, first, more in re.findall(
            r'<text class="l" x="([\d.]+)" y="([\d.]+)"[^>]*>([^<]*)((?:<tspan [^>]*>[^<]*</tspan>)*)</text>', svg
        ):
            lines = [first, *re.findall(r">([^<]*)</tspan>", more)]  # a long label may take two lines
            half = max(label_width(line.replace("&#x27;", "'").replace("&amp;", "&")) for line in lines) / 2
            rows.setdefault(y, []).append((float(x) - half, float(x) + half))
        assert sum(len(spans) for spans in rows.values()) == len(exercise.figure.poses), eid
        for spans in rows.values():
            assert spans[0][0] >= 0 and spans[-1][1] <= width, (eid, spans, width)
            assert all(a[1] <= b[0] for a, b in itertools.pairwise(spans)), (eid, spans)


def test_every_arrow_and_its_head_stay_inside_the_drawing() -> None:
    """Regression: the sit to stand's arrow head was cut off at the right edge of the figure."""
    from build_tools.figures import ARROW_HEAD, view_box_size

    number = r"(-?[\d.]+)"
    arrow = re.compile(rf'<path class="a" [^>]*d="M{number} {number}Q{number} {number} {number} {number}"')
    for eid, exercise in load_catalogue(ROOT).exercises.items():
        svg = figure_svg("t", exercise)
        width, _ = view_box_size(svg)
        for found in arrow.findall(svg):
            xs = [float(value) for value in found[::2]]
            assert min(xs) - ARROW_HEAD >= 0 and max(xs) + ARROW_HEAD <= width, (eid, xs, width)


def test_drawing_places_each_pose_where_the_checks_set_it() -> None:
    """``k.lift`` (for drawing, no checks run) gives the lift ``check_pose`` sets, for every real pose."""
    from build_tools import project

    catalogue = project.load(Path(__file__).resolve().parent.parent)
    poses = [pose for ex in catalogue.exercises.values() for pose in ex.figure.poses]
    assert len(poses) > 50
    for pose in poses:
        assert k.lift(pose) == k.check_pose(pose).lift


def test_printed_figures_draw_their_stripes_and_dots_as_lines_clipped_to_each_muscle() -> None:
    """Chromium prints an SVG pattern as an image: the handouts' figures draw the same marks as vectors."""
    from build_tools.figures import _dots, _stripes

    catalogue = load_catalogue(ROOT)
    for eid in ("glute-bridge", "askling-diver", "standing-hip-abduction"):
        exercise = catalogue.exercises[eid]
        screen, printed = figure_svg("x", exercise), figure_svg("x", exercise, for_print=True)
        worked = re.findall(r'<path class="h[12]" d="([^"]+)"/>', printed)
        assert worked and worked == re.findall(r'<path class="h[12]" d="([^"]+)"/>', screen)
        assert 'fill="url(#' in screen and 'fill="url(#' not in printed
        clips = re.findall(r'<clipPath id="([^"]+)"><path d="([^"]+)"/></clipPath><path class="(ph|pd)"', printed)
        assert [d for _, d, _ in clips] == worked  # each muscle clips its own marks
        assert len({clip for clip, _, _ in clips}) == len(clips)  # ids unique in the drawing
    # A 10 x 10 square at the origin: stripes x + y = 5 * sqrt(2) * k for k = 0..3 cross it, and dots sit 5 apart.
    square = "M0 0L10 0L10 10L0 10Z"
    assert _stripes(square).count("M") == 4
    assert _dots(square).count("M") == 9 and "M1.5 2.5a1 1 0 1 0 2 0" in _dots(square)
