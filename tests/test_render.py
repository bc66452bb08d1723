"""Rendering: hostile text is escaped, front matter survives any title, and a golden page."""

from __future__ import annotations

import os
from pathlib import Path

import markdown
import pytest
from mkdocs.utils.meta import get_data

from build_tools import dose, render
from build_tools.loader import load_catalogue
from build_tools.models import Exercise
from build_tools.text import escape_markdown
from build_tools.urls import SiteInfo

GOLDEN = Path(__file__).parent / "golden"


def to_html(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", "md_in_html", "tables", "admonition"])


@pytest.mark.parametrize(
    "hostile",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[click me](javascript:alert(1))",
        "**bold** and _under_ and `code`",
        "a | b | c",
        "&lt;script&gt; already escaped",
    ],
)
def test_escaped_text_renders_as_the_same_plain_text(hostile: str) -> None:
    html = to_html(f"Before {escape_markdown(hostile)} after")
    assert "<script" not in html and "<img" not in html and "<a " not in html
    assert "<strong>" not in html and "<em>" not in html and "<code>" not in html
    # What the reader sees is exactly the original text.
    from html.parser import HTMLParser

    class Text(HTMLParser):
        seen = ""

        def handle_data(self, data: str) -> None:
            self.seen += data

    parser = Text(convert_charrefs=True)
    parser.feed(html)
    assert parser.seen == f"Before {hostile} after"


def test_script_in_yaml_never_reaches_a_page_even_if_validation_were_bypassed(mini: Path) -> None:
    catalogue = load_catalogue(mini)
    bridge = catalogue.exercises["bridge"]
    hostile = Exercise.model_construct(
        **{
            **dict(bridge),
            "name": "Bridge <script>alert(1)</script>",
            "feel_it": "<b onmouseover=x>here</b>",
        }
    )
    catalogue.exercises["bridge"] = hostile
    page = render.render_exercise(catalogue, "bridge")
    body = to_html(page.split("---", 2)[2])
    assert "<script" not in body and "<b " not in body
    assert "&lt;script&gt;" in body


def test_colon_and_quotes_in_a_title_keep_the_front_matter(mini: Path) -> None:
    catalogue = load_catalogue(mini)
    tricky = catalogue.exercises["bridge"].model_copy(update={"name": 'Bridge: the "classic" one # not a comment'})
    catalogue.exercises["bridge"] = tricky
    page = render.render_exercise(catalogue, "bridge")
    body, meta = get_data(page)  # MkDocs' own front-matter reader, which drops bad YAML silently
    assert meta["title"] == 'Bridge: the "classic" one # not a comment'
    assert str(meta["last_reviewed"]) == "2026-01-01"
    assert body.startswith('# Bridge: the "classic" one \\# not a comment')


def test_routine_dose_change_is_applied_with_its_source(mini: Path) -> None:
    catalogue = load_catalogue(mini)
    routine = catalogue.routines["starter"]
    changed = dose.in_routine(catalogue.exercises["bridge"], routine.exercises[0])
    assert (changed.sets, changed.reps, changed.rest_seconds, changed.sources) == (3, 10, 60, ["source-a"])
    unchanged = dose.in_routine(catalogue.exercises["stretch"], routine.exercises[1])
    assert unchanged == catalogue.exercises["stretch"].dose


def test_citations_are_numbered_in_reference_order(mini: Path) -> None:
    catalogue = load_catalogue(mini)
    assert catalogue.source_numbers() == {"source-a": 1, "source-b": 2}
    cited = render.cite(catalogue, "exercises/bridge.md", ["source-b", "source-a"])
    assert str(cited) == (
        '<a class="hs-cite" href="#src-1" aria-label="Sources 1, 2" data-hs-cite="1 2">\\[1, 2\\]</a>'
    )


@pytest.mark.parametrize("page", ["exercises/bridge.md", "routines/starter.md", "references.md"])
def test_golden_pages(mini: Path, page: str) -> None:
    """Compare with tests/golden/; after an intended change run: UPDATE_GOLDEN=1 make test.

    The page as a reader gets it: slots filled with their figures and handout, as the plugin
    does in the finished page (and the CLI's ``render`` does in the Markdown it writes)."""
    catalogue = load_catalogue(mini)
    rendered = render.fill_slots(render.render_pages(catalogue)[page], catalogue, SiteInfo(), page)
    golden = GOLDEN / page.replace("/", "__")
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text(rendered, encoding="utf-8")
    assert rendered == golden.read_text(encoding="utf-8")


def test_a_routine_opens_with_its_red_flags_before_anything_else(mini: Path) -> None:
    """A routine that names warning signs shows each first, with its UK and US actions, from the red flag's file."""
    catalogue = load_catalogue(mini)
    fid, flag = next(iter(catalogue.red_flags.items()))
    routine = catalogue.routines["starter"]
    catalogue.routines["starter"] = routine.model_copy(update={"red_flags": [fid]})
    page = render.render_routine(catalogue, "starter")
    body = page[page.index("\n# ") :]  # after the front matter, which repeats the summary
    first = body.index("Check this first")
    assert first < body.index(routine.summary) < body.index("Do not start this routine")
    assert flag.name in body[first:] and flag.action.uk in body and flag.action.us in body
    plain = render.render_routine(load_catalogue(mini), "starter")
    assert "Check this first" not in plain, "a routine without red flags has no such box"
