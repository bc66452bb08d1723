"""The shared safety rules (data/safety.yml) are the only pain and stop rules, and every page shows them.

Issue 13 section 2: strengthening limits (5 out of 10, settled within the hour, not worse next
morning), stretching limits (tightness, never pain), the delayed-soreness note, and who the
limits were written for live once, in data, and every exercise, routine and handout shows them
from there. Section 5: every page says who reviewed it, and no reviewer is ever invented.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from build_tools import governance, render, safety, text, urls
from build_tools.loader import load_catalogue
from build_tools.models import Reviewer
from build_tools.urls import SiteInfo
from conftest import ROOT, mkdocs_build

PAIN_NUMBERS = re.compile(r"\b\d+\s*(?:out of 10|/\s*10)\b|\bwithin (?:about )?(?:an|one|\d+) hours?\b", re.I)
"""A pain limit or a settling time: only data/safety.yml may state one."""


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(ROOT)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in _strings(v)]
    return []


def test_no_exercise_routine_sign_or_self_test_states_pain_limits_of_its_own(catalogue) -> None:
    found = []
    for collection in ("exercises", "routines", "signs", "self_tests", "red_flags"):
        for rid, record in getattr(catalogue, collection).items():
            found += [(rid, line) for line in _strings(record.model_dump()) if PAIN_NUMBERS.search(line)]
    assert found == []


def test_no_prose_page_writes_pain_limits_by_hand() -> None:
    """The clinician page shows the limits with <!-- insert: pain-rules -->, from the data."""
    found = [
        (path.name, line)
        for path in sorted((ROOT / "content").rglob("*.md"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if PAIN_NUMBERS.search(line)
    ]
    assert found == []
    assert "<!-- insert: pain-rules -->" in (ROOT / "content" / "see-a-clinician.md").read_text(encoding="utf-8")


def test_the_strengthening_limits_are_the_issue_13_ones(catalogue) -> None:
    rules = catalogue.safety_rules
    limits = " ".join(rule.text for rule in rules.strengthening.rules)
    assert "5 out of 10" in limits and "within an hour" in limits.lower() and "next morning" in limits
    assert not re.search(r"2 hours|two hours", limits)  # one settling time, used everywhere
    stretching = " ".join(rule.text for rule in [*rules.stretching.rules, rules.stretching.if_over])
    assert "never" in stretching and not PAIN_NUMBERS.search(stretching)  # no 5/10 for stretches
    assert rules.strengthening.written_for is not None
    assert "kneecap" in rules.strengthening.written_for.text
    assert re.search(r"one to three days|1.3 days", rules.soreness.text)
    assert "not the same" in rules.soreness.text


def test_each_exercise_page_shows_the_rules_of_its_kind_and_no_other(catalogue) -> None:
    rules = catalogue.safety_rules
    strengthening = [rule.text for rule in rules.strengthening.rules]
    stretching = [rule.text for rule in rules.stretching.rules]
    pages = render.render_exercise_pages(catalogue, catalogue.exercises)
    for eid, exercise in catalogue.exercises.items():
        page = " ".join(pages[urls.exercise_uri(eid)].split())
        for rule in rules.stop_now:
            assert _md(rule.text) in page, (eid, rule.text)
        own, other = (strengthening, stretching) if exercise.kind == "strengthen" else (stretching, strengthening)
        assert all(_md(line) in page for line in own), eid
        assert not any(_md(line) in page for line in other), eid
        assert (_md(rules.soreness.text) in page) == (exercise.kind == "strengthen"), eid


def test_each_routine_page_and_handout_opens_with_who_should_not_start_and_shows_the_rules(catalogue) -> None:
    rules = catalogue.safety_rules
    for rid, routine in catalogue.routines.items():
        page = " ".join(render.render_routine(catalogue, rid).split())
        body = page.split("\n---\n", 1)[-1]
        first_box = body.index('!!! danger "Do not start this routine without')
        assert first_box < body.index("## At a glance")
        for rule in [*rules.before_you_start, *rules.stop_now]:
            assert _md(rule.text) in page, (rid, rule.text)
        kinds = {catalogue.exercises[item.exercise].kind for item in routine.exercises}
        handout = " ".join(
            render.fill_slots(render.slot("handout", rid), catalogue, SiteInfo(), urls.routine_uri(rid)).split()
        )
        view = safety.view_for(rules, kinds)
        for limits in view.limits:
            for rule in limits.rules.rules:
                assert _md(rule.text) in page and _html(rule.text) in handout, (rid, rule.text)
        for rule in [*rules.before_you_start, *rules.stop_now]:
            assert _html(rule.text) in handout, (rid, rule.text)
        assert "Anyone" not in handout  # "Do not start ... if: Anyone ..." read badly


def test_the_builder_export_carries_the_same_rules(catalogue) -> None:
    import json

    from build_tools import export

    data = json.loads(export.catalogue_json(catalogue, SiteInfo()))
    rules = catalogue.safety_rules
    assert data["safety"]["stop_now"] == [rule.text for rule in rules.stop_now]
    assert data["safety"]["limits"]["strengthen"]["rules"] == [rule.text for rule in rules.strengthening.rules]
    assert data["safety"]["headings"]["limits"] == safety.LIMIT_HEADINGS
    assert all(not PAIN_NUMBERS.search(line) for ex in data["exercises"] for line in ex["stop_if"])


def _md(line: str) -> str:
    """The rule as the Markdown pages write it (escaped for Markdown, like every value from data)."""
    return text.escape_markdown(line)


def _html(line: str) -> str:
    """The rule as the handout's HTML writes it (escaped by Jinja's autoescape)."""
    from markupsafe import escape

    return str(escape(" ".join(line.split())))


# -- governance (issue 13 section 5) ----------------------------------------------------------


def test_a_page_without_a_named_reviewer_says_it_is_not_yet_reviewed() -> None:
    statement = governance.review_statement(dt.date(2026, 12, 1), dt.date(2027, 12, 1), None)
    assert statement == (
        "Checked against its sources on 1 December 2026; not yet reviewed by a clinician. "
        "Next review due 1 December 2027."
    )
    assert governance.review_statement(None, None, None) == "Not yet reviewed by a clinician."
    reviewer = Reviewer.model_validate(
        {"name": "Jo Bloggs", "profession": "Physiotherapist", "registration": {"body": "HCPC", "number": "PH000000"}}
    )
    signed = governance.review_statement(dt.date(2026, 12, 1), None, reviewer)
    assert signed == "Reviewed by Jo Bloggs, Physiotherapist (HCPC PH000000), on 1 December 2026."


def test_no_record_names_a_reviewer_without_a_registration(catalogue) -> None:
    """reviewed_by is a named clinician with a registration, or nothing: never a bare name."""
    for collection in ("exercises", "routines"):
        for record in getattr(catalogue, collection).values():
            reviewer = record.review.reviewed_by
            assert reviewer is None or (reviewer.registration.body and reviewer.registration.number)


@pytest.mark.parametrize(
    ("email", "repo"),
    [
        ('a@b.org" onmouseover="x', ""),
        ("javascript:alert(1)", ""),
        ("", "https://evil.example/x/y"),
        ("", 'https://github.com/a/b"><script>'),
    ],
)
def test_report_settings_refuse_anything_but_an_address_and_a_github_repository(email: str, repo: str) -> None:
    assert governance.check_report_settings(email, repo)


def test_report_links_fill_in_the_page_address() -> None:
    links = governance.report_links("help@example.org", "https://github.com/o/r", "https://x.org/a b/", "Knee & pain")
    assert [link.label for link in links] == ["by e-mail", "on GitHub"]
    assert links[0].href.startswith("mailto:help@example.org?subject=Problem%20with%20the%20page%3A%20Knee%20%26")
    assert "https%3A%2F%2Fx.org%2Fa%20b%2F" in links[0].href
    assert links[1].href.startswith("https://github.com/o/r/issues/new?template=page-problem.yml&")
    assert "&page=https%3A%2F%2Fx.org%2Fa%20b%2F" in links[1].href
    assert governance.report_links("", "", "https://x.org/", "T") == []


def test_every_built_page_shows_a_review_statement_and_report_links(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text()
        .replace(
            "  - hamstrings:\n",
            "  - hamstrings:\n      report_email: pages@example.org\n      report_repo: https://github.com/o/r\n",
            1,
        )
        .replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'theme_overrides'}\n")
    )
    assert "report_email" in config.read_text()
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    pages = sorted((tmp_path / "site").rglob("index.html"))
    assert len(pages) >= 5
    for page in pages:
        html = page.read_text(encoding="utf-8")
        footer = html[html.index('<aside class="hs-review"') :]
        assert re.search(r"[Nn]ot yet reviewed by a clinician|Reviewed by ", footer), page
        assert 'href="mailto:pages@example.org?subject=' in footer, page
        assert 'href="https://github.com/o/r/issues/new?template=page-problem.yml&amp;' in footer, page
