"""``site_url`` (SITE_URL) is checked before it is written into attributes and the QR code (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_tools import governance
from conftest import mkdocs_build

GOOD = [
    "https://hamstrings.example.org/",
    "http://127.0.0.1:8000/",
    "https://someone.github.io/hamstrings/",
    "https://example.org/guide/v2/",
]
BAD = [
    'https://example.org/"onmouseover="alert(1)',
    "https://example.org/'x/",
    "https://example.org/a b/",
    "https://exa\tmple.org/",
    "https://example.org/\x00/",
    "https://example.org/<svg>/",
    "javascript:alert(1)//",
    "ftp://example.org/",
    "https://example.org/?q=1",
    "https://example.org/#top",
    "https://us@er@example.org/",
    "//example.org/",
]


@pytest.mark.parametrize("url", GOOD)
def test_ordinary_addresses_pass(url: str) -> None:
    assert governance.check_site_url(url) == []


@pytest.mark.parametrize("url", BAD)
def test_addresses_that_could_leave_an_attribute_are_refused(url: str) -> None:
    (message,) = governance.check_site_url(url)
    assert message.startswith("site_url '") and "is refused" in message
    assert "\x00" not in message and "\t" not in message


@pytest.mark.parametrize("url", ['https://example.org/"onmouseover="alert(1)', "https://example.org/a b/"])
def test_the_build_stops_with_a_plain_message(mini: Path, tmp_path: Path, url: str) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("site_url: https://example.org/", "site_url: !ENV SITE_URL"),
        encoding="utf-8",
    )
    result = mkdocs_build(mini, tmp_path / "site", env={"SITE_URL": url})
    assert result.returncode != 0
    assert "site_url '" in result.stderr and "is refused" in result.stderr, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "site" / "index.html").exists()
