"""One JSON export of the data, for the exercise finder and the handout builder in the browser.

Part of the rendering stage: ``render.render_pages`` writes it to
``assets/data/catalogue.json``. It holds what the browser needs and nothing more:
exercises with their dose, the bounds a clinician may adjust it within, cues, stop rules
and the address of their page and figure; signs (for "helps with"); red flags; the labels
of every vocabulary; the site's name and address. ``version`` changes when the shape does.
Deterministic: sorted keys, no timestamps.

Each exercise also has a ``key`` (8 characters of a hash of its id, so it never changes while
the id does not) and a ``code``, the shortest start of its key (3 characters at least) that no
other exercise's key shares: the builder's links name exercises by code (state.js), and read
a code back as the one exercise whose key starts with it, so a code that a new exercise makes
ambiguous is reported as gone, never read as another exercise.
"""

from __future__ import annotations

import hashlib
import json

from . import safety
from . import vocabulary as vocab
from .catalogue import Catalogue
from .urls import SiteInfo, exercise_uri, page_url, thumbnail_uri

EXPORT_VERSION = 3
"""2: the shared safety rules (``safety``), and exercises' ``stop_if`` holds only their own rules.
3: exercises' ``key`` and ``code``, for the builder's compact links."""

KEY_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # in the QR code's alphanumeric mode
KEY_LENGTH = 8
CODE_MIN = 3


def exercise_key(exercise_id: str) -> str:
    """8 base-36 characters of the SHA-256 of the id: the same for the same id, in every build."""
    number = int.from_bytes(hashlib.sha256(exercise_id.encode()).digest(), "big")
    digits = []
    for _ in range(KEY_LENGTH):
        number, digit = divmod(number, len(KEY_ALPHABET))
        digits.append(KEY_ALPHABET[digit])
    return "".join(digits)


def short_codes(keys: dict[str, str]) -> dict[str, str]:
    """Each id's code: the shortest start of its key, at least ``CODE_MIN`` long, that starts no other key.

    In sorted order the key sharing the longest start with a key is one of its two neighbours.
    """
    order = sorted(keys, key=keys.__getitem__)

    def shared(a: str, b: str) -> int:
        return next((i for i, (x, y) in enumerate(zip(a, b, strict=True)) if x != y), len(a))

    codes = {}
    for index, eid in enumerate(order):
        key = keys[eid]
        neighbours = [keys[order[i]] for i in (index - 1, index + 1) if 0 <= i < len(order)]
        length = max([CODE_MIN - 1, *(shared(key, other) for other in neighbours)]) + 1
        codes[eid] = key[: min(length, KEY_LENGTH)]
    return codes


def catalogue_json(catalogue: Catalogue, site: SiteInfo) -> str:
    exercises = []
    keys = {eid: exercise_key(eid) for eid in catalogue.exercises}
    codes = short_codes(keys)
    for eid, ex in catalogue.exercises.items():
        dose = ex.dose.model_dump(exclude={"sources", "adjustable"})
        exercises.append(
            {
                "id": eid,
                "key": keys[eid],
                "code": codes[eid],
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
