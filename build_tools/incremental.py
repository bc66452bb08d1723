"""Render again only the pages an edit can change: for fast rebuilds under ``mkdocs serve``.

Beside the renderers: the plugin hands each rebuild's ``Catalogue`` to ``PageRenderer``,
which compares it with the previous one record by record and calls the pure functions in
``render`` for the pages that may differ; every other page keeps its previous Markdown.

Which pages may differ is worked out from the ids in the data, knowing one thing of the templates
(``SHOWN_TWO_AWAY``). A page is drawn from
its own record, from the records it names (an id anywhere in its data) and the records
those name in turn (a routine shows its exercises' doses, and their sources), and from the
records that name it (an exercise lists the routines that use it). So for every changed
record the renderer re-renders the pages of

* the record itself,
* every record its old or new version names,
* every record that names it, and, for a source, every record that names one of those
  (``SHOWN_TWO_AWAY``: a routine lists its exercises' dose sources),

plus the pages drawn from the whole catalogue (indexes, references, glossary, the data
file; the references and the glossary only when the sources or the glossary changed, ``DRAWN_FROM``).
A change to a source the shared safety rules cite renders every exercise and routine page,
since each lists the sources of the rules it shows; a change to a red flag renders every routine
page, since each lists the urgent ones by name. Anything wider (a record added or removed, the sources renumbered, the site's
name or address, the templates) renders every page. A test edits records at random
and checks the result is always exactly what a full render gives.
"""

from __future__ import annotations

from collections.abc import Collection, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import render
from .catalogue import Catalogue
from .urls import GLOSSARY_URI, REFERENCES_URI, SiteInfo

COLLECTIONS = ("exercises", "routines", "signs", "self_tests", "red_flags", "sources", "glossary")
SHOWN_TWO_AWAY = ("sources",)
"""What a page shows of a record it reaches through another: a routine lists its exercises' dose sources
and its red flags' sources. Of any other record a page shows only what it names or what names it."""
DRAWN_FROM = {REFERENCES_URI: ("sources",), GLOSSARY_URI: ("glossary", "sources")}
"""Pages drawn from the whole catalogue that read only these collections: kept while they are the same."""
TEMPLATES = Path(__file__).parent / "templates"


@dataclass
class RenderResult:
    pages: dict[str, str]
    full: bool
    """True when every page was rendered."""


class PageRenderer:
    """Keeps the last catalogue and its pages between rebuilds."""

    def __init__(self) -> None:
        self._catalogue: Catalogue | None = None
        self._site: SiteInfo | None = None
        self._templates: tuple[tuple[str, int], ...] = ()
        self._pages: dict[str, str] = {}
        self._mentions: dict[tuple[str, str], frozenset[str]] = {}

    def render(self, catalogue: Catalogue, site: SiteInfo) -> RenderResult:
        templates = template_stamps()
        previous = self._catalogue
        changed = None if previous is None else _changed_records(previous, catalogue)
        full = (
            previous is None
            or changed is None
            or site != self._site
            or templates != self._templates
            or previous.source_numbers() != catalogue.source_numbers()
        )
        if full:
            pages = render.render_pages(catalogue, site)
            mentions = {key: _mentions(record) for key, record in _records(catalogue)}
        else:
            assert changed is not None
            # Same records as last time (else the render is full): only the changed ones are read again.
            mentions = {
                key: _mentions(record) if key in changed else self._mentions[key] for key, record in _records(catalogue)
            }
            changed_ids = _ids(changed)
            names: set[str] = set(changed_ids)
            for key in changed:
                names |= mentions[key] | self._mentions[key]
            naming = {key[1] for key, found in mentions.items() if found & changed_ids}  # name a changed record
            deep = {key[1] for key, found in mentions.items() if found & _ids(changed, SHOWN_TWO_AWAY)}
            naming |= {key[1] for key, found in mentions.items() if found & deep}  # name a record that names a source
            affected = names | naming
            exercises = [eid for eid in catalogue.exercises if eid in affected]
            routines = [rid for rid in catalogue.routines if rid in affected]
            if any(name == "red_flags" for name, _ in changed):  # every routine page lists the urgent ones
                routines = list(catalogue.routines)
            if catalogue.safety is not None and changed_ids & _mentions(catalogue.safety):
                # A source of the shared safety rules: every exercise and routine page lists it.
                exercises, routines = list(catalogue.exercises), list(catalogue.routines)
            same = {
                uri
                for uri, names in DRAWN_FROM.items()
                if all(getattr(previous, n) == getattr(catalogue, n) for n in names)
            }
            fresh = render.render_catalogue_pages(catalogue, site, skip=same)
            fresh.update(render.render_exercise_pages(catalogue, exercises))
            fresh.update(render.render_routine_pages(catalogue, routines, site))
            pages = {uri: fresh.get(uri, content) for uri, content in self._pages.items()}
        self._catalogue, self._site, self._templates = catalogue, site, templates
        self._pages, self._mentions = pages, mentions
        return RenderResult(pages, full)


def _records(catalogue: Catalogue) -> Iterator[tuple[tuple[str, str], Any]]:
    for name in COLLECTIONS:
        for rid, record in getattr(catalogue, name).items():
            yield (name, rid), record


def _ids(keys: set[tuple[str, str]], collections: Collection[str] = COLLECTIONS) -> set[str]:
    return {rid for name, rid in keys if name in collections}


def _changed_records(old: Catalogue, new: Catalogue) -> set[tuple[str, str]] | None:
    """The records whose data differ, or None when a record was added or removed."""
    changed: set[tuple[str, str]] = set()
    for name in COLLECTIONS:
        before, after = getattr(old, name), getattr(new, name)
        if before.keys() != after.keys():
            return None
        changed.update((name, rid) for rid, record in after.items() if record != before[rid])
    if old.paths != new.paths or old.prose_figures != new.prose_figures or old.safety != new.safety:
        return None  # the shared safety rules are on nearly every page: render them all
    return changed


def _mentions(record: Any) -> frozenset[str]:
    """Every string anywhere in the record's data: any id it names is among them."""
    found: set[str] = set()
    stack: list[Any] = [record.model_dump()]
    while stack:
        value = stack.pop()
        if isinstance(value, str):
            found.add(value)
        elif isinstance(value, dict):
            stack.extend(value.values())
        elif isinstance(value, (list, tuple)):
            stack.extend(value)
    return frozenset(found)


def template_stamps() -> tuple[tuple[str, int], ...]:
    """Templates can be edited while ``mkdocs serve`` runs (Jinja reloads them): any change renders all."""
    return tuple(sorted((p.name, p.stat().st_mtime_ns) for p in TEMPLATES.iterdir()))
