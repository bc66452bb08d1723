"""The guided check ("Which exercises fit me?"): its data for the browser and its page without JavaScript.

Part of the rendering stage: the ``check`` insert puts a slot in ``content/check.md`` and
``slots.fill_slots`` puts ``check_html`` there. Everything comes from the data, nothing is
retyped: the warning signs and their actions (``data/red_flags/``), the areas and where to
read on (``data/body_map.yml``, ``data/signs/``), and the routines with whom they fit
(``fits`` in ``data/routines/``). The HTML lists the warning signs and the routines, which is
the whole page without JavaScript; ``check.js`` reads the same data from an inert
``<script type="application/json">`` (escaped, so no text can close it; the page's policy
hashes it like any inline script, and it never runs) and builds the questions from it.
"""

from __future__ import annotations

import json
from typing import Any

from markupsafe import Markup

from . import vocabulary as vocab
from .catalogue import Catalogue
from .handout import html_environment
from .urls import CLINICIAN_URI, SiteInfo, page_link, routine_uri
from .views import body_map_entries, red_flag_groups

CHECK_DATA_VERSION = 1
"""The shape of the data ``check.js`` reads; it refuses any other."""

_SCRIPT_UNSAFE = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data: object) -> Markup:
    """``data`` as JSON that is safe inside ``<script type="application/json">``: no ``<``, ``>`` or ``&``."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    for char, escaped in _SCRIPT_UNSAFE.items():
        text = text.replace(char, escaped)
    return Markup(text)  # escaped just above, for the one context it goes into


def _link(page_uri: str, to_uri: str, site: SiteInfo, anchor: str | None = None) -> str:
    return page_link(page_uri, to_uri, site) + (f"#{anchor}" if anchor else "")


def routine_equipment(catalogue: Catalogue, routine_id: str) -> list[str]:
    """What a routine's exercises use, beyond nothing at all, in the vocabulary's order."""
    used = {
        e for item in catalogue.routines[routine_id].exercises for e in catalogue.exercises[item.exercise].equipment
    }
    return [e for e in vocab.EQUIPMENT if e in used and e != "none"]


def check_data(catalogue: Catalogue, site: SiteInfo, page_uri: str) -> dict[str, Any]:
    """What the check asks and suggests, with every address relative to ``page_uri``."""
    clinician = page_link(page_uri, CLINICIAN_URI, site)
    routines: list[dict[str, Any]] = []
    equipment: set[str] = set()
    for rid, routine in catalogue.routines.items():
        if routine.fits is None:
            continue
        routines.append(
            {
                "id": rid,
                "name": routine.name,
                "summary": routine.summary,
                "audience": routine.audience,
                "not_if": list(routine.who_should_not_start),
                "weeks": routine.weeks,
                "sessions_per_week": routine.sessions_per_week,
                "href": _link(page_uri, routine_uri(rid), site),
                "equipment": routine_equipment(catalogue, rid),
                "fits": routine.fits.model_dump(),
            }
        )
        equipment.update(routines[-1]["equipment"])
    return {
        "version": CHECK_DATA_VERSION,
        "urgencies": [
            {"id": urgency, "label": label, "action": vocab.URGENCY_ACTIONS[urgency]}
            for urgency, label, _ in red_flag_groups(catalogue)
        ],
        "red_flags": [
            {
                "id": fid,
                "name": flag.name,
                "urgency": urgency,
                "uk": flag.action.uk,
                "us": flag.action.us,
                "href": f"{clinician}#{fid}",
            }
            for urgency, _, flags in red_flag_groups(catalogue)
            for fid, flag in flags
        ],
        "areas": [
            {
                "id": entry["region"],
                "number": entry["number"],
                "label": entry["label"],
                "note": entry["area"].note,
                "signs": [sign.name for _, sign in entry["signs"]],
                "read": [
                    {"text": link.text, "href": _link(page_uri, link.page, site, link.section)}
                    for link in entry["area"].read
                ],
            }
            for entry in body_map_entries(catalogue)
        ],
        "no_pain": {"id": vocab.NO_PAIN, "label": "It does not hurt: I want to train"},
        "onsets": [{"id": key, "label": label} for key, label in vocab.CHECK_ONSETS.items()],
        "goals": [{"id": key, "label": label} for key, label in vocab.CHECK_GOALS.items()],
        "equipment": [{"id": e, "label": label} for e, label in vocab.EQUIPMENT.items() if e in equipment],
        "routines": routines,
    }


def check_html(catalogue: Catalogue, site: SiteInfo, page_uri: str) -> str:
    """The check's mount with the page as it reads without JavaScript, and the data for ``check.js``."""
    data = check_data(catalogue, site, page_uri)
    flags_by_urgency = [
        (urgency, [flag for flag in data["red_flags"] if flag["urgency"] == urgency["id"]])
        for urgency in data["urgencies"]
    ]
    return (
        html_environment()
        .get_template("check.html.j2")
        .render(groups=flags_by_urgency, routines=data["routines"], data=script_json(data))
        .strip("\n")
    )
