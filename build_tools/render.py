"""Pure functions that turn the Catalogue into Markdown pages and page fragments.

Third stage of the flow: Catalogue -> (this module, Jinja2 templates in ``templates/``)
-> ``{src_uri: markdown}`` handed to MkDocs by the plugin. Nothing here reads files
other than templates, writes files, or imports MkDocs, so every page can be rendered
and tested on its own. Jinja runs with ``StrictUndefined`` (a typo in a template is an
error, not an empty string) and escapes every printed value for Markdown unless it is
``Markup`` (already-built links and citations).

Large HTML (figures, the print-only handout, the exercise cards) is not put in the Markdown:
the page gets a slot, ``<!-- hs-slot: KIND ARG -->``, and ``fill_slots`` puts the HTML in
the finished page. Python-Markdown and the search indexer then never parse thousands of SVG
and card elements they would only pass through (and the search index no longer holds the
print-only copy of a routine). Text from YAML is escaped in Markdown and in HTML, so no
field can write a slot marker of its own.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import dose, export, fields, figures, safety, text, vocabulary
from .catalogue import Catalogue
from .handout import html_environment, render_handout
from .models import Exercise, RedFlag, Routine, Source
from .urls import (
    CLINICIAN_URI,
    EXERCISES_INDEX_URI,
    EXPORT_URI,
    GLOSSARY_URI,
    REFERENCES_URI,
    ROUTINES_INDEX_URI,
    SiteInfo,
    exercise_uri,
    handout_pdf_uris,
    page_link,
    relative,
    routine_uri,
    thumbnail_uri,
)

# -- the Jinja environment ----------------------------------------------------------


@cache
def environment() -> Environment:
    env = Environment(
        loader=PackageLoader("build_tools", "templates"),
        undefined=StrictUndefined,
        autoescape=False,  # the output is Markdown; finalize escapes for Markdown instead
        finalize=lambda value: Markup(text.escape_markdown(value)),
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters.update(
        frontmatter=_frontmatter,
        link=_link,
        cite=_cite,
        figure=_figure,
        amount=dose.amount,
        rest=dose.rest,
        frequency=dose.frequency,
        seconds=dose.seconds,
        dose_summary=dose.summary,
        human_date=text.human_date,
        raw=Markup,
    )
    env.globals.update(
        slot=slot,
        vocab=vocabulary,
        exercise_uri=exercise_uri,
        routine_uri=routine_uri,
        REFERENCES_URI=REFERENCES_URI,
        EXERCISES_INDEX_URI=EXERCISES_INDEX_URI,
        ROUTINES_INDEX_URI=ROUTINES_INDEX_URI,
        CLINICIAN_URI=CLINICIAN_URI,
        STOP_HEADING=safety.STOP_HEADING,
        BEFORE_HEADING=safety.BEFORE_HEADING,
    )
    return env


def _figure(exercise_id: str, catalogue: Catalogue) -> Markup:
    """The exercise's figure, inlined (by ``fill_slots``) so it follows the page's palette."""
    caption = text.escape_markdown(figures.legend(catalogue.exercises[exercise_id]))
    return Markup(
        f'<figure class="hs-figure">\n{slot("figure", exercise_id)}\n<figcaption>{caption}</figcaption>\n</figure>'
    )


def _frontmatter(value: object) -> Markup:
    """A front-matter scalar as JSON, which is valid YAML whatever the text holds (colons included)."""
    if hasattr(value, "isoformat"):
        return Markup(value.isoformat())  # a bare date is read back as a date
    return Markup(json.dumps(value, ensure_ascii=False))


@pass_context
def _link(context: Context, label: object, to_uri: str) -> Markup:
    return Markup(f"[{text.escape_markdown(label)}]({relative(context['page_uri'], to_uri)})")


@pass_context
def _cite(context: Context, source_ids: str | Iterable[str]) -> Markup:
    return cite(context["catalogue"], context["page_uri"], source_ids)


def cite(catalogue: Catalogue, page_uri: str, source_ids: str | Iterable[str]) -> Markup:
    """Numbered links to the references page: ``[3]``, one per source, in a superscript."""
    ids = [source_ids] if isinstance(source_ids, str) else list(dict.fromkeys(source_ids))
    numbers = catalogue.source_numbers()
    links = []
    for sid in sorted(ids, key=numbers.__getitem__):
        source = catalogue.sources[sid]
        label = text.escape_markdown(f"{source.authors.split(',')[0]} {source.year}").replace('"', "")
        href = relative(page_uri, f"{REFERENCES_URI}#{sid}")
        links.append(f'[\\[{numbers[sid]}\\]]({href} "{label}")')
    return Markup(f'<sup class="hs-cite">{"".join(links)}</sup>')


def _render(template: str, page_uri: str, catalogue: Catalogue, **values: Any) -> str:
    return environment().get_template(template).render(page_uri=page_uri, catalogue=catalogue, **values)


# -- doses --------------------------------------------------------------------------


# -- whole pages --------------------------------------------------------------------


def render_pages(catalogue: Catalogue, site: SiteInfo = SiteInfo()) -> dict[str, str]:
    """Every page generated from data: src_uri -> Markdown (front matter included), plus figure files."""
    pages = render_catalogue_pages(catalogue, site)
    pages.update(render_exercise_pages(catalogue, catalogue.exercises))
    pages.update(render_routine_pages(catalogue, catalogue.routines, site))
    return pages


def render_catalogue_pages(catalogue: Catalogue, site: SiteInfo = SiteInfo()) -> dict[str, str]:
    """The pages drawn from the whole catalogue: the indexes, references, glossary and the data file."""
    return {
        EXERCISES_INDEX_URI: render_exercise_index(catalogue),
        ROUTINES_INDEX_URI: render_routine_index(catalogue),
        REFERENCES_URI: render_references(catalogue),
        GLOSSARY_URI: render_glossary(catalogue),
        EXPORT_URI: export.catalogue_json(catalogue, site),
    }


def render_exercise_pages(catalogue: Catalogue, exercise_ids: Iterable[str]) -> dict[str, str]:
    """Each exercise's page and its thumbnail file."""
    pages = {}
    routines_using = _routines_using(catalogue)
    for eid in exercise_ids:
        pages[exercise_uri(eid)] = render_exercise(catalogue, eid, routines_using)
        pages[thumbnail_uri(eid)] = figures.figure_svg(f"t-{eid}", catalogue.exercises[eid], standalone=True)
    return pages


