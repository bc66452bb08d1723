"""An allow-list sanitiser for the hand-drawn SVG figures in ``content/figures/``.

Part of the checking stage: ``prose.load_figures`` calls ``sanitise`` on each file before
any build; the SVG it returns (never the file's own text) is what ``inserts.prose_figure``
inlines into a page. The figure is parsed as XML with defusedxml (no DTDs, no entities, no
external anything), and only listed SVG elements and attributes are kept. Anything else is
refused, as ``(line, col, message)``, rather than dropped: a figure that needs something
new should say so in review, not lose it silently. The output is serialised here, every
attribute value and text escaped, comments left out.

Refused, among others: script, foreignObject, iframe, image, base, meta and every element
not listed; event attributes (``on*``); ``href`` to anything but a ``#fragment`` of the same
file; ``url()`` to anything but a fragment, ``@import``, ``javascript:``/``data:`` values,
CSS escapes, ``position`` (a figure cannot cover the page) and style rules that do not
start from the figure's own ``#id`` (a figure cannot restyle the page); animation of
anything but listed presentation attributes; elements inside ``<title>`` and ``<desc>``
(in HTML they are integration points, where markup turns live).
"""

from __future__ import annotations

import html
import re
import xml.sax
from dataclasses import dataclass, field
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesImpl, Locator

import defusedxml.sax
from defusedxml import DefusedXmlException

SVG_NS = "http://www.w3.org/2000/svg"
XLINK_NS = "http://www.w3.org/1999/xlink"

_SHAPES = {"path", "rect", "circle", "ellipse", "line", "polyline", "polygon"}
_CONTAINERS = {"svg", "g", "defs", "symbol", "marker", "clipPath", "mask", "pattern"}
_TEXT = {"text", "tspan", "textPath"}
_PAINT = {"linearGradient", "radialGradient", "stop"}
_FILTERS = {
    "filter",
    "feGaussianBlur",
    "feOffset",
    "feBlend",
    "feColorMatrix",
    "feFlood",
    "feComposite",
    "feMerge",
    "feMergeNode",
    "feMorphology",
    "feDropShadow",
}
_ANIMATION = {"animate", "animateTransform", "set"}
ELEMENTS = _SHAPES | _CONTAINERS | _TEXT | _PAINT | _FILTERS | _ANIMATION | {"title", "desc", "style", "use"}
TEXT_ONLY = {"title", "desc", "style"}
"""Elements whose content must be text: no child elements at all."""

PRESENTATION = {
    "fill",
    "fill-opacity",
    "fill-rule",
    "stroke",
    "stroke-width",
    "stroke-linecap",
    "stroke-linejoin",
    "stroke-dasharray",
    "stroke-dashoffset",
    "stroke-opacity",
    "stroke-miterlimit",
    "opacity",
    "color",
    "font-family",
    "font-size",
    "font-weight",
    "font-style",
    "font-variant",
    "text-anchor",
    "dominant-baseline",
    "alignment-baseline",
    "baseline-shift",
    "letter-spacing",
    "word-spacing",
    "text-decoration",
    "writing-mode",
    "visibility",
    "display",
    "clip-path",
    "clip-rule",
    "mask",
    "marker-start",
    "marker-mid",
    "marker-end",
    "filter",
    "stop-color",
    "stop-opacity",
    "flood-color",
    "flood-opacity",
    "vector-effect",
    "paint-order",
    "shape-rendering",
    "text-rendering",
    "transform",
}
GEOMETRY = {
    "x",
    "y",
    "x1",
    "y1",
    "x2",
    "y2",
    "cx",
    "cy",
    "r",
    "rx",
    "ry",
    "fx",
    "fy",
    "fr",
    "width",
    "height",
    "d",
    "points",
    "viewBox",
    "preserveAspectRatio",
    "dx",
    "dy",
    "rotate",
    "textLength",
    "lengthAdjust",
    "pathLength",
    "offset",
    "gradientUnits",
    "gradientTransform",
    "spreadMethod",
    "patternUnits",
    "patternContentUnits",
    "patternTransform",
    "clipPathUnits",
    "maskUnits",
    "maskContentUnits",
    "markerWidth",
    "markerHeight",
    "markerUnits",
    "refX",
    "refY",
    "orient",
    "startOffset",
    "method",
    "spacing",
    "side",
    "stdDeviation",
    "in",
    "in2",
    "result",
    "mode",
    "operator",
    "values",
    "type",
    "k1",
    "k2",
    "k3",
    "k4",
    "radius",
    "filterUnits",
    "primitiveUnits",
}
GLOBAL = {
    "id",
    "class",
    "style",
    "role",
    "aria-label",
    "aria-labelledby",
    "aria-describedby",
    "aria-hidden",
    "focusable",
    "lang",
    "xml:lang",
    "xml:space",
    "version",
}
TIMING = {
    "attributeName",
    "attributeType",
    "begin",
    "dur",
    "end",
    "repeatCount",
    "repeatDur",
    "from",
    "to",
    "by",
    "keyTimes",
    "keySplines",
    "calcMode",
    "additive",
    "accumulate",
    "restart",
    "min",
    "max",
}
ANIMATABLE = (PRESENTATION | GEOMETRY) - {"in", "in2", "result", "type", "values"}
"""What an animation may change: presentation and geometry, never href, style, class or an event."""
HREF_ELEMENTS = {"use", "textPath", "linearGradient", "radialGradient", "pattern", "filter"}
ATTRIBUTES = PRESENTATION | GEOMETRY | GLOBAL

