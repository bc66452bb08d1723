"""Print built routine pages to PDF with Chromium, per paper and print size, and count their pages.

After the flow: the plugin calls ``print_handouts`` once MkDocs has written the site.
Chromium (Debian's ``chromium``, driven by Playwright) prints exactly what a clinician's
browser prints, so the PDF and the "Print handout" button give the same page; the large print
PDF is the same page with its handout switched to large print (``LARGE_CLASS``). The PDFs are
tagged (headings, lists, tables, figures with their text alternative, the page's title and
language) and carry an outline. ``PAGES_AT_ONCE`` pages print at a time in one browser; each page is
loaded once, cut down to its handout (``ONLY_THE_HANDOUT``) and printed once in each size, on the area
A4 and Letter both hold (``PRINT_AREA``), then written for each paper with that paper's page box. PDFs are
made reproducible (``pdf_reproducible``: fixed dates, a content-derived file id, renumbered node ids) and
cached by the bytes they are printed from and by the browser's version and fonts (``print_environment``), so an unchanged routine is not printed again
during ``make serve``. A cached PDF is used only when its stored hash matches (``cache.pack``),
and every PDF is written atomically, so a PDF in the site is never empty or partial. Under ``make serve`` the plugin prints in a separate, lower-priority
process (``start_in_subprocess``; ``python -m build_tools.printing`` reads the jobs as JSON),
so printing never slows the rebuilds an editor is waiting for.
"""

from __future__ import annotations

import asyncio
import dataclasses
import hashlib
import json
import logging
import os
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Coroutine, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import cache, print_environment
from .pdf_reproducible import page_count, reproducible
from .urls import PAPERS, handout_pdf_uris, page_url, routine_uri

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
    """The built HTML page of the routine."""
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

ONLY_THE_HANDOUT = (
    "() => { for (let node = document.querySelector('.hs-handout'); node && node !== document.body;"
    " node = node.parentElement) for (const other of [...node.parentElement.children])"
    " if (other !== node) other.remove(); }"
)
"""Removes what the print stylesheet hides anyway (header, navigation, sidebars, the page's other content,
footer: every sibling of the handout and of its ancestors) before printing: the same PDF, byte for
byte, for less work (``test_handouts`` compares). ``PRINT_ONLY_THE_HANDOUT`` False prints the page whole."""
PRINT_ONLY_THE_HANDOUT = True

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


def print_handouts(
    jobs: Iterable[PrintJob], *, stylesheets: Iterable[Path], cache_dir: Path | None, chromium: str
) -> list[Printed]:
    """Write every job's PDFs, each atomically; ``cache_dir`` None prints without the cache."""
    jobs = list(jobs)
    if cache_dir is not None and cache.unusable(cache_dir):
        cache_dir = None  # the plugin has said so once; printing goes on without the cache
    style_bytes = b"".join(path.read_bytes() for path in sorted(stylesheets) if path.exists())
    # The browser's version and the installed fonts: a PDF printed by another Chromium or with other fonts is a miss.
    environment = print_environment.fingerprint(chromium, cache_dir.parent) if cache_dir is not None and jobs else ""
    results: list[Printed] = []
    pending: dict[int, list[tuple[str, str, Path | None]]] = {}
    for index, job in enumerate(jobs):
        html = job.page.read_bytes()
        for (paper, size), target in job.outputs.items():
            key = hashlib.sha256(html + style_bytes + f"{paper} {size} {_epoch()} {environment}".encode()).hexdigest()[
                :32
            ]
            cached = cache_dir / f"{key}.pdf" if cache_dir is not None else None
            found = _from_cache(cached)
            if found is not None:
                data, pages = found
                cache.write_atomic(target, data)
                results.append(Printed(job.routine_id, paper, pages, True, size=size))
            else:
                pending.setdefault(index, []).append((size, paper, cached))
    if pending:
        # Standard print first, then large print from the same loaded page (one load per routine).
        units = [(jobs[index], sorted(todo, key=lambda t: t[0] != "standard")) for index, todo in pending.items()]
        results.extend(_in_own_loop(_print_all(units, chromium)))
    return sorted(results, key=lambda r: (r.routine_id, r.size != "standard", r.paper))


def _in_own_loop(work: Coroutine[Any, Any, list[Printed]]) -> list[Printed]:
    """Run ``work`` in an event loop of its own (in another thread if this one already runs a loop)."""
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(work)
    with ThreadPoolExecutor(max_workers=1) as thread:
        return thread.submit(asyncio.run, work).result()


