"""Material's templates are used as they are, with a few fixes applied as they load: no copies.

The fixes live in build_tools/theme_patches.py. These tests fail loudly when an upgrade of
Material changes a template so that a fix no longer fits, and when a copy of one of
Material's templates creeps back into theme_overrides/ (a copy would hard-code that
release's hashed asset names and go stale on the next one).
"""

from __future__ import annotations

from pathlib import Path

import jinja2
import material
import pytest

from build_tools import theme_patches
from conftest import ROOT

MATERIAL_TEMPLATES = Path(material.__file__).parent / "templates"
OWN_TEMPLATES = {"main.html"}
"""Material's documented place for additions: it only extends base.html, so it is ours."""


@pytest.mark.parametrize("name", sorted(theme_patches.PATCHES))
def test_each_fix_fits_the_installed_material(name: str) -> None:
    original = (MATERIAL_TEMPLATES / name).read_text(encoding="utf-8")
    for patch in theme_patches.PATCHES[name]:
        assert original.count(patch.old) == patch.count, (
            f"Material's {name} changed: update build_tools/theme_patches.py ({patch.why})"
        )
    patched = theme_patches.apply(name, original)
    for patch in theme_patches.PATCHES[name]:
        assert patch.new in patched and patch.old not in patched.replace(patch.new, "")


def test_a_fix_that_no_longer_fits_stops_the_build_with_its_reason() -> None:
    with pytest.raises(theme_patches.PatchError, match=r"no longer applies.*search dialog has a name"):
        theme_patches.apply("partials/search.html", '<div class="md-search">')


def test_the_loader_applies_the_fixes_and_leaves_other_templates_alone() -> None:
    inner = jinja2.DictLoader(
        {"partials/search.html": theme_patches.PATCHES["partials/search.html"][0].old, "other.html": "<p>same</p>"}
    )
    env = jinja2.Environment(loader=theme_patches.PatchingLoader(inner))
    assert 'aria-label="' in env.loader.get_source(env, "partials/search.html")[0]
    assert env.get_template("other.html").render() == "<p>same</p>"
    assert sorted(env.list_templates()) == ["other.html", "partials/search.html"]


def test_theme_overrides_hold_no_copy_of_materials_templates() -> None:
    ours = {p.relative_to(ROOT / "theme_overrides").as_posix() for p in (ROOT / "theme_overrides").rglob("*.html")}
    copies = {name for name in ours - OWN_TEMPLATES if (MATERIAL_TEMPLATES / name).exists()}
    assert copies == set(), f"copies of Material's templates: {sorted(copies)}; fix them in theme_patches.py"


def test_built_pages_carry_the_fixes(real_site: Path) -> None:
    html = (real_site / "index.html").read_text(encoding="utf-8")
    assert '<form id="__toggles" autocomplete="off" hidden></form>' in html
    assert 'type="checkbox" id="__drawer" form="__toggles">' in html and 'id="__drawer" autocomplete' not in html
    assert 'role="dialog" aria-label="Search"' in html
    assert 'tabindex=""' not in html
    exercise = (real_site / "exercises" / "glute-bridge" / "index.html").read_text(encoding="utf-8")
    assert 'class="md-nav__title" for="__toc"' not in exercise  # not in the navigation: no __toc toggle
    assert 'class="md-nav__title" for="__toc"' in html