_FRAGMENT = re.compile(r"#[A-Za-z][A-Za-z0-9_.:-]*")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_.:-]*")
_CLASS = re.compile(r"[A-Za-z0-9_ -]*")
_URL_FUNCTION = re.compile(r"url\(\s*(['\"]?)(.*?)\1\s*\)", re.IGNORECASE | re.DOTALL)
_DANGEROUS_VALUE = re.compile(
    r"(?:java|vb)script\s*:|\bdata\s*:|expression\s*\(|@import|-moz-binding|behavior\s*:|\\|</|<!", re.IGNORECASE
)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
_CSS_AT_RULE = re.compile(r"@([A-Za-z-]+)")
_CSS_ALLOWED_AT = {"media"}
_CSS_POSITION = re.compile(r"(?<![A-Za-z0-9_-])position\s*:", re.IGNORECASE)
_TEXT_ATTRIBUTES = {"aria-label", "lang", "xml:lang"}
"""Attributes that are only ever read as text: a 'data:' or 'javascript:' in them is inert."""


class Refused(Exception):
    def __init__(self, line: int, col: int, message: str):
        super().__init__(message)
        self.line, self.col, self.message = line, col, message


@dataclass
class _Node:
    tag: str
    attrs: dict[str, str]
    line: int
    col: int
    children: list[_Node | str] = field(default_factory=list)


@dataclass(frozen=True)
class Figure:
    svg: str
    """The sanitised SVG, ready to inline."""
    title: str
    """The text of its ``<title>``, as plain text (unescaped)."""


def check_css(text: str, line: int, col: int) -> str:
    """CSS from a ``<style>`` element or a ``style`` attribute: comments removed, nothing that loads or runs."""
    text = _CSS_COMMENT.sub("", text)
    if "<" in text or "&" in text:
        raise Refused(line, col, "CSS must not contain '<' or '&'")
    if _CSS_POSITION.search(text) is not None:
        raise Refused(line, col, "CSS 'position' is not allowed: a figure stays in its place on the page")
    for match in _CSS_AT_RULE.finditer(text):
        if match.group(1).lower() not in _CSS_ALLOWED_AT:
            raise Refused(line, col, f"CSS '@{match.group(1)}' is not allowed (only @media)")
    _check_value(text, line, col, "CSS")
    return text


