"""The MkDocs plugin: it only adapts MkDocs' events to the build, which imports no MkDocs.

Last stage of the flow. ``on_config`` loads and validates all data and prose (``project.load``) before MkDocs touches
the site folder, so any problem (``path:line:col: field: message``, every one at once) leaves the last good site;
overdue reviews are warnings. ``on_files`` adds the pages rendered from data (``incremental``) and one stylesheet
joined from ours (``stylesheets``); ``on_env`` loads Material's templates with our fixes (``theme_patches``);
``on_page_markdown`` expands citations and inserts in hand-written pages; ``on_page_context`` adds the review
statement and report links (``governance``); ``on_post_page`` fills the slots and adds the Content-Security-Policy
(``csp``). ``on_files`` also gives the printer (``handout_pdfs.Printer``) each routine's handout: a build prints them
while MkDocs builds. ``on_post_build`` merges the search index, saves the caches (``build_caches``), puts the PDFs in
the site; ``on_serve`` watches the data, shows a failed rebuild on every page (``serve.broken``), adds ``serve.poses``,
keeps the first build out of the GC (``serve.memory``). ``make serve`` (``--dirty``) rebuilds only what an edit changes.
"""

from __future__ import annotations

import datetime as dt
import html
import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from . import csp, governance, handout_pdfs, incremental, inserts, internals, logs, project, prose, theme_patches, urls
from .build_caches import BuildCaches
from .catalogue import Catalogue
from .config import HamstringsConfig
from .print_documents import frame_for, handouts
from .problems import DataError
from .serve import broken, memory, pages, poses
from .serve.pages import DirtyPages
from .serve.search import SearchMerge
from .stylesheets import BUNDLE, one_stylesheet
from .urls import SiteInfo

log = get_plugin_logger(__name__)
_advice = logs.own_logger("hamstrings.advice", "WARNING -  hamstrings: ")  # outside MkDocs': --strict won't count