def render_routine_pages(
    catalogue: Catalogue, routine_ids: Iterable[str], site: SiteInfo = SiteInfo()
) -> dict[str, str]:
    return {routine_uri(rid): render_routine(catalogue, rid, site) for rid in routine_ids}


def _routines_using(catalogue: Catalogue) -> dict[str, list[tuple[str, Routine]]]:
    """Exercise id -> the routines that include it, built once per catalogue."""
    index: dict[str, list[tuple[str, Routine]]] = {}
    for rid, routine in catalogue.routines.items():
        for item in routine.exercises:
            index.setdefault(item.exercise, []).append((rid, routine))
    return index


def render_exercise(
    catalogue: Catalogue, exercise_id: str, routines_using: dict[str, list[tuple[str, Routine]]] | None = None
) -> str:
    exercise = catalogue.exercises[exercise_id]
    used_in = (routines_using if routines_using is not None else _routines_using(catalogue)).get(exercise_id, [])
    signs = [(sid, catalogue.signs[sid]) for sid in exercise.helps_with]
    rules = safety.view_for(catalogue.safety_rules, [exercise.kind])
    return _render(
        "exercise.md.j2",
        exercise_uri(exercise_id),
        catalogue,
        id=exercise_id,
        ex=exercise,
        used_in=used_in,
        signs=signs,
        rules=rules,
        sources=_page_sources(catalogue, [*exercise.sources, *exercise.dose.sources, *rules.source_ids()]),
        source_path=catalogue.paths[("exercises", exercise_id)],
    )


def _routine_items(catalogue: Catalogue, routine_id: str) -> list[dict[str, Any]]:
    items = []
    for item in catalogue.routines[routine_id].exercises:
        exercise = catalogue.exercises[item.exercise]
        items.append({"id": item.exercise, "ex": exercise, "dose": dose.in_routine(exercise, item), "note": item.note})
    return items


def render_routine(catalogue: Catalogue, routine_id: str, site: SiteInfo = SiteInfo()) -> str:
    routine = catalogue.routines[routine_id]
    items = _routine_items(catalogue, routine_id)
    all_sources = [*routine.sources, *routine.schedule_sources]
    for entry in items:
        all_sources.extend(entry["dose"].sources)
    minutes = dose.session_minutes([entry["dose"] for entry in items])
    rules = routine_safety(catalogue, routine_id)
    all_sources.extend(rules.source_ids(before=True))
    return _render(
        "routine.md.j2",
        routine_uri(routine_id),
        catalogue,
        id=routine_id,
        routine=routine,
        items=items,
        sources=_page_sources(catalogue, all_sources),
        rules=rules,
        urgent=red_flag_groups(catalogue, URGENT_NOW),
        minutes=minutes,
        handout=slot("handout", routine_id),
        pdfs=_handout_pdfs(routine_id) if site.pdfs else {},
    )


