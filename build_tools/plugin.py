"""The MkDocs plugin: the only module that imports MkDocs.

Last stage of the flow. Events, in the order MkDocs calls them:

``on_startup``  remember whether this is ``serve`` and ``--dirty`` (the instance lives
                across rebuilds, and so do its caches).
``on_config``   load and validate all data and prose (``project.load``). Any problem
                raises ``PluginError`` listing every one as ``path:line:col: field:
                message``. MkDocs has not cleaned or written the site directory yet,
                so the last good site stays as it was. Overdue reviews are warnings
                (fatal under ``--strict``).
``on_files``    render every data page (``incremental.PageRenderer``) and add it with
                ``File.generated``; nothing is written into ``content/``.
``on_page_markdown``  expand citations and insert markers in hand-written pages.
``on_post_page``  put figures, handouts and cards into their slots (``render.fill_slots``), then,
                last of all plugins, the page's Content-Security-Policy (``csp.add_policy``;
                ``on_post_template`` adds it to 404.html).
``on_post_build``  print the handout PDFs; save the caches.
``on_serve``    watch the data folders and the package, so edits rebuild the site.

Speed (see ``benchmarks/``): parsed YAML and drawn figures are cached between builds in
``cache_dir`` (``cache.py``: checked data, atomic writes; a folder that cannot be written
means building without it). ``make serve`` runs ``mkdocs serve --dirty``; then only the
pages an edit can change are rendered again, only those MkDocs sees as modified are
rebuilt (generated pages are backed by files in ``cache_dir/pages`` that are rewritten
only when their Markdown or the HTML of their slots changes), and the search index is merged so it stays complete
(Material's own merge keeps one page; see ``_merge_search_index``).
"""

from __future__ import annotations

import datetime as dt
import html
import logging
import os
import subprocess
import threading
import time
from pathlib import Path
from typing import Any

import jinja2
import ruamel.yaml

from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from . import cache, csp, figures, governance, incremental, printing, project, prose, render, theme_patches, urls
from .catalogue import Catalogue
from .urls import SiteInfo
from .loader import ParseCache
from .problems import DataError

log = get_plugin_logger(__name__)
_advice = logging.getLogger("hamstrings.advice")
"""Warnings for the person building, outside MkDocs' logger, so --strict does not count them."""
if not _advice.handlers:
    _handler = logging.StreamHandler()
    _handler.setFormatter(logging.Formatter("WARNING -  hamstrings: %(message)s"))
    _advice.addHandler(_handler)
    _advice.propagate = False


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
    """Where printed PDFs, parsed YAML and drawn figures are kept between builds, keyed by what they were made from."""
    report_email = c.Type(str, default="")
    """Address readers write to about a problem with a page (no GitHub account needed); empty leaves it out."""
    report_repo = c.Type(str, default="")
    """https://github.com/OWNER/NAME: each page links to its issue form with the page's address filled in."""
    native_watcher = c.Type(bool, default=True)
    """Under ``mkdocs serve``, watch files with the system's change notifications (inotify, FSEvents)
    instead of MkDocs' polling every half second, so an edit is seen at once."""


