"""The site's own stylesheets, joined into one file that every page links.

Part of the rendering stage, beside the pages generated from data: ``mkdocs.yml`` lists the site's
stylesheets one concern to a file (``extra_css``: the site's, the figures', the handouts', the body
map's, the exercise pages'), and the plugin's ``on_files`` hands MkDocs one file, ``BUNDLE``, joined
here from them in that order, and links only it. A page then waits for one stylesheet of ours
instead of five before its first paint: on Lighthouse's phone, with each request a round trip of a
slow connection, that was about 0.17 s of the home page's first paint
(``benchmarks/lighthouse-results.md``). The listed files are still copied as they are, so an
editor's link to one of them keeps working, but no page loads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

BUNDLE = "assets/stylesheets/hamstrings.css"
"""The one stylesheet of ours each page links, in the theme's stylesheet folder (so ``url()``s keep their base)."""


def one_stylesheet(extra_css: Iterable[str], find: Callable[[str], Any]) -> str:
    """The stylesheets ``mkdocs.yml`` lists (``extra_css``, less the bundle itself) as one, in order,
    each under a comment naming it.

    ``find`` gives a site file by its address (MkDocs' ``Files.get_file_from_path``: a file with
    ``content_string``), or None when the site has no such file: then ValueError names it, as it
    does a stylesheet using ``@import`` or ``@charset``, which work only at the top of a file.
    """
    parts = []
    for uri in extra_css:
        if uri == BUNDLE:  # a config that links the bundle already (a rebuild of the same config)
            continue
        file = find(uri)
        if file is None:
            raise ValueError(f"extra_css: {uri} is not a file of the site (theme_overrides/ or content/)")
        text = file.content_string
        if "@import" in text or "@charset" in text:
            raise ValueError(f"extra_css: {uri} uses @import or @charset, which work only at the top of a file")
        parts.append(f"/* {uri} */\n{text.strip()}\n")
    return "\n".join(parts)
