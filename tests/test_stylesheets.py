"""One stylesheet of ours per page (build_tools/stylesheets.py): the files mkdocs.yml lists, joined in order."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from build_tools import stylesheets
from conftest import ROOT


def _files(texts: dict[str, str]):
    return lambda uri: SimpleNamespace(content_string=texts[uri]) if uri in texts else None


def test_the_listed_stylesheets_are_joined_in_order_each_named() -> None:
    joined = stylesheets.one_stylesheet(["a.css", "b.css"], _files({"a.css": ".a { x: 1 }\n", "b.css": ".b {}"}))
    assert joined == "/* a.css */\n.a { x: 1 }\n\n/* b.css */\n.b {}\n"
    again = stylesheets.one_stylesheet([stylesheets.BUNDLE, "b.css"], _files({"b.css": ".b {}"}))
    assert again == "/* b.css */\n.b {}\n"  # a config that links the bundle already


@pytest.mark.parametrize(
    ("texts", "message"),
    [({}, "extra_css: a.css is not a file of the site"), ({"a.css": '@import "b.css";'}, "@import or @charset")],
)
def test_a_missing_or_importing_stylesheet_is_refused_by_name(texts: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        stylesheets.one_stylesheet(["a.css"], _files(texts))


def test_every_page_links_the_one_stylesheet_holding_all_it_lists(real_site: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    listed = re.findall(r"^  - (\S+\.css)$", config.split("\nextra_css:\n", 1)[1].split("\n\n", 1)[0], re.M)
    assert len(listed) >= 5
    bundle = (real_site / stylesheets.BUNDLE).read_text(encoding="utf-8")
    at = [bundle.index((ROOT / "theme_overrides" / css).read_text(encoding="utf-8").strip()) for css in listed]
    assert at == sorted(at)  # each whole, in the listed order
    for page in sorted(real_site.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        ours = [href for href in re.findall(r'<link rel="stylesheet" href="([^"]+)"', text) if "/main." not in href]
        ours = [href for href in ours if "palette." not in href and "finder.css" not in href]
        assert [href.rsplit("/", 1)[-1] for href in ours] == ["hamstrings.css"], page


def test_the_builder_preview_reads_the_print_rules_from_the_joined_stylesheet() -> None:
    """handout-view.js mirrors handout.css's print rules from the joined file, found by its name."""
    script = (ROOT / "theme_overrides/assets/javascripts/handout-view.js").read_text(encoding="utf-8")
    name = stylesheets.BUNDLE.rsplit("/", 1)[-1]
    assert f"/\\/{name.replace('.', chr(92) + '.')}(\\?|$)/" in script
