"""Every internal link, image, script, stylesheet and #fragment of the built site resolves.

Static: the built HTML is parsed (stdlib only), and every internal href, src, srcset and
url() (in style attributes and in the site's own CSS) must name a file in the site, and
every #fragment an id (or <a name>) on the target page. The sitemap and the search index
must point at pages and headings that exist too. External URLs are not fetched.
"""

from __future__ import annotations

import json
import posixpath
import re
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest

URL_ATTRS = {"href", "src", "poster", "data", "action", "cite", "xlink:href", "formaction"}
NOT_FETCHED_RELS = {"canonical", "alternate", "author", "license", "me", "dns-prefetch", "preconnect"}
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
NOT_CHECKED = ("data:", "javascript:", "mailto:", "tel:", "about:", "blob:")


@dataclass
class Page:
    ids: set[str] = field(default_factory=set)
    refs: list[tuple[int, str, str]] = field(default_factory=list)
    """(line, tag attribute, url)"""


class PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        line = self.getpos()[0]
        values = {name: value or "" for name, value in attrs}
        if "id" in values:
            self.page.ids.add(values["id"])
        if tag == "a" and "name" in values:
            self.page.ids.add(values["name"])
        rels = set(values.get("rel", "").lower().split())
        for name, value in values.items():
            value = value.strip()
            if not value:
                continue
            if name in URL_ATTRS and not (tag == "link" and rels & NOT_FETCHED_RELS):
                self.page.refs.append((line, f"{tag} {name}", value))
            elif name in {"srcset", "imagesrcset"}:
                for candidate in value.split(","):
                    if candidate.strip():
                        self.page.refs.append((line, f"{tag} {name}", candidate.split()[0]))
            elif name == "style":
                self.page.refs.extend((line, f"{tag} style", m.group(2).strip()) for m in CSS_URL.finditer(value))
        self.in_style = tag == "style"

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self.in_style = False

    def handle_data(self, data: str) -> None:
        if self.in_style:
            line = self.getpos()[0]
            self.page.refs.extend((line, "style url()", m.group(2).strip()) for m in CSS_URL.finditer(data))


def served_path(rel: str) -> str:
    """The URL path a file is served at: guide/index.html -> /guide/, 404.html -> /404.html."""
    path = "/" + rel
    return path[: -len("index.html")] if path.endswith("/index.html") else path


class Site:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.pages: dict[str, Page] = {}
        for html_file in sorted(root.rglob("*.html")):
            parser = PageParser()
            parser.feed(html_file.read_text(encoding="utf-8"))
            parser.close()
            self.pages[html_file.relative_to(root).as_posix()] = parser.page
        canonical = re.search(r'<link rel="canonical" href="([^"]+)"', (root / "index.html").read_text("utf-8"))
        self.base = urllib.parse.urlsplit(canonical.group(1)).path if canonical else "/"
        self.site_url = canonical.group(1) if canonical else None

    def resolve(self, source: str, url: str) -> tuple[str | None, str | None, str | None]:
        """-> (target file relative to the root, fragment, reason it is broken)."""
        parts = urllib.parse.urlsplit(url)
        fragment = urllib.parse.unquote(parts.fragment) if parts.fragment else None
        path = urllib.parse.unquote(parts.path)
        here = served_path(source) if source.endswith(".html") else "/" + source
        if not path:
            target = here
        elif path.startswith("/"):
            if not (path + "/").startswith(self.base):
                return None, fragment, f"root-relative path outside the site's base {self.base}"
            target = "/" + path[len(self.base) :]
        else:
            target = posixpath.join(here if here.endswith("/") else posixpath.dirname(here) + "/", path)
        is_folder = target.endswith("/")
        target = posixpath.normpath(target)
        if target.startswith("/.."):
            return None, fragment, "path leaves the site"
        rel = target.lstrip("/")
        full = self.root / rel
        if full.is_dir():
            if (full / "index.html").is_file():
                return posixpath.join(rel, "index.html").lstrip("/"), fragment, None
            return None, fragment, "folder without index.html"
        if is_folder:
            return None, fragment, "no such folder"
        if full.is_file():
            return rel, fragment, None
        return None, fragment, "no such file"

    def check(self, source: str, line: int, what: str, url: str) -> str | None:
        """A description of what is broken about ``url`` in ``source``, or None."""
        if url.startswith(NOT_CHECKED) or urllib.parse.urlsplit(url).scheme or url.startswith("//"):
            return None
        target, fragment, reason = self.resolve(source, url)
        if reason:
            return f"{source}:{line}: <{what}> {url}: {reason}"
        if fragment and fragment != "top" and target in self.pages and fragment not in self.pages[target].ids:
            return f"{source}:{line}: <{what}> {url}: no id '{fragment}' in {target}"
        return None


