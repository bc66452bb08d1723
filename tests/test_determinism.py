"""Two clean builds of the real site are byte-identical, and dates come from SOURCE_DATE_EPOCH.

The project is copied twice (without .git, .venv, caches or built sites, so that nothing
from an earlier build is reused) and each copy is built strictly into its own folder with
the same SOURCE_DATE_EPOCH, as `make site` sets it. Every file of the two sites must have the
same bytes. The dates a build writes (sitemap <lastmod>, the gzip header of sitemap.xml.gz,
the creation and modification dates of PDFs) must be that epoch, not the time of the build.
"""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import re
import shutil
import struct
from pathlib import Path

import pytest

from conftest import ROOT, TEST_SITE_URL, mkdocs_build

EPOCH = 1_700_000_000  # 2023-11-14 22:13:20 UTC: not the day the test runs
NOT_COPIED = shutil.ignore_patterns(
    ".git",
    ".venv",
    "node_modules",
    "site",
    ".site-build",
    ".site-old",
    ".site.lock",
    ".cache",
    ".pytest_cache",
    "__pycache__",
    "*.egg-info",
    "out",
    ".hypothesis",
)


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    sites = []
    for name in ("first", "second"):
        folder = tmp_path_factory.mktemp(name)
        project = folder / "project"
        shutil.copytree(ROOT, project, ignore=NOT_COPIED, symlinks=True)
        site = folder / "site"
        result = mkdocs_build(project, site, env={"SOURCE_DATE_EPOCH": str(EPOCH), "SITE_URL": TEST_SITE_URL})
        assert result.returncode == 0, result.stderr[-3000:]
        sites.append(site)
    return sites[0], sites[1]


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_two_clean_builds_are_byte_identical(two_builds: tuple[Path, Path]) -> None:
    first, second = (digests(site) for site in two_builds)
    assert len(first) > 50
    assert sorted(first.keys() - second.keys()) == [], "only in the first build"
    assert sorted(second.keys() - first.keys()) == [], "only in the second build"
    differing = sorted(path for path in first if first[path] != second[path])
    assert differing == [], f"{len(differing)} file(s) differ between two builds"


def test_sitemap_dates_come_from_source_date_epoch(two_builds: tuple[Path, Path]) -> None:
    site = two_builds[0]
    day = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC).date().isoformat()
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    lastmods = set(re.findall(r"<lastmod>([^<]+)</lastmod>", sitemap))
    assert lastmods == {day}
    packed = (site / "sitemap.xml.gz").read_bytes()
    stamped = struct.unpack("<I", packed[4:8])[0]  # MkDocs stamps the start of the epoch's day
    assert EPOCH - 86_400 < stamped <= EPOCH, f"gzip header time {stamped}"
    assert gzip.decompress(packed).decode("utf-8") == sitemap


def test_pdf_dates_come_from_source_date_epoch(two_builds: tuple[Path, Path]) -> None:
    pdfs = sorted(two_builds[0].rglob("*.pdf"))
    if not pdfs:
        pytest.skip("this build wrote no PDFs")
    from pypdf import PdfReader

    when = dt.datetime.fromtimestamp(EPOCH, tz=dt.UTC).strftime("%Y%m%d%H%M%S")
    for pdf in pdfs:
        info = PdfReader(pdf).metadata or {}
        for key in ("/CreationDate", "/ModDate"):
            if key in info:
                assert str(info[key]).removeprefix("D:").startswith(when), f"{pdf.name} {key} {info[key]}"


def test_make_site_sets_source_date_epoch() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^export SOURCE_DATE_EPOCH\b", makefile, re.M), "make site must export SOURCE_DATE_EPOCH"
