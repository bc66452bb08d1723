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


def seconds(value: int) -> str:
    if value >= 60 and value % 60 == 0:
        return plural(value // 60, "minute")
    if value > 60 and value % 30 == 0:
        return f"{value / 60:g} minutes"
    return plural(value, "second")


def amount(dose: object) -> str:
    """'3 sets of 10' or 'Hold 30 seconds, 3 times', with 'on each leg' when per side."""
    sets = getattr(dose, "sets")
    reps = getattr(dose, "reps")
    hold = getattr(dose, "hold_seconds")
    if reps is not None:
        text = f"{plural(sets, 'set')} of {reps}"
    else:
        times = "once" if sets == 1 else ("twice" if sets == 2 else f"{sets} times")
        text = f"hold {seconds(hold)}, {times}"
    if getattr(dose, "per_side", False):
        text += " on each leg"
    return text[0].upper() + text[1:]


def rest(dose: object) -> str:
    value = getattr(dose, "rest_seconds")
    return "No rest needed between sets" if value == 0 else f"Rest {seconds(value)} between sets"


def frequency(days_per_week: int) -> str:
    if days_per_week == 7:
        return "Every day"
    return f"{plural(days_per_week, 'day')} a week"


def human_date(value: object) -> str:
    """2026-11-25 -> '25 November 2026'."""
    return f"{value.day} {value:%B %Y}"  # type: ignore[attr-defined]
