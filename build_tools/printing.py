"""Print routines' handouts to PDF with Chromium, per paper and print size, and count their pages.

After the flow, for ``handout_pdfs.Printer`` (the plugin's printer), which feeds a ``PrintProcess``
(this module run as ``python -m build_tools.printing``, a job a line) each routine's print document
(``print_documents``: the handout alone, in the frame its page gives it) from the start of
``mkdocs build``, or after each rebuild under ``make serve``; ``print_handouts`` prints a list of jobs
in this process (any page with a handout: a built routine page prints the same PDF). Chromium
(Debian's ``chromium``, driven by Playwright) prints exactly what a clinician's browser prints, so
the PDF and the "Print handout" button give the same page; the large print PDF is the same page with
its handout switched to large print (``LARGE_CLASS``). The PDFs are tagged (headings, lists, tables,
figures with their text alternative, the page's title and language) and carry an outline.
``PAGES_AT_ONCE`` pages print at a time in one browser; each is loaded once and printed once in each
size, on the area A4 and Letter both hold (``PRINT_AREA``), then written for each paper with that
paper's page box. PDFs are made reproducible (``pdf_reproducible``: fixed dates, a content-derived
file id, renumbered node ids) and cached by the bytes they are printed from and by the browser's
version and fonts (``PdfCache``, ``print_environment``), so an unchanged routine is not printed
again. A cached PDF is used only when its stored hash matches (``cache.pack``), and every PDF is
written atomically, so a PDF is never empty or partial. The printing process runs at a lower
priority (the lowest under ``mkdocs build``), so printing takes only the time the build leaves.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import os
import shutil
import subprocess
import sys
import threading
from collections.abc import Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TextIO

from . import cache, print_environment
from .pdf_reproducible import page_count, reproducible
from .urls import PAPERS

MAX_HANDOUT_PAGES = 2
"""A routine's handout fits on one sheet of paper, printed on both sides."""
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


BROWSER_COMMANDS = (
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
)
"""Names Chromium, Chrome and Edge go by on a PATH (Linux, and Windows or macOS when added)."""