def _handout_pdfs(routine_id: str) -> dict[str, str]:
    """The routine page's PDF links: "a4", "letter", "a4-large", "letter-large" -> address."""
    return {
        paper + ("-large" if size == "large" else ""): uri
        for (paper, size), uri in handout_pdf_uris(routine_id).items()
    }


def routine_safety(catalogue: Catalogue, routine_id: str) -> safety.SafetyView:
    """The shared rules a routine's page and handout show: those for the kinds of its exercises."""
    kinds = [catalogue.exercises[item.exercise].kind for item in catalogue.routines[routine_id].exercises]
    return safety.view_for(catalogue.safety_rules, kinds)


def render_exercise_index(catalogue: Catalogue) -> str:
    """The Exercises page: headings in Markdown, cards and lists in slots (``_fill_exercise_cards``...)."""
    return _render("exercise_index.md.j2", EXERCISES_INDEX_URI, catalogue, groups=_exercise_groups(catalogue))


_BROWSE = {
    "muscle": (vocabulary.MUSCLES, lambda ex: ex.muscles.primary),
    "equipment": (vocabulary.EQUIPMENT, lambda ex: ex.equipment),
}


def _index_by(
    catalogue: Catalogue, labels: dict[str, str], values: Callable[[Exercise], Iterable[str]]
) -> list[tuple[str, list[tuple[str, Exercise]]]]:
    index = []
    for value, label in labels.items():
        members = sorted(
            ((eid, ex) for eid, ex in catalogue.exercises.items() if value in values(ex)),
            key=lambda pair: pair[1].name.casefold(),
        )
        if members:
            index.append((label, members))
    return index


def render_routine_index(catalogue: Catalogue) -> str:
    return _render("routine_index.md.j2", ROUTINES_INDEX_URI, catalogue)


def render_references(catalogue: Catalogue) -> str:
    numbers = catalogue.source_numbers()
    ordered = sorted(catalogue.sources.items(), key=lambda pair: numbers[pair[0]])
    links = {sid: _source_links(source) for sid, source in ordered}
    return _render("references.md.j2", REFERENCES_URI, catalogue, ordered=ordered, numbers=numbers, links=links)


def _source_links(source: Source) -> Markup:
    return Markup(" · ".join(fields.markdown_link(label, href) for label, href in source.links()))


def render_glossary(catalogue: Catalogue) -> str:
    terms = sorted(catalogue.glossary.items(), key=lambda pair: pair[1].term.casefold())
    return _render("glossary.md.j2", GLOSSARY_URI, catalogue, terms=terms)


def _page_sources(catalogue: Catalogue, ids: Iterable[str]) -> list[tuple[int, str, Any]]:
    numbers = catalogue.source_numbers()
    unique = sorted(set(ids), key=numbers.__getitem__)
    return [(numbers[sid], sid, catalogue.sources[sid]) for sid in unique]


def _exercise_groups(catalogue: Catalogue) -> list[tuple[str, str, list[tuple[str, Exercise]]]]:
    """(kind, its heading, its exercises by level then name), for the kinds that have exercises."""
    level_order = list(vocabulary.LEVELS)
    groups = []
    for kind, label in vocabulary.KINDS.items():
        members = sorted(
            ((eid, ex) for eid, ex in catalogue.exercises.items() if ex.kind == kind),
            key=lambda pair: (level_order.index(pair[1].level), pair[1].name.casefold()),
        )
        if members:
            groups.append((kind, label, members))
    return groups


# -- fragments inserted into prose pages --------------------------------------------


def _insert_signs(kind: str) -> Callable[[Catalogue, str], str]:
    def render(catalogue: Catalogue, page_uri: str) -> str:
        signs = [(sid, s) for sid, s in catalogue.signs.items() if s.kind == kind]
        return _render("insert_signs.md.j2", page_uri, catalogue, signs=signs)

    return render


def _insert_self_tests(catalogue: Catalogue, page_uri: str) -> str:
    return _render("insert_self_tests.md.j2", page_uri, catalogue, tests=list(catalogue.self_tests.items()))


def red_flag_groups(
    catalogue: Catalogue, urgencies: Iterable[str] = vocabulary.URGENCIES
) -> list[tuple[str, str, list[tuple[str, RedFlag]]]]:
    """(urgency, label, [(id, flag)]) for each urgency that has flags, most urgent first."""
    groups = []
    for urgency in [u for u in vocabulary.URGENCIES if u in set(urgencies)]:
        flags = [(fid, f) for fid, f in catalogue.red_flags.items() if f.urgency == urgency]
        if flags:
            groups.append((urgency, vocabulary.URGENCIES[urgency], flags))
    return groups


