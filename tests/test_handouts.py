"""One-sheet handouts (front and back): the PDFs the build writes, the browser's own print, the QR code, and the strict limit.

Needs Chromium (the build prints with it); skipped without it locally, a failure in CI.
"""

from __future__ import annotations

import io
import logging
import os
import re
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from mkdocs.config import load_config
from pypdf import PdfReader

from build_tools import handout_pdfs, print_documents, printing
from build_tools.loader import load_catalogue
from build_tools.slots import fill_slots, slot
from build_tools.stylesheets import BUNDLE
from build_tools.urls import SiteInfo, handout_pdf_uri, routine_uri
from conftest import ROOT, TEST_SITE_URL, mkdocs_build

CHROMIUM = printing.find_chromium()
ROUTINES = sorted(p.stem for p in (ROOT / "data/routines").glob("*.yml"))


@pytest.fixture(scope="module", autouse=True)
def need_chromium() -> None:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install it")
        pytest.skip("Chromium is not installed (apt-get install chromium)")


@pytest.mark.parametrize("paper", ["a4", "letter"])
@pytest.mark.parametrize("routine_id", ROUTINES)
def test_each_routine_pdf_is_one_sheet_holding_every_exercise(real_site: Path, routine_id: str, paper: str) -> None:
    pdf = real_site / "routines" / f"{routine_id}-{paper}.pdf"
    reader = PdfReader(pdf)
    assert 1 <= len(reader.pages) <= printing.MAX_HANDOUT_PAGES  # one sheet, front and back
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    expected = {"a4": (595.3, 841.9), "letter": (612, 792)}[paper]  # points
    assert width == pytest.approx(expected[0], abs=1.5) and height == pytest.approx(expected[1], abs=1.5)
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    routine = load_catalogue(ROOT).routines[routine_id]
    catalogue = load_catalogue(ROOT)
    for item in routine.exercises:
        assert catalogue.exercises[item.exercise].name in text, item.exercise
    for must in ("Stop and get advice if", "Do not start without a clinician", "Week 1", "Pain 0", "Clinician"):
        assert must in text
    for fid in routine.red_flags:  # the warning signs the routine opens with are printed first, with what to do
        flag = catalogue.red_flags[fid]
        assert "Check this first" in text and text.index(flag.name[:40]) < text.index("Do not start without")
        assert " ".join(flag.action.uk.split())[:60] in text


def test_routine_page_links_its_pdfs_and_has_a_print_button(real_site: Path) -> None:
    for routine_id in ROUTINES:
        html = (real_site / "routines" / routine_id / "index.html").read_text()
        assert f'href="../{routine_id}-a4.pdf"' in html and f'href="../{routine_id}-letter.pdf"' in html
        assert "data-hs-print" in html


@pytest.fixture(scope="module")
def print_page(real_site: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=printing.CHROMIUM_ARGS)
        page = browser.new_page()
        yield page
        browser.close()


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("routine_id", ROUTINES)
def test_printing_the_page_from_the_browser_gives_one_sheet(
    print_page, real_site: Path, routine_id: str, paper: str
) -> None:
    print_page.goto((real_site / "routines" / routine_id / "index.html").as_uri())
    data = print_page.pdf(format=paper, print_background=True)
    assert 1 <= len(PdfReader(io.BytesIO(data)).pages) <= printing.MAX_HANDOUT_PAGES


@pytest.mark.parametrize("routine_id", ROUTINES)
def test_qr_code_decodes_to_the_routine_address(print_page, real_site: Path, routine_id: str) -> None:
    import zxingcpp
    from PIL import Image

    print_page.goto((real_site / "routines" / routine_id / "index.html").as_uri())
    print_page.emulate_media(media="print")
    png = print_page.locator(".hs-h-qr svg").screenshot(scale="device")
    print_page.emulate_media(media="screen")
    image = Image.open(io.BytesIO(png)).convert("L")
    image = image.resize((image.width * 4, image.height * 4), Image.NEAREST)
    decoded = [result.text for result in zxingcpp.read_barcodes(image)]
    html = (real_site / "routines" / routine_id / "index.html").read_text()
    site_url = re.search(r'<link rel="canonical" href="([^"]+)routines/', html).group(1)
    assert decoded == [f"{site_url}routines/{routine_id}/"]


def test_a_handout_longer_than_a_page_fails_the_strict_build(mini: Path, tmp_path: Path) -> None:
    routine = mini / "data/routines/starter.yml"
    long_rules = "".join(
        f"  - Rule number {n} that makes this handout far too long to print on one page.\n" for n in range(150)
    )
    routine.write_text(routine.read_text().replace("stop_rules:\n", "stop_rules:\n" + long_rules))
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text()
        .replace('pdf: "off"', 'pdf: "on"')
        .replace("  font: false\n", f"  font: false\n  custom_dir: {ROOT / 'theme_overrides'}\n")
        + "extra_css:\n  - assets/stylesheets/figures.css\n  - assets/stylesheets/handout.css\n"
    )
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode != 0
    assert "Handout too long: data/routines/starter.yml prints on" in result.stderr
    assert "A4 paper" in result.stderr and "Letter paper" in result.stderr


def test_pdfs_are_byte_identical_when_printed_again(real_site: Path, tmp_path: Path) -> None:
    page = real_site / "routines" / ROUTINES[0] / "index.html"
    outputs = []

    def print_once(run: str) -> bytes:
        target = tmp_path / f"{run}.pdf"
        printing.print_handouts(
            [printing.PrintJob(ROUTINES[0], page, {("a4", "standard"): target})],
            stylesheets=[],
            cache_dir=tmp_path / f"cache-{run}",
            chromium=CHROMIUM,
        )
        return target.read_bytes()

    # Playwright's sync API needs a thread without another test's event loop.
    with ThreadPoolExecutor(max_workers=1) as pool:
        outputs = [pool.submit(print_once, run).result() for run in ("one", "two")]
    assert outputs[0] == outputs[1]
    assert b"/CreationDate" in outputs[0]


