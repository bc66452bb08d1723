"""The pose page under a real `make serve` of the mini project: a slider moves, the figure and the YAML follow."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_serve import _get, _serving

pytestmark = pytest.mark.browser


def test_moving_a_slider_redraws_the_figure_and_updates_the_yaml(mini: Path, chromium) -> None:
    with _serving(mini, "Mini") as (base, _project, log):
        page = chromium.new_page(viewport={"width": 390, "height": 844})
        problems: list[str] = []
        hosts: set[str] = set()
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("request", lambda request: hosts.add(urlsplit(request.url).netloc or "blob"))
        try:
            page.goto(f"{base}/_pose/")
            page.get_by_role("link", name="Lying stretch").click()
            page.wait_for_load_state("networkidle")
            slider = page.get_by_label("Hip (working leg)").nth(1)  # pose 2
            assert slider.get_attribute("aria-valuetext") == "80 degrees"
            before = _get(page.eval_on_selector("#pose-figure", "img => img.src"))[1]
            assert before.startswith("<svg") and "hip: 80" in page.input_value("#yaml")
            slider.focus()
            drawn: list[dict] = []
            page.on("response", lambda response: drawn.append(response.json()) if "/draw?" in response.url else None)
            for _ in range(3):
                page.keyboard.press("ArrowRight")  # the keyboard moves it, as a mouse would
            page.wait_for_function("() => document.getElementById('yaml').value.includes('hip: 83')", timeout=15_000)
            page.wait_for_function("() => document.getElementById('pose-figure').src.startsWith('blob:')")
            page.wait_for_function("() => document.getElementById('pose-figure').naturalWidth > 0")
            after = drawn[-1]["svg"]  # what the page was sent and shows (as a blob: image, its policy allows no fetch)
            assert after.startswith("<svg") and after != before
            assert slider.get_attribute("aria-valuetext") == "83 degrees"
            assert page.locator("#p2\\.hip-value").text_content() == "83°"
            assert "No problems" in page.locator("#checks").text_content()
            page.get_by_label("Trunk").first.fill("-40")  # lifts the back off the floor: a check fails
            page.locator("#p1\\.trunk").dispatch_event("input")
            page.wait_for_function("() => document.querySelector('#checks li') !== null", timeout=15_000)
            assert page.locator("#checks li").first.text_content().startswith("pose 1 (Start)")
            assert "trunk: -40" in page.input_value("#yaml")
        finally:
            page.close()
        assert hosts <= {urlsplit(base).netloc, "blob"}, hosts  # nothing from another host
        assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems
        assert "Traceback" not in log.read_text()