URGENT_NOW = ("emergency", "same-day")
"""The red flags every routine page and handout lists by name in its screening box."""


def _insert_red_flags(catalogue: Catalogue, page_uri: str) -> str:
    return _render("insert_red_flags.md.j2", page_uri, catalogue, groups=red_flag_groups(catalogue))


def _insert_before_you_start(catalogue: Catalogue, page_uri: str) -> str:
    """The shared checks before starting a routine, for prose pages: the same list every routine opens with."""
    return _render(
        "insert_before_you_start.md.j2", page_uri, catalogue, rules=safety.view_for(catalogue.safety_rules, ())
    )


def _insert_pain_rules(catalogue: Catalogue, page_uri: str) -> str:
    """Every pain limit, for the clinician page: the same rules, from the same file, as every exercise."""
    return _render(
        "insert_pain_rules.md.j2", page_uri, catalogue, rules=safety.view_for(catalogue.safety_rules, vocabulary.KINDS)
    )


def _insert_routine_cards(catalogue: Catalogue, page_uri: str) -> str:
    return _render("insert_routine_cards.md.j2", page_uri, catalogue)


def _insert_exercise_cards(catalogue: Catalogue, page_uri: str) -> str:
    beginners = [(eid, ex) for eid, ex in catalogue.exercises.items() if ex.level == "beginner"][:6]
    return _render("insert_exercise_cards.md.j2", page_uri, catalogue, exercises=beginners)


INSERTS = {
    "weakness-signs": _insert_signs("weakness"),
    "tightness-signs": _insert_signs("tightness"),
    "symptoms": _insert_signs("symptom"),
    "self-tests": _insert_self_tests,
    "red-flags": _insert_red_flags,
    "pain-rules": _insert_pain_rules,
    "before-you-start": _insert_before_you_start,
    "routine-cards": _insert_routine_cards,
    "exercise-cards": _insert_exercise_cards,
}
"""Blocks a prose page can ask for with ``<!-- insert: NAME -->``."""


def prose_figure(svg: str) -> str:
    """A sanitised hand-drawn SVG (``svg_sanitise``), inlined to follow the page's colours, captioned with its title.

    The caption is the title's text, taken from the sanitised SVG (so already escaped) and
    escaped again as a whole for HTML after reading it back as plain text.
    """
    title = re.search(r"<title[^>]*>([^<]*)</title>", svg)
    caption = f"<figcaption>{html.escape(html.unescape(title.group(1)).strip())}</figcaption>\n" if title else ""
    return f'<figure class="hs-figure">\n{svg}\n{caption}</figure>'


# -- slots: HTML put into finished pages ---------------------------------------------

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
    return figures.figure_svg(f"f-{exercise_id}", catalogue.exercises[exercise_id])


def _fill_handout(catalogue: Catalogue, site: SiteInfo, page_uri: str, routine_id: str) -> str:
    items = _routine_items(catalogue, routine_id)
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


def _fill_exercise_cards(catalogue: Catalogue, site: SiteInfo, page_uri: str, kind: str) -> str:
    members = next(members for k, _, members in _exercise_groups(catalogue) if k == kind)
    cards = []
    for eid, ex in members:
        svg = figures.figure_svg(f"t-{eid}", ex, standalone=True)
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


def _fill_exercise_browse(catalogue: Catalogue, site: SiteInfo, page_uri: str, by: str) -> str:
    labels, values = _BROWSE[by]
    groups = [
        (label, [(ex.name, page_link(page_uri, exercise_uri(eid), site)) for eid, ex in members])
        for label, members in _index_by(catalogue, labels, values)
    ]
    return html_environment().get_template("exercise_browse.html.j2").render(groups=groups).strip("\n")


_SLOT_FILLERS = {
    "figure": _fill_figure,
    "handout": _fill_handout,
    "exercise-cards": _fill_exercise_cards,
    "exercise-browse": _fill_exercise_browse,
}


def glossary_abbreviations(catalogue: Catalogue) -> str:
    """Abbreviation definitions (Markdown ``*[term]: text``) that show every glossary term as a tooltip."""
    lines = []
    for entry in catalogue.glossary.values():
        definition = " ".join(entry.definition.split())
        for term in (entry.term, *entry.also_matches):
            lines.append(f"*[{term}]: {definition}")
    return "\n\n".join(lines)  # one block each: a single long block makes every block parser rescan it


def render_insert(name: str, catalogue: Catalogue, page_uri: str) -> str:
    return str(INSERTS[name](catalogue, page_uri)).strip("\n")
