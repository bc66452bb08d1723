"""Slots: large HTML (figures, the print-only handout and QR codes, the exercise cards) put into finished pages.

Part of the rendering stage, run last: a rendered page holds a marker, ``<!-- hs-slot: KIND ARG
-->`` (``slot``), and the plugin's ``on_post_page`` calls ``fill_slots`` on the finished HTML,
so Python-Markdown and the search indexer never parse thousands of SVG and card elements they
would only pass through (and the search index holds no print-only copy of a routine). Text from
YAML is escaped in Markdown and in HTML, so no field can write a slot marker of its own; a
marker the build did not write becomes nothing.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from typing import Any

from markupsafe import Markup

from . import body_map, check, dose, figure_player, figures, safety, vocabulary
from .catalogue import Catalogue
from .handout import breakable_url, html_environment, qr_svg, render_handout, render_handout_template
from .models import Exercise
from .urls import SiteInfo, exercise_uri, page_link, relative, thumbnail_uri
from .views import BROWSE, URGENT_NOW, exercise_groups, index_by, red_flag_groups, routine_items, routine_safety

SLOT = re.compile(r"<!-- hs-slot: (?P<kind>[a-z-]+) (?P<arg>[a-z0-9-]+) -->")


def slot(kind: str, arg: str) -> Markup:
    """A marker that ``fill_slots`` replaces with HTML once the page is built."""
    return Markup(f"<!-- hs-slot: {kind} {arg} -->")


def fill_slots(html: str, catalogue: Catalogue, site: SiteInfo, page_uri: str) -> str:
    """Replace every slot marker in a finished page (or in Markdown, for a page shown without MkDocs)."""
    if "<!-- hs-slot: " not in html:
        return html
    return SLOT.sub(lambda m: _fill_slot(m, catalogue, site, page_uri), html)


def _fill_slot(match: re.Match[str], catalogue: Catalogue, site: SiteInfo, page_uri: str) -> str:
    """The HTML for one slot; a marker the build did not write (prose refuses them) becomes nothing."""
    filler = _SLOT_FILLERS.get(match["kind"])
    if filler is None:
        return ""
    try:
        return filler(catalogue, site, page_uri, match["arg"])
    except (KeyError, StopIteration):  # no such exercise, routine or kind
        return ""


def _fill_figure(catalogue: Catalogue, site: SiteInfo, page_uri: str, exercise_id: str) -> str:
    return figures.figure_svg(f"f-{exercise_id}", catalogue.exercises[exercise_id], drawings=catalogue.drawings)


def _fill_moving_figure(catalogue: Catalogue, site: SiteInfo, page_uri: str, exercise_id: str) -> str:
    return figure_player.animated_figure(f"f-{exercise_id}", catalogue.exercises[exercise_id], catalogue.drawings)


def _fill_self_test_figure(catalogue: Catalogue, site: SiteInfo, page_uri: str, test_id: str) -> str:
    test = catalogue.self_tests[test_id]
    if test.figure is None:
        return ""
    subject = figures.TestSubject.of(test)
    caption = html.escape(figures.legend(subject))
    svg = figures.figure_svg(f"s-{test_id}", subject, drawings=catalogue.drawings)
    return f'<figure class="hs-figure">\n{svg}\n<figcaption>{caption}</figcaption>\n</figure>'


def _fill_exercise_print(catalogue: Catalogue, site: SiteInfo, page_uri: str, exercise_id: str) -> str:
    """The printed exercise's QR code and address back to its page; nothing without a public address."""
    url = site.public_url(exercise_uri(exercise_id)) if exercise_id in catalogue.exercises else None
    if url is None:
        return ""
    qr = qr_svg(url) if catalogue.drawings is None else catalogue.drawings.keep(f"qr {url}", lambda: qr_svg(url))
    template = html_environment().get_template("exercise_print.html.j2")
    return template.render(qr=qr, shown_url=breakable_url(url)).strip("\n")


def _fill_handout(catalogue: Catalogue, site: SiteInfo, page_uri: str, routine_id: str) -> str:
    items = routine_items(catalogue, routine_id)
    minutes = dose.session_minutes([entry["dose"] for entry in items])
    return render_handout(
        catalogue,
        routine_id,
        items,
        minutes,
        site,
        routine_safety(catalogue, routine_id),
        red_flag_groups(catalogue, URGENT_NOW),
    )


def fill_handout_template(catalogue: Catalogue, site: SiteInfo, page_uri: str, arg: str) -> str:
    """The handout template for the builder page (``<!-- insert: handout-template -->``)."""
    rules = safety.view_for(catalogue.safety_rules, vocabulary.KINDS)
    return render_handout_template(site, rules, red_flag_groups(catalogue, URGENT_NOW))


def _kind_members(catalogue: Catalogue, kind: str) -> list[tuple[str, Exercise]]:
    """The exercises of one kind, as its cards list them."""
    return next(members for k, _, members in exercise_groups(catalogue) if k == kind)