async def _print_all(units: list[tuple[PrintJob, list[tuple[str, str, Path | None]]]], chromium: str) -> list[Printed]:
    """Print each page in its (print size, paper)s, standard before large: ``PAGES_AT_ONCE`` pages at a time
    in one browser. A page is loaded once; its large print is the loaded page switched to large print."""
    from playwright.async_api import Route, async_playwright

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
    todo = iter(units)  # shared by the workers: one event loop, so no two take the same unit
    finished: list[asyncio.Future[Printed]] = []
    # pypdf's clean-up of one PDF (Python, in a thread) runs while Chromium (other processes) prints the next.
    with ThreadPoolExecutor(max_workers=1) as finishing:
        async with async_playwright() as playwright:
            browser = await playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
            try:

                async def worker() -> None:
                    context = await browser.new_context(
                        java_script_enabled=False
                    )  # the page as printed, not as its scripts change it (timing-free, so reproducible)
                    page = await context.new_page()
                    await page.route("**/*", local_only)
                    for job, outputs in todo:
                        await page.goto(job.page.resolve().as_uri(), wait_until="load")
                        if PRINT_ONLY_THE_HANDOUT:
                            await page.evaluate(ONLY_THE_HANDOUT)
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
                                finished.append(
                                    loop.run_in_executor(finishing, finish, job, paper, size, cached, printed)
                                )
                    await context.close()

                await asyncio.gather(*(worker() for _ in range(min(PAGES_AT_ONCE, len(units)))))
                return list(await asyncio.gather(*finished))
            finally:
                await browser.close()


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


def start_in_subprocess(
    jobs: Iterable[PrintJob], *, stylesheets: Iterable[Path], cache_dir: Path | None, chromium: str, niceness: int = 10
) -> subprocess.Popen[str]:
    """Start ``print_handouts`` in another Python process, at a lower priority; see ``results_of``."""
    request = {
        "jobs": [
            {
                "routine_id": job.routine_id,
                "page": os.fspath(job.page),
                "outputs": [[paper, size, os.fspath(path)] for (paper, size), path in job.outputs.items()],
            }
            for job in jobs
        ],
        "stylesheets": [os.fspath(path) for path in stylesheets],
        "cache_dir": os.fspath(cache_dir) if cache_dir is not None else None,
        "chromium": chromium,
        "niceness": niceness,
    }
    process = subprocess.Popen(
        [sys.executable, "-m", "build_tools.printing"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdin is not None
    process.stdin.write(json.dumps(request))
    process.stdin.close()
    return process


def results_of(process: subprocess.Popen[str]) -> list[Printed]:
    """Wait for a process from ``start_in_subprocess``; its results, or ``RuntimeError`` with its error output."""
    assert process.stdout is not None and process.stderr is not None
    out, err = process.stdout.read(), process.stderr.read()
    if process.wait() != 0:
        raise RuntimeError(err.strip().splitlines()[-1] if err.strip() else f"exit status {process.returncode}")
    return [Printed(**item) for item in json.loads(out)]


def _main() -> None:
    request = json.load(sys.stdin)
    if request["niceness"] and hasattr(os, "nice"):
        os.nice(request["niceness"])  # Chromium's processes inherit it
    jobs = [
        PrintJob(job["routine_id"], Path(job["page"]), {(p, size): Path(v) for p, size, v in job["outputs"]})
        for job in request["jobs"]
    ]
    printed = print_handouts(
        jobs,
        stylesheets=[Path(p) for p in request["stylesheets"]],
        cache_dir=Path(request["cache_dir"]) if request["cache_dir"] else None,
        chromium=request["chromium"],
    )
    json.dump([dataclasses.asdict(result) for result in printed], sys.stdout)


def _epoch() -> str:
    return os.environ.get("SOURCE_DATE_EPOCH", "0")


# -- for the plugin: which pages to print, in the foreground or the background, and the report --


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


class Printer:
    """Prints a build's handouts: at once under ``mkdocs build``; under ``mkdocs serve`` in another,
    lower-priority process (so rebuilds never wait for it), one printing run at a time, stopped
    when the server stops. Reports what it printed, and every handout too long for one sheet."""

    def __init__(self, chromium: str, log: logging.Logger | logging.LoggerAdapter[Any]) -> None:
        self.chromium = chromium
        self.log = log
        self._lock = threading.Lock()
        self._process: subprocess.Popen[str] | None = None
        self._shutting_down = False

    def run(self, jobs: list[PrintJob], stylesheets: list[Path], cache_dir: Path | None, *, background: bool) -> None:
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
            self._process = start_in_subprocess(
                jobs, stylesheets=stylesheets, cache_dir=cache_dir, chromium=self.chromium
            )
            try:
                printed = results_of(self._process)
            except RuntimeError as error:
                # A newer rebuild may replace the pages while they print: the next one prints.
                self.log.info(f"Handout PDFs skipped: the site changed while they printed ({error})")
                return
            finally:
                self._process = None
        self.report(printed, started)

    def shutdown(self) -> None:
        self._shutting_down = True
        process = self._process
        if process is not None and process.poll() is None:
            process.terminate()  # MkDocs is about to delete the folder it prints into
            process.wait(timeout=10)

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


if __name__ == "__main__":
    _main()