class HamstringsPlugin(BasePlugin[HamstringsConfig]):
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.is_serve = False
        self.is_dirty = False
        self.chromium: str | None = None
        self.site = SiteInfo()
        self._abbreviations_for: Catalogue | None = None
        self._abbreviations_text = ""
        self._parse_cache: ParseCache | None = None
        self._cache_folders: dict[Path, bool] = {}
        """Each cache folder used so far: can it be written? (Checked once per process, said once.)"""
        self._figure_keys: frozenset[Any] = frozenset()
        self._renderer = incremental.PageRenderer()
        self._render: incremental.RenderResult | None = None
        # Under serve --dirty: what each generated file held when last written, each prose
        # page's expanded Markdown, and a stamp of the theme and mkdocs.yml.
        self._written: dict[str, Any] = {}
        self._expanded: dict[str, str] = {}
        self._theme_stamp: tuple[Any, ...] = ()
        self._build_stamp: tuple[Any, ...] = ()
        self._theme_files: dict[Any, list[str]] = {}
        self._slot_html: dict[str, dict[str, str]] = {}
        """Under --dirty, this build's HTML for each slot of each generated page (see ``_page_stamp``)."""
        # The search index, page by page, and the pages built in this build.
        self._search_pages: list[str] = []
        self._search_entries: dict[str, list[dict[str, Any]]] = {}
        self._built: dict[str, str] = {}
        # Handout printing under serve: one run at a time, stopped when the server stops.
        self._print_lock = threading.Lock()
        self._printer: subprocess.Popen[str] | None = None
        self._shutting_down = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.is_dirty = dirty
        if dirty:
            # MkDocs warns on every --dirty build that links and navigation may go stale. This plugin
            # rebuilds every page an edit can change and keeps the search index whole, so say that once.
            logging.getLogger("mkdocs.commands.build").addFilter(_drop_dirty_warning)
            log.info("--dirty: after each edit only the pages it can change are rebuilt; search stays complete")

    @property
    def incremental(self) -> bool:
        """Rebuild only what changed: ``--dirty`` (``make serve``). A first build in a process rebuilds all."""
        return self.is_dirty

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = self._root(config)
        for option in ("exercises_dir", "data_dir"):
            if not (root / self.config[option]).is_dir():
                raise PluginError(f"hamstrings: option '{option}': no folder '{self.config[option]}' next to mkdocs.yml")
        content_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        self._load_caches(config)
        assert self._parse_cache is not None
        self._build_stamp = self._stamp(config)
        if self.incremental:
            self._reuse_theme_file_list(config)
        try:
            self.catalogue = project.load(root, self.config.exercises_dir, self.config.data_dir, content_dir,
                                          cache=self._parse_cache)
        except DataError as error:
            raise PluginError(error.report()) from None
        report_problems = governance.check_report_settings(self.config.report_email, self.config.report_repo)
        report_problems += governance.check_site_url(config.site_url)  # it lands in attributes and the QR code
        if report_problems:
            raise PluginError("hamstrings: " + "; ".join(report_problems))
        if not (self.config.report_email or self.config.report_repo):
            log.info("No report_email or report_repo set: pages are built without 'Report a problem' links")
        self.chromium = printing.find_chromium() if self.config.pdf != "off" else None
        if self.config.pdf == "on" and self.chromium is None:
            raise PluginError(f"hamstrings: option 'pdf: on' needs a browser to print with: {printing.INSTALL_HINT}")
        if self.config.pdf == "auto" and self.chromium is None:
            # Loud, but outside MkDocs' warning count: a strict build without a browser still succeeds.
            _advice.warning(f"No Chromium, Chrome or Edge found: the routine pages are built without handout PDFs. "
                            f"To make them, {printing.INSTALL_HINT}.")
        self.site = SiteInfo(name=config.site_name, url=config.site_url or None, pdfs=self.chromium is not None,
                             directory_urls=config.use_directory_urls)
        if not self.site.url:
            log.info("No site_url (SITE_URL) set: handouts are printed without a QR code or web address")
        if self.config.review_warnings:
            for problem in project.overdue_reviews(root, self.catalogue, content_dir, today=dt.date.today()):
                log.warning(str(problem))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.catalogue is None:
            return files
        self._render = self._renderer.render(self.catalogue, self.site)
        generated: dict[str, str | bytes] = dict(self._render.pages)
        if self.site.pdfs:  # placeholders, so links to the PDFs validate; on_post_build prints the real ones
            for rid in self.catalogue.routines:
                for paper in urls.PAPERS:
                    generated[urls.handout_pdf_uri(rid, paper)] = ""
        # The glossary's abbreviations are added to every page (on_page_markdown): a change rebuilds all.
        stamp = (self._build_stamp, self._abbreviations) if self.incremental else self._build_stamp
        everything_changed = stamp != self._theme_stamp
        self._theme_stamp = stamp
        self._slot_html = {}
        pages_dir = self._cache_folder(config, "pages") if self.incremental else None
        for src_uri, content in generated.items():
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"hamstrings: content/{src_uri} would hide the page generated from data; remove it")
            path = (self._backing_file(pages_dir, src_uri, content, self._page_stamp(src_uri, content), everything_changed)
                    if pages_dir else None)
            if path is None or everything_changed:
                files.append(File.generated(config, src_uri, content=content))
            else:
                files.append(File.generated(config, src_uri, abs_src_path=os.fspath(path)))
        if self.incremental:
            self._mark_changed_prose(files, everything_changed)
        # As Page.url (and so the search plugin) has them: the home page is '', not './'.
        self._search_pages = ["" if file.url in (".", "./") else file.url for file in files.documentation_pages()]
        self._built = {}
        return files

    def _page_stamp(self, src_uri: str, content: str | bytes) -> Any:
        """Under --dirty, what a generated page's built HTML is made from: its Markdown and the HTML of its slots.

        Slots are filled in the finished page (``on_post_page``), so an edit can change a page whose
        Markdown stays the same: an exercise's summary changes its card on the Exercises page, its
        figure data its drawing. The slots' HTML is kept for ``on_post_page`` of this build.
        """
        if not isinstance(content, str) or "<!-- hs-slot: " not in content:
            return content
        assert self.catalogue is not None
        slots: dict[str, str] = {}
        for match in render.SLOT.finditer(content):
            marker = match.group(0)
            if marker not in slots:
                slots[marker] = render.fill_slots(marker, self.catalogue, self.site, src_uri)
        self._slot_html[src_uri] = slots
        return content, slots

    def _backing_file(self, pages_dir: Path, src_uri: str, content: str | bytes, stamp: Any,
                      everything_changed: bool) -> Path | None:
        """Under --dirty, a generated page is backed by a file that changes only when the page would (its
        ``stamp``), so MkDocs' --dirty check (is the source newer than the built page?) skips unchanged
        pages. None when the file cannot be written (then MkDocs builds the page every time)."""
        path = pages_dir / src_uri
        if everything_changed or self._written.get(src_uri) != stamp or not path.is_file():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                cache.write_atomic(path, content.encode("utf-8") if isinstance(content, str) else content,
                                   durable=False)
            except OSError:
                self._written.pop(src_uri, None)
                return None
            self._written[src_uri] = stamp
        return path

    def _mark_changed_prose(self, files: Files, everything_changed: bool) -> None:
        """Under --dirty, rebuild a hand-written page when the data it shows changed (or the theme did)."""
        assert self.catalogue is not None
        for file in files.documentation_pages():
            if file.generated_by is not None:
                continue
            source = file.content_string
            expanded = prose.expand(source, self.catalogue, file.src_uri)
            if everything_changed or self._expanded.get(file.src_uri) != expanded:
                file.content_string = source  # held in memory: MkDocs sees it as modified
            self._expanded[file.src_uri] = expanded

    def _reuse_theme_file_list(self, config: MkDocsConfig) -> None:
        """Under --dirty, list the theme's files once instead of on every rebuild.

        Each build, MkDocs lists every file of every theme folder to find the static ones, which
        walks Material's 14,000 icons and tests each name against its patterns: about a third of
        a rebuild at N = 100. The list depends on the theme folders and on mkdocs.yml only, so it
        is kept while neither changes (the same stamp that makes every page rebuild).
        """
        theme = config.theme
        make_env = theme.get_env
        stamp = self._build_stamp

        def get_env() -> jinja2.Environment:
            env = make_env()
            list_templates = env.list_templates

            def cached(extensions=None, filter_func=None) -> list[str]:
                key = (tuple(theme.dirs), stamp, extensions, filter_func is None)
                if key not in self._theme_files:
                    self._theme_files = {key: list_templates(extensions=extensions, filter_func=filter_func)}
                return self._theme_files[key]

            env.list_templates = cached  # type: ignore[method-assign]
            return env

        theme.get_env = get_env  # type: ignore[method-assign]

    def _stamp(self, config: MkDocsConfig) -> tuple[Any, ...]:
        """What every page depends on: mkdocs.yml and the theme overrides (templates, partials)."""
        stamps: list[Any] = [os.stat(config.config_file_path).st_mtime_ns] if config.config_file_path else []
        custom_dir = config.theme.custom_dir
        if custom_dir:
            for folder, _, names in sorted(os.walk(custom_dir)):
                stamps.extend((folder, name, os.stat(os.path.join(folder, name)).st_mtime_ns) for name in sorted(names))
        return tuple(stamps)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):
        env.loader = theme_patches.PatchingLoader(env.loader)  # Material's templates, with our few fixes

        # MkDocs makes a new Jinja environment for every build, so under serve every rebuild compiled
        # the theme's templates again. Jinja's own bytecode cache keeps them compiled; it checks each
        # template's source, so an edited template is compiled afresh.
        # (``cache.JinjaBytecodeCache``: a damaged file is a miss, not a failed build.)
        folder = self._cache_folder(config, "jinja")
        if folder is not None:
            env.bytecode_cache = cache.JinjaBytecodeCache(folder)
        return env

    def on_page_context(self, context, *, page: Page, config: MkDocsConfig, nav):
        self._built[page.url] = page.file.src_uri  # MkDocs builds this page now (under --dirty, not all are)
        context["hs_footer"] = governance.page_footer(
            page.meta, self.config.report_email, self.config.report_repo,
            page.canonical_url or page.abs_url or page.url, page.title or config.site_name,
        )
        return context

    # -- the search index ---------------------------------------------------------------

    @event_priority(50)  # before the search plugin writes its index
    def _merge_search_index(self, *, config: MkDocsConfig) -> None:
        """Keep the search index complete under ``--dirty``: every page's entries, from this build or the last.

        Material's search plugin keeps only the entries of the pages built in this build and merges
        them into the previous index by the first entry's address alone, so several rebuilt pages (an
        exercise, its index, its routines) leave some pages out and others twice. Here the entries are
        kept page by page, each page's from the build that last built it, in the order of the site's
        pages, and handed back to the search plugin to write.
        """
        search = _search_plugin(config)
        if search is None:
            return
        current: dict[str, list[dict[str, Any]]] = {url: [] for url in self._built}
        for entry in search.search_index.entries:
            current.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        if not self.incremental:
            self._search_entries = current
            return
        self._search_entries = {
            url: current[url] if url in current else self._search_entries.get(url, [])
            for url in self._search_pages
        }
        search.search_index.entries = [entry for entries in self._search_entries.values() for entry in entries]
        search.search_index_prev = None  # the merge is done: the plugin writes these entries as they are

    def _save_caches_and_print(self, *, config: MkDocsConfig) -> None:
        if self.catalogue is None:
            return
        self._save_caches(config)
        if not self.site.pdfs or self.chromium is None:
            return
        site_dir = Path(config.site_dir)
        routines = [rid for rid in self.catalogue.routines
                    if not self.incremental or urls.routine_uri(rid) in self._built.values()]
        jobs = [
            printing.PrintJob(
                rid,
                site_dir / "routines" / rid / "index.html" if config.use_directory_urls else site_dir / f"routines/{rid}.html",
                {paper: site_dir / urls.handout_pdf_uri(rid, paper) for paper in urls.PAPERS},
            )
            for rid in routines
        ]
        if not jobs:
            return
        stylesheets = [site_dir / css for css in config.extra_css] + list((site_dir / "assets/stylesheets").glob("*.css"))
        cache_dir = self._cache_folder(config, "pdf")
        if self.is_serve:
            # Under `mkdocs serve` print in the background, so edited pages are served at once;
            # an unchanged routine's PDF comes straight from the cache.
            threading.Thread(
                target=self._print_in_background, args=(jobs, stylesheets, cache_dir), name="handout-pdfs", daemon=True
            ).start()
        else:
            self._print(jobs, stylesheets, cache_dir)

    on_post_build = CombinedEvent(_merge_search_index, _save_caches_and_print)

    def _print_in_background(self, jobs: list[printing.PrintJob], stylesheets: list[Path], cache_dir: Path | None) -> None:
        """Under serve: print in another process at a lower priority (no competition with the rebuilds for
        Python's lock or the CPU), one printing run at a time."""
        assert self.chromium is not None
        with self._print_lock:
            if self._shutting_down:
                return
            started = time.perf_counter()
            self._printer = printing.start_in_subprocess(jobs, stylesheets=stylesheets, cache_dir=cache_dir,
                                                         chromium=self.chromium)
            try:
                printed = printing.results_of(self._printer)
            except RuntimeError as error:
                # A newer rebuild may replace the pages while they print: the next one prints.
                log.info(f"Handout PDFs skipped: the site changed while they printed ({error})")
                return
            finally:
                self._printer = None
        self._report(printed, started)

    def on_shutdown(self) -> None:
        self._shutting_down = True
        printer = self._printer
        if printer is not None and printer.poll() is None:
            printer.terminate()  # MkDocs is about to delete the folder it prints into
            printer.wait(timeout=10)

    def _print(self, jobs: list[printing.PrintJob], stylesheets: list[Path], cache_dir: Path | None) -> None:
        assert self.chromium is not None
        started = time.perf_counter()
        printed = printing.print_handouts(jobs, stylesheets=stylesheets, cache_dir=cache_dir, chromium=self.chromium)
        self._report(printed, started)

    def _report(self, printed: list[printing.Printed], started: float) -> None:
        problem = next((p.cache_problem for p in printed if p.cache_problem), "")
        if problem:
            log.info(f"Handout PDFs not kept in the cache ({problem}): they are printed again next build")
        fresh = sum(not p.from_cache for p in printed)
        log.info(f"Handout PDFs: {len(printed)} written ({fresh} printed, {len(printed) - fresh} from cache) "
                 f"in {time.perf_counter() - started:.1f} s")
        for result in printed:
            if result.pages > printing.MAX_HANDOUT_PAGES:
                log.warning(f"Handout too long: data/routines/{result.routine_id}.yml prints on {result.pages} "
                            f"pages on {urls.PAPERS[result.paper]} paper (it must fit on one sheet, "
                            f"front and back: {printing.MAX_HANDOUT_PAGES} pages)")

    def _fill_slots(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.catalogue is None:
            return output
        slots = self._slot_html.get(page.file.src_uri)
        if slots is not None:  # filled already in on_files (--dirty): the same HTML, not made twice
            return render.SLOT.sub(lambda m: slots.get(m.group(0)) if m.group(0) in slots
                                   else render.fill_slots(m.group(0), self.catalogue, self.site, page.file.src_uri),
                                   output)
        return render.fill_slots(output, self.catalogue, self.site, page.file.src_uri)

    @event_priority(-100)  # last: the policy hashes the inline scripts and styles of the finished page
    def _add_csp(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        return output if self.catalogue is None else csp.add_policy(output, live_reload=self.is_serve)

    on_post_page = CombinedEvent(_fill_slots, _add_csp)

    @event_priority(-100)
    def on_post_template(self, output: str, *, template_name: str, config: MkDocsConfig) -> str | None:
        """404.html and the theme's other HTML templates get the same policy as the pages."""
        if self.catalogue is None or not template_name.endswith(".html") or "<head" not in output:
            return output
        return csp.add_policy(output, live_reload=self.is_serve)

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.catalogue is None:
            return markdown
        description = page.meta.get("description")
        if isinstance(description, str):
            # Themes print it into <meta content="..."> without escaping (MkDocs' Jinja does not escape),
            # so a quote in a summary would end the attribute and could add others.
            page.meta["description"] = html.escape(html.unescape(description), quote=True)
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
        if self.config.native_watcher:
            _use_native_watcher(server)
        root = self._root(config)
        for folder in (self.config.exercises_dir, self.config.data_dir):
            server.watch(os.fspath(root / folder))
        server.watch(os.fspath(Path(__file__).parent / "templates"))
        return server

    # -- caches ------------------------------------------------------------------------

    def _cache_folder(self, config: MkDocsConfig, name: str = "") -> Path | None:
        """The cache folder (or one inside it), or None when it cannot be made or written: then the
        build runs without that cache, and says so once."""
        top = self._root(config) / self.config.cache_dir
        folder = top / name if name else top
        if folder not in self._cache_folders:
            if name and self._cache_folder(config) is None:
                self._cache_folders[folder] = False  # already said for the whole folder
            else:
                problem = cache.unusable(folder)
                self._cache_folders[folder] = problem is None
                if problem is not None:
                    where = f"{self.config.cache_dir}/{name}" if name else self.config.cache_dir
                    log.info(f"Cache folder {where} cannot be used ({problem}): building without it")
        return folder if self._cache_folders[folder] else None

    def _load_caches(self, config: MkDocsConfig) -> None:
        """Read the saved caches once per process (under serve they then stay in memory)."""
        if self._parse_cache is not None:
            return
        folder = self._cache_folder(config)
        if folder is None:
            self._parse_cache = ParseCache()
            return
        self._parse_cache = ParseCache(cache.read(folder / "yaml.cache", _YAML_CODE, _valid_parsed))
        saved = cache.read(folder / "figures.cache", _figures_code(), _valid_drawing)
        figures.restore_cache(saved)
        self._figure_keys = frozenset(saved)

    def _save_caches(self, config: MkDocsConfig) -> None:
        """After rendering every page, keep what this build used (and drop the rest)."""
        if self._render is None or not self._render.full or self._parse_cache is None:
            return
        parsed = self._parse_cache.entries()
        drawn = figures.cache_entries()
        folder = self._cache_folder(config)
        if folder is None:
            return
        try:
            cache.write(folder / "yaml.cache", _YAML_CODE, parsed)
            if frozenset(drawn) != self._figure_keys:
                cache.write(folder / "figures.cache", _figures_code(), drawn)
                self._figure_keys = frozenset(drawn)
        except OSError as error:  # a full disk, a folder where the file should be: slower next time, not wrong
            log.info(f"Cache not saved in {self.config.cache_dir} ({error.strerror or type(error).__name__})")
        _remove_old_cache_files(folder)

    @staticmethod
    def _root(config: MkDocsConfig) -> Path:
        return Path(config.config_file_path).resolve().parent


def _drop_dirty_warning(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith("A 'dirty' build is being performed")


_YAML_CODE = f"ruamel.yaml {ruamel.yaml.__version__}"
"""Parsed YAML depends only on the parser."""


def _remove_old_cache_files(folder: Path) -> None:
    """Drop the pickles earlier versions kept (never read now): the folder then holds no code at all but
    the compiled templates ``cache.JinjaBytecodeCache`` checks."""
    for path in [folder / "yaml.pickle", folder / "figures.pickle", *folder.glob("jinja/__jinja2_*.cache")]:
        try:
            path.unlink(missing_ok=True)
        except OSError:
            pass


def _valid_parsed(key: Any, value: Any) -> bool:
    """A parsed YAML document as ``ParseCache`` keeps them: its key is a 20-byte hash, its value a mapping."""
    return type(key) is bytes and len(key) == 20 and type(value) is dict


def _valid_drawing(key: Any, value: Any) -> bool:
    """A drawing as ``figures`` keeps them: (standalone, the figure's data) -> the SVG."""
    return (type(key) is tuple and len(key) == 2 and type(key[0]) is bool and type(key[1]) is str
            and type(value) is str)


def _figures_code() -> str:
    package = Path(__file__).parent
    return cache.code_fingerprint(*(package / name for name in ("figures.py", "kinematics.py", "models.py",
                                                                "vocabulary.py")))


def _search_plugin(config: MkDocsConfig) -> Any:
    """Material's search plugin, if it is on and has the attributes the merge relies on (Material 9.x)."""
    for plugin in config.plugins.values():
        if type(plugin).__module__.startswith("material.plugins.search") and hasattr(plugin, "search_index_prev") \
                and hasattr(getattr(plugin, "search_index", None), "entries"):
            return plugin
    return None


def _use_native_watcher(server: LiveReloadServer) -> None:
    """Swap MkDocs' polling observer for watchdog's native one before the server starts it.

    MkDocs 1.6 polls every 0.5 s, so an edit waits up to half a second before the rebuild even
    starts. This relies on three attributes of ``LiveReloadServer`` in MkDocs 1.6.1 (the last
    release; the version is pinned, and a test checks they are there). Without them, or when the
    system has no native notifications, MkDocs' polling stays.
    """
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    observer = getattr(server, "observer", None)
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if not isinstance(observer, PollingObserver) or observer.is_alive() or watched is None or refs is None:
        return
    if Observer is PollingObserver:
        return

    # Polling only ever sees changes; native notifications also report files being opened and read,
    # and the build itself reads every watched file, which would start rebuild after rebuild.
    changes = [events.FileCreatedEvent, events.FileModifiedEvent, events.FileDeletedEvent, events.FileMovedEvent,
               events.FileClosedEvent, events.DirCreatedEvent, events.DirDeletedEvent, events.DirMovedEvent]

    class ChangesOnly(Observer):  # type: ignore[misc,valid-type]
        def schedule(self, event_handler, path, *, recursive=False, event_filter=None, follow_symlink=False):
            return super().schedule(event_handler, path, recursive=recursive, event_filter=event_filter or changes,
                                    follow_symlink=follow_symlink)

    paths = dict(watched)
    watched.clear()
    refs.clear()
    server.observer = ChangesOnly()
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
