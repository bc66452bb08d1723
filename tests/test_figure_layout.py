"""Every exercise and self-test figure: one scale, legible labels, nothing drawn over a label, checks pass.

Also the golden SVGs of a standing, a lying and a kneeling exercise (still and animated), so
any change to the drawing is seen: after an intended change, UPDATE_GOLDEN=1 and look at them.
"""

from __future__ import annotations

import math
import os
import re
from pathlib import Path

import pytest

from build_tools import figure_marks, figure_player, figures
from build_tools.loader import _figure_problems, load_catalogue
from conftest import ROOT

GOLDEN = Path(__file__).parent / "golden"
CATALOGUE = load_catalogue(ROOT)
PHONE_FIGURE_BOX = 17.75 * 20
"""Width (px) of the box an exercise figure's width is a share of on a phone (exercise.css: 17.75rem at 20 px)."""
SUBJECTS = {f"exercise {eid}": ex for eid, ex in CATALOGUE.exercises.items()} | {
    f"self-test {tid}": figures.TestSubject.of(test) for tid, test in CATALOGUE.self_tests.items() if test.figure
}


def numbers(d: str) -> list[tuple[float, float]]:
    values = [float(v) for v in re.findall(r"-?[\d.]+", d)]
    return list(zip(values[::2], values[1::2], strict=False))


def label_boxes(svg: str) -> list[tuple[str, float, float, float, float]]:
    """(text, left, right, top, bottom) of every line of every label, its width estimated as the layout does."""
    boxes = []
    for x, y, anchor, first, more in re.findall(
        r'<text class="l[^"]*" x="([\d.]+)" y="([\d.]+)" text-anchor="(\w+)">([^<]*)((?:<tspan [^>]*>[^<]*</tspan>)*)<',
        svg,
    ):
        lines = [(float(y), first)]
        for dy, text in re.findall(r'<tspan x="[\d.]+" dy="([\d.]+)">([^<]*)</tspan>', more):
            lines.append((lines[-1][0] + float(dy), text))
        for baseline, text in lines:
            width = figures.label_width(text)
            left = float(x) - width / 2 if anchor == "middle" else float(x)
            boxes.append((text, left, left + width, baseline - figures.LABEL_SIZE, baseline + 3))
    return boxes


def test_every_self_test_is_drawn() -> None:
    assert all(test.figure is not None for test in CATALOGUE.self_tests.values())
    passive = CATALOGUE.self_tests["passive-straight-leg-raise"].figure
    assert passive is not None and passive.helper == "lifts-leg" and passive.measure == "leg-from-floor"


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_every_pose_passes_the_checks(name: str) -> None:
    """Contacts, flat feet, balance, ranges, in_line and parts that stay put, as the loader checks them."""
    figure = SUBJECTS[name].figure
    helped = bool(getattr(figure, "helper", None))
    assert list(_figure_problems(figure, None, helped=helped)) == []


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_one_scale_and_legible_labels(name: str) -> None:
    svg = figures.figure_svg("x", SUBJECTS[name])
    width, _ = figures.view_box_size(svg)
    assert width <= figures.REFERENCE_WIDTH, "wider than the widest figure a page is sized for: it would shrink"
    share = float(re.search(r'width="([\d.]+)%"', svg).group(1))
    assert share == pytest.approx(100 * width / figures.REFERENCE_WIDTH, abs=0.05), "one scale for every figure"
    scale = PHONE_FIGURE_BOX / figures.REFERENCE_WIDTH  # px per cm on a 390 px phone
    assert figures.LABEL_SIZE * scale >= 14, "labels at least 14 px on a phone"
    assert 170 * scale >= 120, "a body at least 120 px tall on a phone"


@pytest.mark.parametrize("name", sorted(SUBJECTS))
def test_no_arrow_arc_or_other_label_covers_a_label(name: str) -> None:
    svg = figures.figure_svg("x", SUBJECTS[name])
    boxes = label_boxes(svg)
    width, _ = figures.view_box_size(svg)
    for text, left, right, _, _ in boxes:
        assert left >= 0 and right <= width + 4, (name, text, "label runs off the figure")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = min(a[2], b[2]) - max(a[1], b[1]) > 0 and min(a[4], b[4]) - max(a[3], b[3]) > 0
            assert not overlap, (name, a[0], b[0])
    for d in re.findall(r'<path class="a"[^>]* d="([^"]+)"', svg):  # the arrows: quadratic curves
        points = numbers(d.replace("M", " ").replace("Q", " "))
        xs, ys = [p[0] for p in points], [p[1] for p in points]
        for text, left, right, top, bottom in boxes:
            # the path lies inside the box of its points (a curve inside the hull of its control points)
            apart = max(xs) < left or min(xs) > right or max(ys) < top or min(ys) > bottom
            assert apart, (name, text, d)


@pytest.mark.parametrize(
    "tid", sorted(t for t, test in CATALOGUE.self_tests.items() if test.figure and test.figure.measure)
)
def test_the_angle_arc_and_its_line_keep_clear_of_its_value(tid: str) -> None:
    figure = CATALOGUE.self_tests[tid].figure
    body = figures.aligned_bodies(list(figure.poses))[-1]
    mark = figure_marks.angle(figure.measure, body)
    x, y = mark.label_at
    half_w, half_h = figures.label_width(f"{mark.value}°") / 2, figures.LABEL_SIZE / 2
    nearest = (max(x - half_w, min(mark.centre[0], x + half_w)), max(y - half_h, min(mark.centre[1], y + half_h)))
    assert math.dist(nearest, mark.centre) > mark.radius + 1, "the arc runs through its value"
    a, b = mark.reference
    for t in (i / 20 for i in range(21)):
        px, py = a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t
        assert not (abs(px - x) < half_w and abs(py - y) < half_h), "the dashed line runs through the value"


@pytest.mark.parametrize("kind", ["lifts-leg", "holds-thigh"])
def test_the_helpers_hands_are_where_the_test_puts_them(kind: str) -> None:
    test = CATALOGUE.self_tests["passive-straight-leg-raise"]
    body = figures.aligned_bodies(list(test.figure.poses))[-1]
    person = figure_marks.helper(kind, body)
    hands = [arm[0][-1] for arm in person.arms]
    assert hands == list(figure_marks.hand_targets(kind, body))
    for (shoulder, elbow, hand), _ in person.arms:  # arms of a real length, reaching
        assert math.dist(shoulder, hand) <= figure_marks.REACH + 0.5
        assert math.dist(shoulder, elbow) == pytest.approx(figure_marks.UPPER_ARM, abs=0.1)
    leg = body.near
    if kind == "lifts-leg":
        assert math.dist(hands[0], leg.heel) < 5, "one hand under the heel"
        assert math.dist(hands[1], leg.knee) < 12, "the other just above the knee"
    assert person.head[1] > max(h[1] for h in hands), "the helper leans over the leg, not under it"


def test_the_measured_angle_is_the_one_drawn() -> None:
    svg = figures.figure_svg("x", SUBJECTS["self-test passive-straight-leg-raise"])
    assert re.search(r'<text class="l ml"[^>]*>70°</text>', svg), "70° from the pose: hip 70, knee straight"
    svg = figures.figure_svg("x", SUBJECTS["self-test active-knee-extension-test"])
    assert re.search(r'<text class="l ml"[^>]*>20°</text>', svg), "knee 20° short of straight"
    desc = re.search(r"<desc[^>]*>([^<]+)</desc>", svg).group(1)
    assert "20 degrees in this example" in desc


@pytest.mark.parametrize(
    ("kind", "eid"),
    [("standing", "romanian-deadlift"), ("lying", "glute-bridge"), ("kneeling", "nordic-hamstring-exercise")],
)
def test_golden_pose_kinds(kind: str, eid: str) -> None:
    """The still figure and the animated one of a standing, a lying and a kneeling exercise."""
    exercise = CATALOGUE.exercises[eid]
    drawn = figures.figure_svg(f"g-{kind}", exercise) + "\n" + figure_player.animated_figure(f"g-{kind}", exercise)
    golden = GOLDEN / f"figure-{kind}.svg.html"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(drawn + "\n", encoding="utf-8")
    assert drawn + "\n" == golden.read_text(encoding="utf-8")


def _luminance(hex_colour: str) -> float:
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("palette", [":root {", '[data-md-color-scheme="slate"] {'])
def test_the_muscle_highlight_reads_in_greyscale_in_both_palettes(palette: str) -> None:
    """Colour alone never carries it: the stripes and dots stand out from their fill by lightness (3:1)."""
    css = (ROOT / "theme_overrides/assets/stylesheets/figures.css").read_text(encoding="utf-8")
    block = css[css.index(palette) : css.index("}", css.index(palette))]
    colour = dict(re.findall(r"--hs-fig-([a-z-]+): (#[0-9a-f]{6});", block))
    assert _contrast(colour["strong"], colour["strong-pattern"]) >= 3, "hamstring stripes"
    assert _contrast(colour["helper"], colour["helper-pattern"]) >= 3, "helper dots"
