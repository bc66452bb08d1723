"""Hostile inputs (issue 14): every one ends in a clean ``path:line:col: field: message`` or an inert page.

Each case writes something an attacker (or a careless paste) could put in a data file, a
hand-drawn figure or a prose page into a copy of the mini fixture project, then loads or
builds it. The answer must be a problem at the right line, or a page with nothing live in
it: never a traceback, a signal or a script.
"""

from __future__ import annotations

import json
import re
import resource
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from build_tools import fields, models, project
from build_tools.problems import Problem
from conftest import ROOT, mkdocs_build
from edits import problems_of

FUZZ = settings(
    max_examples=300, deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow]
)
SOURCE = "data/sources/source-a.yml"


def set_line(path: Path, prefix: str, new: str) -> int:
    """Replace the first line starting with ``prefix`` by ``new`` (or append it); return its 1-based line."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for index, line in enumerate(lines):
        if line.startswith(prefix):
            lines[index] = new
            break
    else:
        index = len(lines) - 1 if lines[-1] == "" else len(lines)
        lines.insert(index, new)
    path.write_text("\n".join(lines), encoding="utf-8")
    return index + 1


def only_problem(root: Path, rel: str, field: str) -> Problem:
    problems = problems_of(root)
    matching = [p for p in problems if p.path == rel and p.field == field]
    assert matching, [str(p) for p in problems]
    assert re.fullmatch(rf"{re.escape(rel)}:\d+:\d+: {re.escape(field)}: .+", str(matching[0]))
    return matching[0]


class Elements(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's tokenizer would see them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def live_elements(html: str, *, figures: bool = False) -> list[str]:
    """Elements and attributes that could run script or load something: should be none in content.

    ``figures``: the page has the build's own drawings, so ``<svg>`` itself is expected there.
    """
    parser = Elements()
    parser.feed(html)
    found = []
    for tag, attrs in parser.tags:
        if (
            (tag == "svg" and not figures)
            or tag in {"iframe", "object", "embed", "base", "foreignobject"}
            or (tag == "script" and "src" not in attrs and attrs.get("type") != "application/json")
        ):
            found.append(f"<{tag}>")
        for name, value in attrs.items():
            if name.startswith("on"):
                found.append(f"<{tag} {name}>")
            if (
                name in {"href", "src", "xlink:href", "action", "formaction"}
                and value
                and re.match(r"\s*(javascript|data|vbscript):", value, re.IGNORECASE)
            ):
                found.append(f"<{tag} {name}={value}>")
    return found


# -- 1. identifiers and URLs of sources -------------------------------------------------

HOSTILE_DOIS = [
    "10.1234/x)<svg/onload=alert(document.domain)>",
    "10.1234/x)[x](javascript:alert(1))",
    '10.1234/x" onmouseover="alert(1)',
    "10.1234/x\u202e",
    "10.1234/x y",
    "10.\u0661\u0662\u0663\u0664/x",
    "https://doi.org/10.1234/x",
]
HOSTILE_URLS = [
    "javascript:alert(1)",
    "https://example.org/<svg/onload=alert(1)>",
    'https://example.org/" onmouseover="alert(1)',
    "https://user:pass@evil.example/",
    "http://example.org/",
    "data:text/html,<script>alert(1)</script>",
    "https://example.org/\x07",
    "https://exa mple.org/",
    "https:///nohost",
    "//evil.example/",
]


@pytest.mark.parametrize("doi", HOSTILE_DOIS)
def test_hostile_doi_is_refused_at_its_line(mini: Path, doi: str) -> None:
    line = set_line(mini / SOURCE, "doi:", f"doi: {_yaml_string(doi)}")
    problem = only_problem(mini, SOURCE, "doi")
    assert problem.line == line and "not a valid DOI" in problem.message


@pytest.mark.parametrize("url", HOSTILE_URLS)
def test_hostile_url_is_refused_at_its_line(mini: Path, url: str) -> None:
    rel = "data/sources/source-b.yml"
    line = set_line(mini / rel, "url:", f"url: {_yaml_string(url)}")
    problem = only_problem(mini, rel, "url")
    assert problem.line == line


@pytest.mark.parametrize(
    "field, value",
    [
        ("pmid", "123)<svg onload=alert(1)>"),
        ("pmid", "0123"),
        ("pmcid", "PMC12)[x](javascript:1)"),
        ("isbn", "978-0-19-852663-7"),
        ("isbn", "978<svg>"),
    ],
)
def test_hostile_identifiers_are_refused(mini: Path, field: str, value: str) -> None:
    line = set_line(mini / SOURCE, f"{field}:", f"{field}: {_yaml_string(value)}")
    assert only_problem(mini, SOURCE, field).line == line


def test_links_are_percent_encoded() -> None:
    source = models.Source(
        authors="Alpha A",
        year=2001,
        title="A title",
        published_in="J Test",
        type="rct",
        grade="moderate",
        doi="10.1016/S0196-0644(95)70106-0",
        pmid="9327823",
        isbn="978-0-19-852663-6",
        url="https://example.org/a(b)?q='x'&r=[1]",
    )
    assert source.links() == [
        ("doi:10.1016/S0196-0644(95)70106-0", "https://doi.org/10.1016/S0196-0644%2895%2970106-0"),
        ("PubMed 9327823", "https://pubmed.ncbi.nlm.nih.gov/9327823/"),
        ("ISBN 978-0-19-852663-6", "https://openlibrary.org/isbn/9780198526636"),
        ("example.org", "https://example.org/a%28b%29?q=%27x%27&r=%5B1%5D"),
    ]
    assert source.link == source.links()[0][1]


def test_references_page_from_hostile_text_is_inert(mini: Path, tmp_path: Path) -> None:
    """Text fields may hold link and HTML syntax; the built pages show it as text, with nothing live.

    (``<svg`` and ``<!--`` themselves are refused by plain text, so they go in as ``< svg``.)
    """
    (mini / SOURCE).write_text(
        "authors: 'x\"\")[y](javascript:alert(1)) {: onclick=alert(1)}, Beta B'\n"
        "year: 2001\n"
        "title: 'A trial )[x](javascript:alert(2)) < svg/onload=alert(3)> &lt;svg onload=alert(4)&gt; of bridges'\n"
        'published_in: "J Test *x* `y` < !-- hs-slot: figure bridge -->"\n'
        "type: rct\ngrade: moderate\n"
        "doi: 10.1016/S0196-0644(95)70106-0\n"
        'url: "https://example.org/a)[x](javascript:alert(5))"\n'
        'note: "javascript:alert(6) [z](data:text/html,x)"\n',
        encoding="utf-8",
    )
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    for page in ("references/index.html", "exercises/bridge/index.html"):
        html = (tmp_path / "site" / page).read_text(encoding="utf-8")
        main = html[html.index("<article") : html.index("</article>")]
        assert live_elements(main, figures=page.startswith("exercises/")) == [], page
        parser = Elements()
        parser.feed(main)
        hrefs = [attrs.get("href") or "" for tag, attrs in parser.tags if tag == "a"]
        assert [h for h in hrefs if urlsplit(h).scheme not in ("", "https")] == [], hrefs
        assert not [attrs for tag, attrs in parser.tags if any(name.startswith("on") for name in attrs)]
    references = (tmp_path / "site" / "references/index.html").read_text(encoding="utf-8")
    assert 'href="https://doi.org/10.1016/S0196-0644%2895%2970106-0"' in references
    assert 'href="https://example.org/a%29%5Bx%5D%28javascript:alert%285%29%29"' in references


@pytest.mark.parametrize("doi", HOSTILE_DOIS[:2])
def test_strict_build_refuses_hostile_doi(mini: Path, tmp_path: Path, doi: str) -> None:
    line = set_line(mini / SOURCE, "doi:", f"doi: {_yaml_string(doi)}")
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode != 0
    assert f"{SOURCE}:{line}:6: doi: not a valid DOI" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    references = tmp_path / "site" / "references" / "index.html"
    assert not references.exists() or live_elements(references.read_text()) == []


def _yaml_string(value: str) -> str:
    """``value`` as a double-quoted YAML scalar (escapes for anything that is not printable ASCII)."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif " " <= char <= "~":
            out.append(char)
        else:
            out.append(f"\\u{ord(char):04x}" if ord(char) < 0x10000 else f"\\U{ord(char):08x}")
    return '"' + "".join(out) + '"'


