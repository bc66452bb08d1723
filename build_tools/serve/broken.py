"""Under ``make serve``: when the data is broken, every page answers at once with a page listing the problems.

Beside the plugin, which records the data's problems in ``on_config`` (``BrokenBuild.refuse``) and
hands the live-reload server to ``watch`` in ``on_serve``. MkDocs on its own leaves a failed rebuild
"stuck": every request waits for a build that never finishes, and its logger shows a message it
has shown before only once, so a second identical mistake printed only "Aborted with a BuildError!".
Here a failed rebuild is caught (and a first build with broken data goes on without the data, so
the server starts): its problems are printed in full every time, the browsers are
told to reload, and every page request is answered with ``error_page`` (everything else, CSS
included, from the last good site) until a build succeeds; MkDocs' live-reload script on that page
then brings the site back by itself. Every value on the page is escaped (``html.escape``): it shows
file contents and messages. ``mkdocs build`` and ``make site`` are not touched: they still fail.
MkDocs' server is reached only through ``internals``.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

from .. import csp, internals, logs
from ..problems import DataError, Problem

_log = logs.own_logger("hamstrings.serve", "ERROR   -  ")
"""Outside MkDocs' logger, whose filter drops a message it has shown once: each failure prints in full."""
_Config = TypeVar("_Config")

SHORT_MESSAGE = "hamstrings: the data has problems (listed below, and on every page of the preview)"


class BrokenBuild:
    """What stopped the last build, or nothing once a build succeeds."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []
        """The data's problems, recorded by the plugin before it stops the build."""
        self.error: str | None = None
        """The failed build's message (None while the site is good)."""
        self._held = False
        """This build went on without the data (``without_data``)."""

    def refuse(self, error: DataError) -> str:
        """Keep the data's problems (to print and show) and give the short message to stop the build with."""
        self.problems = list(error.problems)
        return SHORT_MESSAGE

    def without_data(self, error: DataError, config: _Config) -> _Config:
        """``mkdocs serve``'s first build, with broken data: it goes on without the data (so the server
        starts), and every page shows the problems until a build with good data."""
        self.problems, self._held = list(error.problems), True
        self._report(error.report())
        return config

    def build(self, build: Callable[[], None]) -> None:
        """Run one rebuild; a failure is printed in full and shown in the browser instead of being raised."""
        self.problems, self._held = [], False
        try:
            build()
        except Exception as error:  # MkDocs' Abort, a plugin's or a template's error: all leave the site as it was
            self._report(DataError(self.problems).report() if self.problems else _message(error))
            return
        if not self._held:  # else built without the data, which is still broken
            self.error, self.problems = None, []

    def _report(self, error: str) -> None:
        self.error = error
        _log.error(f"{error}\nThe preview shows these problems on every page until they are fixed.")

    def error_page(self) -> str:
        """The page every request gets while the build is broken: each problem, escaped, with its line."""
        if self.problems:
            count = len(self.problems)
            heading = f"{count} problem{'s' if count != 1 else ''} in the data"
            items = "\n".join(self._item(problem) for problem in self.problems)
            body = f"<ol>\n{items}\n</ol>"
        else:
            heading = "The build stopped"
            body = f"<pre>{html.escape(self.error or '')}</pre>"
        page = _PAGE.format(heading=html.escape(heading), body=body)
        return csp.add_policy(page, live_reload=True)

    def _item(self, problem: Problem) -> str:
        where = f"{problem.path}:{problem.line}:{problem.col}"
        line = _source_line(self.root / problem.path, problem.line)
        quoted = (
            f'<pre class="line"><span class="no">{problem.line}</span> {html.escape(line)}</pre>'
            if line is not None
            else ""
        )
        return (
            f'<li><p><code class="where">{html.escape(where)}</code> <code>{html.escape(problem.field)}</code></p>\n'
            f"<p>{html.escape(problem.message)}</p>{quoted}</li>"
        )


def watch(server: Any, broken: BrokenBuild) -> None:
    """Make ``server`` (MkDocs' live-reload server) catch failed rebuilds and answer with the error page."""
    internals.wrap_builder(server, lambda build: lambda: broken.build(build))
    serve = server.get_app()  # the WSGI application (wsgiref's public API)

    def app(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
        if broken.error is None or not _is_page(environ.get("PATH_INFO", "")):
            return serve(environ, start_response)  # type: ignore[no-any-return]
        page = internals.with_live_reload(server, broken.error_page().encode("utf-8"))
        start_response(
            "503 Service Unavailable",
            [
                ("Content-Type", "text/html; charset=utf-8"),
                ("Content-Length", str(len(page))),
                ("Cache-Control", "no-store"),
            ],
        )
        return [page]

    server.set_app(app)


def _is_page(path: str) -> bool:
    """A request for a page (not a stylesheet, script, image or MkDocs' live-reload poll)."""
    if path.startswith("/livereload/"):
        return False
    last = path.rsplit("/", 1)[-1]
    return last == "" or last.endswith(".html") or "." not in last


def _source_line(path: Path, number: int) -> str | None:
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return None
    return lines[number - 1] if 0 < number <= len(lines) else None


def _message(error: BaseException) -> str:
    text = str(error).strip()
    return text or type(error).__name__


_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Preview: {heading}</title>
<style>
:root {{ color-scheme: light dark; font-family: system-ui, sans-serif; line-height: 1.5; }}
body {{ max-width: 48rem; margin: 2rem auto; padding: 0 1rem; }}
h1 {{ font-size: 1.5rem; }}
li {{ margin-bottom: 1.25rem; }}
li p {{ margin: 0.25rem 0; }}
code, pre {{ font-family: ui-monospace, monospace; font-size: 0.95em; }}
.where {{ font-weight: bold; }}
pre {{ padding: 0.5rem; border: 1px solid; border-radius: 4px; overflow-x: auto; white-space: pre-wrap; }}
.no {{ opacity: 0.7; }}
</style>
</head>
<body>
<main>
<h1>{heading}</h1>
<p>The preview shows the site again by itself once you fix these and save.
The terminal where <code>make serve</code> runs lists them too; <code>python -m build_tools check</code> does
without the preview. Stop the preview with Ctrl+C in that terminal.</p>
{body}
</main>
</body>
</html>
"""
