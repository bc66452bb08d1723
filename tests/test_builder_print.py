"""The handout builder's printed sheet (issue 17), measured in the PDFs Chromium prints of it.

A typical choice (four exercises) and the largest the builder accepts, on A4 and Letter, standard
and large print: every sheet carries the shared "do not start" and stop rules, the pain limits
and the emergencies with what to do (data/safety.yml, data/red_flags/, vocabulary.URGENCY_ACTIONS),
at 11 pt and more (16 pt in large print), headings at 14 pt, figure labels at 8 pt, figures at
least 3 cm tall, on the number of pages the fit meter says (one sheet, front and back, for the
standard size). The QR code decodes from a 75 dpi scan at its printed size in many builder states,
and the large print switch is a labelled, keyboard-operable control kept in the page's link.

Needs Chromium; skipped without it locally, a failure in CI (CI=true).
"""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from pdf_runs import printed_forms, text_runs
from pypdf import PdfReader

from build_tools import safety, vocabulary
from build_tools.loader import load_catalogue
from conftest import ROOT

pytestmark = pytest.mark.browser

DATA = load_catalogue(ROOT)
START = "20270301"
MM = 96 / 25.4
PRINTABLE_WIDTH_MM = {"A4": 198, "Letter": 203.9}  # builder.js PAPERS: inside handout.css's @page margins
QR_MM = 30  # finder.css and builder.js QR_MIN_MM
MIN_BODY_PT = {"standard": 11.0, "large": 16.0}
MIN_HEADING_PT = 14.0
MIN_LABEL_PT = {"standard": 8.0, "large": 13.5}
MIN_FIGURE_MM = {"standard": 30.0, "large": 45.0}
ROUNDING = 0.05  # Chromium writes sizes such as 10.99 pt for 11 pt


@pytest.fixture(scope="module")
def catalogue(real_site: Path) -> dict:
    return json.loads((real_site / "assets/data/catalogue.json").read_text(encoding="utf-8"))


def item(exercise: dict, which: str = "default") -> str:
    """One exercise of a compact link (state.js): code, sets, reps or hold, days; its dose or a bound of it."""
    dose = exercise["dose"]
    amount_key = "reps" if dose["reps"] is not None else "hold_seconds"
    values = []
    for key in ("sets", amount_key, "days_per_week"):
        bounds = exercise["adjustable"].get(key)
        values.append(dose[key] if which == "default" or not bounds else bounds[0 if which == "min" else 1])
    return ".".join([exercise["code"], *map(str, values)])


def link(exercises: list[dict], weeks: int = 6, large: bool = False, which: str = "default") -> str:
    state = "-".join(["2", START, str(weeks), *(item(ex, which) for ex in exercises)])
    return state + ("&l=1" if large else "")


@pytest.fixture
def page(browser, base_url: str):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{base_url}handout-builder/", wait_until="load")
    page.wait_for_selector("#hs-builder[data-ready]")
    yield page
    assert errors == []
    context.close()


def show(page, state: str, count: int) -> dict:
    """Load a state through the page's link (as a shared link is read) and wait until it is measured."""
    page.evaluate("state => { location.hash = state; }", state)
    page.wait_for_function(
        """n => document.getElementById('hs-b-link').value === location.href
               && document.querySelectorAll('.hs-b-chosen > li').length === n
               && document.getElementById('hs-b-handout')?.getAttribute('aria-busy') === 'false'""",
        arg=count,
    )
    handout = page.locator("#hs-b-handout")
    fit = page.locator("#hs-b-fit")
    pages = dict(part.split(":") for part in (handout.get_attribute("data-pages") or "").split())
    return {
        "status": fit.get_attribute("data-status"),
        "text": fit.inner_text(),
        "sides": int(handout.get_attribute("data-sides")),
        "pages": {paper: int(count) for paper, count in pages.items()},
        "modules": int(page.locator("#hs-b-handout .hs-h-qrcode").get_attribute("data-modules")),
    }


