"""A Content-Security-Policy for each finished page, computed from its own HTML.

Last step of a page's rendering: the plugin's ``on_post_page`` (after ``slots.fill_slots``)
hands the finished HTML to ``add_policy``, which puts two ``<meta>`` tags at the top of
``<head>`` (before any script or style, as a policy in a meta tag covers only what follows it):

* ``Content-Security-Policy``: only the site's own origin (``'self'``), plus the sha256 hash
  of every inline ``<script>`` (Material inlines its ``__config`` JSON and three small
  scripts) and of every ``<style>`` (the hand-drawn figures carry one). A ``style=""``
  attribute (a figure's root element) is allowed by its hash with ``'unsafe-hashes'``, only
  on pages that have one. Nothing else inline runs or applies: no ``'unsafe-inline'``.
* ``referrer``: ``strict-origin-when-cross-origin``.

Under ``mkdocs serve`` MkDocs adds its live-reload script inline to every response, with a
new request id each time, so no hash can allow it: there ``live_reload=True`` allows inline
scripts (``'unsafe-inline'`` instead of the hashes) and keeps everything else.

``frame-ancestors`` (and ``report-to``, ``sandbox``) are ignored in a meta tag; the README's
Deploying section lists the headers the host should send instead.

Pure: no MkDocs, so it is tested on its own (``tests/test_csp.py``) and the browser test
checks that the real site raises no violation.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

REFERRER = "strict-origin-when-cross-origin"

BASE_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    # Material's stylesheet draws its icons from data: SVG images (masks and backgrounds).
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],  # the search index, the catalogue JSON
    "worker-src": ["'self'"],  # Material's search worker
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}
"""The policy every page gets; ``policy`` adds each page's inline hashes."""


def sha256_source(text: str) -> str:
    """``'sha256-...'`` of ``text`` as a browser hashes an inline element: its UTF-8 bytes, exactly
    (after the parser's one change to the text: CRLF and CR become LF)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@dataclass
class Inline:
    """What a page has inline: the text of each script, style element and style attribute."""

    scripts: list[str] = field(default_factory=list)
    styles: list[str] = field(default_factory=list)
    style_attributes: list[str] = field(default_factory=list)


class _Finder(HTMLParser):
    """Collects inline scripts and styles as a browser's parser sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.found = Inline()
        self._open: str | None = None  # "script" or "style" while inside one
        self._svg_depth = 0
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "style" and value is not None:
                self.found.style_attributes.append(value)
        if tag == "svg":
            self._svg_depth += 1
        if tag == "script" and not any(name == "src" for name, _ in attrs):
            self._open, self._text = "script", []
        elif tag == "style":
            self._open, self._text = "style", []

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "style" and value is not None:
                self.found.style_attributes.append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg" and self._svg_depth:
            self._svg_depth -= 1
        if self._open is not None and tag == self._open:
            text = "".join(self._text)
            if tag == "script":
                self.found.scripts.append(text)
            else:
                # Inside <svg> a <style> is parsed as ordinary text, so its character references are decoded.
                self.found.styles.append(html.unescape(text) if self._svg_depth else text)
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._text.append(data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(f"&{name};")

    def handle_charref(self, name: str) -> None:
        self.handle_data(f"&#{name};")


_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_STYLE_ATTRIBUTE = re.compile(rb"style\s*=")  # a literal first: a fast scan (the byte before is checked)
_BEFORE_ATTRIBUTE = frozenset(b" \t\n\r\f/\"'")
_TAG_NAME = re.compile(rb"<[a-z][^\s/>]*")
_ATTRIBUTE = re.compile(rb"""[\s/]*([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?""")


def find_inline(page: str) -> Inline:
    """The page's inline scripts and styles.

    A page with a ``<style>`` element (a hand-drawn figure's) is read whole by the HTML parser,
    which knows that inside ``<svg>`` a style's character references are decoded. Every other page
    (most of them, and all routine pages, whose handout figures carry a ``style=""``) takes a fast
    path that reads what a browser would: a script's text is raw up to ``</script``, and a style
    attribute is read from the tag it stands in. The search runs over the page's UTF-8 bytes
    lowered in ASCII only (``bytes.lower``), so positions stay those of the page; whatever it
    could miss (markup this project does not write) would only leave a style unhashed, which the
    browser then refuses, and ``tests/test_csp.py`` checks both paths agree on every built page.
    """
    data = page.encode("utf-8")
    lowered = data.lower()
    if b"<style" in lowered:
        finder = _Finder()
        finder.feed(page)
        finder.close()
        return finder.found
    scripts = [m.group(2) for m in _SCRIPT.finditer(page) if not _SRC.search(m.group(1))]
    return Inline(scripts=scripts, style_attributes=_style_attributes(data, lowered))


def _style_attributes(data: bytes, lowered: bytes) -> list[str]:
    """The value of every ``style=""`` in ``data``, decoded as the HTML parser decodes it."""
    found: list[str] = []
    seen_up_to = 0
    for hit in _STYLE_ATTRIBUTE.finditer(lowered):
        if hit.start() < seen_up_to or not hit.start() or lowered[hit.start() - 1] not in _BEFORE_ATTRIBUTE:
            continue
        tag = _TAG_NAME.match(lowered, lowered.rfind(b"<", 0, hit.start()))
        if tag is None:
            continue
        at = tag.end()
        while (attribute := _ATTRIBUTE.match(lowered, at)) is not None and attribute.end() > at:
            at = attribute.end()
            if attribute.group(1) != b"style":
                continue
            for group in (2, 3, 4):  # double-quoted, single-quoted, unquoted
                if attribute.start(group) != -1:
                    found.append(html.unescape(data[attribute.start(group) : attribute.end(group)].decode("utf-8")))
                    break
        seen_up_to = at
    return found


def policy(page: str, *, live_reload: bool = False) -> str:
    """The Content-Security-Policy for ``page``: the base directives plus its inline hashes."""
    inline = find_inline(page)
    directives = {name: list(sources) for name, sources in BASE_DIRECTIVES.items()}
    if live_reload:
        directives["script-src"].append("'unsafe-inline'")
    else:
        directives["script-src"] += _unique(sha256_source(text) for text in inline.scripts)
    directives["style-src"] += _unique(sha256_source(text) for text in inline.styles)
    if inline.style_attributes:
        directives["style-src"] += [
            "'unsafe-hashes'",
            *_unique(sha256_source(text) for text in inline.style_attributes),
        ]
    return "; ".join(f"{name} {' '.join(sources)}" for name, sources in directives.items())


def _unique(sources: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(sources))


_HEAD = re.compile(r"<head\b[^>]*>", re.IGNORECASE)
_CHARSET = re.compile(r"<meta\s+charset=[\"']?[\w-]+[\"']?\s*/?>", re.IGNORECASE)


class NoHead(ValueError):
    """The page has no ``<head>`` to put the policy in."""


def add_policy(page: str, *, live_reload: bool = False) -> str:
    """``page`` with the policy and the referrer policy as the first tags of its head (after the charset)."""
    head = _HEAD.search(page)
    if head is None:
        raise NoHead("the page has no <head>")
    charset = _CHARSET.match(page, _skip_space(page, head.end()))
    at = charset.end() if charset else head.end()
    tags = (
        f'<meta http-equiv="Content-Security-Policy" content="{html.escape(policy(page, live_reload=live_reload), quote=False)}">'
        f'<meta name="referrer" content="{REFERRER}">'
    )
    return page[:at] + tags + page[at:]


def _skip_space(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at
