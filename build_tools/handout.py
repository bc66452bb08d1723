"""The one-page printable handout of a routine, as an HTML block for the routine's page.

Part of the rendering stage: ``slots`` puts this block (``_fill_handout``) in the routine
page, where the screen hides it and print shows only it (``handout.css``). It carries
the safety rules first, each exercise with its figure, dose and key cues, the weekly plan,
a check-off log with a pain column, lines for the clinician, and a QR code (segno) of the
page's address so a patient can find the full, sourced instructions again.
HTML is produced by a Jinja environment with autoescaping on: text from YAML is escaped.
"""

from __future__ import annotations

import html
from functools import cache
from typing import Any

import segno
from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup, escape

from . import dose, figures, governance, safety, text, vocabulary
from .catalogue import Catalogue
from .models import RedFlag, Routine
from .urls import SiteInfo, routine_uri

MAX_FIGURE_RATIO = 3.1
"""A handout figure wider than this for its height (at least 3 cm tall, over 9.3 cm wide: more than half
the page) shows only its last pose, with the one before it ghosted behind it, so exercises print two
to a row."""
MAX_FIGURE_HEIGHT = 250.0
"""A handout figure taller than this (viewBox units; its 16-unit labels at 8 pt make it over 4.5 cm tall,
its poses in two rows) also shows only its last pose, so it takes no more than one row's height."""


@cache
def html_environment() -> Environment:
    """Jinja for HTML fragments: autoescaping on, so text from YAML is escaped."""
    env = Environment(
        loader=PackageLoader("build_tools", "templates"),
        undefined=StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["human_date"] = text.human_date
    return env


def qr_svg(url: str) -> Markup:
    """A QR code of ``url`` as inline SVG, black on white for any scanner, with an accessible name."""
    code = segno.make(url, error="m")
    svg = code.svg_inline(
        scale=1, border=2, dark="#000", light="#fff", omitsize=True, svgclass="hs-h-qrcode", title=f"QR code: {url}"
    )
    return Markup(svg.replace("<svg ", '<svg role="img" aria-label="QR code linking to ' + html.escape(url) + '" ', 1))


def _qr(url: str, drawings: figures.Drawings | None) -> Markup:
    """The QR code, drawn once per address for the build (about 4 ms each; under serve every rebuild asks)."""
    return qr_svg(url) if drawings is None else drawings.keep(f"qr {url}", lambda: qr_svg(url))


def sessions_by_week(routine: Routine) -> list[int]:
    """Sessions in each week of the routine (its phases may change the number), week 1 first."""
    sessions = {week: routine.sessions_per_week for week in range(1, routine.weeks + 1)}
    for phase in routine.phases:
        for week in range(phase.from_week, phase.to_week + 1):
            sessions[week] = phase.sessions_per_week
    return [count for _, count in sorted(sessions.items())]


def breakable_url(url: str) -> Markup:
    """The address as printed: without the scheme, and free to wrap only after a slash or before a dot."""
    shown = str(escape(url.split("://", 1)[-1]))
    return Markup(shown.replace("/", "/<wbr>").replace(".", "<wbr>."))


def render_handout(
    catalogue: Catalogue,
    routine_id: str,
    items: list[dict[str, Any]],
    minutes: int,
    site: SiteInfo,
    rules: safety.SafetyView,
    urgent: list[tuple[str, str, list[tuple[str, RedFlag]]]],
    *,
    large: bool = False,
) -> Markup:
    """The handout block; ``large`` renders the large-print variant (the printer can also switch a
    built page's handout to it by adding the ``hs-handout--large`` class, see ``printing.LARGE_CLASS``)."""
    routine = catalogue.routines[routine_id]
    short_url = site.public_url(routine_uri(routine_id))
    entries = []
    for entry in items:
        svg = figures.figure_svg(f"h-{entry['id']}", entry["ex"], for_print=True, drawings=catalogue.drawings)
        width, height = figures.view_box_size(svg)
        if width / height > MAX_FIGURE_RATIO or height > MAX_FIGURE_HEIGHT:  # its last pose only, to share a row
            svg = figures.figure_svg(
                f"h-{entry['id']}", entry["ex"], last_pose_only=True, for_print=True, drawings=catalogue.drawings
            )
            width, height = figures.view_box_size(svg)
        entries.append(
            {
                "ex": entry["ex"],
                "dose_text": dose.summary(entry["dose"], tempo=True),
                "figure": Markup(svg),
                "width": f"{width:g}",
                "height": f"{height:g}",
                "shape": "wide" if width / height > 3 else "tall",
            }
        )
    # The log: a row per exercise, a box per session of each week. A routine's weekly plan (its
    # phases) sets the sessions, and each session holds every exercise; an exercise's own dose
    # is the first week's (see the routine files' notes). The builder boxes each exercise's days.
    sessions = sessions_by_week(routine)
    for entry in entries:
        entry["log"] = sessions
    html = (
        html_environment()
        .get_template("handout.html.j2")
        .render(
            routine=routine,
            goal=vocabulary.ROUTINE_GOALS[routine.goal],
            items=entries,
            minutes=minutes,
            site_name=site.name,
            short_url=short_url,
            shown_url=breakable_url(short_url) if short_url else None,
            qr=_qr(short_url, catalogue.drawings) if short_url else None,
            log_weeks=range(1, routine.weeks + 1),
            template=False,
            review_statement=governance.review_statement(
                routine.review.last_reviewed, routine.review.next_review, routine.review.reviewed_by
            ),
            rules=rules,
            warnings=[catalogue.red_flags[fid] for fid in routine.red_flags],
            urgent=urgent,
            key=figures.key(entry["ex"] for entry in items),
            large=large,
            BEFORE_HEADING=safety.BEFORE_HEADING,
            STOP_HEADING=safety.STOP_HEADING,
            URGENCY_ACTIONS=vocabulary.URGENCY_ACTIONS,
        )
    )
    # One raw HTML block for Markdown: no blank lines inside it.
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))


BUILDER_URI = "handout-builder.md"


def render_handout_template(
    site: SiteInfo, rules: safety.SafetyView, urgent: list[tuple[str, str, list[tuple[str, RedFlag]]]]
) -> Markup:
    """The same template as a ``<template>`` for the builder: one prototype of each repeated part.

    The shared rules (``rules``, every kind's limits) and the warning signs are printed in it as
    the routine handouts print them; handout-view.js keeps the limits of the kinds chosen, clones
    the parts marked ``data-part`` and fills them with textContent from the catalogue export.
    """
    page_url = site.public_url(BUILDER_URI)
    prototype = {
        "ex": {"name": "", "cues": [""]},
        "dose_text": "",
        "figure": Markup('<img class="hs-fig" alt="">'),
        "shape": "tall",
        "log": [1],
    }
    html = (
        html_environment()
        .get_template("handout.html.j2")
        .render(
            template=True,
            large=False,
            key=None,
            routine=None,
            items=[prototype],
            site_name=site.name,
            shown_url=breakable_url(page_url) if page_url else None,
            qr=bool(page_url),
            log_weeks=[1],
            rules=rules,
            urgent=urgent,
            BEFORE_HEADING=safety.BEFORE_HEADING,
            STOP_HEADING=safety.STOP_HEADING,
            URGENCY_ACTIONS=vocabulary.URGENCY_ACTIONS,
        )
    )
    return Markup("\n".join(line for line in html.splitlines() if line.strip()))
