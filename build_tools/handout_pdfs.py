"""Which handout PDFs a build prints, and when: the plugin's printer.

Beside the flow, called by the plugin: ``printer_for`` picks the browser for the ``pdf`` option;
``Printer`` prints a build's handouts with ``printing``: under ``mkdocs build`` while the pages are
built (``begin``, then ``page_built`` for each page: ``print_queue``), waiting for them in
``on_post_build`` (``run``); under ``mkdocs serve`` in another, lower-priority process, so rebuilds
never wait for it. It reports what it printed, and every handout too long for one sheet.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .print_queue import PrintQueue
from .printing import (
    INSTALL_HINT,
    MAX_HANDOUT_PAGES,
    Printed,
    PrintJob,
    PrintProcess,
    find_chromium,
    print_handouts,
)
from .urls import PAPERS, handout_pdf_uris, page_url, routine_uri


def jobs_for(site_dir: Path, routine_ids: Iterable[str], *, directory_urls: bool) -> list[PrintJob]:
    """A print job per routine: its built page, and where each paper's PDF goes."""
    return [
        PrintJob(
            rid,
            site_dir / page_url(routine_uri(rid), directory_urls) / "index.html"
            if directory_urls
            else site_dir / page_url(routine_uri(rid), directory_urls),
            {key: site_dir / uri for key, uri in handout_pdf_uris(rid).items()},
        )
        for rid in routine_ids
    ]


def placeholders(routine_ids: Iterable[str]) -> dict[str, str]:
    """An empty file where each handout PDF goes, so links to them validate before they are printed."""
    return {uri: "" for rid in routine_ids for uri in handout_pdf_uris(rid).values()}


def stylesheets(site_dir: Path, extra_css: Iterable[str]) -> list[Path]:
    """The built site's stylesheets a handout is printed with: the site's own, then the theme's."""
    return [site_dir / css for css in extra_css] + list((site_dir / "assets/stylesheets").glob("*.css"))


@dataclass(frozen=True)
class Target:
    """Where a build's handouts go: the site folder and its page addresses, the site's stylesheets
    (``extra_css``, then the theme's), and the PDF cache (None: printed without it)."""

    site_dir: str | Path
    directory_urls: bool
    extra_css: Sequence[str]
    cache_dir: Path | None

    def jobs(self, routine_ids: Iterable[str]) -> list[PrintJob]:
        return jobs_for(Path(self.site_dir), routine_ids, directory_urls=self.directory_urls)

    def stylesheets(self) -> list[Path]:
        """Read once the site's files are written (MkDocs copies them before it writes any page)."""
        return stylesheets(Path(self.site_dir), self.extra_css)


class NoBrowser(ValueError):
    """``pdf: on`` and no browser to print with."""


def printer_for(
    option: str,
    current: Printer | None,
    log: logging.Logger | logging.LoggerAdapter[Any],
    warn: Callable[[str], None],
) -> Printer | None:
    """The printer for the plugin's ``pdf`` option (``auto``, ``on``, ``off``): ``current`` while it prints
    with the browser found; None without one (``warn`` says so for ``auto``; ``on`` raises ``NoBrowser``)."""
    chromium = find_chromium() if option != "off" else None
    if chromium is None:
        if option == "on":
            raise NoBrowser(f"option 'pdf: on' needs a browser to print with: {INSTALL_HINT}")
        if option == "auto":
            warn(
                f"No Chromium, Chrome or Edge found: the routine pages are built without handout PDFs. "
                f"To make them, {INSTALL_HINT}."
            )
        return None
    return current if current is not None and current.chromium == chromium else Printer(chromium, log)


class Printer:
    """Prints a build's handouts: at once under ``mkdocs build``; under ``mkdocs serve`` in another,
    lower-priority process (so rebuilds never wait for it), one printing run at a time, stopped
    when the server stops. Reports what it printed, and every handout too long for one sheet."""

    def __init__(self, chromium: str, log: logging.Logger | logging.LoggerAdapter[Any]) -> None:
        self.chromium = chromium
        self.log = log
        self._lock = threading.Lock()
        self._process: PrintProcess | None = None
        self._shutting_down = False
        self._queue: PrintQueue | None = None
        """Under ``mkdocs build``, the queue printing while the pages are built."""
        self._queue_started = 0.0

    def begin(self, target: Target, routine_ids: list[str]) -> None:
        """Under ``mkdocs build``: print each routine's PDFs as soon as MkDocs has written its page
        (``page_built``), while it builds the others; ``run`` then waits for them."""
        if routine_ids:
            self._queue_started = time.perf_counter()
            self._queue = PrintQueue(target.jobs(routine_ids), target.stylesheets, target.cache_dir, self.chromium)

    def page_built(self, dest: str) -> None:
        if self._queue is not None:
            self._queue.page_built(dest)

    def run(self, target: Target, routine_ids: list[str], *, background: bool) -> None:
        """Print the routines' PDFs: in the background (``mkdocs serve``), or now, or (after ``begin``)
        wait for those printing since the build began."""
        if self._queue is not None:  # begun during the build: it has every job
            queue, self._queue = self._queue, None
            self.report(queue.finish(), self._queue_started)
            return
        jobs, stylesheets, cache_dir = target.jobs(routine_ids), target.stylesheets(), target.cache_dir
        if not jobs:
            return
        if background:
            threading.Thread(
                target=self._in_background, args=(jobs, stylesheets, cache_dir), name="handout-pdfs", daemon=True
            ).start()
            return
        started = time.perf_counter()
        self.report(print_handouts(jobs, stylesheets=stylesheets, cache_dir=cache_dir, chromium=self.chromium), started)

    def _in_background(self, jobs: list[PrintJob], stylesheets: list[Path], cache_dir: Path | None) -> None:
        with self._lock:
            if self._shutting_down:
                return
            started = time.perf_counter()
            printing = self._process = PrintProcess(lambda: stylesheets, cache_dir, self.chromium)
            try:
                for job in jobs:
                    printing.add(job)
                printed = printing.results()
            except RuntimeError as error:
                # A newer rebuild may replace the pages while they print: the next one prints.
                self.log.info(f"Handout PDFs skipped: the site changed while they printed ({error})")
                return
            finally:
                self._process = None
        self.report(printed, started)

    def build_failed(self) -> None:
        """Stop the printing begun with the build; the next build prints."""
        if self._queue is not None:
            queue, self._queue = self._queue, None
            queue.stop()

    def shutdown(self) -> None:
        """The server stops: stop any printing, and start no more."""
        self.build_failed()
        self._shutting_down = True
        printing = self._process
        if printing is not None and printing.process.poll() is None:
            printing.process.terminate()  # MkDocs is about to delete the folder it prints into
            printing.process.wait(timeout=10)

    def report(self, printed: list[Printed], started: float) -> None:
        problem = next((p.cache_problem for p in printed if p.cache_problem), "")
        if problem:
            self.log.info(f"Handout PDFs not kept in the cache ({problem}): they are printed again next build")
        fresh = sum(not p.from_cache for p in printed)
        self.log.info(
            f"Handout PDFs: {len(printed)} written ({fresh} printed, {len(printed) - fresh} from cache) "
            f"in {time.perf_counter() - started:.1f} s"
        )
        for result in printed:
            if result.size == "standard" and result.pages > MAX_HANDOUT_PAGES:  # large print takes what it needs
                self.log.warning(
                    f"Handout too long: data/routines/{result.routine_id}.yml prints on {result.pages} "
                    f"pages on {PAPERS[result.paper]} paper (it must fit on one sheet, "
                    f"front and back: {MAX_HANDOUT_PAGES} pages)"
                )
