"""Page weight and site sizes of a built site: HTML bytes, gzip transfer with same-site assets, the search index.

``page_weight`` weighs one page with its same-site CSS, JS and images; ``site_sizes`` gives the
page count, the median and largest page and the search index, raw and gzipped. Read by
``report.py``; ``run.py`` calls them after the builds of one size.
"""

from __future__ import annotations

import html.parser
import json
import re
import urllib.parse
from pathlib import Path
from typing import Any

from .common import gz_size, median


class _Assets(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "link" and "stylesheet" in a.get("rel", "").split() and a.get("href"):
            self.urls.append(a["href"])
        elif tag in ("script", "img") and a.get("src"):
            self.urls.append(a["src"])


def page_weight(site: Path, page: str) -> dict[str, Any]:
    """HTML bytes and gzip transfer of one page with its same-site CSS, JS and images."""
    data = (site / page).read_bytes()
    parser = _Assets()
    parser.feed(data.decode("utf-8", errors="replace"))
    assets = []
    for url in dict.fromkeys(parser.urls):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme or parts.netloc:
            continue  # not same-site (there should be none)
        path = urllib.parse.urljoin("/" + page, parts.path).lstrip("/")
        file = site / urllib.parse.unquote(path)
        if file.is_file():
            body = file.read_bytes()
            assets.append({"path": path, "raw": len(body), "gz": gz_size(body)})
    return {
        "page": page,
        "html": len(data),
        "html_gz": gz_size(data),
        "assets": assets,
        "total_raw": len(data) + sum(a["raw"] for a in assets),
        "total_gz": gz_size(data) + sum(a["gz"] for a in assets),
    }


def site_sizes(site: Path, info: dict[str, Any]) -> dict[str, Any]:
    pages = sorted(site.rglob("*.html"))
    sizes = {p.relative_to(site).as_posix(): p.stat().st_size for p in pages}
    largest = max(sizes, key=sizes.__getitem__)
    exercise_pages = {k: v for k, v in sizes.items() if re.fullmatch(r"exercises/[^/]+/index\.html", k)}
    index = (site / "search" / "search_index.json").read_bytes()
    return {
        "pages": len(sizes),
        "html_median": median(list(sizes.values())),
        "html_largest": sizes[largest],
        "largest_page": largest,
        "largest": page_weight(site, largest),
        "exercise_html_median": median(list(exercise_pages.values())),
        "probe": page_weight(site, f"exercises/{info['probe_id']}/index.html"),
        "search_raw": len(index),
        "search_gz": gz_size(index),
        "search_docs": len(json.loads(index)["docs"]),
    }
