"""Show each glossary term's tooltip once per section, not at every use: a Python-Markdown extension.

Part of the rendering stage, for every page: the plugin adds the glossary as abbreviation
definitions (``inserts.glossary_abbreviations``), Python-Markdown's ``abbr`` extension wraps
every use of a term in ``<abbr title="definition">``, and this tree processor, which runs just
after it, keeps the first ``<abbr>`` of each definition in a section and turns the repeats back
into plain text. A section is the part of a page under an ``<h1>`` or ``<h2>``; each collapsible
block (``<details>``: a body-map entry, a page's source list) is a section of its own, because a
reader may open it without having read what comes before it, or not open it at all. An entry of
a page's own source list (``li.hs-source``, ``templates/_sources.md.j2``) gets no tooltips: it
names a work by its published title, the terms in it are marked where the page uses them, and
``cite.js`` shows copies of these entries in a popover.

Why: a reader needs a term explained where it first comes up, not at every use (the usual rule for
abbreviations, WCAG 1.0's checkpoint 4.2), and each mark is a tooltip the page carries: the home
page had 54 (now 23), most of them the same few terms again. ``glossary.js`` shows them, one
tooltip for the page (Material's own mounted one per element, with its listeners, as the page loaded).
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Markdown  # type: ignore[import-untyped]  # Python-Markdown ships no types
from markdown.extensions import Extension  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

SECTION_HEADINGS = frozenset({"h1", "h2"})
"""Headings that start a new section: a term is marked again at its first use after one."""
OWN_SECTIONS = frozenset({"details"})
"""Blocks whose content is a section of its own (nothing marked outside counts inside, and back)."""
UNMARKED_CLASS = "hs-source"
"""Elements with this class keep no tooltips: the entries of a page's source list."""
PRIORITY = 6
"""Just after Python-Markdown's ``abbr`` tree processor (7), before ``toc`` (5) and ``unescape`` (0)."""


def _unwrap(parent: etree.Element, index: int, child: etree.Element) -> None:
    """Replace ``child`` (at ``index`` in ``parent``) by its text, keeping the text after it."""
    text = (child.text or "") + (child.tail or "")
    if index == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[index - 1]
        before.tail = (before.tail or "") + text
    parent.remove(child)


def _is_unmarked(element: etree.Element) -> bool:
    return UNMARKED_CLASS in (element.get("class") or "").split()


def keep_first_marks(parent: etree.Element, seen: set[str], *, keep: bool = True) -> int:
    """Unwrap every ``<abbr>`` under ``parent`` whose title was already marked in its section; returns how many.

    With ``keep=False`` (inside a source-list entry) every ``<abbr>`` is unwrapped.
    """
    removed = 0
    index = 0
    while index < len(parent):
        child = parent[index]
        if child.tag in SECTION_HEADINGS:
            seen.clear()
        if child.tag == "abbr" and len(child) == 0:
            title = child.get("title", "")
            if not keep or title in seen:
                _unwrap(parent, index, child)
                removed += 1
                continue  # the next element moved into this place
            seen.add(title)
        elif child.tag in OWN_SECTIONS:
            removed += keep_first_marks(child, set(), keep=keep and not _is_unmarked(child))
        else:
            removed += keep_first_marks(child, seen, keep=keep and not _is_unmarked(child))
        index += 1
    return removed


class GlossaryMarksProcessor(Treeprocessor):  # type: ignore[misc]  # untyped base
    """Runs ``keep_first_marks`` over the whole page."""

    def run(self, root: etree.Element) -> None:
        keep_first_marks(root, set())


class GlossaryMarksExtension(Extension):  # type: ignore[misc]  # untyped base
    """``markdown_extensions: [build_tools.glossary_marks]`` in mkdocs.yml, after ``abbr``."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.treeprocessors.register(GlossaryMarksProcessor(md), "glossary_marks", PRIORITY)


def makeExtension(**kwargs: object) -> GlossaryMarksExtension:  # the name Python-Markdown looks for
    return GlossaryMarksExtension(**kwargs)