PAGE_PRINT_CHECKED = ("back-after-a-hamstring-strain", "kneecap-pain-strength")
"""The fullest sheet (a table of stages, five figures) and one of the knee routines: each is printed four
times here (two papers, two sizes) from its whole built page, so two routines keep the suite in budget;
every routine's shipped PDF is measured by test_handout_pdfs.py."""
KEYS = [(paper, size) for paper in ("a4", "letter") for size in ("standard", "large")]


def shipped_pdfs(site: Path, routine_id: str) -> list[bytes]:
    """The routine's PDFs in ``site``, in the order of ``KEYS``."""
    return [(site / handout_pdf_uri(routine_id, *key)).read_bytes() for key in KEYS]


@pytest.mark.parametrize("routine_id", PAGE_PRINT_CHECKED)
def test_the_handout_prints_from_its_print_document_as_from_its_built_page(
    real_site: Path, tmp_path: Path, routine_id: str
) -> None:
    """The build prints each handout from its print document (``print_documents``: the handout alone, in
    its page's frame) before MkDocs has built the page. The PDFs are those the whole built page prints,
    byte for byte: a Material release that frames its pages otherwise fails here, not in the handouts."""
    page = real_site / "routines" / routine_id / "index.html"
    outputs = {key: tmp_path / f"{key[0]}-{key[1]}.pdf" for key in KEYS}
    job = printing.PrintJob(routine_id, page, outputs)
    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright's API needs a thread without another loop
        pool.submit(printing.print_handouts, [job], stylesheets=[], cache_dir=None, chromium=CHROMIUM).result()
    shipped = shipped_pdfs(real_site, routine_id)
    assert all(len(pdf) > 10_000 for pdf in shipped)
    assert [outputs[key].read_bytes() for key in KEYS] == shipped


def test_under_serve_the_handouts_print_after_the_rebuild_and_land_in_the_site(real_site: Path, tmp_path: Path) -> None:
    """``mkdocs serve``: the printer is given the handouts in ``on_files`` and prints them in the background
    once the rebuild is written; the PDFs go into the site, over their placeholders, and the print
    documents' folder is removed. They are the PDFs ``mkdocs build`` printed."""
    routine_id = ROUTINES[0]
    site = tmp_path / "site"
    (site / "routines").mkdir(parents=True)
    for uri in handout_pdfs.placeholders([routine_id]):
        (site / uri).write_bytes(b"")
    config = mkdocs_settings()
    sheets = real_site / "assets/stylesheets"
    files = [(f"assets/stylesheets/{path.name}", str(path)) for path in sheets.glob("*.css")]
    frame = print_documents.frame_for(config["theme"], config["site_name"], files)
    info = SiteInfo(name=config["site_name"], url=TEST_SITE_URL, pdfs=True)
    catalogue = load_catalogue(ROOT)
    html = fill_slots(str(slot("handout", routine_id)), catalogue, info, routine_uri(routine_id))
    handout = print_documents.Handout(catalogue.routines[routine_id].name, html)
    printer = handout_pdfs.Printer(CHROMIUM, logging.getLogger("test"))
    target = handout_pdfs.Target(site, None)
    printer.begin(target, frame, (real_site / BUNDLE).read_text(), {routine_id: handout}, now=False)
    staged = printer._staging
    assert staged is not None
    documents = next(iter(staged.jobs.values())).page.parent
    printer.run(target, [routine_id])
    for thread in threading.enumerate():
        if thread.name == "handout-pdfs":
            thread.join(timeout=120)
    assert shipped_pdfs(site, routine_id) == shipped_pdfs(real_site, routine_id)
    assert not documents.exists()


def mkdocs_settings() -> dict[str, object]:
    """mkdocs.yml's theme and site name, as MkDocs reads them (its tags for environment variables and the like)."""
    config = load_config(str(ROOT / "mkdocs.yml"))
    return {"theme": config.theme, "site_name": config.site_name}


def test_a_new_browser_version_or_new_fonts_miss_the_pdf_cache(
    real_site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from build_tools import print_environment

    page = real_site / "routines" / ROUTINES[0] / "index.html"
    version, fonts = print_environment.browser_version(CHROMIUM, None), print_environment.font_fingerprint()

    def from_cache(browser: str, installed: str) -> bool:
        monkeypatch.setattr(print_environment, "browser_version", lambda chromium, memo_dir: browser)
        monkeypatch.setattr(print_environment, "font_fingerprint", lambda: installed)
        job = printing.PrintJob(ROUTINES[0], page, {("a4", "standard"): tmp_path / "out.pdf"})
        [printed] = printing.print_handouts(
            [job], stylesheets=[], cache_dir=tmp_path / "cache" / "pdf", chromium=CHROMIUM
        )
        return printed.from_cache

    with ThreadPoolExecutor(max_workers=1) as pool:  # Playwright's API needs a thread without another loop
        runs = [
            pool.submit(from_cache, browser, installed).result()
            for browser, installed in [
                (version, fonts),
                (version, fonts),
                (version + " (upgraded)", fonts),
                (version + " (upgraded)", fonts + " and one more"),
                (version + " (upgraded)", fonts + " and one more"),
            ]
        ]
    assert runs == [False, True, False, False, True]


def test_print_button_appears_with_javascript(print_page, real_site: Path) -> None:
    print_page.goto((real_site / "routines" / ROUTINES[0] / "index.html").as_uri())
    assert print_page.get_by_role("button", name="Print handout").is_visible()
