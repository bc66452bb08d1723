"""Blocks rendered from data into hand-written pages: ``<!-- insert: NAME -->`` and the glossary's tooltips.

Part of the rendering stage, for the pages in ``content/``: ``prose.check_folder`` refuses an
insert not in ``INSERTS``; ``prose.expand`` (from the plugin's ``on_page_markdown``) puts
``render_insert``'s Markdown, or a hand-drawn figure (``prose_figure``), where the marker was.
The plugin adds ``glossary_abbreviations`` to every page, so each glossary term shows its
definition as a tooltip. Lists of signs, tests and red flags are so never retyped in prose.
"""

from __future__ import annotations

import hashlib
import html
import re
from collections.abc import Callable

from . import check, safety, vocabulary
from .catalogue import Catalogue
from .jinja_env import render_template
from .slots import fill_handout_template, slot
from .urls import SiteInfo
from .views import body_map_entries, red_flag_groups


def _insert_signs(kind: str) -> Callable[[Catalogue, str], str]:
    def render(catalogue: Catalogue, page_uri: str) -> str:
        signs = [(sid, s) for sid, s in catalogue.signs.items() if s.kind == kind]
        return render_template("insert_signs.md.j2", page_uri, catalogue, signs=signs)

    return render


def _insert_self_tests(catalogue: Catalogue, page_uri: str) -> str:
    return render_template("insert_self_tests.md.j2", page_uri, catalogue, tests=list(catalogue.self_tests.items()))


def _insert_red_flags(catalogue: Catalogue, page_uri: str) -> str:
    return render_template("insert_red_flags.md.j2", page_uri, catalogue, groups=red_flag_groups(catalogue))


def _insert_before_you_start(catalogue: Catalogue, page_uri: str) -> str:
    """The shared checks before starting a routine, for prose pages: the same list every routine opens with."""
    return render_template(
        "insert_before_you_start.md.j2", page_uri, catalogue, rules=safety.view_for(catalogue.safety_rules, ())
    )


def _insert_pain_rules(catalogue: Catalogue, page_uri: str) -> str:
    """Every pain limit, for the clinician page: the same rules, from the same file, as every exercise."""
    return render_template(
        "insert_pain_rules.md.j2", page_uri, catalogue, rules=safety.view_for(catalogue.safety_rules, vocabulary.KINDS)
    )


def _insert_routine_cards(catalogue: Catalogue, page_uri: str) -> str:
    return render_template("insert_routine_cards.md.j2", page_uri, catalogue)


def _insert_exercise_cards(catalogue: Catalogue, page_uri: str) -> str:
    beginners = [(eid, ex) for eid, ex in catalogue.exercises.items() if ex.level == "beginner"][:6]
    return render_template("insert_exercise_cards.md.j2", page_uri, catalogue, exercises=beginners)


def _insert_handout_template(catalogue: Catalogue, page_uri: str) -> str:
    """The builder page's handout template: a slot, filled in the finished page (``slots.fill_handout_template``).

    Its argument is a digest of the template's text, so that the page's expanded Markdown, and with
    it ``make serve``'s view of whether the page changed, follows data/safety.yml and the red flags.
    """
    digest = hashlib.sha256(fill_handout_template(catalogue, SiteInfo(), page_uri, "").encode()).hexdigest()
    return str(slot("handout-template", digest[:12]))


def _insert_body_map(catalogue: Catalogue, page_uri: str) -> str:
    """The "Where does it hurt?" map (drawn into a slot by ``body_map``) and the text list of the same links."""
    return render_template(
        "insert_body_map.md.j2",
        page_uri,
        catalogue,
        map=slot("body-map", "thigh-and-knee"),
        areas=body_map_entries(catalogue),
    )


def _insert_check(catalogue: Catalogue, page_uri: str) -> str:
    """The guided check: its page content without JavaScript and its data, both HTML put in by a slot.

    The slot's argument is a digest of that data, so the page's Markdown changes when the data does
    (``serve --dirty`` rebuilds a hand-written page only then); the filler does not read it.
    """
    data = check.script_json(check.check_data(catalogue, SiteInfo(), page_uri))
    return str(slot("check", hashlib.blake2b(data.encode("utf-8"), digest_size=6).hexdigest()))


INSERTS = {
    "weakness-signs": _insert_signs("weakness"),
    "tightness-signs": _insert_signs("tightness"),
    "symptoms": _insert_signs("symptom"),
    "self-tests": _insert_self_tests,
    "red-flags": _insert_red_flags,
    "pain-rules": _insert_pain_rules,
    "before-you-start": _insert_before_you_start,
    "routine-cards": _insert_routine_cards,
    "exercise-cards": _insert_exercise_cards,
    "handout-template": _insert_handout_template,
    "body-map": _insert_body_map,
    "check": _insert_check,
}
"""Blocks a prose page can ask for with ``<!-- insert: NAME -->``."""


def render_insert(name: str, catalogue: Catalogue, page_uri: str) -> str:
    return str(INSERTS[name](catalogue, page_uri)).strip("\n")


def prose_figure(svg: str) -> str:
    """A sanitised hand-drawn SVG (``svg_sanitise``), inlined to follow the page's colours, captioned with its title.

    The caption is the title's text, taken from the sanitised SVG (so already escaped) and
    escaped again as a whole for HTML after reading it back as plain text.
    """
    title = re.search(r"<title[^>]*>([^<]*)</title>", svg)
    caption = f"<figcaption>{html.escape(html.unescape(title.group(1)).strip())}</figcaption>\n" if title else ""
    return f'<figure class="hs-figure">\n{svg}\n{caption}</figure>'


def glossary_abbreviations(catalogue: Catalogue) -> str:
    """Abbreviation definitions (Markdown ``*[term]: text``) that show every glossary term as a tooltip."""
    lines = []
    for entry in catalogue.glossary.values():
        definition = " ".join(entry.definition.split())
        for term in (entry.term, *entry.also_matches):
            lines.append(f"*[{term}]: {definition}")
    return "\n\n".join(lines)  # one block each: a single long block makes every block parser rescan it
