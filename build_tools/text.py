"""Small pure text helpers for the renderers: Markdown escaping and dose wording.

Every value from YAML passes through ``escape_markdown`` on its way into a page (the
Jinja environment applies it to every ``{{ }}`` by default), so text can never become
HTML, a link or emphasis. Values that are already Markdown are wrapped in
``markupsafe.Markup`` and pass through unchanged.
"""

from __future__ import annotations

import html
import re

from markupsafe import Markup

# Characters Python-Markdown gives a meaning to inside a line (and '|' in tables).
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]#+!|])")


def escape_markdown(value: object) -> str:
    """Make plain text safe inside a Markdown line: no HTML, no links, no emphasis."""
    if isinstance(value, Markup):
        return str(value)
    text = " ".join(str(value).split())
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    return html.escape(text, quote=False)


def plural(count: int, singular: str, plural_form: str | None = None) -> str:
    return f"{count} {singular if count == 1 else (plural_form or singular + 's')}"


def human_date(value: object) -> str:
    """2026-11-25 -> '25 November 2026'."""
    return f"{value.day} {value:%B %Y}"  # type: ignore[attr-defined]
