"""The site reads as a guide on a phone (issue 19), measured in headless Chromium at 390 x 844.

* Every explanatory page opens with an "In short" box of 3 to 5 plain sentences; the evidence
  follows, in collapsible sections, and the page is at most 6 phone screens with them closed.
* The knee pain page answers "could it be my hamstrings", "what can I do now" and "when do I
  need help" in its first 1.5 screens, then a where-it-hurts table and "What you can do now".
* No text is under 14 px except the footer's legal small print, and the safety boxes are at
  body size.
* Site search (Material's, in its web worker) puts the page that answers a reader's question
  first, typed into the search box as a reader would.

Needs Chromium; skipped without it locally, a failure in CI (CI=true).
"""

from __future__ import annotations

import re

import pytest

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
SCREEN = PHONE["height"]

EXPLANATORY = ["how-hamstrings-work/", "weakness/", "tightness/", "knee-pain/", "see-a-clinician/"]
MAIN_PAGES = [
    "",
    *EXPLANATORY,
    "conditions/",
    "imaging/",
    "recovery/",
    "exercises/",
    "exercises/glute-bridge/",
    "routines/strength-starter/",
    "handout-builder/",
]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda error: page.errors.append(str(error)))
    yield page
    assert page.errors == []
    context.close()


def open_page(page, base_url: str, path: str) -> None:
    page.goto(base_url + path, wait_until="load")
    page.evaluate("() => document.fonts.ready")


# -- answers first ----------------------------------------------------------------------------

SENTENCES_JS = """(box) => {
  const copy = box.cloneNode(true);
  copy.querySelector('.admonition-title').remove();
  copy.querySelectorAll('sup, strong').forEach((el) => el.remove());  // citations; bold question labels
  return copy.textContent.replace(/\\s+/g, ' ').trim();
}"""


@pytest.mark.parametrize("path", [*EXPLANATORY, "conditions/", "imaging/", "recovery/"])
def test_the_page_opens_with_in_short(phone, base_url: str, path: str) -> None:
    open_page(phone, base_url, path)
    first = phone.locator(".md-content__inner > h1 + *")
    assert "hs-short" in (first.get_attribute("class") or ""), "the first thing under the title is not the In short box"
    assert first.locator(".admonition-title").inner_text().strip() == "In short"
    text = first.evaluate(SENTENCES_JS)
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
    assert 3 <= len(sentences) <= 5, sentences
    if path in EXPLANATORY:  # the other three summarise their sections' cited facts without numbers
        assert first.locator("a.hs-cite").count() >= 3  # its facts carry their citations
    # Same look on every page: the same admonition type.
    assert "tip" in first.get_attribute("class").split()


@pytest.mark.parametrize("path", EXPLANATORY)
def test_the_page_is_at_most_six_phone_screens_with_the_evidence_closed(phone, base_url: str, path: str) -> None:
    open_page(phone, base_url, path)
    closed = phone.evaluate(
        "() => { document.querySelectorAll('details').forEach((d) => { d.open = false }); "
        "return document.querySelectorAll('details').length }"
    )
    height = phone.evaluate("() => document.documentElement.scrollHeight")
    assert height / SCREEN <= 6, f"{path}: {height} px = {height / SCREEN:.2f} screens with {closed} sections closed"
    if path != "see-a-clinician/":
        assert closed >= 3, "the evidence is in collapsible sections"


