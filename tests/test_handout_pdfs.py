"""The handout PDFs as the build prints them: type sizes measured in the PDFs, page counts, tagging,
title and language; and the figures' printed sizes measured in Chromium's print layout.

Every routine, on A4 and Letter, standard and large print. A text run's printed size is its font size
times the vertical scale of its text matrix and the current transformation matrix (pypdf's text visitor).
Needs Chromium (the build prints with it); skipped without it locally, a failure in CI.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from pdf_runs import printed_forms, text_runs
from pypdf import PdfReader

from build_tools import figures, printing, safety, urls
from build_tools.loader import load_catalogue
from conftest import ROOT

pytestmark = pytest.mark.browser

CHROMIUM = printing.find_chromium()
CATALOGUE = load_catalogue(ROOT)
ROUTINES = sorted(CATALOGUE.routines)
CASES = [(rid, paper, size) for rid in ROUTINES for paper in urls.PAPERS for size in urls.PRINT_SIZES]
IDS = [f"{rid}-{paper}-{size}" for rid, paper, size in CASES]

MIN_BODY_PT = {"standard": 11.0, "large": 16.0}
MIN_HEADING_PT = 14.0
MIN_LABEL_PT = {"standard": 8.0, "large": 13.5}
MIN_FIGURE_MM = {"standard": 30.0, "large": 45.0}
ROUNDING = 0.05
"""Chromium writes sizes such as 10.99 pt for 11 pt."""


@pytest.fixture(scope="module", autouse=True)
def need_chromium() -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")


def _pdf(site: Path, routine_id: str, paper: str, size: str) -> PdfReader:
    return PdfReader(site / urls.handout_pdf_uri(routine_id, paper, size))


def pose_labels(routine_id: str) -> set[str]:
    """The figures' labels as they can be printed: numbered, or alone (a figure of its last pose only)."""
    labels = set()
    for item in CATALOGUE.routines[routine_id].exercises:
        for number, pose in enumerate(CATALOGUE.exercises[item.exercise].figure.poses, start=1):
            labels |= printed_forms(f"{number}. {pose.label}") | printed_forms(pose.label)
    return labels


def headings(routine_id: str, size: str) -> list[str]:
    routine = CATALOGUE.routines[routine_id]
    exercises = [CATALOGUE.exercises[item.exercise] for item in routine.exercises]
    kinds = {exercise.kind for exercise in exercises}
    limits = [heading for kind, heading in safety.LIMIT_HEADINGS.items() if kind in kinds]
    numbered = [f"{n}. {exercise.name}" for n, exercise in enumerate(exercises, start=1)]
    return [
        routine.name,
        safety.BEFORE_HEADING,
        safety.STOP_HEADING,
        *limits,
        *numbered,
        # The one sheet leaves the routine's own progression and pain lines to the web page and large print.
        *(["How to progress", "If it hurts"] if size == "large" else []),
        "Clinician's notes",
    ]


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(("routine_id", "paper", "size"), CASES, ids=IDS)
def test_type_sizes_measured_in_the_pdf(real_site: Path, routine_id: str, paper: str, size: str) -> None:
    runs = text_runs(_pdf(real_site, routine_id, paper, size))
    labels = pose_labels(routine_id)
    label_runs = [(pt, text) for _, pt, text in runs if text in labels]
    body_runs = [(pt, text) for _, pt, text in runs if text not in labels]
    assert label_runs and body_runs
    smallest_body = min(body_runs)
    assert smallest_body[0] >= MIN_BODY_PT[size] - ROUNDING, smallest_body
    smallest_label = min(label_runs)
    assert smallest_label[0] >= MIN_LABEL_PT[size] - ROUNDING, smallest_label
    # Every label of every figure is printed (none cut off), at least once.
    printed = {text for _, text in label_runs}
    for item in CATALOGUE.routines[routine_id].exercises:
        poses = CATALOGUE.exercises[item.exercise].figure.poses
        last = (f"{len(poses)}. {poses[-1].label}", poses[-1].label)
        assert any(label in printed or set(figures.two_lines(label)) <= printed for label in last), item.exercise
    # Each heading is made only of text of at least 14 pt: it is found whole in the large text.
    large_text = _squeezed(" ".join(text for _, pt, text in runs if pt >= MIN_HEADING_PT - ROUNDING))
    for heading in headings(routine_id, size):
        assert _squeezed(heading) in large_text, heading


@pytest.mark.parametrize(("routine_id", "paper", "size"), CASES, ids=IDS)
def test_page_count_and_paper(real_site: Path, routine_id: str, paper: str, size: str) -> None:
    reader = _pdf(real_site, routine_id, paper, size)
    if size == "standard":
        assert 1 <= len(reader.pages) <= printing.MAX_HANDOUT_PAGES  # one sheet, front and back
    else:
        assert len(reader.pages) >= 2  # large print takes the pages it needs
    expected = {"a4": (595.3, 841.9), "letter": (612, 792)}[paper]
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert width == pytest.approx(expected[0], abs=1.5) and height == pytest.approx(expected[1], abs=1.5)


def _struct_elements(node: object) -> list[dict[str, object]]:
    found: list[dict[str, object]] = []
    stack = [node]
    while stack:
        item = stack.pop()
        item = item.get_object() if hasattr(item, "get_object") else item
        if isinstance(item, dict):
            if "/S" in item:
                found.append(item)
            kids = item.get("/K")
            if kids is not None:
                stack.extend(kids if isinstance(kids, list) else [kids])
    return found


@pytest.mark.parametrize(("routine_id", "paper", "size"), CASES, ids=IDS)
def test_pdf_is_tagged_with_title_language_headings_and_figure_text(
    real_site: Path, routine_id: str, paper: str, size: str
) -> None:
    reader = _pdf(real_site, routine_id, paper, size)
    catalog = reader.trailer["/Root"]
    assert catalog["/MarkInfo"]["/Marked"] is True or catalog["/MarkInfo"]["/Marked"] == True  # noqa: E712
    assert "/StructTreeRoot" in catalog and "/Outlines" in catalog
    page_html = (real_site / "routines" / routine_id / "index.html").read_text()
    lang = re.search(r'<html lang="([^"]+)"', page_html)
    title = re.search(r"<title>([^<]+)</title>", page_html)
    assert lang and title
    assert catalog["/Lang"] == lang.group(1)
    expected_title = title.group(1) + (" (large print)" if size == "large" else "")
    assert reader.metadata is not None and reader.metadata.title == expected_title
    elements = _struct_elements(catalog["/StructTreeRoot"])
    kinds = [str(element["/S"]) for element in elements]
    assert kinds.count("/H2") == 1 and kinds.count("/H3") >= 6
    assert {"/L", "/LI", "/Table", "/TH", "/TD"} <= set(kinds)
    figures = [str(element.get("/Alt", "")) for element in elements if element["/S"] == "/Figure"]
    names = [CATALOGUE.exercises[item.exercise].name.lower() for item in CATALOGUE.routines[routine_id].exercises]
    for name in names:  # each exercise's drawing has its text alternative
        assert any(alt.lower().startswith(f"how to do the {name}") for alt in figures), name
    assert any(alt.startswith("QR code linking to ") for alt in figures)


def test_the_pdf_tagging_is_what_pdfinfo_reports(real_site: Path) -> None:
    import shutil
    import subprocess

    if shutil.which("pdfinfo") is None:
        pytest.skip("pdfinfo (poppler-utils) is not installed")
    for routine_id, paper, size in CASES:
        info = subprocess.run(
            ["pdfinfo", real_site / urls.handout_pdf_uri(routine_id, paper, size)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        assert re.search(r"^Tagged:\s+yes$", info, re.MULTILINE), (routine_id, paper, size)


def test_routine_page_links_its_large_print_pdfs(real_site: Path) -> None:
    for routine_id in ROUTINES:
        html = (real_site / "routines" / routine_id / "index.html").read_text()
        for paper in urls.PAPERS:
            assert f'href="../{routine_id}-{paper}-large-print.pdf"' in html


@pytest.fixture(scope="module")
def browser_page():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=printing.CHROMIUM_ARGS)
        yield browser.new_page()
        browser.close()


CONTENT_WIDTH_MM = {"a4": 210 - 12, "letter": 215.9 - 12}
"""The paper's width less handout.css's @page side margins (6 mm each)."""

_MEASURE = """(large) => {
  const handout = document.querySelector('.hs-handout');
  handout.classList.toggle('hs-handout--large', large);
  const mm = 25.4 / 96;
  return [...handout.querySelectorAll('.hs-h-ex')].map((section) => {
    const svg = section.querySelector('svg.hs-fig');
    const box = svg.getBoundingClientRect();
    const scale = svg.getScreenCTM().a;
    const labels = [...svg.querySelectorAll('text.l')].map((t) => parseFloat(getComputedStyle(t).fontSize) * scale * 0.75);
    const worked = [...svg.querySelectorAll('.h1, .h2')].map((p) => getComputedStyle(p).stroke);
    // Stripes and dots drawn as lines and dots, each clipped to its muscle (no SVG pattern, which prints as an image).
    const patterned = [...svg.querySelectorAll('path.ph[clip-path^="url(#"], path.pd[clip-path^="url(#"]')]
      .filter((p) => p.getAttribute('d').length > 20 && getComputedStyle(p).display !== 'none').length;
    const images = svg.querySelectorAll('path[fill^="url(#"]').length;
    return {name: section.querySelector('h3').textContent, height: box.height * mm, width: box.width * mm,
            labels, worked, patterned, images, room: section.getBoundingClientRect().width * mm};
  });
}"""


@pytest.mark.parametrize(("routine_id", "paper", "size"), CASES, ids=IDS)
def test_figures_print_tall_enough_with_readable_labels_and_greyscale_highlights(
    browser_page, real_site: Path, routine_id: str, paper: str, size: str
) -> None:
    width_px = round(CONTENT_WIDTH_MM[paper] / 25.4 * 96)
    browser_page.set_viewport_size({"width": width_px, "height": 1000})
    browser_page.goto((real_site / "routines" / routine_id / "index.html").as_uri())
    browser_page.emulate_media(media="print")
    figures = browser_page.evaluate(_MEASURE, size == "large")
    assert len(figures) == len(CATALOGUE.routines[routine_id].exercises)
    for figure in figures:
        assert figure["height"] >= MIN_FIGURE_MM[size] - 0.1, figure
        assert figure["width"] <= figure["room"] + 0.1, figure  # never wider than its column
        assert figure["labels"] and min(figure["labels"]) >= MIN_LABEL_PT[size] - ROUNDING, figure
        # Worked muscles carry stripes or dots and a black outline, so they read without colour.
        assert figure["worked"] and all(stroke == "rgb(0, 0, 0)" for stroke in figure["worked"]), figure
        assert figure["patterned"] == len(figure["worked"]) and figure["images"] == 0, figure


@pytest.mark.parametrize(("routine_id", "paper", "size"), CASES, ids=["-".join(case) for case in CASES])
def test_every_sheet_names_the_emergencies_from_the_red_flag_files(
    real_site: Path, routine_id: str, paper: str, size: str
) -> None:
    """The warning signs that need 999 / 911 are printed on every routine's sheet, in their files' words."""
    text = " ".join(" ".join(page.extract_text().split()) for page in _pdf(real_site, routine_id, paper, size).pages)
    emergencies = [flag.name for flag in CATALOGUE.red_flags.values() if flag.urgency == "emergency"]
    assert "Emergency: now." in text
    for name in emergencies:
        assert " ".join(name.split()) in text, name
    if size == "large":  # large print has room for the same-day signs too
        same_day = [flag.name for flag in CATALOGUE.red_flags.values() if flag.urgency == "same-day"]
        assert all(" ".join(name.split()) in text for name in same_day)