def check_scoped(css: str, root_id: str | None, line: int, col: int) -> None:
    """Every rule of a ``<style>`` must select inside this figure (``#<svg id> ...``), so it cannot restyle the page."""
    stack: list[str] = []
    prelude = ""
    for char in css:
        if char == "{":
            text = prelude.strip()
            if text.startswith("@"):
                stack.append("at-rule")
            elif "rule" not in stack:  # a nested rule is inside its parent's scope already
                for selector in text.split(","):
                    if re.search(r"[~+(]", selector):  # siblings, :has(), :not(): ways out of the figure
                        raise Refused(
                            line,
                            col,
                            f"CSS selector '{' '.join(selector.split())}' may use only "
                            "descendant and child combinators, without ( ), + or ~",
                        )
                    if root_id is None or re.search(rf"#{re.escape(root_id)}(?![A-Za-z0-9_-])", selector) is None:
                        wanted = f"#{root_id}" if root_id else "the id of its <svg>"
                        raise Refused(
                            line,
                            col,
                            f"CSS selector '{' '.join(selector.split())}' must select inside "
                            f"the figure: include {wanted}",
                        )
                stack.append("rule")
            else:
                stack.append("rule")
            prelude = ""
        elif char == "}":
            if not stack:
                raise Refused(line, col, "CSS has a '}' without its '{'")
            stack.pop()
            prelude = ""
        elif char == ";" and "rule" not in stack:
            prelude = ""  # the end of an at-rule statement such as @charset
        else:
            prelude += char
    if stack:
        raise Refused(line, col, "CSS has a '{' without its '}'")


def _check_value(value: str, line: int, col: int, what: str) -> None:
    if (found := _DANGEROUS_VALUE.search(value)) is not None:
        raise Refused(line, col, f"{what} must not contain '{found.group().strip()}'")
    for match in _URL_FUNCTION.finditer(value):
        if _FRAGMENT.fullmatch(match.group(2).strip()) is None:
            raise Refused(line, col, f"{what}: url() may only point to a #fragment of this file")
    if re.search(r"url\s*\(", value, re.IGNORECASE) and not _URL_FUNCTION.search(value):
        raise Refused(line, col, f"{what}: url() may only point to a #fragment of this file")


class _Builder(ContentHandler):
    def __init__(self) -> None:
        super().__init__()
        self.root: _Node | None = None
        self.stack: list[_Node] = []
        self._locator: Locator | None = None

    def setDocumentLocator(self, locator: Locator) -> None:
        self._locator = locator

    def _where(self) -> tuple[int, int]:
        if self._locator is None:
            return 1, 1
        return self._locator.getLineNumber() or 1, (self._locator.getColumnNumber() or 0) + 1

    def startElement(self, name: str, attrs: AttributesImpl) -> None:
        line, col = self._where()
        node = _Node(name, {key: attrs[key] for key in attrs.getNames()}, line, col)
        if self.stack:
            parent = self.stack[-1]
            if parent.tag in TEXT_ONLY:
                raise Refused(line, col, f"<{parent.tag}> may hold only text, not <{name}>")
            parent.children.append(node)
        elif name != "svg":
            raise Refused(line, col, "the file must be one <svg> element")
        else:
            self.root = node
        _check_element(node)
        self.stack.append(node)

    def endElement(self, name: str) -> None:
        node = self.stack.pop()
        if node.tag == "style":
            css = check_css("".join(c for c in node.children if isinstance(c, str)), node.line, node.col)
            check_scoped(css, self.root.attrs.get("id") if self.root else None, node.line, node.col)
            node.children = [css]

    def characters(self, content: str) -> None:
        if self.stack:
            self.stack[-1].children.append(content)

    def processingInstruction(self, target: str, data: str) -> None:
        line, col = self._where()
        raise Refused(line, col, f"processing instruction <?{target}?> is not allowed")