@pytest.fixture(scope="module")
def site(real_site: Path) -> Site:
    return Site(real_site)


def test_every_internal_link_image_and_fragment_resolves(site: Site) -> None:
    broken, checked = [], 0
    for source, page in site.pages.items():
        for line, what, url in page.refs:
            checked += 1
            problem = site.check(source, line, what, url)
            if problem:
                broken.append(problem)
    assert checked > 1000, checked
    assert broken == [], f"{len(broken)} broken reference(s):\n" + "\n".join(broken[:100])


def test_urls_in_the_sites_own_css_resolve(site: Site) -> None:
    broken = []
    for css in sorted(site.root.rglob("*.css")):
        rel = css.relative_to(site.root).as_posix()
        text = css.read_text(encoding="utf-8")
        for match in CSS_URL.finditer(text):
            url = match.group(2).strip()
            if url.startswith("#"):
                continue  # an SVG filter or mask inside the same document
            problem = site.check(rel, text.count("\n", 0, match.start()) + 1, "css url()", url)
            if problem:
                broken.append(problem)
    assert broken == [], "\n".join(broken)


def test_sitemap_lists_every_page_and_only_pages_that_exist(site: Site) -> None:
    sitemap = (site.root / "sitemap.xml").read_text(encoding="utf-8")
    locations = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert site.site_url and locations
    listed = set()
    for location in locations:
        assert location.startswith(site.site_url), location
        target, _, reason = site.resolve(
            "index.html",
            "/" + location[len(site.site_url) :].lstrip("/")
            if site.base == "/"
            else urllib.parse.urlsplit(location).path,
        )
        assert reason is None, f"sitemap: {location}: {reason}"
        listed.add(target)
    pages = {rel for rel in site.pages if rel != "404.html"}
    assert pages - listed == set(), "pages missing from the sitemap"


def test_search_index_points_at_pages_and_headings_that_exist(site: Site) -> None:
    index = json.loads((site.root / "search/search_index.json").read_text(encoding="utf-8"))
    broken = [
        doc["location"] for doc in index["docs"] if site.check("index.html", 0, "search index", doc["location"] or "./")
    ]
    assert broken == []


def test_the_checker_finds_planted_defects(tmp_path: Path) -> None:
    (tmp_path / "guide").mkdir()
    (tmp_path / "index.html").write_text(
        '<link rel="canonical" href="https://example.org/">\n'
        '<a href="guide/">ok</a> <a href="guide/#intro">ok</a> <a href="#top">ok</a>\n'
        '<a href="missing/">page</a>\n<a href="guide/#nowhere">anchor</a>\n<img src="img/none.png" alt="">\n'
        '<a href="https://elsewhere.example/">not fetched</a> <a href="mailto:x@example.org">mail</a>\n'
        "<div style=\"background: url('/img/gone.svg')\"></div>\n"
    )
    (tmp_path / "guide/index.html").write_text(
        '<h2 id="intro">Intro</h2><a href="../index.html#x">frag</a><img srcset="../a.png 1x, ../b.png 2x" alt="">'
    )
    (tmp_path / "a.png").write_bytes(b"")
    site = Site(tmp_path)
    broken = [
        problem
        for source, page in site.pages.items()
        for line, what, url in page.refs
        if (problem := site.check(source, line, what, url))
    ]
    assert sorted(b.split(": ", 1)[1] for b in broken) == sorted(
        [
            "<a href> missing/: no such folder",
            "<a href> guide/#nowhere: no id 'nowhere' in guide/index.html",
            "<img src> img/none.png: no such file",
            "<div style> /img/gone.svg: no such file",
            "<a href> ../index.html#x: no id 'x' in index.html",
            "<img srcset> ../b.png: no such file",
        ]
    )
