"""Glossary tooltips: each term is marked once per section (build_tools.glossary_marks), on real pages too."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import markdown

PAGE = """*[NICE]: The institute that writes guidance.
*[OA]: A joint condition.
*[OAs]: A joint condition.

NICE and NICE, then OA and OAs.

## Next section

**NICE** again, and NICE.

???+ quote "Sources"

    - NICE in a block of its own, NICE

After the block, NICE.

## Sources

- NICE (2022). Guidance on OA.
    { #src-1 .hs-source }
"""


def render(text: str, *, marks: bool = True) -> str:
    extensions = ["abbr", "attr_list", "pymdownx.details", "toc"] + (["build_tools.glossary_marks"] if marks else [])
    return markdown.markdown(text, extensions=extensions)


def test_each_definition_is_marked_at_its_first_use_in_each_section_and_each_block() -> None:
    html = render(PAGE)
    assert render(PAGE, marks=False).count("<abbr") == 11  # without the extension: every use
    html, sources = html.split('<h2 id="sources">')
    assert 'class="hs-source"' in sources and "<abbr" not in sources  # a source's title is not the page's words
    intro, section = html.split('<h2 id="next-section">')
    assert intro.count('title="The institute that writes guidance."') == 1
    # Two terms with the same definition (a plural) are one term: marked once.
    assert intro.count('title="A joint condition."') == 1 and "then <abbr" in intro and "and OAs." in intro
    block = section[section.index("<details") : section.index("</details>")]
    before, after = section.split(block)
    assert before.count("<abbr") == 1 and "<strong><abbr" in before  # first use, even inside emphasis
    assert block.count("<abbr") == 1  # a collapsible block starts afresh: it may be the only part read
    assert "<abbr" not in after  # already marked earlier in this section
    # Nothing is lost: the repeats are the same words, as plain text.
    plain = re.sub(r"</?abbr[^>]*>", "", render(PAGE))
    assert plain == re.sub(r"</?abbr[^>]*>", "", render(PAGE, marks=False))


class _Marks(HTMLParser):
    """Titles of the <abbr> elements in an article, by section (an <h2> or a <details> starts one)."""

    def __init__(self) -> None:
        super().__init__()
        self.sections: list[list[str]] = [[]]
        self.stack: list[list[str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "h2":
            self.sections.append([])
        elif tag == "details":
            self.stack.append(self.sections[-1])
            self.sections.append([])
        elif tag == "abbr":
            self.sections[-1].append(dict(attrs).get("title") or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "details" and self.stack:
            self.sections.append(self.stack.pop())  # back to the section around the block


def test_the_built_home_page_marks_each_term_once_per_section_and_every_body_map_entry_keeps_its_terms(
    real_site: Path,
) -> None:
    html = (real_site / "index.html").read_text(encoding="utf-8")
    article = html[html.index("<article") : html.index("</article>")]
    parser = _Marks()
    parser.feed(article)
    marked = [title for section in parser.sections for title in section]
    assert marked, "the home page lost its glossary tooltips"
    for section in parser.sections:
        assert len(section) == len(set(section)), section
    # A body-map entry is read on its own (the map opens it): its terms are marked inside it.
    entry = article[article.index('id="where-back-of-thigh-middle"') :]
    entry = entry[: entry.index("</details>")]
    assert "<abbr" in entry and "hamstring strain" in entry
    sources = article[article.index('id="sources"') :]
    assert 'class="hs-source"' in sources and "<abbr" not in sources
