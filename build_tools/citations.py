"""Citations and the sources a page lists: one compact marker per citation, linked to the page's own list.

Part of the rendering stage. ``cite`` is the template filter ``cite`` (``jinja_env``) and the
expansion of ``[@id]``, ``[@a; @b]`` and adjacent ``[@a] [@b]`` in hand-written pages
(``prose.expand``): every citation becomes one marker, ``[3, 7]`` (or ``[5 sources]`` for more
than three), whose link goes to the entry ``#src-3`` in the page's own "Sources" list
(``templates/_sources.md.j2``) and whose accessible name says it in words ("Sources 3, 7").
``cite.js`` opens the entries in a popover in place; without JavaScript the link still leads to
the list. ``page_sources`` is that list's
content; ``source_links`` the links of one entry. Numbers come from ``Catalogue.source_numbers``
(first author, then year), so a source has the same number on every page and the references page.

``collecting`` records which sources the markers rendered inside it cite, so a hand-written page
(its citations and its inserts alike) gets a list of exactly what it cites.
"""

from __future__ import annotations

import contextlib
import contextvars
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from markupsafe import Markup, escape

from . import fields
from .catalogue import Catalogue
from .models import Source

ANCHOR_PREFIX = "src-"
"""A page's list entry for source number N has the id ``src-N``."""

_cited: contextvars.ContextVar[list[str] | None] = contextvars.ContextVar("cited", default=None)


@contextlib.contextmanager
def collecting() -> Iterator[list[str]]:
    """The ids every ``cite`` inside the block cites, in order of appearance (repeats kept)."""
    found: list[str] = []
    token = _cited.set(found)
    try:
        yield found
    finally:
        _cited.reset(token)


MOST_NUMBERS_SHOWN = 3
"""A marker shows up to this many numbers, "[3, 7, 9]"; for more it shows the count, "[5 sources]"."""


def compact(numbers: Sequence[int]) -> str:
    """What the marker shows (inside its brackets): ``3``, ``3, 7``, ``3, 7, 9``, or ``5 sources``."""
    unique = sorted(set(numbers))
    if len(unique) > MOST_NUMBERS_SHOWN:
        return f"{len(unique)} sources"
    return ", ".join(map(str, unique))


def spoken(numbers: Sequence[int]) -> str:
    """The marker's accessible name, which holds its visible text (WCAG 2.5.3): "Source 3",
    "Sources 3, 7", "5 sources: 3, 7, 9, 12, 15"."""
    unique = sorted(set(numbers))
    listed = ", ".join(map(str, unique))
    if len(unique) == 1:
        return f"Source {listed}"
    if len(unique) > MOST_NUMBERS_SHOWN:
        return f"{compact(unique)}: {listed}"
    return f"Sources {listed}"


def cite(catalogue: Catalogue, page_uri: str, source_ids: str | Iterable[str]) -> Markup:
    """One marker for a citation of one or more sources, linked to the first one's entry on this page.

    ``page_uri`` is kept for the filter's signature; the link is the page's own ``#src-N``. The
    marker is a plain link (text, an id-like fragment and digits only: nothing from a data file).
    """
    del page_uri
    ids = [source_ids] if isinstance(source_ids, str) else list(dict.fromkeys(source_ids))
    numbers = catalogue.source_numbers()
    cited = sorted({numbers[sid] for sid in ids})
    if (found := _cited.get()) is not None:
        found.extend(ids)
    label = compact(cited)
    return Markup(
        '<a class="hs-cite" href="#{anchor}" aria-label="{name}" data-hs-cite="{all}">\\[{label}\\]</a>'
    ).format(
        anchor=f"{ANCHOR_PREFIX}{cited[0]}",
        name=spoken(cited),
        all=" ".join(map(str, cited)),
        label=escape(label),
    )


def page_sources(catalogue: Catalogue, ids: Iterable[str]) -> list[tuple[int, str, Any]]:
    """(number, id, source) for each source a page cites, once each, in number order."""
    numbers = catalogue.source_numbers()
    unique = sorted(set(ids), key=numbers.__getitem__)
    return [(numbers[sid], sid, catalogue.sources[sid]) for sid in unique]


def source_links(source: Source) -> Markup:
    """A source's links (DOI, PubMed, its page) as Markdown, for the references page and page lists."""
    return Markup(" · ".join(fields.markdown_link(label, href) for label, href in source.links()))
