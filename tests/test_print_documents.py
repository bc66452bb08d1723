"""The print documents the handout PDFs print from (``print_documents``): the frame taken from the theme's
settings, and the document. Whether a PDF printed from one equals its built page's is test_handouts.py's."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools.print_documents import Frame, frame_for, print_document

MAIN = ("assets/stylesheets/main.57a0d79d.min.css", "/theme/main.57a0d79d.min.css")
PALETTE = ("assets/stylesheets/palette.fb2fffe2.min.css", "/theme/palette.fb2fffe2.min.css")
OTHERS = [("assets/stylesheets/main.57a0d79d.min.css.map", "/theme/main.map"), ("index.md", "/docs/index.md")]


def test_the_frame_takes_the_first_palette_and_both_theme_stylesheets_in_the_page_s_order() -> None:
    theme = {
        "language": "de",
        "font": False,
        "palette": [{"scheme": "slate", "primary": "deep purple", "accent": None}, {"scheme": "default"}],
    }
    frame = frame_for(theme, "Site", [PALETTE, *OTHERS, MAIN])
    assert frame.language == "de" and frame.direction == "ltr" and frame.site_name == "Site"
    assert frame.colours == ("slate", "deep-purple", "indigo")  # Material's defaults and spaces as hyphens
    assert frame.stylesheets == (Path(MAIN[1]), Path(PALETTE[1]))
    assert frame.fonts is None


def test_without_a_palette_only_the_main_stylesheet_and_no_colours() -> None:
    frame = frame_for({"language": "en", "font": {"text": "Inter"}}, "Site", [MAIN, PALETTE])
    assert frame.stylesheets == (Path(MAIN[1]),)
    assert frame.colours is None
    assert frame.fonts == ("Inter", "Roboto Mono")


@pytest.mark.parametrize("files", [[PALETTE], [MAIN, ("assets/stylesheets/main.0000.min.css", "/x.css"), PALETTE]])
def test_a_theme_without_exactly_one_main_stylesheet_is_refused_by_name(files: list[tuple[str, str]]) -> None:
    with pytest.raises(ValueError, match=r"assets/stylesheets/main\.\*\.min\.css.*print_documents\.py"):
        frame_for({"palette": {"scheme": "default"}}, "Site", files)


def test_the_document_holds_the_handout_as_built_in_the_page_s_frame_and_escapes_the_title(tmp_path: Path) -> None:
    sheet = tmp_path / "main.css"
    frame = Frame("en", "ltr", "Knees & hamstrings", (sheet,), ("default", "indigo", "indigo"), ("Inter", "Mono"))
    handout = '<div class="hs-handout"><h2>Back</h2></div>'
    document = print_document(frame, 'A <b>"routine"</b>', handout)
    assert document.count(handout) == 1
    assert "<title>A &lt;b&gt;&#34;routine&#34;&lt;/b&gt; - Knees &amp; hamstrings</title>" in document
    assert f'<link rel="stylesheet" href="{sheet.as_uri()}">' in document
    assert '<html lang="en" class="no-js">' in document
    assert 'data-md-color-scheme="default" data-md-color-primary="indigo"' in document
    assert ':root{--md-text-font:"Inter";--md-code-font:"Mono"}' in document
    chain = ["md-container", "md-main", "md-main__inner md-grid", "md-content", "md-content__inner md-typeset"]
    positions = [document.index(f'class="{name}"') for name in chain]
    assert positions == sorted(positions) and positions[-1] < document.index(handout)