def test_knee_pain_answers_the_three_questions_in_the_first_screen_and_a_half(phone, base_url: str) -> None:
    open_page(phone, base_url, "knee-pain/")
    limit = 1.5 * SCREEN
    short = phone.locator(".admonition.hs-short")
    box = short.bounding_box()
    assert box["y"] + box["height"] <= limit, box
    labels = short.locator("strong").all_inner_texts()
    assert labels == ["Could it be my hamstrings?", "What can I do now?", "When do I need help?"]
    urgent = phone.locator(".md-content__inner > .admonition.danger").first
    assert urgent.bounding_box()["y"] < limit
    assert (
        urgent.get_by_role("link", name="When to see a clinician")
        .get_attribute("href")
        .startswith("../see-a-clinician/#warning-signs")
    )
    # Then the where-it-hurts table, then "What you can do now", then the causes.
    order = phone.eval_on_selector_all(
        ".md-content__inner > h2",
        "hs => hs.map((h) => [h.textContent.replace('¶', '').trim(), h.getBoundingClientRect().top])",
    )
    names = [name for name, _ in order]
    assert names[:3] == ["Where does it hurt?", "What you can do now", "Pain at the back of the knee"]
    table = phone.locator(".md-content__inner table").first
    assert table.locator("th").all_inner_texts() == ["Where it hurts, and what happened", "What it could be"]
    rows = table.locator("tbody tr")
    assert rows.count() >= 6
    for index in range(rows.count()):
        cause = rows.nth(index).locator("td").nth(1)
        assert cause.locator("a:not(sup a)").count() >= 1, cause.inner_text()
        assert cause.locator("a.hs-cite").count() == 1, cause.inner_text()
    # The table's links land on headings that exist.
    for href in table.locator("td:nth-child(2) a:not(sup a)").evaluate_all(
        "as => as.map((a) => a.getAttribute('href'))"
    ):
        if href.startswith("#"):
            assert phone.locator(f"[id='{href[1:]}']").count() == 1, href


@pytest.mark.parametrize("anchor", ["suspected-dvt", "locked-knee", "pain-while-you-exercise"])
def test_a_link_into_a_collapsed_section_opens_it(phone, base_url: str, anchor: str) -> None:
    """Routine pages link to each warning sign, and other pages to the pain limits."""
    open_page(phone, base_url, f"see-a-clinician/#{anchor}")
    target = phone.locator(f"[id='{anchor}']")
    target.wait_for(state="visible", timeout=5000)
    assert target.evaluate("(el) => el.closest('details').open")
    box = target.bounding_box()
    assert 0 <= box["y"] < SCREEN, box


# -- text size --------------------------------------------------------------------------------

SMALL_TEXT_JS = """() => {
  document.querySelectorAll('details').forEach((d) => { d.open = true });
  const small = [];
  for (const el of document.querySelectorAll('body *')) {
    if (!el.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
    const rect = el.getBoundingClientRect();
    if (rect.width < 2 || rect.height < 2) continue;  // visually hidden (skip link, screen-reader text)
    if (![...el.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim())) continue;
    if (el.closest('.md-copyright')) continue;  // legal small print
    if (el.closest('svg')) continue;  // figure labels: test_figure_labels_are_14_px_on_a_phone
    const size = parseFloat(getComputedStyle(el).fontSize);
    if (size < 14) small.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${size}px: ${el.textContent.trim().slice(0, 40)}`);
  }
  return small;
}"""


@pytest.mark.parametrize("path", MAIN_PAGES)
def test_no_text_is_under_14_px(phone, base_url: str, path: str) -> None:
    open_page(phone, base_url, path)
    if path == "exercises/":
        phone.wait_for_selector("[data-hs-finder][data-ready]")
        phone.get_by_role("button", name=re.compile("^More filters")).click()
    assert phone.evaluate(SMALL_TEXT_JS) == []


@pytest.mark.parametrize(
    "path",
    [
        "exercises/glute-bridge/",  # drawn from data at one scale (figures.LABEL_SIZE): 14 px or more
        "how-hamstrings-work/",  # hand-drawn: numbered labels at 14 px or more, the names in an HTML legend
    ],
)
def test_figure_labels_are_14_px_on_a_phone(phone, base_url: str, path: str) -> None:
    open_page(phone, base_url, path)
    sizes = phone.eval_on_selector_all(
        "svg text", "ts => ts.map((t) => parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a)"
    )
    assert sizes and min(sizes) >= 14, sizes