class HamstringsPlugin(BasePlugin[HamstringsConfig]):  # type: ignore[no-untyped-call]  # MkDocs' BasePlugin
    def __init__(self) -> None:
        self.catalogue: Catalogue | None = None
        self.is_serve = False
        self.incremental = False
        """Rebuild only what changed: ``--dirty`` (``make serve``). A first build in a process rebuilds all."""
        self.site = SiteInfo()
        self.printer: handout_pdfs.Printer | None = None
        self.caches: BuildCaches | None = None
        self._renderer = incremental.PageRenderer()
        self._render: incremental.RenderResult | None = None
        self._dirty = DirtyPages()
        self._search = SearchMerge()
        self._build_stamp: tuple[Any, ...] = ()
        self._abbreviations = ""  # the glossary's, added to every page (inserts.glossary_abbreviations)
        self._broken: broken.BrokenBuild | None = None

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.is_serve = command == "serve"
        self.incremental = dirty
        if dirty:
            internals.drop_dirty_warning()  # pages never go stale here (``serve``): said once, below
            log.info("--dirty: after each edit only the pages it can change are rebuilt; search stays complete")

    @event_priority(100)  # first: the theme's environments (the search plugin's too) get the caches below
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return config
        root = _root(config)
        missing = project.missing_folders(root, exercises_dir=self.config.exercises_dir, data_dir=self.config.data_dir)
        if missing:
            raise PluginError("hamstrings: " + "; ".join(missing))
        content_dir = Path(config.docs_dir).resolve().relative_to(root).as_posix()
        if self.caches is None:
            self.caches = BuildCaches(root, self.config.cache_dir, log, enabled=self.config.cache)
        if self.is_serve and self._broken is None:
            self._broken = broken.BrokenBuild(root)
        self._build_stamp = pages.build_stamp(config)
        if self.incremental:
            self._dirty.list_theme_files_once(config, self._build_stamp, self.caches.compiled_templates)
        try:
            self.catalogue = project.load(
                root,
                self.config.exercises_dir,
                self.config.data_dir,
                content_dir,
                cache=self.caches.load(),
                drawings=self.caches.drawings,
            )
        except DataError as error:  # under serve the problems are printed and shown in the browser (serve.broken)
            if self._broken is not None and self.catalogue is None:  # serve's first build: go on without the data
                return self._broken.without_data(error, config)
            raise PluginError(self._broken.refuse(error) if self._broken else error.report()) from None
        self._abbreviations = inserts.glossary_abbreviations(self.catalogue)
        problems = governance.check_report_settings(self.config.report_email, self.config.report_repo)
        problems += governance.check_site_url(config.site_url)  # it lands in attributes and the QR code
        if problems:
            raise PluginError("hamstrings: " + "; ".join(problems))
        if not (self.config.report_email or self.config.report_repo):
            log.info("No report_email or report_repo set: pages are built without 'Report a problem' links")
        try:  # without a browser, 'auto' warns outside MkDocs' count: a strict build still succeeds
            self.printer = handout_pdfs.printer_for(self.config.pdf, self.printer, log, _advice.warning)
        except handout_pdfs.NoBrowser as error:
            raise PluginError(f"hamstrings: {error}") from None
        self.site = SiteInfo(
            name=config.site_name,
            url=config.site_url or None,
            pdfs=self.printer is not None,
            directory_urls=config.use_directory_urls,
        )
        if not self.site.url:
            log.info("No site_url (SITE_URL) set: handouts are printed without a QR code or web address")
        today = self.config.reviews_checked_on or dt.date.today()
        if self.config.review_warnings:
            for problem in project.overdue_reviews(root, self.catalogue, content_dir, today=today):
                log.warning(str(problem))
        return config

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files | None:
        if self.catalogue is None:
            return files
        self._render = self._renderer.render(self.catalogue, self.site)
        generated: dict[str, str | bytes] = dict(self._render.pages)
        if self.site.pdfs:  # placeholders, so links to the PDFs validate; on_post_build prints the real ones
            generated.update(handout_pdfs.placeholders(self.catalogue.routines))
        try:  # one stylesheet of ours for every page, joined from those mkdocs.yml lists
            generated[BUNDLE] = one_stylesheet(config.extra_css, files.get_file_from_path)
        except ValueError as error:
            raise PluginError(f"hamstrings: {error}") from None
        config.extra_css = [BUNDLE]
        for src_uri in generated:
            if files.get_file_from_path(src_uri) is not None:
                raise PluginError(f"hamstrings: content/{src_uri} would hide the page generated from data; remove it")
        # The glossary's abbreviations are added to every page (on_page_markdown): a change rebuilds all.
        stamp = (self._build_stamp, self._abbreviations) if self.incremental else self._build_stamp
        everything_changed = self._dirty.everything_changed(stamp)
        pages_dir = self._caches.folder("pages") if self.incremental else None
        self._dirty.add_generated(files, config, generated, self.catalogue, self.site, pages_dir, everything_changed)
        if self.incremental:
            self._dirty.mark_changed_prose(files, self.catalogue, everything_changed)
        self._search.start(files)
        if self.printer is not None:  # each routine's print document: mkdocs build prints them from now on
            try:
                frame = frame_for(config.theme, config.site_name, ((f.src_uri, f.abs_src_path) for f in files))
            except ValueError as error:
                raise PluginError(f"hamstrings: {error}") from None
            prints = handouts(self.catalogue, self.site, self._dirty.fill)
            self.printer.begin(self._print_target(config), frame, str(generated[BUNDLE]), prints, now=not self.is_serve)
        return files

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        env.loader = theme_patches.PatchingLoader(env.loader)  # Material's templates, with our few fixes
        if self.caches is not None:  # the theme's templates, kept compiled between rebuilds under serve
            env.bytecode_cache = self.caches.compiled_templates
        return env

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.catalogue is None:
            return markdown
        description = page.meta.get("description")
        if isinstance(description, str):
            # Themes print it into <meta content="..."> unescaped: a quote would end the attribute and could add others.
            page.meta["description"] = html.escape(html.unescape(description), quote=True)
        if page.file.generated_by is None:
            markdown = prose.expand(markdown, self.catalogue, page.file.src_uri)
        return f"{markdown}\n\n{self._abbreviations}\n"

    def on_page_context(self, context: Any, *, page: Page, config: MkDocsConfig, nav: Navigation) -> Any:
        self._search.built[page.url] = page.file.src_uri  # MkDocs builds this page now (under --dirty, not all)
        context["hs_footer"] = governance.page_footer(
            page.meta,
            self.config.report_email,
            self.config.report_repo,
            page.canonical_url or page.abs_url or page.url,
            page.title or config.site_name,
        )
        return context

    def _fill_slots(self, output: str, *, page: Page, config: MkDocsConfig) -> str | None:
        if self.catalogue is None:
            return output
        return self._dirty.fill(output, page.file.src_uri, self.catalogue, self.site, page.file.abs_dest_path)

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

    @event_priority(50)  # before the search plugin writes its index
    def _merge_search_index(self, *, config: MkDocsConfig) -> None:
        self._search.merge(config, incremental=self.incremental)

    def _save_caches_and_print(self, *, config: MkDocsConfig) -> None:
        if self.catalogue is None:
            return
        self._caches.save(full_render=self._render is not None and self._render.full)
        refilled = self._dirty.refill(self.catalogue, self.site, live_reload=self.is_serve)  # slots alone changed
        if self.printer is None:
            return
        built = set(self._search.built.values()) | set(refilled)  # under --dirty, print only the routine pages rebuilt
        routines = [rid for rid in self.catalogue.routines if not self.incremental or urls.routine_uri(rid) in built]
        self.printer.run(self._print_target(config), routines)

    def _print_target(self, config: MkDocsConfig) -> handout_pdfs.Target:
        return handout_pdfs.Target(config.site_dir, self._caches.folder("pdf"))

    on_post_build = CombinedEvent(_merge_search_index, _save_caches_and_print)

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer | None:
        memory.freeze_first_build()  # its objects out of the garbage collector's full passes: shorter rebuilds
        if self.config.native_watcher:
            internals.use_native_watcher(server)
        if self._broken is not None:
            broken.watch(server, self._broken)
        log.info(poses.watch(server, lambda: self.catalogue, config))  # serve only, never in the site
        for folder in (self.config.exercises_dir, self.config.data_dir):
            server.watch(os.fspath(_root(config) / folder))
        server.watch(os.fspath(Path(__file__).parent / "templates"))
        return server

    def on_build_error(self, *, error: Exception) -> None:
        if self.printer is not None:
            self.printer.build_failed()

    def on_shutdown(self) -> None:
        if self.printer is not None:
            self.printer.shutdown()

    @property
    def _caches(self) -> BuildCaches:
        assert self.caches is not None, "on_config makes the caches"
        return self.caches


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent
