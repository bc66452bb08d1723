"""Whole pages: turn the Catalogue into the Markdown pages generated from data.

Third stage of the flow: Catalogue -> (this module, Jinja2 templates in ``templates/``)
-> ``{src_uri: markdown}`` handed to MkDocs by the plugin (``incremental.PageRenderer``
renders only the pages an edit changes). Nothing here reads files other than templates,
writes files, or imports MkDocs, so every page can be rendered and tested on its own.

The rest of the rendering stage, one job each: ``jinja_env`` (the environment and its
filters), ``citations`` (numbered citations, a page's sources), ``views`` (what a page shows,
gathered from the catalogue), ``inserts`` (blocks in hand-written pages, glossary tooltips),
``slots`` (large HTML put into finished pages: figures, handouts, cards), ``handout`` (the
printable handout), ``figures`` (the drawings) and ``export`` (the browser's data file).
``cite``, ``slot`` and ``fill_slots`` are importable from here too, as the tests use them.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable

from . import dose, export, figures, safety, views
from .catalogue import Catalogue
from .citations import cite, page_sources, source_links
from .jinja_env import render_template
from .models import Routine
from .slots import fill_slots, slot
from .urls import (
    EXERCISES_INDEX_URI,
    EXPORT_URI,
    GLOSSARY_URI,
    REFERENCES_URI,
    ROUTINES_INDEX_URI,
    SiteInfo,
    exercise_uri,
    handout_pdf_uris,
    routine_uri,
    thumbnail_uri,
)
from .views import URGENT_NOW, exercise_groups, red_flag_groups, routine_items, routine_safety

__all__ = [
    "cite",
    "fill_slots",
    "render_catalogue_pages",
    "render_exercise",
    "render_exercise_index",
    "render_exercise_pages",
    "render_glossary",
    "render_pages",
    "render_references",
    "render_routine",
    "render_routine_index",
    "render_routine_pages",
    "slot",
]


def render_pages(catalogue: Catalogue, site: SiteInfo = SiteInfo()) -> dict[str, str]:
    """Every page generated from data: src_uri -> Markdown (front matter included), plus figure files.

    In the order MkDocs builds them: the routine pages before the exercise pages, so that their
    handouts print while MkDocs builds the rest (``handout_pdfs``)."""
    pages = render_catalogue_pages(catalogue, site)
    pages.update(render_routine_pages(catalogue, catalogue.routines, site))
    pages.update(render_exercise_pages(catalogue, catalogue.exercises))
    return pages


def render_catalogue_pages(
    catalogue: Catalogue, site: SiteInfo = SiteInfo(), skip: Collection[str] = ()
) -> dict[str, str]:
    """The pages drawn from the whole catalogue: the indexes, references, glossary and the data file
    (but those in ``skip``, which the caller keeps: ``incremental``)."""
    makers: dict[str, Callable[[], str]] = {
        EXERCISES_INDEX_URI: lambda: render_exercise_index(catalogue),
        ROUTINES_INDEX_URI: lambda: render_routine_index(catalogue),
        REFERENCES_URI: lambda: render_references(catalogue),
        GLOSSARY_URI: lambda: render_glossary(catalogue),
        EXPORT_URI: lambda: export.catalogue_json(catalogue, site),
    }
    return {uri: make() for uri, make in makers.items() if uri not in skip}


def render_exercise_pages(catalogue: Catalogue, exercise_ids: Iterable[str]) -> dict[str, str]:
    """Each exercise's page and its thumbnail file."""
    pages = {}
    routines_using = views.routines_using(catalogue)
    for eid in exercise_ids:
        pages[exercise_uri(eid)] = render_exercise(catalogue, eid, routines_using)
        pages[thumbnail_uri(eid)] = figures.figure_svg(
            f"t-{eid}", catalogue.exercises[eid], standalone=True, drawings=catalogue.drawings
        )
    return pages


def render_routine_pages(
    catalogue: Catalogue, routine_ids: Iterable[str], site: SiteInfo = SiteInfo()
) -> dict[str, str]:
    return {routine_uri(rid): render_routine(catalogue, rid, site) for rid in routine_ids}


def render_exercise(
    catalogue: Catalogue, exercise_id: str, routines_using: dict[str, list[tuple[str, Routine]]] | None = None
) -> str:
    exercise = catalogue.exercises[exercise_id]
    used_in = (routines_using if routines_using is not None else views.routines_using(catalogue)).get(exercise_id, [])
    signs = [(sid, catalogue.signs[sid]) for sid in exercise.helps_with]
    rules = safety.view_for(catalogue.safety_rules, [exercise.kind])
    return render_template(
        "exercise.md.j2",
        exercise_uri(exercise_id),
        catalogue,
        id=exercise_id,
        ex=exercise,
        used_in=used_in,
        signs=signs,
        rules=rules,
        sources=page_sources(catalogue, [*exercise.sources, *exercise.dose.sources, *rules.source_ids()]),
        source_path=catalogue.paths[("exercises", exercise_id)],
    )


def render_routine(catalogue: Catalogue, routine_id: str, site: SiteInfo = SiteInfo()) -> str:
    routine = catalogue.routines[routine_id]
    items = routine_items(catalogue, routine_id)
    warnings = [(fid, catalogue.red_flags[fid]) for fid in routine.red_flags]
    all_sources = [*routine.sources, *routine.schedule_sources, *(s for _, flag in warnings for s in flag.sources)]
    for entry in items:
        all_sources.extend(entry["dose"].sources)
    minutes = dose.session_minutes([entry["dose"] for entry in items])
    rules = routine_safety(catalogue, routine_id)
    all_sources.extend(rules.source_ids(before=True))
    return render_template(
        "routine.md.j2",
        routine_uri(routine_id),
        catalogue,
        id=routine_id,
        routine=routine,
        items=items,
        sources=page_sources(catalogue, all_sources),
        rules=rules,
        warnings=warnings,
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


def render_exercise_index(catalogue: Catalogue) -> str:
    """The Exercises page: headings in Markdown, cards and lists in slots (``slots._fill_exercise_cards``...)."""
    return render_template("exercise_index.md.j2", EXERCISES_INDEX_URI, catalogue, groups=exercise_groups(catalogue))


def render_routine_index(catalogue: Catalogue) -> str:
    return render_template("routine_index.md.j2", ROUTINES_INDEX_URI, catalogue)


def render_references(catalogue: Catalogue) -> str:
    numbers = catalogue.source_numbers()
    ordered = sorted(catalogue.sources.items(), key=lambda pair: numbers[pair[0]])
    links = {sid: source_links(source) for sid, source in ordered}
    return render_template("references.md.j2", REFERENCES_URI, catalogue, ordered=ordered, numbers=numbers, links=links)


def render_glossary(catalogue: Catalogue) -> str:
    terms = sorted(catalogue.glossary.items(), key=lambda pair: pair[1].term.casefold())
    sources = page_sources(catalogue, [sid for _, entry in terms for sid in entry.sources])
    return render_template("glossary.md.j2", GLOSSARY_URI, catalogue, terms=terms, sources=sources)
