"""The Jinja environment the Markdown pages are rendered with, and its filters.

Part of the rendering stage: ``render`` (whole pages) and ``inserts`` (blocks in hand-written
pages) render their templates (``templates/*.md.j2``) through ``render_template``. Jinja runs
with ``StrictUndefined`` (a typo in a template is an error, not an empty string) and escapes
every printed value for Markdown unless it is ``Markup`` (already-built links and citations).
HTML fragments have their own, autoescaping environment (``handout.html_environment``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined, pass_context
from jinja2.runtime import Context
from markupsafe import Markup

from . import dose, figures, safety, text, vocabulary
from .catalogue import Catalogue
from .citations import cite, source_links
from .slots import slot
from .urls import (
    CLINICIAN_URI,
    EXERCISES_INDEX_URI,
    REFERENCES_URI,
    ROUTINES_INDEX_URI,
    exercise_uri,
    relative,
    routine_uri,
)


@cache  # the environment is set up once; Jinja reloads a template whose file changed
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
        source_links=source_links,
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


def render_template(template: str, page_uri: str, catalogue: Catalogue, **values: Any) -> str:
    """A Markdown template rendered for the page ``page_uri`` (links and citations are relative to it)."""
    return environment().get_template(template).render(page_uri=page_uri, catalogue=catalogue, **values)


def _figure(exercise_id: str, catalogue: Catalogue, moving: bool = False) -> Markup:
    """The exercise's figure, inlined (by ``fill_slots``) so it follows the page's palette.

    ``moving``: with the animated demonstration (the exercise's own page; a routine lists many
    exercises and keeps to the stills)."""
    caption = text.escape_markdown(figures.legend(catalogue.exercises[exercise_id]))
    kind = "moving-figure" if moving else "figure"
    return Markup(
        f'<figure class="hs-figure">\n{slot(kind, exercise_id)}\n<figcaption>{caption}</figcaption>\n</figure>'
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
