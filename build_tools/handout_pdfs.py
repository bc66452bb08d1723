"""Which handout PDFs a build prints, and when: the plugin's printer.

Beside the flow, called by the plugin: ``printer_for`` picks the browser for the ``pdf`` option;
``Printer`` prints a build's handouts with ``printing``. In ``on_files``, before MkDocs builds any
page, ``begin`` writes each routine's print document (``print_documents``) into a folder of its own
(``Staging``); under ``mkdocs build`` it starts printing them at once, one page at a time at the
lowest priority, so the printing takes only the time the build leaves (MkDocs uses one core), and
``run`` (``on_post_build``) waits for the PDFs, two pages at a time, and puts them in the site.
Under ``mkdocs serve`` ``run`` prints them after the rebuild in another, lower-priority process, so
rebuilds never wait for it. It reports what it printed, and every handout too long for one sheet.
"""

from __future__ import annotations

import logging
import os
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache
from .print_documents import Frame, Handout, print_document
from .printing import (
    INSTALL_HINT,
    MAX_HANDOUT_PAGES,
    Printed,
    PrintJob,
    PrintProcess,
    find_chromium,
)
from .stylesheets import BUNDLE
from .urls import PAPERS, handout_pdf_uri, handout_pdf_uris


def placeholders(routine_ids: Iterable[str]) -> dict[str, str]:
    """An empty file where each handout PDF goes, so links to them validate before they are printed."""
    return {uri: "" for rid in routine_ids for uri in handout_pdf_uris(rid).values()}


@dataclass(frozen=True)
class Target:
    """Where a build's handouts go: the site folder, and the PDF cache (None: printed without it)."""

    site_dir: str | Path
    cache_dir: Path | None


SITE_STYLESHEET = Path(BUNDLE).name
"""The site's stylesheet beside the print documents, linked by this relative address: a document's bytes,
which the PDF cache knows it by, are the same whatever folder it is written in."""


class Staging:
    """A build's print documents, and the PDFs printed from them until ``deliver`` moves them into the
    site, in a temporary folder of their own: the site gets whole PDFs, and only once MkDocs has built it."""

    def __init__(self, frame: Frame, stylesheet: str, handouts: Mapping[str, Handout]) -> None:
        self._folder = tempfile.TemporaryDirectory(prefix="hamstrings-print-", ignore_cleanup_errors=True)
        root = Path(self._folder.name)
        sheet = root / SITE_STYLESHEET  # the site's joined stylesheet (``stylesheets``), not written there yet
        sheet.write_text(stylesheet, encoding="utf-8")
        self.stylesheets = [*frame.stylesheets, sheet]
        """What the documents link: part of what their PDFs are cached by."""
        (root / "pdf").mkdir()
        self.jobs: dict[str, PrintJob] = {}
        for rid, handout in handouts.items():
            document = root / f"{rid}.html"
            html = print_document(frame, handout.page_title, handout.html, [SITE_STYLESHEET])
            document.write_text(html, encoding="utf-8")
            outputs = {key: root / "pdf" / Path(uri).name for key, uri in handout_pdf_uris(rid).items()}
            self.jobs[rid] = PrintJob(rid, document, outputs)

    def deliver(self, printed: Iterable[Printed], site_dir: str | Path) -> None:
        """Move the PDFs printed into the site, each over its placeholder, atomically."""
        for result in printed:
            staged = self.jobs[result.routine_id].outputs[(result.paper, result.size)]
            target = Path(site_dir) / handout_pdf_uri(result.routine_id, result.paper, result.size)
            try:
                os.replace(staged, target)
            except OSError:  # another file system: copied instead
                cache.write_atomic(target, staged.read_bytes())

    def close(self) -> None:
        self._folder.cleanup()


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
    """Prints a build's handouts: under ``mkdocs build`` while MkDocs builds the site; under ``mkdocs
    serve`` after each rebuild, in another, lower-priority process (so rebuilds never wait for it), one
    printing run at a time, stopped when the server stops. Reports what it printed, and every handout
    too long for one sheet."""

    def __init__(self, chromium: str, log: logging.Logger | logging.LoggerAdapter[Any]) -> None:
        self.chromium = chromium
        self.log = log
        self._lock = threading.Lock()
        self._process: PrintProcess | None = None
        """Under ``mkdocs serve``, the printing after the last rebuild."""
        self._shutting_down = False
        self._staging: Staging | None = None
        """This build's print documents, from ``begin``."""
        self._printing: PrintProcess | None = None
        """Under ``mkdocs build``, the printing begun with the build."""
        self._started = 0.0

    def begin(
        self, target: Target, frame: Frame, stylesheet: str, handouts: Mapping[str, Handout], *, now: bool
    ) -> None:
        """In ``on_files``: write each routine's print document, its handout in ``frame`` with the site's
        ``stylesheet``; with ``now`` (``mkdocs build``) print them from now on, at the lowest priority,
        while MkDocs builds the site. ``run`` waits for them."""
        self.build_failed()  # printing left from a build that never finished
        self._staging = Staging(frame, stylesheet, handouts)
        if now and handouts:
            self._started = time.perf_counter()
            # One page at a time while MkDocs builds (it uses one core), both cores once it has built the site.
            self._printing = PrintProcess(
                self._staging.stylesheets, target.cache_dir, self.chromium, workers=1, niceness=19
            )
            for job in self._staging.jobs.values():
                self._printing.add(job)

    def run(self, target: Target, routine_ids: list[str]) -> None:
        """Put the PDFs in the site: under ``mkdocs build``, once those printing since ``begin`` are printed;
        under ``mkdocs serve``, the routines' printed in the background after the rebuild."""
        staging, self._staging = self._staging, None
        printing, self._printing = self._printing, None
        if staging is None:
            return
        if printing is not None:
            try:
                printed = printing.results()
                staging.deliver(printed, target.site_dir)
            finally:
                staging.close()
            self.report(printed, self._started)
            return
        jobs = [staging.jobs[rid] for rid in routine_ids if rid in staging.jobs]
        if not jobs:
            staging.close()
            return
        threading.Thread(
            target=self._in_background, args=(staging, jobs, target), name="handout-pdfs", daemon=True
        ).start()

    def _in_background(self, staging: Staging, jobs: list[PrintJob], target: Target) -> None:
        try:
            with self._lock:
                if self._shutting_down:
                    return
                started = time.perf_counter()
                printing = self._process = PrintProcess(staging.stylesheets, target.cache_dir, self.chromium)
                try:
                    for job in jobs:
                        printing.add(job)
                    printed = printing.results()
                    staging.deliver(printed, target.site_dir)
                except (RuntimeError, OSError) as error:
                    # A newer rebuild may replace the site while they print: the next one prints.
                    self.log.info(f"Handout PDFs skipped: the site changed while they printed ({error})")
                    return
                finally:
                    self._process = None
        finally:
            staging.close()
        self.report(printed, started)

    def build_failed(self) -> None:
        """Stop the printing begun with the build; the next build prints."""
        printing, self._printing = self._printing, None
        if printing is not None and printing.process.poll() is None:
            printing.process.kill()
            printing.process.wait(timeout=10)
        staging, self._staging = self._staging, None
        if staging is not None:
            staging.close()

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