SAFETY_SIZES_JS = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector('.md-typeset')).fontSize);
  const boxes = [...document.querySelectorAll('.md-typeset .admonition, .md-typeset details')];
  return { body, boxes: boxes.map((b) => [b.querySelector('.admonition-title, summary').textContent.trim(),
                                          parseFloat(getComputedStyle(b).fontSize)]) };
}"""


@pytest.mark.parametrize(
    ("path", "titles"),
    [
        ("exercises/glute-bridge/", ["Before you start", "How much pain is all right"]),
        ("routines/strength-starter/", ["Do not start this routine", "Stop and get advice"]),
        ("recovery/", ["Do not start without"]),
        ("see-a-clinician/", ["What to do", "In short"]),
    ],
)
def test_safety_boxes_are_at_body_size(phone, base_url: str, path: str, titles: list[str]) -> None:
    open_page(phone, base_url, path)
    sizes = phone.evaluate(SAFETY_SIZES_JS)
    assert sizes["body"] >= 16
    found = {title for title, _ in sizes["boxes"]}
    for title in titles:
        assert any(name.startswith(title) for name in found), (title, found)
    assert all(size == sizes["body"] for _, size in sizes["boxes"]), sizes


# -- search -----------------------------------------------------------------------------------

QUESTIONS = [
    ("pain behind knee", "knee-pain/"),
    ("pain behind my knee when I bend it", "knee-pain/"),
    ("when to see a doctor", "see-a-clinician/"),
    ("tight hamstrings", "tightness/"),
    ("how long to hold a stretch", "tightness/#how-long-to-hold-a-stretch"),
    ("how often should I stretch", "tightness/#how-long-to-hold-a-stretch"),
    ("weak hamstrings", "weakness/"),
    ("baker's cyst", "knee-pain/#bakers-cyst"),
    ("blood clot in my leg", "see-a-clinician/#bakers-cyst-or-dvt"),
    ("kneecap pain", "knee-pain/#pain-around-the-kneecap"),
    ("pulled hamstring", "weakness/#weakness-after-a-hamstring-strain"),
    ("knee osteoarthritis exercise", "knee-pain/#knee-osteoarthritis"),
    ("do I need an x-ray", "imaging/"),
    ("hamstring muscles anatomy", "how-hamstrings-work/"),
    ("what do the hamstrings do", "how-hamstrings-work/#what-the-hamstrings-do"),
    ("how much pain is ok when exercising", "see-a-clinician/#how-much-pain"),
    ("stretches for tight hamstrings", "tightness/#stretches-to-try"),
    ("warning signs", "see-a-clinician/#warning-signs-and-what-to-do"),
    ("exercises without equipment", "exercises/"),
    ("print a handout", "handout-builder/"),
    ("meniscus tear", "conditions/#meniscus"),
    ("returning to sport after hamstring injury", "recovery/#return-to-sport"),
]

FIRST_RESULT_JS = """() => [...document.querySelectorAll('.md-search-result__list > li:first-child a')]
  .map((a) => { const url = new URL(a.href); return url.pathname.slice(1) + url.hash; })"""


@pytest.fixture(scope="module")
def searcher(browser, base_url: str):
    context = browser.new_context(viewport=PHONE)
    page = context.new_page()
    page.goto(base_url, wait_until="networkidle")
    yield page
    context.close()


def search(page, query: str) -> list[str]:
    """Type ``query`` into the search box and return the first result's links once they settle."""
    field = page.locator("input.md-search__input")
    if not field.is_visible():  # on a phone the field shows once the search is opened
        page.locator("label.md-search__icon[for='__search'], label[for='__search']").first.click()
    field.fill("")
    # The last query's results must be gone first, or the wait below can settle on them.
    page.wait_for_function("() => !document.querySelector('.md-search-result__item')", timeout=10_000)
    field.press_sequentially(query, delay=5)
    page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
    last, same = None, 0
    while same < 3:  # the worker answers each keystroke; wait until the list stops changing
        page.wait_for_timeout(150)
        now = page.eval_on_selector(".md-search-result__list", "(list) => list.innerHTML")
        same = same + 1 if now == last else 0
        last = now
    return page.evaluate(FIRST_RESULT_JS)


def test_the_questions_are_enough() -> None:
    assert len(QUESTIONS) >= 15
    assert len({q for q, _ in QUESTIONS}) == len(QUESTIONS)


@pytest.mark.parametrize(("query", "expected"), QUESTIONS, ids=[q for q, _ in QUESTIONS])
def test_search_puts_the_answer_first(searcher, query: str, expected: str) -> None:
    links = search(searcher, query)
    page, _, section = expected.partition("#")
    assert links and links[0] == page, f"{query!r}: first result {links[:1]}, expected {page}"
    if section:
        assert expected in links, f"{query!r}: {expected} is not among the first result's sections {links}"