# -- fuzz: every field kind either refuses a value or keeps it safe to write ------------------

_SAFE_HREF = re.compile(r"https://[A-Za-z0-9\-._~:/?#@!$&+,;=%]+")
_PIECES = st.sampled_from(
    [
        "<",
        ">",
        "<a",
        "<svg/onload=x>",
        "](",
        "[",
        "]",
        "(",
        ")",
        "javascript:",
        "data:",
        "\x7f",
        "\x00",
        "\x85",
        "\u202e",
        "\u200b",
        "\ufffe",
        "&lt;",
        "&#x3c;",
        "<!--",
        "-->",
        "{:",
        "}",
        "\n",
        "\t",
        "%",
        "%2",
        "%20",
        "@",
        "https://",
        "http://",
        "//",
        "example.org",
        " ",
        '"',
        "'",
        "\\",
        "`",
        "*",
        "_",
        "#",
        "10.1234/",
        "PMC",
        "978-",
    ]
)
HOSTILE_TEXT = st.lists(_PIECES | st.text(max_size=4), max_size=12).map("".join)
"""Text made of the pieces attacks are made of, and random characters between them."""


@FUZZ
@given(HOSTILE_TEXT | st.builds(lambda s: "10.1234/" + s, HOSTILE_TEXT))
def test_fuzz_doi(value: str) -> None:
    try:
        fields.check_doi(value)
    except ValueError:
        return
    assert _SAFE_HREF.fullmatch(fields.identifier_href("doi", value))


@FUZZ
@given(HOSTILE_TEXT | st.builds(lambda s: "https://example.org/" + s, HOSTILE_TEXT))
def test_fuzz_url(value: str) -> None:
    try:
        fields.check_url(value)
    except ValueError:
        return
    href = fields.url_href(value)
    assert _SAFE_HREF.fullmatch(href), href
    assert fields.markdown_link("x", href)


@FUZZ
@given(
    HOSTILE_TEXT | st.from_regex(r"(PMC)?[0-9 X-]{1,17}", fullmatch=True), st.sampled_from(["pmid", "pmcid", "isbn"])
)
def test_fuzz_identifiers(value: str, kind: str) -> None:
    check = {"pmid": fields.check_pmid, "pmcid": fields.check_pmcid, "isbn": fields.check_isbn}[kind]
    try:
        check(value)
    except ValueError:
        return
    assert _SAFE_HREF.fullmatch(fields.identifier_href(kind, value))


@FUZZ
@given(HOSTILE_TEXT)
def test_fuzz_text_fields(value: str) -> None:
    """A Line either refuses the value or holds text whose Markdown cannot make a tag, a link or a comment."""
    from build_tools.text import escape_markdown

    for model_field in ("summary", "name"):
        try:
            value_ok = _validate_field(model_field, value)
        except ValidationError:
            continue
        escaped = escape_markdown(value_ok)
        assert "<" not in escaped and "](" not in escaped.replace("\\](", "")
        assert not re.search(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufffe\uffff\u202a-\u202e\u2066-\u2069]", value_ok)


def _validate_field(name: str, value: str) -> str:
    from pydantic import TypeAdapter

    kind = models.Title if name == "name" else models.Line
    return TypeAdapter(kind).validate_python(value)


# -- 2. hand-drawn SVG figures: an allow-list, not a list of forbidden patterns ------------------

