"""Hand-written pages in ``content/``: check their front matter and markers, then expand them.

Prose pages are Markdown written by people, with two kinds of marker that tie them to
the data:

* ``[@source-id]`` or ``[@one; @two]`` - a citation, rendered as one compact marker
  (``citations.cite``; citations side by side make one marker too) linked to the page's own
  "Sources" list, which ``expand`` adds at the end of every page that cites anything;
* ``<!-- insert: red-flags -->`` on a line of its own - a block rendered from the data
  (see ``inserts.INSERTS``), so lists of signs, norms and red flags are never retyped.

``check_folder`` runs before any build (from ``project.load``) and reports unknown
sources, unknown inserts and bad front matter as ``path:line:col: field: message``;
MkDocs itself silently drops front matter it cannot parse. ``expand`` is what the
plugin calls for each page once everything is known to be valid.

Front matter is read the way MkDocs 1.6 reads it (``mkdocs.utils.meta.get_data``): the
file decoded as ``utf-8-sig`` with universal newlines (so a BOM and CRLF line endings
work), the same block regex, and PyYAML's SafeLoader with its YAML 1.1 booleans, so
``title: yes`` is the boolean MkDocs would make a page title "True" of, and is refused.
``tests/test_front_matter.py`` checks this agrees with MkDocs' own reading.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import AfterValidator, Field, ValidationError
from yaml.reader import ReaderError

from . import fields, inserts, prescan, prose_html, svg_sanitise, yaml_errors
from .catalogue import Catalogue, ReadCatalogue
from .citations import cite, collecting, page_sources
from .jinja_env import render_template
from .loader import link_problem, offset_position, read_utf8, reader_message
from .models import Record, Review, Reviewer, Title
from .problems import Problem

CITATION = re.compile(r"\[(@[a-z0-9-]+(?:\s*;\s*@[a-z0-9-]+)*)\]")
CITATIONS = re.compile(rf"{CITATION.pattern}(?:[ \t]*{CITATION.pattern})*")
"""A run of citations side by side (``[@a] [@b]``, ``[@a][@b; @c]``): one marker for the lot."""
INSERT = re.compile(
    r"^<!--[ \t]*insert:[ \t]*(?P<name>[a-z0-9-]+)(?:[ \t]+(?P<arg>[a-z0-9-]+))?[ \t]*-->[ \t]*$", re.MULTILINE
)
_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
"""``mkdocs.utils.meta.YAML_RE``, character for character."""
_MKDOCS_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
"""The loader MkDocs uses: libyaml's when PyYAML has it."""


def _refusing_duplicates(base: type) -> type:
    """``base`` that refuses a key given twice (MkDocs would keep the last one without a word)."""

    class Loader(base):  # type: ignore[misc]
        def construct_mapping(self, node: Any, deep: bool = False) -> Any:
            seen: set[str] = set()
            for key_node, _ in node.value:
                key = self.construct_object(key_node, deep=True)
                if not isinstance(key, str):
                    continue  # unhashable keys are refused by the constructor itself; other keys by the model
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"duplicate key '{key}': give each field once", key_node.start_mark
                    )
                seen.add(key)
            return super().construct_mapping(node, deep=deep)

    return Loader


_LOADER = _refusing_duplicates(_MKDOCS_LOADER)
_PURE_LOADER = _refusing_duplicates(yaml.SafeLoader)
"""For positions in messages only: libyaml counts a reader error's offset in bytes."""


def read_page(path: Path, rel: str, problems: list[Problem]) -> str | None:
    """A page's text as MkDocs reads it: UTF-8 with an optional BOM, CRLF and CR line ends made LF."""
    text = read_utf8(path, rel, problems)
    if text is None:
        return None
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def load_front_matter(block: str) -> object:
    """The front matter block parsed as MkDocs parses it (raises ``yaml.YAMLError``)."""
    return yaml.load(block, _LOADER)


class SearchMeta(Record):
    """Material's per-page search settings: ``boost`` ranks a page higher for the same words."""

    boost: float = Field(gt=0, le=10, description="How much higher the page ranks in site search (Material's boost).")


class PageMeta(Record):
    """Front matter every prose page must have."""

    title: Title
    description: Annotated[str, AfterValidator(fields.check_text)] = Field(min_length=20, max_length=170)
    last_reviewed: dt.date
    next_review: dt.date
    reviewed_by: Reviewer | None = Field(
        default=None, description="The clinician who signed the page off by pull request (never invented)."
    )
    scripts: list[Literal["finder", "builder", "check"]] = Field(
        default_factory=list, description="Page scripts to load (only the pages that need them get them)."
    )
    search: SearchMeta | None = Field(
        default=None, description="Site search: a boost for the page that answers a common question first."
    )


