"""Which of the shared safety rules a page shows, and the wording of their headings.

Part of the rendering stage: the rules themselves live once, in ``data/safety.yml``
(``models.SafetyRules``); exercise pages, routine pages, handouts and the builder's data
export (``export.py``) all ask this module which of them apply, so no page can show pain
limits of its own. Strengthening exercises get the pain limits and the soreness note;
stretches get the stretching limits; every page gets the stop-now rules.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .models import PainRules, SafetyRule, SafetyRules

LIMIT_HEADINGS: dict[str, str] = {
    "strengthen": "How much pain is all right during strengthening exercises",
    "stretch": "How far to stretch",
}
"""Heading of each kind's limits (keys are ``vocabulary.KINDS``)."""

STOP_HEADING = "Stop and get advice if"
BEFORE_HEADING = "Do not start without a clinician's advice if"


@dataclass(frozen=True)
class Limits:
    kind: str
    heading: str
    rules: PainRules


@dataclass(frozen=True)
class SafetyView:
    """The shared rules one page shows, in the order it shows them."""

    limits: tuple[Limits, ...]
    pain_scale: SafetyRule
    soreness: SafetyRule | None
    """The delayed-soreness note, shown with strengthening limits only."""
    stop_now: tuple[SafetyRule, ...]
    before_you_start: tuple[SafetyRule, ...]

    def source_ids(self, *, before: bool = False) -> list[str]:
        rules: list[SafetyRule] = [self.pain_scale, *self.stop_now]
        for limits in self.limits:
            rules += [*limits.rules.rules, limits.rules.if_over]
            if limits.rules.written_for is not None:
                rules.append(limits.rules.written_for)
        if self.soreness is not None:
            rules.append(self.soreness)
        if before:
            rules += self.before_you_start
        return list(dict.fromkeys(sid for rule in rules for sid in rule.sources))


def view_for(safety: SafetyRules, kinds: Iterable[str]) -> SafetyView:
    """The rules for a page whose exercises are of these kinds (``vocabulary.KINDS``)."""
    present = set(kinds)
    sets = safety.rule_sets()
    limits = tuple(Limits(kind, LIMIT_HEADINGS[kind], sets[kind]) for kind in LIMIT_HEADINGS if kind in present)
    return SafetyView(
        limits=limits,
        pain_scale=safety.pain_scale,
        soreness=safety.soreness if "strengthen" in present else None,
        stop_now=tuple(safety.stop_now),
        before_you_start=tuple(safety.before_you_start),
    )
