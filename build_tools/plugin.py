"""The MkDocs plugin: the only module that imports MkDocs.

Last stage of the flow. Events, in the order MkDocs calls them:

``on_startup``  remember whether this is ``serve`` (the instance lives across rebuilds).
``on_config``   load and validate all data and prose (``project.load``). Any problem
                raises ``PluginError`` listing every one as ``path:line:col: field:
                message``. MkDocs has not cleaned or written the site directory yet,
                so the last good site stays as it was. Overdue reviews are warnings
                (fatal under ``--strict``).
``on_files``    render every data page (``render.render_pages``) and add it with
                ``File.generated``; nothing is written into ``content/``.
``on_page_markdown``  expand citations and insert markers in hand-written pages.
``on_serve``    watch the data folders and the package, so edits rebuild the site.
"""

from __future__ import annotations

import datetime as dt
import os
import threading
import time
from pathlib import Path

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import printing, project, prose, render
from .catalogue import Catalogue
from .handout import SiteInfo
from .problems import DataError

log = get_plugin_logger(__name__)


class HamstringsConfig(Config):
    enabled = c.Type(bool, default=True)
    exercises_dir = c.Type(str, default=project.EXERCISES_DIR)
    """Folder of exercise YAML files, relative to mkdocs.yml."""
    data_dir = c.Type(str, default=project.DATA_DIR)
    """Folder holding sources/, signs/, self_tests/, red_flags/ and routines/, relative to mkdocs.yml."""
    review_warnings = c.Type(bool, default=True)
    """Warn (fatal under --strict) when a page's next review date has passed."""
    pdf = c.Choice(("auto", "on", "off"), default="auto")
    """Handout PDFs: 'on' needs Chromium (an error without it), 'auto' makes them when Chromium is installed."""
    cache_dir = c.Type(str, default=".cache/hamstrings")
    """Where printed PDFs are kept between builds, keyed by what they were printed from."""


class HamstringsPlugin(BasePlugin[HamstringsConfig]):
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.is_serve = False
        self.chromium: str | None = None
        self.site = SiteInfo()
        self._abbreviations_for: Catalogue | None = None
        self._abbreviations_text = ""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = self._root(config)
        for option in ("exercises_dir", "data_dir"):
            if not (root / self.config[option]).is_dir():
                raise PluginError(f"hamstrings: option '{option}': no folder '{self.config[option]}' next to mkdocs.yml")
        content_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        try:
            self.catalogue = project.load(root, self.config.exercises_dir, self.config.data_dir, content_dir)
        except DataError as error:
            raise PluginError(error.report()) from None
        self.chromium = printing.find_chromium() if self.config.pdf != "off" else None
        if self.config.pdf == "on" and self.chromium is None:
            raise PluginError("hamstrings: option 'pdf: on' needs Chromium (apt-get install chromium) or CHROME_PATH")
        if self.config.pdf == "auto" and self.chromium is None:
            log.info("Chromium not found: routine pages are built without handout PDFs")
        self.site = SiteInfo(name=config.site_name, url=config.site_url or SiteInfo.url, pdfs=self.chromium is not None)
        if self.config.review_warnings:
            for problem in project.overdue_reviews(root, self.catalogue, content_dir, today=dt.date.today()):
                log.warning(str(problem))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.catalogue is None:
            return files
        generated = render.render_pages(self.catalogue, self.site)
        if self.site.pdfs:  # placeholders, so links to the PDFs validate; on_post_build prints the real ones
            for rid in self.catalogue.routines:
                for paper in printing.PAPERS:
                    generated[render.handout_pdf_uri(rid, paper)] = ""
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"hamstrings: content/{src_uri} would hide the page generated from data; remove it")
            files.append(File.generated(config, src_uri, content=content))
        return files

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if self.catalogue is None or not self.site.pdfs or self.chromium is None:
            return
        site_dir = Path(config.site_dir)
        jobs = [
            printing.PrintJob(
                rid,
                site_dir / "routines" / rid / "index.html" if config.use_directory_urls else site_dir / f"routines/{rid}.html",
                {paper: site_dir / render.handout_pdf_uri(rid, paper) for paper in printing.PAPERS},
            )
            for rid in self.catalogue.routines
        ]
        stylesheets = [site_dir / css for css in config.extra_css] + list((site_dir / "assets/stylesheets").glob("*.css"))
        cache_dir = self._root(config) / self.config.cache_dir / "pdf"
        if self.is_serve:
            # Under `mkdocs serve` print in the background, so edited pages are served at once;
            # an unchanged routine's PDF comes straight from the cache.
            threading.Thread(
                target=self._print, args=(jobs, stylesheets, cache_dir), name="handout-pdfs", daemon=True
            ).start()
        else:
            self._print(jobs, stylesheets, cache_dir)

    def _print(self, jobs: list[printing.PrintJob], stylesheets: list[Path], cache_dir: Path) -> None:
        assert self.chromium is not None
        started = time.perf_counter()
        try:
            printed = printing.print_handouts(jobs, stylesheets=stylesheets, cache_dir=cache_dir,
                                              chromium=self.chromium)
        except Exception as error:
            if not self.is_serve:
                raise
            # Under serve a newer rebuild may replace the pages while they print: the next one prints.
            log.info(f"Handout PDFs skipped: the site changed while they printed ({type(error).__name__})")
            return
        fresh = sum(not p.from_cache for p in printed)
        log.info(f"Handout PDFs: {len(printed)} written ({fresh} printed, {len(printed) - fresh} from cache) "
                 f"in {time.perf_counter() - started:.1f} s")
        for result in printed:
            if result.pages != 1:
                log.warning(f"Handout too long: data/routines/{result.routine_id}.yml prints on {result.pages} "
                            f"pages on {printing.PAPERS[result.paper]} paper (it must fit on one)")

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.catalogue is None:
            return markdown
        if page.file.generated_by is None:
            markdown = prose.expand(markdown, self.catalogue, page.file.src_uri)
        return f"{markdown}\n\n{self._abbreviations}\n"

    @property
    def _abbreviations(self) -> str:
        assert self.catalogue is not None
        if self._abbreviations_for is not self.catalogue:
            self._abbreviations_text = render.glossary_abbreviations(self.catalogue)
            self._abbreviations_for = self.catalogue
        return self._abbreviations_text

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder) -> LiveReloadServer | None:
        root = self._root(config)
        for folder in (self.config.exercises_dir, self.config.data_dir):
            server.watch(os.fspath(root / folder))
        server.watch(os.fspath(Path(__file__).parent / "templates"))
        return server

    @staticmethod
    def _root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent
