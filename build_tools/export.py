"""One JSON export of the data, for the exercise finder and the handout builder in the browser.

Part of the rendering stage: ``render.render_pages`` writes it to
``assets/data/catalogue.json``. It holds what the browser needs and nothing more:
exercises with their dose, the bounds a clinician may adjust it within, cues, stop rules
and the address of their page and figure; signs (for "helps with"); red flags; the labels
of every vocabulary; the site's name and address. ``version`` changes when the shape does.
Deterministic: sorted keys, no timestamps.
"""

from __future__ import annotations

import json

from . import safety
from . import vocabulary as vocab
from .catalogue import Catalogue
from .urls import SiteInfo, exercise_uri, page_url, thumbnail_uri

EXPORT_VERSION = 2
"""2: the shared safety rules (``safety``), and exercises' ``stop_if`` holds only their own rules."""


def catalogue_json(catalogue: Catalogue, site: SiteInfo) -> str:
    exercises = []
    for eid, ex in catalogue.exercises.items():
        dose = ex.dose.model_dump(exclude={"sources", "adjustable"})
        exercises.append(
            {
                "id": eid,
                "name": ex.name,
                "aliases": list(ex.aliases),
                "summary": ex.summary,
                "kind": ex.kind,
                "level": ex.level,
                "position": ex.position,
                "equipment": list(ex.equipment),
                "muscles": {
                    "primary": list(ex.muscles.primary),
                    "secondary": list(ex.muscles.secondary),
                    "primary_with_groups": vocab.with_groups(list(ex.muscles.primary)),
                },
                "helps_with": list(ex.helps_with),
                "cues": list(ex.cues),
                "stop_if": list(ex.stop_if),
                "cautions": list(ex.cautions),
                "dose": dose,
                "adjustable": ex.dose.adjustable.model_dump(exclude_none=True) if ex.dose.adjustable else {},
                "page": page_url(exercise_uri(eid), site.directory_urls),
                "figure": thumbnail_uri(eid),
            }
        )
    data = {
        "version": EXPORT_VERSION,
        "site": {"name": site.name, "url": site.url},
        "exercises": exercises,
        "signs": [{"id": sid, "name": s.name, "kind": s.kind} for sid, s in catalogue.signs.items()],
        "red_flags": [
            {
                "id": fid,
                "name": f.name,
                "urgency": f.urgency,
                "action": {"uk": f.action.uk, "us": f.action.us},
            }
            for fid, f in catalogue.red_flags.items()
        ],
        "safety": _safety(catalogue),
        "labels": {
            "kinds": vocab.KINDS,
            "levels": vocab.LEVELS,
            "positions": vocab.POSITIONS,
            "equipment": vocab.EQUIPMENT,
            "muscles": vocab.MUSCLES,
            "urgencies": vocab.URGENCIES,
            "urgency_actions": vocab.URGENCY_ACTIONS,
        },
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _safety(catalogue: Catalogue) -> dict[str, object]:
    """The shared rules with their headings, so the builder shows exactly what the handouts show."""
    rules = catalogue.safety_rules

    def texts(items: object) -> list[str]:
        return [rule.text for rule in items]  # type: ignore[attr-defined]

    return {
        "headings": {"before": safety.BEFORE_HEADING, "stop": safety.STOP_HEADING, "limits": safety.LIMIT_HEADINGS},
        "pain_scale": rules.pain_scale.text,
        "limits": {
            kind: {"rules": texts(ps.rules), "if_over": ps.if_over.text} for kind, ps in rules.rule_sets().items()
        },
        "soreness": rules.soreness.text,
        "stop_now": texts(rules.stop_now),
        "before_you_start": texts(rules.before_you_start),
    }
