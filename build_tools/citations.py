"""Citations and the sources a page lists: numbered links to the references page.

Part of the rendering stage. ``cite`` is the template filter ``cite`` (``jinja_env``) and the
expansion of ``[@id]`` in hand-written pages (``prose.expand``); ``page_sources`` is the list
at the foot of an exercise or routine page; ``source_links`` the links of one entry on the
references page. Numbers come from ``Catalogue.source_numbers`` (first author, then year), so a
source has the same number everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import Markup

from . import fields, text
from .catalogue import Catalogue
from .models import Source
from .urls import REFERENCES_URI, relative


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


def page_sources(catalogue: Catalogue, ids: Iterable[str]) -> list[tuple[int, str, Any]]:
    """(number, id, source) for each source a page cites, once each, in number order."""
    numbers = catalogue.source_numbers()
    unique = sorted(set(ids), key=numbers.__getitem__)
    return [(numbers[sid], sid, catalogue.sources[sid]) for sid in unique]


def source_links(source: Source) -> Markup:
    """A source's links (DOI, PubMed, its page) as Markdown, for the references page."""
    return Markup(" · ".join(fields.markdown_link(label, href) for label, href in source.links()))