FIGURE = "content/figures/hostile.svg"
SVG_HEAD = (
    '<svg xmlns="http://www.w3.org/2000/svg" id="s" viewBox="0 0 10 10" role="img" '
    'aria-labelledby="t d">\n<title id="t">A figure</title>\n<desc id="d">A test figure.</desc>\n'
)
HOSTILE_SVG = {
    "iframe in title": '<title id="t2">x<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"/></title>',
    "xhtml iframe in desc": '<desc id="d2"><iframe xmlns="http://www.w3.org/1999/xhtml" src="x"/></desc>',
    "base": "<base href=//evil.example/>",
    "base quoted": '<base href="//evil.example/"/>',
    "unquoted javascript href": "<a href=javascript:alert(1)><text>x</text></a>",
    "a element": '<a href="javascript:alert(1)"><text>x</text></a>',
    "set to javascript": '<set attributeName="href" to="javascript:alert(1)"/>',
    "set unquoted": "<set attributeName=href to=javascript:alert(1)>",
    "animate onclick": '<animate attributeName="onclick" values="alert(1)"/>',
    "image": '<image href="https://evil.example/x.png" width="10" height="10"/>',
    "use external": '<use href="https://evil.example/x.svg#a"/>',
    "use xlink external": '<use xmlns:xlink="http://www.w3.org/1999/xlink" xlink:href="data:image/svg+xml,x"/>',
    "style import": "<style>@import url(https://evil.example/x.css);</style>",
    "style url": '<style>rect{fill:url("https://evil.example/x")}</style>',
    "style escaped import": "<style>@\\69mport 'x';</style>",
    "style attribute url": '<rect width="1" height="1" style="background:url(//evil.example/x)"/>',
    "style restyles the page": "<style>body{display:none}</style>",
    "style restyles the page after a scoped rule": "<style>#s .a{fill:red} .md-header, #s .b{fill:blue}</style>",
    "style sibling of the figure": "<style>#s ~ *{display:none}</style>",
    "style page has the figure": "<style>body:has(#s){display:none}</style>",
    "style everything but the figure": "<style>:not(#s){display:none}</style>",
    "style position fixed": '<rect width="1" height="1" style="position:fixed;inset:0"/>',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/"/>',
    "script": "<script>alert(1)</script>",
    "foreignObject": '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject>',
    "event attribute": '<rect width="1" height="1" onload="alert(1)"/>',
    "event attribute upper case": '<rect width="1" height="1" ONLOAD="alert(1)"/>',
    "fill url external": '<rect width="1" height="1" fill="url(https://evil.example/#g)"/>',
    "unknown attribute": '<rect width="1" height="1" srcdoc="x"/>',
    "namespaced element": '<h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script>',
    "entity": "<text>&xxe;</text>",
    "processing instruction": '<?xml-stylesheet href="https://evil.example/x.css"?>',
}


@pytest.mark.parametrize("body", HOSTILE_SVG.values(), ids=list(HOSTILE_SVG))
def test_hostile_svg_is_refused_at_its_line(mini: Path, body: str) -> None:
    (mini / "content/figures").mkdir()
    (mini / FIGURE).write_text(SVG_HEAD + "<g>\n" + body + "\n</g>\n</svg>\n", encoding="utf-8")
    problem = only_problem(mini, FIGURE, "<svg>")
    assert problem.line == 5, str(problem)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE svg [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>\n',
        '<!DOCTYPE svg SYSTEM "https://evil.example/x.dtd">\n',
    ],
)
def test_svg_with_a_doctype_is_refused(mini: Path, doctype: str) -> None:
    (mini / "content/figures").mkdir()
    (mini / FIGURE).write_text(doctype + SVG_HEAD + "</svg>\n", encoding="utf-8")
    only_problem(mini, FIGURE, "<svg>")


def test_scoped_style_and_text_attributes_are_kept() -> None:
    from build_tools import svg_sanitise

    svg = (
        SVG_HEAD + '<style>@media print{#s .a{fill:#000}} #s .a, [data-md-color-scheme="slate"] #s .b{fill:red}'
        '</style>\n<g aria-label="data: javascript: just words"><rect class="a" width="1" height="1" '
        'fill="url(#grad)"/></g>\n</svg>'
    )
    assert svg_sanitise.sanitise(svg).svg == svg


def test_the_real_figure_is_kept_as_drawn() -> None:
    """hamstrings-anatomy.svg comes out of the sanitiser as it went in, less its comments."""
    from build_tools import svg_sanitise
    from conftest import ROOT

    original = (ROOT / "content/figures/hamstrings-anatomy.svg").read_text(encoding="utf-8")
    figure = svg_sanitise.sanitise(original)
    assert figure.svg == re.sub(r"<!--.*?-->", "", original, flags=re.DOTALL).strip()
    assert figure.title == "The hamstrings of the right thigh, seen from behind"
    assert svg_sanitise.sanitise(figure.svg) == figure  # the output is itself allowed, unchanged


def test_figure_text_is_escaped_on_the_page(mini: Path, tmp_path: Path) -> None:
    """Markup written as character references in a title or a label stays text, in the SVG and its caption."""
    (mini / "content/figures").mkdir()
    (mini / "content/figures/safe.svg").write_text(
        SVG_HEAD.replace("A figure", "&lt;img src=x onerror=alert(1)&gt;")
        + '<text x="1" y="1">&lt;iframe srcdoc="x"&gt;</text>\n</svg>\n',
        encoding="utf-8",
    )
    index = mini / "content/index.md"
    index.write_text(index.read_text() + "\n<!-- insert: figure safe -->\n")
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "site/index.html").read_text(encoding="utf-8")
    main = html[html.index("<article") : html.index("</article>")]
    assert live_elements(main, figures=True) == []
    assert [tag for tag, _ in _tags(main) if tag in {"img", "iframe"}] == []
    assert "<figcaption>&lt;img src=x onerror=alert(1)&gt;</figcaption>" in main


def _tags(html: str) -> list[tuple[str, dict[str, str | None]]]:
    parser = Elements()
    parser.feed(html)
    return parser.tags


# -- 3. adjustable dose bounds inside the dose's own limits ------------------------------------

EXERCISE = "exercises/bridge.yml"


@pytest.mark.parametrize(
    "bounds, field, words",
    [
        ("{sets: [-5, 1000]}", "dose.adjustable.sets.0", "greater than or equal to 1"),
        ("{sets: [1, 1000]}", "dose.adjustable.sets.1", "less than or equal to 10"),
        ("{reps: [0, 10]}", "dose.adjustable.reps.0", "greater than or equal to 1"),
        ("{days_per_week: [1, 8]}", "dose.adjustable.days_per_week.1", "less than or equal to 7"),
        ("{sets: [3, 1]}", "dose.adjustable.sets", "3 is above 1"),
        ("{sets: [3, 4]}", "dose.adjustable", "must include the dose's sets (2)"),
        ("{hold_seconds: [5, 10]}", "dose.adjustable", "the dose has no hold_seconds"),
        ("{sets: [1, 2, 3]}", "dose.adjustable.sets", "at most 2 items"),
    ],
)
def test_adjustable_bounds_stay_inside_the_dose_limits(mini: Path, bounds: str, field: str, words: str) -> None:
    path = mini / EXERCISE
    text = path.read_text(encoding="utf-8").replace(
        "  sources: [source-a]\nfigure:", f"  sources: [source-a]\n  adjustable: {bounds}\nfigure:"
    )
    path.write_text(text, encoding="utf-8")
    line = text.split("\n").index(f"  adjustable: {bounds}") + 1
    problem = only_problem(mini, EXERCISE, field)
    assert problem.line == line and words in problem.message, str(problem)


# -- 4. control characters, non-characters, bidi and zero-width characters -------------------


@pytest.mark.parametrize(
    "char", ["\x7f", "\ufffe", "\uffff", "\x00", "\x1b", "\x85", "\x9b", "\u202e", "\u2066", "\U0001fffe"]
)
@pytest.mark.parametrize("field", ["name", "summary", "feel_it"])
def test_control_characters_in_text_are_refused_at_their_line(mini: Path, char: str, field: str) -> None:
    """Written as YAML escapes, so they reach validation: each is refused at its line, in any text field."""
    line = set_line(mini / EXERCISE, f"{field}:", f"{field}: {_yaml_string('Bri' + char + 'dge and more')}")
    problem = only_problem(mini, EXERCISE, field)
    assert problem.line == line and f"U+{ord(char):04X}" in problem.message, str(problem)


@pytest.mark.parametrize("char", ["\x7f", "\x01", "\x85"])
def test_raw_control_characters_are_refused_at_their_line(mini: Path, char: str) -> None:
    """The same characters typed raw into the file: YAML's own refusal, at the character."""
    line = set_line(mini / EXERCISE, "summary:", f"summary: Lift your {char}hips.")
    problem = only_problem(mini, EXERCISE, "<yaml>")
    assert (problem.line, problem.col) == (line, 20), str(problem)


def test_lone_surrogate_escape_is_refused_by_yaml(mini: Path) -> None:
    line = set_line(mini / EXERCISE, "name:", 'name: "Bri\\ud800dge"')
    assert only_problem(mini, EXERCISE, "<yaml>").line == line


def test_newline_and_tab_are_still_whitespace_in_text(mini: Path) -> None:
    set_line(mini / EXERCISE, "summary:", 'summary: "Lift your\\thips\\nto work the buttocks."')
    assert project.load(mini).exercises["bridge"].summary == "Lift your hips to work the buttocks."


@pytest.mark.parametrize("char", ["\u200b", "\u200d", "\u2060", "\ufeff", "\u00ad"])
def test_zero_width_characters_are_refused_in_names(mini: Path, char: str) -> None:
    line = set_line(mini / EXERCISE, "name:", f"name: {_yaml_string('Bri' + char + 'dge')}")
    problem = only_problem(mini, EXERCISE, "name")
    assert problem.line == line and "zero-width" in problem.message, str(problem)


def test_control_character_in_prose_front_matter(mini: Path) -> None:
    rel = "content/see-a-clinician.md"
    line = set_line(mini / rel, "title:", "title: When to see \x7fa clinician")
    problem = only_problem(mini, rel, "<front matter>")
    assert problem.line == line, str(problem)
    set_line(mini / rel, "title:", 'title: "When to see \\x7fa clinician"')
    assert only_problem(mini, rel, "title").line == line


@pytest.mark.parametrize("name", ["ＢＲＩＤＧＥ", "bridge", "BRIDGE", "Bridge\u00a0", "ﬁ Bridge"])
def test_duplicate_names_compare_after_nfkc_and_casefold(mini: Path, name: str) -> None:
    if name.startswith("ﬁ"):  # 'ﬁ' (one ligature character) is 'fi' after NFKC
        set_line(mini / EXERCISE, "name:", "name: fi Bridge")
    text = (mini / EXERCISE).read_text(encoding="utf-8").replace("progressions: [stretch]\n", "")
    copy = mini / "exercises/bridge-copy.yml"
    copy.write_text(text, encoding="utf-8")
    set_line(copy, "name:", f"name: {_yaml_string(name)}")
    problems = problems_of(mini)
    assert any(p.field == "name" and "duplicate name" in p.message for p in problems), [str(p) for p in problems]


# -- 5. deep nesting and large files: refused before parsing, in bounded time and memory --------

LIMIT_SECONDS = 5.0
LIMIT_BYTES = 300 * 1024 * 1024


def _base() -> str:
    from conftest import MINI

    return (MINI / EXERCISE).read_text(encoding="utf-8")


HOSTILE_FILES = {
    # name: (how to make the file's text, line of the problem, words in the message)
    "100k nested brackets (libyaml SIGSEGV)": (lambda: "name: " + "[" * 100_000 + "\n", 1, "nested more than 50"),
    "5k nested brackets (RecursionError)": (
        lambda: "name: " + "[" * 5_000 + "]" * 5_000 + "\n",
        1,
        "nested more than 50",
    ),
    "nested flow mappings": (lambda: "name: " + "{a: " * 60 + "1" + "}" * 60 + "\n", 1, "nested more than 50"),
    "deep indentation": (
        lambda: "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 200)),
        51,
        "nested more than 50",
    ),
    "compact nested sequences": (lambda: "- " * 80 + "x\n", 1, "nested more than 50"),
    "50 MB list": (lambda: "steps:\n" + "  - Push through your heels.\n" * 1_800_000, 1, "data files must be under"),
    "1 MB flow list": (lambda: _base().replace("steps:\n", "steps: [" + "1, " * 330_000 + "1]\nstepz:\n"), 1, "values"),
    "100k unknown keys": (lambda: _base() + "".join(f"k{i}: 1\n" for i in range(100_000)), 1, "values"),
    "19k unknown keys": (lambda: _base() + "".join(f"k{i}: 1\n" for i in range(19_000)), 1, "more problems"),
    "19k-item flow list": (
        lambda: _base().replace("steps:\n", "steps: [" + "1, " * 19_000 + "1]\nstepz:\n"),
        10,
        "at most 10 items",
    ),
    "1 MB line of text": (
        lambda: _base().replace("summary: ", "summary: " + "a" * 990_000 + " "),
        2,
        "at most 300 characters",
    ),
    "billion laughs": (
        lambda: (
            "a: &a [x,x,x,x,x,x,x,x,x,x]\n"
            + "".join(
                f"{c}: &{c} [" + ",".join([f"*{p}"] * 10) + "]\n"
                for p, c in zip("abcdefghi", "bcdefghij", strict=False)
            )
            + _base().replace("steps:\n", "steps: *j\nstepz:\n")
        ),
        1,
        "",
    ),
    "5,000-digit integer": (lambda: _base().replace("  sets: 2", "  sets: " + "9" * 5_000), 23, "more than 100 digits"),
    "NEL line break": (lambda: _base().replace("summary: Lift your", "summary: Lift\x85 your"), 2, "U+0085"),
}

_CHILD = """
import json, resource, sys, time
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from build_tools import project
from build_tools.problems import DataError
start = time.perf_counter()
try:
    project.load(Path(sys.argv[1]))
    problems = []
except DataError as error:
    problems = [[p.path, p.line, p.col, p.field, p.message] for p in error.problems]
print(json.dumps({"seconds": time.perf_counter() - start, "problems": problems,
                  "maxrss": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024}))
"""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (LIMIT_BYTES, LIMIT_BYTES))


@pytest.mark.parametrize("case", HOSTILE_FILES.values(), ids=list(HOSTILE_FILES))
def test_hostile_file_is_refused_quickly_in_little_memory(mini: Path, case) -> None:
    make, line, words = case
    (mini / EXERCISE).write_text(make(), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-c", _CHILD, str(mini), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=_limit_memory,
    )
    assert result.returncode == 0, f"exit {result.returncode}: {result.stderr[-2000:]}"
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    assert report["seconds"] < LIMIT_SECONDS, report["seconds"]
    assert report["maxrss"] < LIMIT_BYTES, report["maxrss"]
    mine = [p for p in report["problems"] if p[0] == EXERCISE]
    assert mine, report["problems"]
    assert mine[0][1] == line and words in mine[0][4], mine[0]


# -- low: raw HTML and slot markers in prose pages -----------------------------------------------

