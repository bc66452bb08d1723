"""Print the handouts while ``mkdocs build`` writes the rest of the site.

Beside the flow, for ``handout_pdfs.Printer`` under ``mkdocs build``: the plugin hands over each page
as MkDocs finishes it (``page_built``, from ``on_post_page``). MkDocs writes a page to disk just after
that event, so when the next page comes, the one before is written: if it is a routine's page, its
job goes to the printing process (``printing.PrintProcess``), which writes the PDFs the cache holds at
once and prints the rest, one page at a time while MkDocs builds (MkDocs uses one core, the printing
the other) and ``printing.PAGES_AT_ONCE`` once ``finish`` has handed over the last page. ``finish``
then waits for every PDF. The PDFs are those printed after the build (``tests/test_handouts.py``).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path

from .printing import Printed, PrintJob, PrintProcess


class PrintQueue:
    def __init__(
        self, jobs: Iterable[PrintJob], stylesheets: Callable[[], list[Path]], cache_dir: Path | None, chromium: str
    ) -> None:
        self._jobs = {os.path.abspath(job.page): job for job in jobs}
        """Each routine's job, by where MkDocs writes its page; handed over once each."""
        self._writing: str | None = None
        """The page handed over last, which MkDocs is writing now."""
        # One page at a time while MkDocs builds (it uses one core), at the build's own priority: the build waits for it.
        self._process = PrintProcess(stylesheets, cache_dir, chromium, workers=1, niceness=0)

    def page_built(self, dest: str | Path) -> None:
        """MkDocs finished the page it writes to ``dest``: the page before it is on disk now."""
        self._hand_over()
        self._writing = os.path.abspath(dest)

    def _hand_over(self) -> None:
        page, self._writing = self._writing, None
        job = self._jobs.pop(page, None) if page is not None else None
        if job is not None:
            self._process.add(job)

    def finish(self) -> list[Printed]:
        """After the last page: hand it over, then every job not handed over yet (its page read from
        disk), and wait. Raises ``RuntimeError`` with what stopped the printing."""
        self._hand_over()
        for job in list(self._jobs.values()):
            self._process.add(job)
        self._jobs.clear()
        return self._process.results()

    def stop(self) -> None:
        """Stop the printing (the build failed)."""
        if self._process.process.poll() is None:
            self._process.process.kill()
            self._process.process.wait(timeout=10)
