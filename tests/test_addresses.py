"""No dead addresses (issue 17 section 5): a handout prints or encodes only a real public address.

Without ``site_url`` (SITE_URL) there is no QR code and no printed address, and the build says
so once; with one they point at the page; the printed address wraps only between its parts.
"""

from __future__ import annotations

import re
from pathlib import Path

from build_tools import handout, urls
from conftest import ROOT, mkdocs_build


def test_no_placeholder_address_anywhere(real_site: Path) -> None:
    """The old default, hamstrings.example.org, is gone from the project and from what it builds."""
    for path in [
        ROOT / "mkdocs.yml",
        *sorted((ROOT / "build_tools").rglob("*.py")),
        *sorted((ROOT / "build_tools" / "templates").glob("*")),
        *sorted((ROOT / "theme_overrides").rglob("*.js")),
    ]:
        assert "hamstrings.example" not in path.read_text(encoding="utf-8"), path
    for path in [*real_site.rglob("*.html"), *real_site.rglob("*.json"), *real_site.rglob("*.xml")]:
        assert "hamstrings.example" not in path.read_text(encoding="utf-8"), path


def test_without_a_site_url_handouts_carry_no_qr_code_or_address(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*\n", "", config.read_text(), flags=re.M))
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert result.stderr.count("No site_url (SITE_URL) set") == 1
    page = (tmp_path / "site" / "routines" / "starter" / "index.html").read_text(encoding="utf-8")
    assert 'class="hs-handout' in page
    assert "hs-h-qrcode" not in page and 'hs-h-qr"' not in page
    assert "hamstrings.example" not in page and "example.org/routines" not in page  # a source's own link may stay


def test_with_a_site_url_the_handout_points_at_its_page(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(re.sub(r"^site_url:.*$", "site_url: !ENV SITE_URL", config.read_text(), flags=re.M))
    result = mkdocs_build(mini, tmp_path / "site", env={"SITE_URL": "https://guide.example.net/knees/"})
    assert result.returncode == 0, result.stderr
    page = (tmp_path / "site" / "routines" / "starter" / "index.html").read_text(encoding="utf-8")
    assert 'aria-label="QR code linking to https://guide.example.net/knees/routines/starter/"' in page
    assert "guide<wbr>.example<wbr>.net/<wbr>knees/<wbr>routines/<wbr>starter/" in page


def test_the_printed_address_never_breaks_inside_a_word() -> None:
    shown = str(handout.breakable_url("https://hamstrings.test/routines/strength-starter/"))
    assert shown == "hamstrings<wbr>.test/<wbr>routines/<wbr>strength-starter/<wbr>"
    assert urls.SiteInfo().public_url("routines/x.md") is None
    assert urls.SiteInfo(url="https://a.test/g").public_url("routines/x.md") == "https://a.test/g/routines/x/"
    assert urls.SiteInfo(url="https://a.test/", directory_urls=False).public_url("x.md") == "https://a.test/x.html"