PAGE = "content/index.md"
HOSTILE_PROSE = {
    "script": "<script>alert(1)</script>",
    "script upper case": "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "event handler": '<img src="x.png" alt="x" oNeRrOr=alert(1)>',
    "javascript href": '<a href=" jav&#x61;script:alert(1)">x</a>',
    "javascript href with a tab": '<a href="java\tscript:alert(1)">x</a>',
    "data src": '<img alt="x" src="data:image/svg+xml,<svg onload=alert(1)>">',
    "iframe": '<iframe src="https://evil.example/"></iframe>',
    "object": '<object data="x.swf"></object>',
    "embed": '<embed src="x.swf">',
    "base": '<base href="https://evil.example/">',
    "meta refresh": '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "slot marker": "<!-- hs-slot: figure bridge -->",
    "slot marker for nothing": "<!-- hs-slot: nothing here -->",
    "markdown javascript link": "[click](javascript:alert(1))",
    "markdown data link in angle brackets": "[click](<data:text/html,x>)",
    "markdown reference definition": "[click]: javascript:alert(1)",
}


@pytest.mark.parametrize("html", HOSTILE_PROSE.values(), ids=list(HOSTILE_PROSE))
def test_hostile_html_in_prose_is_refused_at_its_line(mini: Path, html: str) -> None:
    text = (mini / PAGE).read_text(encoding="utf-8")
    (mini / PAGE).write_text(text + "\nSome text.\n\n" + html + "\n", encoding="utf-8")
    line = text.count("\n") + 4
    problem = only_problem(mini, PAGE, "<html>")
    assert problem.line == line, str(problem)


def test_strict_build_refuses_a_slot_marker_in_prose(mini: Path, tmp_path: Path) -> None:
    page = mini / PAGE
    page.write_text(page.read_text() + "\n<!-- hs-slot: exercise-cards nonsense -->\n")
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode != 0 and f"{PAGE}:" in result.stderr and "hs-slot" in result.stderr
    assert "Traceback" not in result.stderr


def test_an_unknown_slot_fills_with_nothing(mini: Path) -> None:
    from build_tools import render
    from build_tools.urls import SiteInfo

    catalogue = project.load(mini)
    html = "<p>a</p><!-- hs-slot: nothing here --><!-- hs-slot: figure no-such-exercise --><p>b</p>"
    assert render.fill_slots(html, catalogue, SiteInfo(), "index.md") == "<p>a</p><p>b</p>"


# -- low: symbolic links --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "rel, target",
    [
        ("data/sources/evil.yml", "/etc/passwd"),
        ("exercises/evil.yml", "/etc/hostname"),
        ("content/evil.md", "/etc/hostname"),
        ("exercises/broken.yml", "no-such-file.yml"),
    ],
)
def test_symlink_outside_the_project_or_broken_is_refused(mini: Path, rel: str, target: str) -> None:
    (mini / rel).symlink_to(target)
    problem = only_problem(mini, rel, "<file>")
    assert problem.line == 1 and "symbolic link" in problem.message


def test_symlink_loop_is_an_error_not_a_traceback(mini: Path) -> None:
    (mini / "data/sources/loop-a.yml").symlink_to("loop-b.yml")
    (mini / "data/sources/loop-b.yml").symlink_to("loop-a.yml")
    (mini / "content/loop.md").symlink_to("loop.md")
    problems = problems_of(mini)
    assert {p.path for p in problems} == {"data/sources/loop-a.yml", "data/sources/loop-b.yml", "content/loop.md"}
    assert all("looping" in p.message for p in problems)


def test_symlink_inside_the_project_still_works(mini: Path) -> None:
    (mini / "data/sources/source-c.yml").symlink_to("source-a.yml")
    assert "source-c" in project.load(mini).sources


@pytest.mark.parametrize("rel", ["content/evil.html", "content/pics/evil.svg", "content/x.XHTML", "content/a.js"])
def test_active_files_in_content_are_refused(mini: Path, rel: str) -> None:
    """MkDocs copies other files in content/ as they are: a page or drawing there could run script."""
    (mini / rel).parent.mkdir(parents=True, exist_ok=True)
    (mini / rel).write_text("<script>alert(1)</script>")
    assert only_problem(mini, rel, "<file>").line == 1