def check_folder(root: Path, content_dir: str, source_ids: set[str], figures: dict[str, str]) -> list[Problem]:
    """Problems in every ``.md`` file under ``content_dir``; citations must name one of ``source_ids``."""
    problems: list[Problem] = []
    if (problem := link_problem(root / content_dir, root, content_dir)) is not None:
        return [problem]
    for path in sorted((root / content_dir).rglob("*")):
        if path.suffix.lower() in ACTIVE_SUFFIXES and path.parent != root / content_dir / "figures":
            problems.append(
                Problem(
                    path.relative_to(root).as_posix(),
                    1,
                    1,
                    "<file>",
                    (
                        "MkDocs would publish this file as it is, where it could run script on the site: "
                        "write a .md page, or put a drawing in content/figures/"
                    ),
                )
            )
    for path in sorted((root / content_dir).rglob("*.md")):
        rel = path.relative_to(root).as_posix()
        if (problem := link_problem(path, root, rel)) is not None:
            problems.append(problem)
            continue
        text = read_page(path, rel, problems)
        if text is not None:
            problems.extend(check_page(rel, text, source_ids, figures))
    return problems


ACTIVE_SUFFIXES = {
    ".html",
    ".htm",
    ".xhtml",
    ".xht",
    ".shtml",
    ".svg",
    ".svgz",
    ".xml",
    ".xsl",
    ".xslt",
    ".js",
    ".mjs",
    ".swf",
}
"""Files MkDocs copies into the site unchanged that a browser may run as a document or a script.
Only ``content/figures/*.svg`` may be there, and those pass ``svg_sanitise`` first."""
FIGURE_MAX_BYTES = 12_000


def load_figures(root: Path, content_dir: str) -> tuple[dict[str, str], list[Problem]]:
    """Hand-drawn SVGs in ``content/figures/``, rebuilt by the allow-list sanitiser (``svg_sanitise``).

    What is kept for the pages is the sanitiser's output, never the file's own text; a figure
    with anything not on the allow-list is refused at its line.
    """
    figures: dict[str, str] = {}
    problems: list[Problem] = []
    for path in sorted((root / content_dir / "figures").glob("*.svg")):
        rel = path.relative_to(root).as_posix()
        if (problem := link_problem(path, root, rel)) is not None:
            problems.append(problem)
            continue
        svg = read_utf8(path, rel, problems)
        if svg is None:
            continue
        if len(svg.encode()) > FIGURE_MAX_BYTES:
            problems.append(
                Problem(rel, 1, 1, "<svg>", f"figure is {len(svg.encode())} bytes; keep it under {FIGURE_MAX_BYTES}")
            )
            continue
        try:
            figures[path.stem] = svg_sanitise.sanitise(svg).svg
        except svg_sanitise.Refused as refused:
            problems.append(Problem(rel, refused.line, refused.col, "<svg>", refused.message))
    return figures, problems


def check_page(rel: str, markdown: str, source_ids: set[str], figures: dict[str, str] | None = None) -> list[Problem]:
    problems = _check_front_matter(rel, markdown)
    for line, col, message in prose_html.check(markdown):
        problems.append(Problem(rel, line, col, "<html>", message))
    for match in INSERT.finditer(markdown):
        line, col = _position(markdown, match.start("name"))
        if match["name"] == "figure":
            if match["arg"] not in (figures or {}):
                message = f"no figure '{match['arg']}': add content/figures/{match['arg']}.svg"
                problems.append(Problem(rel, line, col, "insert", message))
        elif match["name"] not in inserts.INSERTS:
            known = ", ".join(sorted([*inserts.INSERTS, "figure NAME"]))
            problems.append(Problem(rel, line, col, "insert", f"unknown insert '{match['name']}' (known: {known})"))
        elif match["arg"]:
            problems.append(Problem(rel, line, col, "insert", f"insert '{match['name']}' takes no argument"))
    for match in CITATION.finditer(markdown):
        for sid_match in re.finditer(r"@([a-z0-9-]+)", match.group(0)):
            sid = sid_match[1]
            if sid not in source_ids:
                line, col = _position(markdown, match.start() + sid_match.start(1))
                message = f"unknown source '{sid}': no such file in data/sources/"
                problems.append(Problem(rel, line, col, "citation", message))
    return problems


