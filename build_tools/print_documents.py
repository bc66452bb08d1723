"""The document a routine's handout PDFs print from: the handout alone, in the frame its page gives it.

Rendering stage, for the printer (``handout_pdfs``): in ``on_files``, before MkDocs builds any page,
the plugin hands over each routine's handout (its slot filled: ``slots``) and this frame, so the PDFs
print while the whole site is built. The frame is what the printed handout keeps of its Material page
once the print stylesheet has hidden the rest: the page's language, title and stylesheets, the body's
direction and colour scheme, and the elements the article sits in (``handout_document.html.j2``). It
is made from the same settings as the page. ``tests/test_handouts.py`` prints routines from their
built pages and compares the PDFs with those the build printed from these documents, byte for byte,
so a Material release that changes what a page is made of fails the suite instead of the handouts.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .catalogue import Catalogue
from .handout import html_environment
from .slots import slot
from .urls import SiteInfo, routine_uri

THEME_STYLESHEETS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
"""The two stylesheets every Material page links first, in this order (the palette's only with a palette)."""


@dataclass(frozen=True)
class Frame:
    """What a printed handout keeps of its page."""

    language: str
    direction: str
    site_name: str
    stylesheets: tuple[Path, ...]
    """The files of the stylesheets the page links, in its order (the printer adds the site's own)."""
    colours: tuple[str, str, str] | None
    """The first palette's scheme, primary and accent colours; None without a palette."""
    fonts: tuple[str, str] | None
    """The text and code fonts; None with ``font: false``."""


def frame_for(theme: Mapping[str, Any], site_name: str, files: Iterable[tuple[str, str | None]]) -> Frame:
    """The frame of a routine page built with ``theme`` (mkdocs.yml's, as Material reads it); its
    stylesheets are the theme's, found in the site's ``files`` (address, file), before the site's own.
    Raises ``ValueError`` when the theme's stylesheets are not where Material's pages link them."""
    palette = theme.get("palette") or None
    if palette is not None and not isinstance(palette, Mapping):
        palette = palette[0]
    patterns = THEME_STYLESHEETS if palette is not None else THEME_STYLESHEETS[:1]
    sheets: list[Path] = []
    files = list(files)
    for pattern in patterns:
        found = sorted(path for uri, path in files if path and fnmatch.fnmatch(uri, pattern))
        if len(found) != 1:
            raise ValueError(
                f"the theme has {len(found)} stylesheets matching {pattern}, where Material's pages link one: "
                "the print documents (build_tools/print_documents.py) must follow the theme's new layout"
            )
        sheets.append(Path(found[0]))
    font = theme.get("font")
    colours = None
    if palette is not None:  # Material's defaults, with spaces as hyphens ("deep purple": deep-purple)
        scheme, primary, accent = (
            str(palette.get(key) or default).replace(" ", "-")
            for key, default in (("scheme", "default"), ("primary", "indigo"), ("accent", "indigo"))
        )
        colours = (scheme, primary, accent)
    return Frame(
        language=str(theme.get("language") or "en"),
        direction=str(theme.get("direction") or "ltr"),
        site_name=site_name,
        stylesheets=tuple(sheets),
        colours=colours,
        fonts=(str(font.get("text") or "Roboto"), str(font.get("code") or "Roboto Mono")) if font else None,
    )


@dataclass(frozen=True)
class Handout:
    """A routine's handout as its page shows it: the page's title, and the handout's HTML (its filled slot)."""

    page_title: str
    html: str


def handouts(
    catalogue: Catalogue, site: SiteInfo, fill: Callable[[str, str, Catalogue, SiteInfo], str]
) -> dict[str, Handout]:
    """Every routine's handout, each filled by ``fill(marker, page, catalogue, site)`` as its page's slot
    is (the plugin's fill keeps the HTML, so the page reuses it)."""
    return {
        rid: Handout(routine.name, fill(str(slot("handout", rid)), routine_uri(rid), catalogue, site))
        for rid, routine in catalogue.routines.items()
    }


def print_document(frame: Frame, page_title: str, handout_html: str, own_stylesheets: Sequence[str] = ()) -> str:
    """The HTML a routine's handout prints from: ``handout_html`` (its filled slot) in ``frame``, titled
    as Material titles the routine's page (``page_title``, then the site's name), linking the frame's
    stylesheets and then ``own_stylesheets`` (addresses relative to the document, so it reads the same
    wherever it is written: the PDF cache knows it by its bytes)."""
    return (
        html_environment()
        .get_template("handout_document.html.j2")
        .render(
            frame=frame,
            title=f"{page_title} - {frame.site_name}",
            stylesheets=[path.resolve().as_uri() for path in frame.stylesheets] + list(own_stylesheets),
            handout=handout_html,
        )
    )
