"""Safety content checked against the data itself: the red flags every reader must be able to find,
what each says to do in the UK and in the US, and corrections that must not quietly come back.

These read the real project's YAML (no build), so they are quick. The list of required topics lives
here on purpose: deleting or weakening a red flag should fail a test, not just change a page.
"""

from __future__ import annotations

import re

import pytest

from build_tools.catalogue import Catalogue
from build_tools.loader import load_catalogue
from build_tools.models import RedFlag

from conftest import ROOT

UK_SERVICE = re.compile(r"\b(999|A&E|NHS 111|GP|pharmacist|physiotherapist|minor injuries|urgent treatment)\b")
US_SERVICE = re.compile(r"\b(911|emergency room|urgent care|primary care|pediatrician|physical therapist|clinic)\b")

# topic -> (words that must all appear in the flag's name, description or causes; tiers allowed)
REQUIRED_TOPICS: dict[str, tuple[tuple[str, ...], set[str]]] = {
    "cauda equina syndrome": (("cauda equina", "bladder", "both legs"), {"emergency"}),
    "acute compartment syndrome": (("compartment syndrome", "toes"), {"emergency"}),
    "a pale, cold or pulseless leg": (("pale", "cold", "pulse"), {"emergency"}),
    "a dislocated knee": (("dislocat", "knee"), {"emergency"}),
    "foot drop or spreading numbness below the knee": (("foot drop", "spread"), {"same-day", "emergency"}),
    "a suspected proximal hamstring avulsion": (("avulsion", "sitting bone", "bruising"), {"soon", "same-day"}),
    "a growing lump behind the knee": (("lump", "bigger"), {"urgent-gp", "same-day"}),
    "night pain with weight loss, fever or past cancer": (("night", "weight loss", "fever", "cancer"),
                                                          {"urgent-gp", "same-day"}),
    "a child or teenager with a limp or knee pain": (("child", "teenager", "limp", "knee"), {"same-day", "emergency"}),
}


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return load_catalogue(ROOT)


def _text(flag: RedFlag) -> str:
    return " ".join([flag.name, flag.description, *flag.possible_causes]).lower()


@pytest.mark.parametrize("topic", sorted(REQUIRED_TOPICS))
def test_every_required_topic_has_a_red_flag(catalogue: Catalogue, topic: str) -> None:
    words, tiers = REQUIRED_TOPICS[topic]
    matches = {fid: f for fid, f in catalogue.red_flags.items() if all(w in _text(f) for w in words)}
    assert matches, f"no red flag covers {topic!r} (looked for {words})"
    in_tier = {fid: f for fid, f in matches.items() if f.urgency in tiers}
    assert in_tier, f"{topic}: {sorted(matches)} mention it, but none is {sorted(tiers)}"
    for fid, flag in in_tier.items():
        assert UK_SERVICE.search(flag.action.uk), f"{fid}: the UK action names no UK service"
        assert US_SERVICE.search(flag.action.us), f"{fid}: the US action names no US service"
        assert flag.sources, f"{fid}: no sources"
        for sid in flag.sources:
            assert sid in catalogue.sources, f"{fid}: source {sid} does not exist"


def test_every_red_flag_says_what_to_do_in_both_countries(catalogue: Catalogue) -> None:
    for fid, flag in catalogue.red_flags.items():
        uk, us = flag.action.uk, flag.action.us
        assert UK_SERVICE.search(uk), f"{fid}: the UK action names no UK service"
        assert US_SERVICE.search(us), f"{fid}: the US action names no US service"
        assert not re.search(r"\b(911|emergency room|urgent care)\b", uk), f"{fid}: US services in the UK action"
        assert not re.search(r"\b(999|NHS|A&E|GP)\b", us), f"{fid}: UK services in the US action"
        if flag.urgency == "emergency":
            assert re.search(r"\b(999|A&E)\b", uk), f"{fid}: an emergency must say 999 or A&E"
            assert re.search(r"\b(911|emergency room)\b", us), f"{fid}: an emergency must say 911 or the emergency room"


def test_the_generic_advice_for_every_tier_names_both_countries() -> None:
    from build_tools import vocabulary

    assert list(vocabulary.URGENCY_ACTIONS) == list(vocabulary.URGENCIES)
    for tier, text in vocabulary.URGENCY_ACTIONS.items():
        assert UK_SERVICE.search(text) and US_SERVICE.search(text), tier


def test_a_growing_lump_is_an_urgent_gp_appointment_not_within_days(catalogue: Catalogue) -> None:
    lump = catalogue.red_flags["lump-behind-the-knee"]
    assert lump.urgency == "urgent-gp"
    assert "nice-ng12" in lump.sources
    assert "2 weeks" in lump.description


# -- the two contradictions of issue 13 -------------------------------------------------------


def test_routine_knee_pain_no_longer_includes_very_bad_pain(catalogue: Catalogue) -> None:
    same_day = catalogue.red_flags["very-painful-or-badly-swollen-knee"]
    assert same_day.urgency == "same-day"
    for fid, flag in catalogue.red_flags.items():
        if flag.urgency == "routine":
            text = f"{flag.name} {flag.description}".lower()
            assert "very bad" not in text and "really bad" not in text, fid
    prose = (ROOT / "content/see-a-clinician.md").read_text(encoding="utf-8")
    section = prose.split("## Pain that does not settle", 1)[1].split("\n## ", 1)[0]
    for line in section.splitlines():
        if "few weeks" in line:
            assert "or is really bad" not in line and "or is very bad" not in line, line


def test_swelling_after_an_injury_is_an_emergency_only_when_bad_or_quick(catalogue: Catalogue) -> None:
    flag = catalogue.red_flags["cannot-bear-weight-after-injury"]
    assert flag.urgency == "emergency"
    for match in re.finditer(r"\bswell\w*", flag.description):
        after = flag.description[match.end():match.end() + 25]
        assert re.match(r" up (badly|quickly)", after), f"unqualified swelling: ...{match.group()}{after}..."


def test_no_record_cites_the_expired_knee_pathway(catalogue: Catalogue) -> None:
    assert "hwe-icb-knee-pathway" not in catalogue.sources