def _install_paths(environ: dict[str, str]) -> list[str]:
    """Where Chrome, Chromium and Edge install themselves on macOS and Windows."""
    paths = [
        "/Applications/Chromium.app/Contents/MacOS/Chromium",
        "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
        "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    ]
    for base in (environ.get("PROGRAMFILES"), environ.get("PROGRAMFILES(X86)"), environ.get("LOCALAPPDATA")):
        if base:
            paths += [
                os.path.join(base, "Google", "Chrome", "Application", "chrome.exe"),
                os.path.join(base, "Chromium", "Application", "chrome.exe"),
                os.path.join(base, "Microsoft", "Edge", "Application", "msedge.exe"),
            ]
    return paths


def find_chromium(environ: dict[str, str] | None = None) -> str | None:
    """The browser to print with: CHROME_PATH, else Chromium, Chrome or Edge wherever it is installed."""
    environ = dict(os.environ) if environ is None else environ
    if environ.get("CHROME_PATH"):
        return environ["CHROME_PATH"]
    for name in BROWSER_COMMANDS:
        if found := shutil.which(name, path=environ.get("PATH")):
            return found
    return next((path for path in _install_paths(environ) if os.path.isfile(path)), None)


INSTALL_HINT = (
    "install Chromium (Debian or Ubuntu: apt-get install chromium; macOS: brew install --cask chromium), "
    "or Google Chrome or Microsoft Edge, or set CHROME_PATH to the browser"
)


@dataclass(frozen=True)
class PrintJob:
    routine_id: str
    page: Path
    """The HTML the handout prints from: its print document (``print_documents``), or its built page."""
    outputs: dict[tuple[str, str], Path]
    """(paper 'a4' or 'letter', print size 'standard' or 'large') -> where to write the PDF."""


@dataclass(frozen=True)
class Printed:
    routine_id: str
    paper: str
    pages: int
    from_cache: bool
    cache_problem: str = ""
    """Why the PDF could not be kept in the cache (it is printed again next time), or empty."""
    size: str = "standard"
    """The print size (``urls.PRINT_SIZES``)."""


PAGES_AT_ONCE = 2
"""How many pages one browser prints at a time, each in its own context (two keep two cores busy).
The order in which they finish changes the node ids Chromium writes into tagged PDFs; those are
renumbered afterwards (``pdf_reproducible``), so the PDFs are the same whatever the order."""

PAPER_POINTS: dict[str, tuple[float, float]] = {"a4": (595.28, 841.89), "letter": (612.0, 792.0)}
"""Each paper's width and height in points (ISO 216 A4, 210 x 297 mm; US Letter, 8.5 x 11 in)."""
PRINT_AREA = ("8.27in", "11in")
"""The page a handout is laid out on once, for both papers: A4's width and Letter's height, the part
of the page both papers hold. Each paper's PDF is that print with its own page box around it
(``pdf_reproducible.paper_box``: the print at the top, centred across), so one print serves both
and they read the same: the same lines, the same page breaks. Letter's side margins are 3 mm wider,
A4's bottom margin 18 mm deeper. A standard handout too full to fit one sheet of that area (the
fullest, which fits A4's height or Letter's width but not both) is printed again on each paper."""

_PDF_OPTIONS: dict[str, Any] = {
    "print_background": True,
    "prefer_css_page_size": False,
    "tagged": True,  # headings, lists, tables, figures with their alt text, reading order
    "outline": True,  # bookmarks from the headings
}

LARGE_CLASS = "hs-handout--large"
"""Switches a built page's handout to large print (``handout.css``); the page's own markup is the standard one."""

_LARGE_PRINT = (
    "() => { const handout = document.querySelector('.hs-handout');"
    f" if (handout) handout.classList.add('{LARGE_CLASS}');"
    " document.title = document.title + ' (large print)'; }"
)


Unit = tuple["PrintJob", list[tuple[str, str, Path | None]]]
"""A page to print and what to print of it: (print size, paper, where to cache the PDF), standard first."""


class PdfCache:
    """Which of a job's PDFs the cache holds (written into the site at once) and which must be printed.

    A PDF is cached by the bytes it is printed from (the page, the stylesheets) and by the browser's
    version and the installed fonts (``print_environment``); ``cache_dir`` None prints everything."""

    def __init__(self, stylesheets: Iterable[Path], cache_dir: Path | None, chromium: str) -> None:
        if cache_dir is not None and cache.unusable(cache_dir):
            cache_dir = None  # the plugin has said so once; printing goes on without the cache
        self.cache_dir = cache_dir
        self._style_bytes = b"".join(path.read_bytes() for path in sorted(stylesheets) if path.exists())
        self._chromium = chromium
        self._environment: str | None = None

    def split(self, job: PrintJob) -> tuple[list[Printed], Unit | None]:
        """The job's PDFs found in the cache (now in the site), and what is left to print (or None)."""
        if self._environment is None:  # a PDF printed by another Chromium or with other fonts is a miss
            self._environment = (
                print_environment.fingerprint(self._chromium, self.cache_dir.parent) if self.cache_dir else ""
            )
        html = job.page.read_bytes()
        found: list[Printed] = []
        todo: list[tuple[str, str, Path | None]] = []
        for (paper, size), target in job.outputs.items():
            stamp = f"{paper} {size} {_epoch()} {self._environment}".encode()
            key = hashlib.sha256(html + self._style_bytes + stamp).hexdigest()[:32]
            cached = self.cache_dir / f"{key}.pdf" if self.cache_dir is not None else None
            hit = _from_cache(cached)
            if hit is not None:
                data, pages = hit
                cache.write_atomic(target, data)
                found.append(Printed(job.routine_id, paper, pages, True, size=size))
            else:
                todo.append((size, paper, cached))
        # Standard print first, then large print from the same loaded page (one load per routine).
        return found, ((job, sorted(todo, key=lambda t: t[0] != "standard")) if todo else None)


def print_handouts(
    jobs: Iterable[PrintJob], *, stylesheets: Iterable[Path], cache_dir: Path | None, chromium: str
) -> list[Printed]:
    """Write every job's PDFs, each atomically; ``cache_dir`` None prints without the cache."""
    pdf_cache = PdfCache(stylesheets, cache_dir, chromium)
    results: list[Printed] = []
    units: list[Unit] = []
    for job in jobs:
        found, unit = pdf_cache.split(job)
        results += found
        if unit is not None:
            units.append(unit)
    if units:
        results.extend(_in_own_loop(_print_listed(units, chromium)))
    return sorted_results(results)


def sorted_results(results: Iterable[Printed]) -> list[Printed]:
    return sorted(results, key=lambda r: (r.routine_id, r.size != "standard", r.paper))


async def _print_listed(units: list[Unit], chromium: str) -> list[Printed]:
    queue: asyncio.Queue[Unit | None] = asyncio.Queue()
    for unit in units:
        queue.put_nowait(unit)
    workers = min(PAGES_AT_ONCE, len(units))
    for _ in range(workers):
        queue.put_nowait(None)
    return await print_queued(queue, chromium, workers)


def _in_own_loop(work: Coroutine[Any, Any, list[Printed]]) -> list[Printed]:
    """Run ``work`` in an event loop of its own (in another thread if this one already runs a loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, work).result()


async def print_queued(
    queue: asyncio.Queue[Unit | None], chromium: str, workers: int, more_workers: asyncio.Event | None = None
) -> list[Printed]:
    """Print each page taken from ``queue`` in its (print size, paper)s, standard before large, ``workers``
    pages at a time in one browser, until each worker takes a None; once ``more_workers`` is set, up to
    ``PAGES_AT_ONCE`` (then put that many Nones in all). A page is loaded once; its large print is the
    loaded page switched to large print."""
    from playwright.async_api import Browser, Route, async_playwright

    def finish(job: PrintJob, paper: str, size: str, cached: Path | None, raw: bytes) -> Printed:
        data = reproducible(raw, int(_epoch()), PAPER_POINTS[paper])
        pages = page_count(data)
        problem = ""
        if cached is not None:
            try:
                cache.write_blob(cached, _CACHE_TAG, b"%d\n" % pages + data)
            except OSError as error:  # a full disk, a read-only folder: printed again next time
                problem = f"{cached.parent}: {error.strerror or type(error).__name__}"
        cache.write_atomic(job.outputs[(paper, size)], data)
        return Printed(job.routine_id, paper, pages, False, problem, size)

    async def local_only(route: Route) -> None:
        if route.request.url.startswith("file:"):
            await route.continue_()
        else:
            await route.abort()

    loop = asyncio.get_running_loop()
    finished: list[asyncio.Future[Printed]] = []
    # pypdf's clean-up of one PDF (Python, in a thread) runs while Chromium (other processes) prints the next.
    with ThreadPoolExecutor(max_workers=1) as finishing:
        async with async_playwright() as playwright:
            launched: list[asyncio.Task[Browser]] = []

            def browser() -> asyncio.Task[Browser]:
                """The one browser, started when a worker first has a page to print."""
                if not launched:
                    launched.append(
                        asyncio.create_task(playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS))
                    )
                return launched[0]

            async def worker() -> None:
                page = None
                while (unit := await queue.get()) is not None:
                    if page is None:
                        # The page as printed, not as its scripts change it (timing-free, so reproducible).
                        context = await (await browser()).new_context(java_script_enabled=False)
                        page = await context.new_page()
                        await page.route("**/*", local_only)
                    job, outputs = unit
                    await page.goto(job.page.resolve().as_uri(), wait_until="load")
                    for size in sorted({size for size, _, _ in outputs}, key=lambda s: s != "standard"):
                        if size == "large":
                            await page.evaluate(_LARGE_PRINT)
                        papers = [(paper, cached) for paper_size, paper, cached in outputs if paper_size == size]
                        raw = await page.pdf(width=PRINT_AREA[0], height=PRINT_AREA[1], **_PDF_OPTIONS)
                        each: dict[str, bytes] = {}
                        if size == "standard" and page_count(raw) > MAX_HANDOUT_PAGES:
                            # Too full for the area both papers hold: each paper gets its own layout.
                            for paper, _ in papers:
                                each[paper] = await page.pdf(format=PAPERS[paper], **_PDF_OPTIONS)
                        for paper, cached in papers:
                            printed = each.get(paper, raw)
                            finished.append(loop.run_in_executor(finishing, finish, job, paper, size, cached, printed))
                if page is not None:
                    await page.context.close()

            try:
                running = [asyncio.create_task(worker()) for _ in range(workers)]
                if more_workers is not None:
                    await more_workers.wait()
                    running += [asyncio.create_task(worker()) for _ in range(PAGES_AT_ONCE - workers)]
                await asyncio.gather(*running)
                return list(await asyncio.gather(*finished))
            finally:
                if launched:
                    await (await launched[0]).close()


_CACHE_TAG = "pdf 9"
"""A cached PDF is its page count on a line of its own, then the PDF (the count is not worked out again).
3: tagged PDFs with an outline, and large print. 6: node ids renumbered (``pdf_reproducible``). 7: Chromium's PDFs rewritten as bytes, only the handout printed.
8, 9: one print for both papers (``PRINT_AREA``)."""


def _from_cache(cached: Path | None) -> tuple[bytes, int] | None:
    """A cached PDF and its page count, if the file is whole (its hash matches) and holds a PDF."""
    if cached is None:
        return None
    blob = cache.read_blob(cached, _CACHE_TAG)
    if blob is None:
        return None
    count, _, data = blob.partition(b"\n")
    if not count.isdigit() or not data.startswith(b"%PDF-") or not data.rstrip().endswith(b"%%EOF"):
        return None
    return data, int(count)


_PACKAGE_HOME = Path(__file__).resolve().parent.parent
"""The folder ``build_tools`` is in: the printing process runs there, so ``-m build_tools.printing`` is this module."""


class PrintProcess:
    """``python -m build_tools.printing`` in another Python process at a lower priority, fed one job at a
    time (``add``), so printing never waits on the build's Python (its lock) nor slows it (its core).

    The first line it reads holds the settings (the stylesheets the pages link among them: they are part
    of what a cached PDF is printed from); then a job a line. It prints ``workers`` pages at a time until
    the feed ends (``results``), then ``PAGES_AT_ONCE``, until every job is printed; it starts the
    browser only for a PDF the cache does not hold."""

    def __init__(
        self,
        stylesheets: Iterable[Path],
        cache_dir: Path | None,
        chromium: str,
        *,
        workers: int = PAGES_AT_ONCE,
        niceness: int = 10,
    ) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-m", "build_tools.printing"],
            cwd=_PACKAGE_HOME,  # this very package, whatever folder the build runs in
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        self._send(
            {
                "cache_dir": os.path.abspath(cache_dir) if cache_dir is not None else None,
                "chromium": chromium,
                "niceness": niceness,
                "workers": workers,
                "stylesheets": [os.path.abspath(path) for path in stylesheets],
            }
        )

    def _send(self, item: dict[str, Any]) -> None:
        assert self.process.stdin is not None
        try:
            self.process.stdin.write(json.dumps(item) + "\n")
            self.process.stdin.flush()
        except OSError:  # it has stopped: ``results`` says why
            pass

    def add(self, job: PrintJob) -> None:
        outputs = [[paper, size, os.path.abspath(path)] for (paper, size), path in job.outputs.items()]
        self._send({"routine_id": job.routine_id, "page": os.path.abspath(job.page), "outputs": outputs})

    def results(self) -> list[Printed]:
        """End the feed and wait: what was written, or ``RuntimeError`` with the process's error output."""
        out, err = self.process.communicate()
        if self.process.returncode != 0:
            raise RuntimeError(
                err.strip().splitlines()[-1] if err.strip() else f"exit status {self.process.returncode}"
            )
        return [Printed(**item) for item in json.loads(out)]


def _main() -> None:
    settings = json.loads(sys.stdin.readline())
    if settings["niceness"] and hasattr(os, "nice"):
        os.nice(settings["niceness"])  # Chromium's processes inherit it
    printed = asyncio.run(_print_fed(settings, sys.stdin))
    json.dump([dataclasses.asdict(result) for result in printed], sys.stdout)


async def _print_fed(settings: dict[str, Any], feed: TextIO) -> list[Printed]:
    """What ``PrintProcess`` feeds, printed: each job's cached PDFs written at once, the rest queued."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[Unit | None] = asyncio.Queue()
    all_fed = asyncio.Event()
    chromium = settings["chromium"]
    cache_dir = Path(settings["cache_dir"]) if settings["cache_dir"] else None
    pdf_cache = PdfCache([Path(path) for path in settings["stylesheets"]], cache_dir, chromium)
    found: list[Printed] = []
    errors: list[BaseException] = []

    def take(line: str) -> None:
        try:
            item = json.loads(line)
            outputs = {(paper, size): Path(path) for paper, size, path in item["outputs"]}
            hits, unit = pdf_cache.split(PrintJob(item["routine_id"], Path(item["page"]), outputs))
            found.extend(hits)
            if unit is not None:
                queue.put_nowait(unit)
        except Exception as error:  # raised once the printing stops
            errors.append(error)

    def fed() -> None:
        all_fed.set()
        for _ in range(PAGES_AT_ONCE):  # each worker stops at one
            queue.put_nowait(None)

    def read() -> None:
        for line in feed:
            if line.strip():
                loop.call_soon_threadsafe(take, line)
        loop.call_soon_threadsafe(fed)

    threading.Thread(target=read, name="print-feed", daemon=True).start()
    printed = await print_queued(queue, chromium, settings["workers"], all_fed)
    if errors:
        raise errors[0]
    return sorted_results(found + printed)


def _epoch() -> str:
    return os.environ.get("SOURCE_DATE_EPOCH", "0")


if __name__ == "__main__":
    _main()