def _check_front_matter(rel: str, markdown: str) -> list[Problem]:
    match = _FRONT_MATTER.match(markdown)
    if match is None:
        return [Problem(rel, 1, 1, "<front matter>", "the page must start with front matter between '---' lines")]
    if (refused := prescan.scan(match.group(1))) is not None:
        return [Problem(rel, refused[0] + 1, refused[1], "<front matter>", refused[2])]
    try:
        data = load_front_matter(match.group(1))
    except yaml.YAMLError:
        # The same verdict from the pure-Python loader, whose positions count characters; a blank line
        # in place of the opening '---' makes its lines the page's own.
        padded = "\n" + match.group(1)
        try:
            yaml.load(padded, _PURE_LOADER)
        except yaml.YAMLError as pure_error:
            error = pure_error
        if isinstance(error, ReaderError):  # a control character: its own position
            line, col = offset_position(padded, error.position)
            return [Problem(rel, line, col, "<front matter>", reader_message(error))]
        line, col, message = yaml_errors.explain(padded, error, functools.partial(yaml.load, Loader=_PURE_LOADER))
        return [Problem(rel, line, col, "<front matter>", message)]
    if not isinstance(data, dict):
        return [Problem(rel, 2, 1, "<front matter>", "front matter must be 'field: value' lines")]
    try:
        meta = PageMeta.model_validate(data)
    except ValidationError as error:
        problems = []
        for detail in error.errors(include_url=False):
            field = ".".join(str(part) for part in detail["loc"]) or "<front matter>"
            line = _front_matter_line(match.group(1), str(detail["loc"][0]) if detail["loc"] else "")
            message = "required field is missing" if detail["type"] == "missing" else detail["msg"]
            if detail["type"] == "string_type":
                message = _not_text(field, detail["input"])
            problems.append(Problem(rel, line, 1, field, message.removeprefix("Value error, ")))
        return problems
    try:
        Review(last_reviewed=meta.last_reviewed, next_review=meta.next_review)
    except ValidationError as error:
        message = error.errors()[0]["msg"].removeprefix("Value error, ")
        return [Problem(rel, _front_matter_line(match.group(1), "next_review"), 1, "next_review", message)]
    return []


def page_metas(root: Path, content_dir: str) -> dict[str, PageMeta]:
    """Front matter of every valid prose page, by path relative to the root."""
    metas = {}
    for path in sorted((root / content_dir).rglob("*.md")):
        if link_problem(path, root, path.name) is not None:
            continue  # reported by check_folder
        text = read_page(path, path.name, [])
        match = _FRONT_MATTER.match(text) if text is not None else None
        if match is None:
            continue  # reported by check_folder
        if prescan.scan(match.group(1)) is not None:
            continue  # reported by check_folder
        try:
            metas[path.relative_to(root).as_posix()] = PageMeta.model_validate(load_front_matter(match.group(1)))
        except (yaml.YAMLError, ValidationError):
            continue  # reported by check_folder
    return metas


def _not_text(field: str, value: object) -> str:
    """``title: yes`` or ``title: 2024``: YAML 1.1 (which MkDocs uses) reads these as a boolean or a number."""
    what = {bool: "true/false", int: "a number", float: "a number", type(None): "empty"}.get(type(value))
    name = "a title" if field == "title" else f"'{field}'"
    if what is None:
        return f"{name} must be text"
    return f"{name} must be text, but YAML reads this value as {what}: put it in quotes"


def _front_matter_line(block: str, key: str) -> int:
    for number, line in enumerate(block.splitlines(), start=2):
        if key and line.startswith(f"{key}:"):
            return number
    return 1


def _position(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def expand(markdown: str, catalogue: Catalogue, page_uri: str) -> str:
    """Replace citations and insert markers with Markdown rendered from the data, and end the page with
    its own list of the sources it cites (those of its inserts included), numbered as on its markers."""

    def insert(match: re.Match[str]) -> str:
        if match["name"] == "figure":
            return inserts.prose_figure(catalogue.prose_figures[match["arg"]])
        return inserts.render_insert(match["name"], catalogue, page_uri)

    with collecting() as cited:
        markdown = INSERT.sub(insert, markdown)
        markdown = CITATIONS.sub(lambda m: str(cite(catalogue, page_uri, _ids(m.group(0)))), markdown)
    if not cited:
        return markdown
    sources = render_template("_sources.md.j2", page_uri, catalogue, sources=page_sources(catalogue, cited))
    return f"{markdown.rstrip()}\n\n{sources}"


class KeptExpansions:
    """Each hand-written page's expansion kept with the catalogue's fields it read (``ReadCatalogue``) and
    the templates: under serve a page is expanded again only when its text, one of those fields or a
    template changed (``serve.pages`` compares expansions to know which pages to rebuild)."""

    def __init__(self) -> None:
        self._kept: dict[str, tuple[str, Any, dict[str, Any], str]] = {}

    def expand(self, markdown: str, catalogue: Catalogue, page_uri: str, templates: Any) -> str:
        kept = self._kept.get(page_uri)
        if (
            kept is not None
            and kept[0] == markdown
            and kept[1] == templates
            and all(getattr(catalogue, name) == value for name, value in kept[2].items())
        ):
            return kept[3]
        reading = ReadCatalogue.of(catalogue)
        expanded = expand(markdown, reading, page_uri)
        self._kept[page_uri] = (
            markdown,
            templates,
            {name: getattr(catalogue, name) for name in reading.read},
            expanded,
        )
        return expanded


def _ids(run: str) -> list[str]:
    """The source ids of a run of citations, in the order written."""
    return re.findall(r"@([a-z0-9-]+)", run)
