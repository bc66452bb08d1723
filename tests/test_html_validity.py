"""Every built page is valid HTML: 0 errors from the Nu HTML Checker.

The checker is vnu.jar from the vnu-jar npm package (`make node_modules`), run on the
system Java. Where Material's own markup was invalid, theme_overrides/ holds a copy of the
template with the fix; a second test checks that each copy is still Material's template
with exactly that fix, so that upgrading Material cannot leave a stale copy behind.

Skipped on a machine without Java or node_modules, except in CI (CI=true), where that is a
failure: .ci/run installs both.
"""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import material
import pytest

from conftest import ROOT, node_module, require_tool

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
GENERATED_HEADER = "{#-\n  This file was automatically generated - do not edit\n-#}\n"

# theme_overrides/<file> == Material's <file> with these (old, new) replacements, below a
# header comment that says why.
OVERRIDES: dict[str, list[tuple[str, str]]] = {
    "base.html": [(
        '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
        '    <form id="__toggles" autocomplete="off" hidden></form>\n'
        '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__toggles">\n'
        '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__toggles">\n',
    )],
    "partials/nav-item.html": [(
        '_label" tabindex="{{ tabindex }}">',
        '_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
    )],
    "partials/search.html": [(
        '<div class="md-search" data-md-component="search" role="dialog">',
        '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
    )],
    "partials/toc.html": [(
        '<label class="md-nav__title" for="__toc">',
        '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
    )],
}


def run_vnu(site: Path) -> list[dict]:
    java = shutil.which("java")
    require_tool(java, "Java", "apt-get install openjdk-17-jre-headless")
    jar = node_module("vnu-jar/build/dist/vnu.jar")
    # -Xss8m: with the small default stack vnu crashes with StackOverflowError on long pages.
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(jar), "--skip-non-html", "--format", "json", "--exit-zero-always", str(site)],
        capture_output=True, text=True, timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stderr)["messages"]


def test_nu_html_checker_finds_no_errors(real_site: Path) -> None:
    messages = run_vnu(real_site)
    errors = [m for m in messages if m["type"] in {"error", "non-document-error"}
              or m.get("subType") == "fatal"]
    pages = len(list(real_site.rglob("*.html")))
    by_message = collections.Counter(m["message"] for m in errors)
    where = []
    for m in errors[:40]:
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)).relative_to(real_site) if url.startswith("file:") else url
        where.append(f"{path}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()[:160]}")
    assert errors == [], (f"{len(errors)} error(s) on {pages} page(s):\n"
                          + "\n".join(f"  {n} x {text}" for text, n in by_message.most_common()) + "\n\n"
                          + "\n".join(where))


@pytest.mark.parametrize("name", sorted(OVERRIDES))
def test_theme_overrides_are_materials_templates_with_only_the_fixes(name: str) -> None:
    original = (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8")
    assert original.startswith(GENERATED_HEADER)
    expected = original[len(GENERATED_HEADER):]
    for old, new in OVERRIDES[name]:
        assert old in expected, f"Material's {name} changed: refresh theme_overrides/{name} and this test"
        expected = expected.replace(old, new)
    override = (ROOT / "theme_overrides" / name).read_text(encoding="utf-8")
    assert override.startswith("{#-") and "-#}\n" in override, "keep the comment that says what was changed"
    body = override.split("-#}\n", 1)[1]
    assert body == expected, f"theme_overrides/{name} differs from Material's {name} by more than the fixes"


def test_every_partial_override_is_checked() -> None:
    partials = {p.relative_to(ROOT / "theme_overrides").as_posix()
                for p in (ROOT / "theme_overrides" / "partials").rglob("*.html")}
    assert partials <= set(OVERRIDES), "add the new override to OVERRIDES in this file"