def accepted(meter: dict) -> bool:
    return meter["status"] in ("fits", "large")


@pytest.fixture(scope="module")
def largest(browser, base_url: str, catalogue: dict) -> dict[str, int]:
    """How many exercises (in the catalogue's order, 12 weeks in the log) the builder accepts, per size."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{base_url}handout-builder/", wait_until="load")
    page.wait_for_selector("#hs-builder[data-ready]")
    found = {}
    exercises = catalogue["exercises"]
    for size in ("standard", "large"):
        count = 0
        for n in range(1, len(exercises) + 1):
            if not accepted(show(page, link(exercises[:n], 12, size == "large"), n)):
                break
            count = n
        assert 0 < count < len(exercises), (size, count)  # the builder sets a limit, and it is not zero
        found[size] = count
    context.close()
    return found


def printed(page, paper: str) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(page.pdf(format=paper, print_background=True)))
    return reader, " ".join(" ".join(p.extract_text().split()) for p in reader.pages)


def squeeze(text: str) -> str:
    return " ".join(text.split())


def pose_labels(ids: list[str]) -> set[str]:
    labels = set()
    for eid in ids:
        for number, pose in enumerate(DATA.exercises[eid].figure.poses, start=1):
            labels |= printed_forms(f"{number}. {pose.label}") | printed_forms(pose.label)
    return labels


@pytest.mark.parametrize("size", ["standard", "large"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("selection", ["typical", "largest"])
def test_the_sheet_carries_the_safety_rules_and_the_emergencies_at_readable_sizes(
    page, catalogue: dict, largest: dict[str, int], selection: str, paper: str, size: str
) -> None:
    count = 4 if selection == "typical" else largest[size]
    exercises = catalogue["exercises"][:count]
    meter = show(page, link(exercises, 6 if selection == "typical" else 12, size == "large"), count)
    assert meter["status"] == ("fits" if size == "standard" else "large"), meter
    reader, text = printed(page, paper)

    # Page count: what the fit meter says, and one sheet (front and back) for the standard size.
    if size == "standard":
        assert len(reader.pages) == meter["sides"] <= 2, meter
    else:
        assert len(reader.pages) == meter["pages"][paper], meter
        assert f"prints on {len(reader.pages)} pages" in meter["text"], meter

    # The shared rules, word for word from data/safety.yml; the pain limits of the kinds chosen.
    rules = DATA.safety
    kinds = {ex["kind"] for ex in exercises}
    limits = [rules.rule_sets()[kind] for kind in kinds]
    shared = [
        *(rule.text for rule in rules.before_you_start),
        *(rule.text for rule in rules.stop_now),
        *(rule.text for group in limits for rule in group.rules),
        *(group.if_over.text for group in limits),
    ]
    for line in shared:
        assert squeeze(line) in text, line
    for heading in (safety.BEFORE_HEADING, safety.STOP_HEADING):
        assert heading in text
    # The emergencies, from the red flag files, with how urgently and what to do in the UK and the US.
    urgencies = ["emergency", "same-day"] if size == "large" else ["emergency"]
    for urgency in urgencies:
        assert f"{vocabulary.URGENCIES[urgency]}." in text, urgency
        assert squeeze(vocabulary.URGENCY_ACTIONS[urgency]) in text, urgency
        names = [flag.name for flag in DATA.red_flags.values() if flag.urgency == urgency]
        assert names
        for name in names:
            assert squeeze(name) in text, name
    for ex in exercises:
        assert ex["name"] in text, ex["name"]

    # Type sizes: figure labels (the figures' pose labels) at 8 pt (13.5 in large print), the rest
    # at 11 pt (16), headings at 14.
    runs = text_runs(reader)
    labels = pose_labels([ex["id"] for ex in exercises])
    body = [(pt, run) for _, pt, run in runs if run not in labels]
    figure_labels = [(pt, run) for _, pt, run in runs if run in labels]
    assert body and figure_labels
    assert min(body)[0] >= MIN_BODY_PT[size] - ROUNDING, min(body)
    assert min(figure_labels)[0] >= MIN_LABEL_PT[size] - ROUNDING, min(figure_labels)
    headings = [safety.BEFORE_HEADING, safety.STOP_HEADING, "Clinician's notes"]
    headings += [f"{n}. {ex['name']}" for n, ex in enumerate(exercises, start=1)]
    headings += [safety.LIMIT_HEADINGS[kind] for kind in kinds]
    for heading in headings:
        sizes = [pt for _, pt, run in runs if len(run) >= 4 and heading.startswith(run)]
        assert sizes and min(sizes) >= MIN_HEADING_PT - ROUNDING, (heading, sizes)

    # Figures at least 3 cm tall (4.5 cm in large print) in the print layout at this paper's width.
    page.emulate_media(media="print")
    page.set_viewport_size({"width": round(PRINTABLE_WIDTH_MM[paper] * MM), "height": 1000})
    try:
        heights = page.eval_on_selector_all(
            "#hs-b-handout .hs-h-ex .hs-fig", "imgs => imgs.map((i) => i.getBoundingClientRect().height)"
        )
    finally:
        page.emulate_media(media="null")
        page.set_viewport_size({"width": 1280, "height": 900})
    assert len(heights) == count
    assert min(heights) / MM >= MIN_FIGURE_MM[size] - 0.1, heights


def test_the_fit_meter_says_how_many_pages_large_print_takes(page, catalogue: dict, largest: dict[str, int]) -> None:
    """At several sizes, the large print count the meter gives is the count Chromium prints, on both papers."""
    exercises = catalogue["exercises"]
    for count in sorted({1, 2, 5, largest["large"] // 2, largest["large"]}):
        meter = show(page, link(exercises[:count], 12 if count % 2 else 3, large=True), count)
        assert meter["status"] == "large", meter
        assert page.get_by_role("button", name="Print handout").get_attribute("aria-disabled") == "false"
        for paper in ("A4", "Letter"):
            reader, _ = printed(page, paper)
            assert len(reader.pages) == meter["pages"][paper], (count, paper, meter)
            assert len(reader.pages) > 1  # 16 pt and more: never the one sheet
        assert re.search(r"prints on \d+ pages? of (A4|Letter)", meter["text"]), meter


def qr_states(catalogue: dict, largest: dict[str, int]) -> list[tuple[str, int]]:
    """Thirty builder states: one to the most exercises accepted, from all over the catalogue, every
    dose at its default, least and most, 1 to 12 weeks, standard and large print (a third of them)."""
    exercises = catalogue["exercises"]
    states = []
    for index in range(30):
        large = index % 3 == 0
        most = largest["large" if large else "standard"]
        count = 1 + index % most if index < 26 else most
        start = (index * 7) % len(exercises)
        chosen = (exercises[start:] + exercises[:start])[:count]
        which = ("default", "min", "max")[index % 3]
        weeks = 1 + (index * 5) % 12
        states.append((link(chosen, weeks, large, which), count))
    return states


def test_the_qr_code_decodes_from_a_75_dpi_scan_in_many_builder_states(
    browser, base_url: str, catalogue: dict, largest: dict[str, int]
) -> None:
    """Each state's QR code rendered at its printed size and rasterised at 75 dots per inch, as it is
    and blurred (as a scanner and a worn print would), decodes to that state's public link."""
    import zxingcpp
    from PIL import Image, ImageFilter

    context = browser.new_context(
        viewport={"width": round(PRINTABLE_WIDTH_MM["A4"] * MM), "height": 1000}, device_scale_factor=75 / 96
    )
    page = context.new_page()
    page.goto(f"{base_url}handout-builder/", wait_until="load")
    page.wait_for_selector("#hs-builder[data-ready]")
    public = f"{catalogue['site']['url'].rstrip('/')}/handout-builder/#"
    states = qr_states(catalogue, largest)
    assert len({state for state, _ in states}) == len(states)
    seen_modules = set()
    decoded = 0
    try:
        for state, count in states:
            meter = show(page, state, count)
            if not accepted(meter):  # too long for one sheet with these exercises: the builder prints no QR code
                assert meter["status"] == "overflow" and "&l=1" not in state, (state, meter)
                continue
            page.emulate_media(media="print")
            qr = page.locator("#hs-b-handout .hs-h-qrcode")
            box = qr.bounding_box()
            assert box is not None and box["width"] >= QR_MM * MM - 1, box
            scan = Image.open(io.BytesIO(qr.screenshot(scale="device"))).convert("L")
            page.emulate_media(media="null")
            assert abs(scan.width - QR_MM / 25.4 * 75) < 2, scan.size  # 75 dpi at the printed size
            expected = public + state.partition("&")[0]  # the QR code never holds the large print choice
            for image in (scan, scan.filter(ImageFilter.GaussianBlur(0.5)), scan.filter(ImageFilter.GaussianBlur(0.7))):
                assert [result.text for result in zxingcpp.read_barcodes(image)] == [expected], (state, meter)
            seen_modules.add(meter["modules"])
            decoded += 1
    finally:
        context.close()
    print(f"{decoded} states decoded; QR modules seen: {sorted(seen_modules)}")
    assert decoded >= 20
    assert len(seen_modules) >= 4  # the states span several QR code versions, up to the densest accepted


def test_the_large_print_switch_is_labelled_keyboard_operable_and_kept_in_the_link(
    page, base_url: str, catalogue: dict
) -> None:
    exercises = catalogue["exercises"][:3]
    meter = show(page, link(exercises), 3)
    assert meter["status"] == "fits"
    switch = page.get_by_label("Large print")
    assert switch.get_attribute("type") == "checkbox" and not switch.is_checked()
    target = page.locator("label[for='hs-b-large']").bounding_box()
    assert target is not None and target["height"] >= 44 and target["width"] >= 44, target
    assert "16 pt" in page.locator("#hs-b-large-hint").inner_text()

    # By keyboard: Tab reaches it from the field before it, with a visible focus ring; Space switches it.
    page.locator("#hs-b-share").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.id") == "hs-b-large":
            break
    assert page.evaluate("document.activeElement.id") == "hs-b-large"
    ring = page.evaluate(
        "() => { const s = getComputedStyle(document.querySelector(\"label[for='hs-b-large']\"));"
        " return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"
    )
    assert ring[0] != "none" and ring[1] >= 1, ring
    page.keyboard.press("Space")
    page.wait_for_function("document.getElementById('hs-b-fit').dataset.status === 'large'")
    page.wait_for_function("document.getElementById('hs-b-handout').getAttribute('aria-busy') === 'false'")
    assert switch.is_checked() and page.url.endswith("&l=1")
    assert "hs-handout--large" in page.locator("#hs-b-handout").get_attribute("class")
    fit = page.locator("#hs-b-fit").inner_text()
    assert "Large print" in fit and "pages" in fit and "Fits" not in fit, fit

    # The link keeps it; switching it off gives the one sheet again.
    again = page.context.new_page()
    again.goto(page.url, wait_until="load")
    again.wait_for_selector("#hs-builder[data-ready]")
    again.wait_for_function("document.getElementById('hs-b-fit').dataset.status === 'large'")
    assert again.get_by_label("Large print").is_checked()
    switch.uncheck()
    page.wait_for_function("document.getElementById('hs-b-fit').dataset.status === 'fits'")
    assert "&l=1" not in page.url
    assert "hs-handout--large" not in page.locator("#hs-b-handout").get_attribute("class")