def _fill_exercise_cards(catalogue: Catalogue, site: SiteInfo, page_uri: str, kind: str) -> str:
    members = _kind_members(catalogue, kind)
    cards = []
    for eid, ex in members:
        svg = figures.figure_svg(f"t-{eid}", ex, standalone=True, drawings=catalogue.drawings)
        width, height = figures.view_box_size(svg)
        cards.append(
            {
                "id": eid,
                "ex": ex,
                "href": page_link(page_uri, exercise_uri(eid), site),
                "thumb": relative(page_uri, thumbnail_uri(eid)),
                "width": round(width),
                "height": round(height),
                "equipment": ", ".join(vocabulary.EQUIPMENT[e] for e in ex.equipment),
                "amount": dose.amount(ex.dose),
            }
        )
    return (
        html_environment()
        .get_template("exercise_cards.html.j2")
        .render(cards=cards, levels=vocabulary.LEVELS)
        .strip("\n")
    )


def _browse_groups(catalogue: Catalogue, by: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """(label, [(id, name)]) for one way to browse the exercises: all the browse list shows of the data."""
    labels, values = BROWSE[by]
    return [(label, [(eid, ex.name) for eid, ex in members]) for label, members in index_by(catalogue, labels, values)]


def _fill_exercise_browse(catalogue: Catalogue, site: SiteInfo, page_uri: str, by: str) -> str:
    groups = [
        (label, [(name, page_link(page_uri, exercise_uri(eid), site)) for eid, name in links])
        for label, links in _browse_groups(catalogue, by)
    ]
    return html_environment().get_template("exercise_browse.html.j2").render(groups=groups).strip("\n")


def _fill_body_map(catalogue: Catalogue, site: SiteInfo, page_uri: str, arg: str) -> str:
    return body_map.body_map_svg()


def _fill_check(catalogue: Catalogue, site: SiteInfo, page_uri: str, arg: str) -> str:
    return check.check_html(catalogue, site, page_uri)


_SLOT_FILLERS: dict[str, Callable[[Catalogue, SiteInfo, str, str], str]] = {
    "figure": _fill_figure,
    "moving-figure": _fill_moving_figure,
    "self-test-figure": _fill_self_test_figure,
    "exercise-print": _fill_exercise_print,
    "handout": _fill_handout,
    "handout-template": fill_handout_template,
    "exercise-cards": _fill_exercise_cards,
    "exercise-browse": _fill_exercise_browse,
    "body-map": _fill_body_map,
    "check": _fill_check,
}


_SLOT_INPUTS: dict[str, Callable[[Catalogue, str], object]] = {
    "figure": lambda catalogue, eid: catalogue.exercises.get(eid),
    "moving-figure": lambda catalogue, eid: catalogue.exercises.get(eid),
    "self-test-figure": lambda catalogue, tid: catalogue.self_tests.get(tid),
    "exercise-print": lambda catalogue, eid: eid in catalogue.exercises,
    "exercise-cards": _kind_members,
    "exercise-browse": _browse_groups,
    "body-map": lambda catalogue, arg: None,
    "handout": lambda catalogue, rid: (
        catalogue.routines[rid],
        [catalogue.exercises[item.exercise] for item in catalogue.routines[rid].exercises],
        catalogue.safety,
        catalogue.red_flags,
    ),
}
"""The data each kind of slot is made from (with the site and the page), for ``SlotMemo``; a kind not
here is made from the whole catalogue. A handout: its routine, the routine's exercises, the safety rules
and the red flags (it prints the urgent ones); the cards and browse lists read theirs through these functions."""


class SlotMemo:
    """Each slot's HTML kept with what it was made from, so a rebuild under serve fills only the slots an
    edit changed (``serve.pages``). A slot is filled again when its data (``_SLOT_INPUTS``), the site, the
    page or the templates differ; one made from the whole catalogue, whenever the catalogue does."""

    def __init__(self) -> None:
        self._kept: dict[tuple[str, str], tuple[Any, str]] = {}
        self._used: set[tuple[str, str]] = set()
        self._templates: Any = None
        self._catalogue: Catalogue | None = None
        self._version = 0
        """Counts the catalogues that differ from the one before: the whole catalogue's part of a key."""

    def start(self, templates: Any) -> None:
        """Before each build: forget the slots no page asked for in the last one, and all on a template change."""
        if templates != self._templates:
            self._kept, self._templates = {}, templates
        self._kept = {key: value for key, value in self._kept.items() if key in self._used}
        self._used = set()

    def fill(self, marker: str, catalogue: Catalogue, site: SiteInfo, page_uri: str) -> str:
        """``fill_slots`` for one marker, with the HTML kept from a build that had the same inputs."""
        match = SLOT.fullmatch(marker)
        if match is None:
            return fill_slots(marker, catalogue, site, page_uri)
        try:
            inputs = (site, self._inputs(match["kind"], match["arg"], catalogue))
        except (KeyError, StopIteration):  # no such kind or group: filled (as nothing) every time
            return fill_slots(marker, catalogue, site, page_uri)
        key = (marker, page_uri)
        self._used.add(key)
        kept = self._kept.get(key)
        if kept is not None and kept[0] == inputs:
            return kept[1]
        made = fill_slots(marker, catalogue, site, page_uri)
        self._kept[key] = (inputs, made)
        return made

    def _inputs(self, kind: str, arg: str, catalogue: Catalogue) -> object:
        read = _SLOT_INPUTS.get(kind)
        if read is not None:
            return read(catalogue, arg)
        if catalogue is not self._catalogue:
            if self._catalogue is None or catalogue != self._catalogue:
                self._version += 1
            self._catalogue = catalogue
        return ("catalogue", self._version)
