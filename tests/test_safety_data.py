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
    "night pain with weight loss, fever or past cancer": (
        ("night", "weight loss", "fever", "cancer"),
        {"urgent-gp", "same-day"},
    ),
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
        after = flag.description[match.end() : match.end() + 25]
        assert re.match(r" up (badly|quickly)", after), f"unqualified swelling: ...{match.group()}{after}..."


def test_no_record_cites_the_expired_knee_pathway(catalogue: Catalogue) -> None:
    assert "hwe-icb-knee-pathway" not in catalogue.sources


# -- source corrections, doses and claims of issue 13 -----------------------------------------

EMPOWER = "bmc-msk-2021-hep"


def test_the_empower_protocol_is_no_exercise_dose_source(catalogue: Catalogue) -> None:
    # A trial protocol for back pain and knee OA in over-45s cannot set the dose of a hamstring exercise.
    assert catalogue.sources[EMPOWER].type == "trial-protocol"
    for eid, ex in catalogue.exercises.items():
        assert EMPOWER not in ex.dose.sources, eid
    for rid, routine in catalogue.routines.items():
        for item in routine.exercises:
            if item.dose:
                assert EMPOWER not in item.dose.sources, (rid, item.exercise)


def test_the_weighted_lying_curl_is_done_2_or_3_days_a_week(catalogue: Catalogue) -> None:
    curl = catalogue.exercises["prone-hamstring-curl"]
    assert curl.dose.days_per_week <= 3
    assert "acsm-2009-resistance" in curl.dose.sources


def test_band_assisted_nordic_dose_in_the_routine_says_why_it_differs(catalogue: Catalogue) -> None:
    page = catalogue.exercises["band-assisted-nordic"].dose
    item = next(i for i in catalogue.routines["nordic-progression"].exercises if i.exercise == "band-assisted-nordic")
    assert item.dose is not None
    if (item.dose.sets, item.dose.reps, item.dose.days_per_week) != (page.sets, page.reps, page.days_per_week):
        assert item.note and "own page" in item.note


def test_source_types_and_titles_that_were_wrong(catalogue: Catalogue) -> None:
    assert catalogue.sources["kim-2014"].type == "case-report"
    assert catalogue.sources["ford-2005"].type == "controlled-trial"
    rudisill = catalogue.sources["rudisill-2022"]
    assert rudisill.title == (
        "Evidence-Based Hamstring Injury Prevention and Risk Factor Management: A Systematic Review and"
        " Meta-analysis of Randomized Controlled Trials"
    )
    assert rudisill.doi == "10.1177/03635465221083998"


def test_getting_older_is_not_listed_as_a_sign_of_weakness(catalogue: Catalogue) -> None:
    for sid, sign in catalogue.signs.items():
        if sign.kind == "weakness":
            assert "older" not in sign.name.lower() and " age" not in sign.name.lower(), sid


def test_the_80_degree_straight_leg_raise_is_not_called_normal(catalogue: Catalogue) -> None:
    for tid, test in catalogue.self_tests.items():
        for norm in test.norms:
            assert "counts as normal" not in norm.value, (tid, norm.value)
    prose = (ROOT / "content/tightness.md").read_text(encoding="utf-8")
    assert "80 degrees or more normal" not in prose


def test_home_page_stretch_claim_says_who_and_how_long() -> None:
    home = (ROOT / "content/index.md").read_text(encoding="utf-8")
    line = next(ln for ln in home.splitlines() if "30 seconds" in ln)
    assert "21 to 39" in line and "6 weeks" in line and "5 days a week" in line


def test_hamstring_name_story_is_not_told_as_fact() -> None:
    page = (ROOT / "content/how-hamstrings-work.md").read_text(encoding="utf-8")
    assert "goes back to the days when hams were hung" not in page
