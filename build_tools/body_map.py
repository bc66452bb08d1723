"""Draw the "Where does it hurt?" body map: the thigh and knee from the front and from behind, as SVG.

Part of the rendering stage: the ``body-map`` insert (``inserts.py``) puts a slot in the page
and ``slots.fill_slots`` puts this drawing there, above the text list of the same links (which
the insert writes from ``data/body_map.yml``). The shapes live here, in code; what each area
means and links to lives in the data. Each area is an SVG ``<a>`` to its entry in the list
(``#where-<area>``), named by ``aria-label`` and ``<title>``, numbered as in the list so it reads
in greyscale, and big enough to tap (the smallest is 28 by 44 units of a 360-unit-wide drawing).
Colours come from CSS classes (``bodymap.css``). Every text is escaped; nothing from a data
file is written here at all. Pure: the same input always gives the same bytes.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from . import vocabulary as vocab

WIDTH = 360
HEIGHT = 400
VIEW_CENTRES = {"front": 88.0, "back": 272.0}
"""Where each drawing's leg is centred across the picture."""
VIEW_TITLES = {"front": "Front", "back": "Back"}


@dataclass(frozen=True)
class Shape:
    """An ellipse, centred ``dx`` from the leg's centre line and at height ``y``."""

    dx: float
    y: float
    rx: float
    ry: float


SHAPES: dict[str, Shape] = {
    "front-of-thigh": Shape(0, 118, 36, 62),
    "front-of-knee": Shape(0, 240, 19, 20),
    # A right leg: seen from the front its outer side is on the viewer's left.
    "outside-of-knee": Shape(-38, 244, 14, 23),
    "inside-of-knee": Shape(38, 244, 14, 23),
    "back-of-thigh-high": Shape(0, 64, 38, 26),
    "back-of-thigh-middle": Shape(0, 146, 36, 42),
    "back-of-knee": Shape(0, 240, 28, 19),
}
"""Each area of ``vocabulary.BODY_REGIONS`` as drawn; ``vocabulary.BODY_VIEWS`` says on which view."""

SIDE_LABELS = {"front": ((-40, "outer"), (40, "inner")), "back": ((-40, "inner"), (40, "outer"))}
"""Small words under the knee, so the two sides of the knee are told apart without colour."""


def _n(value: float) -> str:
    return f"{value:.1f}".rstrip("0").rstrip(".")


def _outline(cx: float) -> str:
    """The leg from the hip to the mid-shin: a path symmetric about ``cx``."""
    left = [(-60, 26), (-64, 110), (-52, 190), (-48, 228), (-50, 258), (-40, 300), (-32, 372)]
    d = f"M{_n(cx + left[0][0])} {_n(left[0][1])}"
    d += f"C{_n(cx - 66)} 80 {_n(cx - 58)} 160 {_n(cx + left[3][0])} {_n(left[3][1])}"
    d += f"C{_n(cx - 54)} 246 {_n(cx - 46)} 280 {_n(cx + left[6][0])} {_n(left[6][1])}"
    d += f"H{_n(cx + 32)}"
    d += f"C{_n(cx + 46)} 280 {_n(cx + 54)} 246 {_n(cx + 48)} 228"
    d += f"C{_n(cx + 58)} 160 {_n(cx + 66)} 80 {_n(cx + 60)} 26"
    d += f"Q{_n(cx)} 10 {_n(cx - 60)} 26Z"
    return d


def area_numbers() -> dict[str, int]:
    """Each area's number on the map and in the list: its place in ``vocabulary.BODY_REGIONS``."""
    return {region: index for index, region in enumerate(vocab.BODY_REGIONS, start=1)}


def body_map_svg(uid: str = "bm") -> str:
    """The map: both views side by side, every area a link to ``#where-<area>`` on the same page."""
    numbers = area_numbers()
    parts = [
        f'<svg class="hs-bodymap__svg" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'aria-labelledby="{uid}-title">',
        f'<title id="{uid}-title">Where does it hurt? A right leg from the front and from behind; '
        "choose an area</title>",
    ]
    for view, cx in VIEW_CENTRES.items():
        parts.append(f'<path class="hs-bm-leg" d="{_outline(cx)}"/>')
        if view == "back":  # the crease under the buttock, and the sitting bone above it
            parts.append(f'<path class="hs-bm-line" d="M{_n(cx - 50)} 40Q{_n(cx)} 50 {_n(cx + 50)} 40"/>')
        else:  # the kneecap's outline, under its area
            parts.append(f'<circle class="hs-bm-line" cx="{_n(cx)}" cy="240" r="13"/>')
        for dx, word in SIDE_LABELS[view]:
            parts.append(
                f'<text class="hs-bm-side" x="{_n(cx + dx)}" y="284" text-anchor="middle" aria-hidden="true">'
                f"{escape(word)}</text>"
            )
        parts.append(
            f'<text class="hs-bm-view" x="{_n(cx)}" y="394" text-anchor="middle" aria-hidden="true">'
            f"{escape(VIEW_TITLES[view])}</text>"
        )
        for region in vocab.BODY_VIEWS[view]:
            shape = SHAPES[region]
            x, y = cx + shape.dx, shape.y
            name = f"{numbers[region]}. {vocab.BODY_REGIONS[region]}"
            parts.append(
                f'<a class="hs-bm-area" href="#where-{escape(region)}" aria-label="{escape(name)}">'
                f"<title>{escape(name)}</title>"
                f'<ellipse cx="{_n(x)}" cy="{_n(y)}" rx="{_n(shape.rx)}" ry="{_n(shape.ry)}"/>'
                f'<text x="{_n(x)}" y="{_n(y + 6)}" text-anchor="middle" aria-hidden="true">{numbers[region]}</text>'
                "</a>"
            )
    parts.append("</svg>")
    return "".join(parts)
