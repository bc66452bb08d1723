"""Citations and the sources a page lists: one compact marker per citation, linked to the page's own list.

Part of the rendering stage. ``cite`` is the template filter ``cite`` (``jinja_env``) and the
expansion of ``[@id]``, ``[@a; @b]`` and adjacent ``[@a] [@b]`` in hand-written pages
(``prose.expand``): every citation becomes one marker, ``[3, 7]`` or ``[3–5]``, whose link goes to
the entry ``#src-3`` in the page's own "Sources" list (``templates/_sources.md.j2``) and whose
accessible name says it in words ("Sources 3 and 7"). ``cite.js`` opens the entries in a popover
in place; without JavaScript the link still leads to the list. ``page_sources`` is that list's
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


def runs(numbers: Sequence[int]) -> list[tuple[int, int]]:
    """Sorted, distinct numbers as (first, last) runs of consecutive numbers: 1 3 4 5 -> (1, 1), (3, 5)."""
    result: list[tuple[int, int]] = []
    for number in sorted(set(numbers)):
        if result and number == result[-1][1] + 1:
            result[-1] = (result[-1][0], number)
        else:
            result.append((number, number))
    return result


def compact(numbers: Sequence[int]) -> str:
    """What the marker shows: ``3``, ``3, 7``, ``3–5`` (three or more in a row), ``1, 3–5``."""
    parts = []
    for first, last in runs(numbers):
        if last - first >= 2:
            parts.append(f"{first}\u2013{last}")
        else:
            parts.extend(str(n) for n in range(first, last + 1))
    return ", ".join(parts)


def spoken(numbers: Sequence[int]) -> str:
    """The marker's accessible name: "Source 3", "Sources 3 and 7", "Sources 1 and 3 to 5"."""
    parts = []
    for first, last in runs(numbers):
        if last - first >= 2:
            parts.append(f"{first} to {last}")
        else:
            parts.extend(str(n) for n in range(first, last + 1))
    if len(set(numbers)) == 1:
        return f"Source {parts[0]}"
    return "Sources " + (", ".join(parts[:-1]) + " and " + parts[-1] if len(parts) > 1 else parts[0])


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
