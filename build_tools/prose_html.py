"""Raw HTML in hand-written pages: refuse what could run script, load a page or pose as a slot.

Part of the checking stage: ``prose.check_page`` calls ``check`` on every page in
``content/`` before any build, so ``make check`` and the build refuse the same things at
``path:line:col``. The page is read with Python's own HTML tokenizer (``html.parser``),
the way a browser would split it into tags, so spacing, case, entities (``jav&#x61;script:``)
and odd quoting do not hide anything. Markdown link destinations (``[x](javascript:...)``
and reference definitions) are checked as well, since Python-Markdown writes them as they are.

Refused: ``<script>``, ``<iframe>``, ``<frame>``, ``<object>``, ``<embed>``, ``<applet>``,
``<base>``, ``<form>``, ``<meta http-equiv>``, any ``on*`` attribute, ``srcdoc``, a
``javascript:``/``vbscript:``/``data:`` address in any attribute, and any
``<!-- hs-slot: ... -->`` comment (only the build writes those; see ``slots.slot``).
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

FORBIDDEN_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form"}
_SCHEME = re.compile(r"(?:java|vb)script:|data:", re.IGNORECASE)
_IGNORED_IN_URLS = re.compile(r"[\x00-\x20\x7f]")
"""Browsers drop these from an address before reading its scheme (``java\\tscript:`` is ``javascript:``)."""
_MARKDOWN_LINK = re.compile(r"\]\(\s*<?(?P<url>[^\s)>]*)|^[ ]{0,3}\[[^\]]+\]:\s*<?(?P<ref>\S+)", re.MULTILINE)


def _dangerous_address(value: str) -> bool:
    return _SCHEME.match(_IGNORED_IN_URLS.sub("", value)) is not None


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, int, str]] = []

    def _at(self, message: str) -> None:
        line, offset = self.getpos()
        self.found.append((line, offset + 1, message))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in FORBIDDEN_TAGS:
            self._at(f"<{tag}> is not allowed in a page")
        if tag == "meta" and any(name == "http-equiv" for name, _ in attrs):
            self._at("<meta http-equiv> is not allowed in a page")
        for name, value in attrs:
            if name.startswith("on"):
                self._at(f"event attribute '{name}' on <{tag}> is not allowed")
            elif name == "srcdoc":
                self._at(f"'srcdoc' on <{tag}> is not allowed")
            elif value and _dangerous_address(value):
                self._at(f"<{tag} {name}> must not be a javascript:, vbscript: or data: address")

    handle_startendtag = handle_starttag

    def handle_comment(self, data: str) -> None:
        if "hs-slot" in data:
            self._at("'<!-- hs-slot: ... -->' markers are written by the build only; remove it")


def check(markdown: str) -> list[tuple[int, int, str]]:
    """(line, column, message) for everything not allowed in the page's HTML and link addresses."""
    checker = _Checker()
    checker.feed(markdown)
    checker.close()
    found = checker.found
    for match in _MARKDOWN_LINK.finditer(markdown):
        url = match["url"] if match["url"] is not None else match["ref"]
        if url and _dangerous_address(html.unescape(url)):
            start = match.start("url") if match["url"] is not None else match.start("ref")
            line = markdown.count("\n", 0, start) + 1
            col = start - (markdown.rfind("\n", 0, start) + 1) + 1
            found.append((line, col, "a link must not be a javascript:, vbscript: or data: address"))
    return sorted(found)
