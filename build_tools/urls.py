"""Every page's address, the site it belongs to, and the paper sizes: written once, used by all.

Beside the renderers: ``render`` (Markdown links between pages), ``handout`` (the printed
address and QR code), ``export`` (the browser's data file) and the plugin (where the PDFs
go) all ask this module, so a page's address is worked out in one place and always honours
MkDocs' ``use_directory_urls``. Nothing here imports MkDocs.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

REFERENCES_URI = "references.md"
EXERCISES_INDEX_URI = "exercises/index.md"
ROUTINES_INDEX_URI = "routines/index.md"
CLINICIAN_URI = "see-a-clinician.md"
GLOSSARY_URI = "glossary.md"
EXPORT_URI = "assets/data/catalogue.json"

PAPERS: dict[str, str] = {"a4": "A4", "letter": "Letter"}
"""Paper key -> the name Chromium prints it by. Every routine's handout is printed on each."""

PRINT_SIZES: dict[str, str] = {"standard": "", "large": "large print"}
"""Print size key -> how a link or a PDF's title names it. Every routine's handout is printed in each,
on each paper: the standard one on one sheet, the large print one on as many pages as it needs."""


@dataclass(frozen=True)
class SiteInfo:
    """What a page needs to know about the site it is part of."""

    name: str = "Hamstrings and knee pain"
    url: str | None = None
    """The public address (``site_url``); None when none is configured: nothing then prints or encodes one."""
    pdfs: bool = False
    """Whether the build writes handout PDFs (so the routine page can link to them)."""
    directory_urls: bool = True
    """MkDocs' ``use_directory_urls``: HTML links go to ``page/`` rather than ``page.html``."""

    def public_url(self, src_uri: str) -> str | None:
        """The absolute address of the page built from ``src_uri``, or None without a public address."""
        if not self.url:
            return None
        return self.url.rstrip("/") + "/" + page_url(src_uri, self.directory_urls)


def exercise_uri(exercise_id: str) -> str:
    return f"exercises/{exercise_id}.md"


def thumbnail_uri(exercise_id: str) -> str:
    return f"assets/figures/{exercise_id}.svg"


def routine_uri(routine_id: str) -> str:
    return f"routines/{routine_id}.md"


def handout_pdf_uri(routine_id: str, paper: str, size: str = "standard") -> str:
    """Where a routine's handout PDF goes: ``routines/ID-a4.pdf``, ``routines/ID-a4-large-print.pdf``."""
    if size not in PRINT_SIZES:
        raise KeyError(size)
    return f"routines/{routine_id}-{paper}{'-large-print' if size == 'large' else ''}.pdf"


def handout_pdf_uris(routine_id: str) -> dict[tuple[str, str], str]:
    """Every handout PDF of a routine: (paper, print size) -> its address."""
    return {(paper, size): handout_pdf_uri(routine_id, paper, size) for size in PRINT_SIZES for paper in PAPERS}


def page_url(src_uri: str, directory_urls: bool) -> str:
    """Where MkDocs writes the page built from ``src_uri``, relative to the site's root."""
    stem = src_uri.removesuffix(".md")
    if stem == "index" or stem.endswith("/index"):
        return stem.removesuffix("index")
    return f"{stem}/" if directory_urls else f"{stem}.html"


def relative(from_uri: str, to_uri: str) -> str:
    """Relative link between two source files (``exercises/a.md`` -> ``../references.md``), for Markdown."""
    anchor = ""
    if "#" in to_uri:
        to_uri, anchor = to_uri.split("#", 1)
        anchor = "#" + anchor
    return _relative_path(to_uri, posixpath.dirname(from_uri) or ".") + anchor


def _relative_path(to_uri: str, from_dir: str) -> str:
    """``posixpath.relpath`` for two clean paths inside the site, without its ``getcwd()`` call (6x faster:
    every link on every page asks); any other path goes to ``relpath`` itself."""
    to_parts = to_uri.split("/")
    from_parts = [] if from_dir == "." else from_dir.split("/")
    if not (_UNCLEAN.isdisjoint(to_parts) and _UNCLEAN.isdisjoint(from_parts)):
        return posixpath.relpath(to_uri, from_dir)
    common = 0
    for a, b in zip(to_parts, from_parts, strict=False):
        if a != b:
            break
        common += 1
    return "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."


_UNCLEAN = frozenset({"", ".", ".."})


def page_link(from_uri: str, to_uri: str, site: SiteInfo) -> str:
    """The relative address of a page as MkDocs writes it (``x/`` or ``x.html``), for links in HTML."""
    return _relative_url(page_url(from_uri, site.directory_urls), page_url(to_uri, site.directory_urls))


def _relative_url(from_url: str, to_url: str) -> str:
    base = from_url.rsplit("/", 1)[0] if "/" in from_url else "."
    target = posixpath.relpath(to_url or ".", base or ".")
    if to_url.endswith("/") or not to_url:
        target = "./" if target == "." else target + "/"
    return target
