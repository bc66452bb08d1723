"""Small fixes to Material's own templates, applied as the theme loads them: no copies of them.

Beside the plugin: ``on_env`` wraps the theme's Jinja loader in ``PatchingLoader``, which
hands Jinja Material's template with each fix below applied. Every fix names the exact text
it replaces; if an upgrade of Material changes that text, loading the template fails with a
message saying which fix no longer applies (and ``tests/test_theme_patches.py`` fails first),
so a fix can never silently stop working, and nothing hard-codes Material's hashed asset names.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import jinja2


@dataclass(frozen=True)
class Patch:
    old: str
    new: str
    why: str
    count: int = 1
    """How many times ``old`` occurs in Material's template (every one is replaced)."""


PATCHES: dict[str, tuple[Patch, ...]] = {
    "base.html": (
        Patch(
            '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">\n',
            '    <form id="__toggles" autocomplete="off" hidden></form>\n'
            '    <input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" form="__toggles">\n'
            '    <input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" form="__toggles">\n',
            "autocomplete is not allowed on a checkbox (Nu HTML Checker). The toggles belong to an empty form "
            "with autocomplete=off instead, so Firefox still does not restore an open drawer or search.",
        ),
    ),
    "partials/nav-item.html": (
        Patch(
            '_label" tabindex="{{ tabindex }}">',
            '_label"{% if tabindex %} tabindex="{{ tabindex }}"{% endif %}>',
            'a section\'s label had an empty tabindex="" (invalid HTML); it now has none.',
            count=2,
        ),
    ),
    "partials/search.html": (
        Patch(
            '<div class="md-search" data-md-component="search" role="dialog">',
            '<div class="md-search" data-md-component="search" role="dialog" aria-label="{{ lang.t(\'search\') }}">',
            "the search dialog has a name, so a screen reader announces what opened (axe: aria-dialog-name).",
        ),
    ),
    "partials/toc.html": (
        Patch(
            '<label class="md-nav__title" for="__toc">',
            '<label class="md-nav__title"{% if page in nav.pages %} for="__toc"{% endif %}>',
            "the 'Table of contents' title points at the __toc toggle only on pages in the navigation, the "
            "only pages that have it (exercise and routine pages are not in the navigation).",
        ),
    ),
}
"""Template name -> its fixes, each replacing text that occurs a known number of times."""


class PatchError(jinja2.TemplateError):
    """A fix no longer applies: Material's template changed."""


def apply(name: str, source: str) -> str:
    """``source`` of template ``name`` with its fixes applied; PatchError if one does not fit."""
    for patch in PATCHES.get(name, ()):
        found = source.count(patch.old)
        if found != patch.count:
            raise PatchError(
                f"theme fix for Material's {name} no longer applies (the text it replaces occurs {found} times, "
                f"not {patch.count}): {patch.why} Update build_tools/theme_patches.py for this version of Material."
            )
        source = source.replace(patch.old, patch.new)
    return source


class PatchingLoader(jinja2.BaseLoader):
    """Loads templates through another loader and applies ``PATCHES`` to the ones they name."""

    def __init__(self, inner: jinja2.BaseLoader) -> None:
        self.inner = inner

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str | None, Callable[[], bool] | None]:
        source, filename, uptodate = self.inner.get_source(environment, template)
        return apply(template, source), filename, uptodate

    def list_templates(self) -> list[str]:
        return self.inner.list_templates()