def _check_element(node: _Node) -> None:
    tag, line, col = node.tag, node.line, node.col
    if tag not in ELEMENTS:
        raise Refused(
            line,
            col,
            f"<{tag}> is not allowed in a figure (allowed: shapes, text, groups, "
            "gradients, markers, title, desc, style)",
        )
    for name, value in node.attrs.items():
        if name == "xmlns":
            if not (tag == "svg" and value == SVG_NS):
                raise Refused(line, col, f"xmlns must be {SVG_NS}, on the <svg> element")
            continue
        if name == "xmlns:xlink":
            if value != XLINK_NS:
                raise Refused(line, col, f"xmlns:xlink must be {XLINK_NS}")
            continue
        if name.lower().startswith("on"):
            raise Refused(line, col, f"event attribute '{name}' is not allowed")
        if name in ("href", "xlink:href"):
            if tag not in HREF_ELEMENTS or _FRAGMENT.fullmatch(value.strip()) is None:
                raise Refused(line, col, f"<{tag} {name}> may only point to a #fragment of this file")
            continue
        if tag in _ANIMATION and name in TIMING:
            if name == "attributeName" and value not in ANIMATABLE:
                raise Refused(line, col, f"<{tag}> may not animate '{value}'")
            _check_value(value, line, col, f"attribute '{name}'")
            continue
        if name not in ATTRIBUTES:
            raise Refused(line, col, f"attribute '{name}' is not allowed on <{tag}>")
        if name == "style":
            node.attrs[name] = check_css(value, line, col)
            continue
        if name == "id" and _ID.fullmatch(value) is None:
            raise Refused(line, col, f"id '{value}' must be letters, digits, '-', '_', '.' or ':'")
        if name == "class" and _CLASS.fullmatch(value) is None:
            raise Refused(line, col, "class must be letters, digits, '-', '_' and spaces")
        if name not in _TEXT_ATTRIBUTES:
            _check_value(value, line, col, f"attribute '{name}'")
    if tag in _ANIMATION and "attributeName" not in node.attrs:
        raise Refused(line, col, f"<{tag}> needs an attributeName")


def _serialise(node: _Node, out: list[str]) -> None:
    attrs = "".join(f' {name}="{html.escape(value, quote=True)}"' for name, value in node.attrs.items())
    if not node.children:
        out.append(f"<{node.tag}{attrs}/>")
        return
    out.append(f"<{node.tag}{attrs}>")
    for child in node.children:
        if isinstance(child, str):
            out.append(child if node.tag == "style" else html.escape(child, quote=False))
        else:
            _serialise(child, out)
    out.append(f"</{node.tag}>")


def _text_of(node: _Node) -> str:
    return " ".join("".join(c for c in node.children if isinstance(c, str)).split())


def sanitise(source: str) -> Figure:
    """The figure rebuilt from allowed parts only, or ``Refused`` at the first part that is not allowed."""
    builder = _Builder()
    try:
        defusedxml.sax.parseString(source.encode("utf-8"), builder, forbid_dtd=True)
    except Refused:
        raise
    except xml.sax.SAXParseException as error:
        message = " ".join(str(error.getMessage()).split())
        hint = " (quote every attribute value)" if "invalid token" in message else ""
        raise Refused(
            error.getLineNumber() or 1, (error.getColumnNumber() or 0) + 1, f"not well-formed XML: {message}{hint}"
        ) from None
    except DefusedXmlException as error:
        raise Refused(1, 1, f"not allowed in a figure: {error}") from None
    root = builder.root
    assert root is not None
    if root.attrs.get("xmlns") != SVG_NS:
        raise Refused(root.line, root.col, f'the <svg> element needs xmlns="{SVG_NS}"')
    missing = [
        what
        for what, ok in (
            ('role="img"', root.attrs.get("role") == "img"),
            ("aria-labelledby", bool(root.attrs.get("aria-labelledby"))),
            ("<title", any(isinstance(c, _Node) and c.tag == "title" for c in root.children)),
            ("<desc", any(isinstance(c, _Node) and c.tag == "desc" for c in root.children)),
        )
        if not ok
    ]
    if missing:
        raise Refused(root.line, root.col, f"accessible figures need {', '.join(missing)}")
    title = next(c for c in root.children if isinstance(c, _Node) and c.tag == "title")
    out: list[str] = []
    _serialise(root, out)
    return Figure("".join(out), _text_of(title))
