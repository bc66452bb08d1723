"""Where things live in the project, and the two calls every front end makes.

``load`` validates the data and the prose pages' markers together (so a wrong citation
in ``content/`` is found before any build starts); ``generated_pages`` renders every
page that comes from data. The CLI, the MkDocs plugin and the tests all call these.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from . import checks, prose, render
from .catalogue import Catalogue
from .figures import Drawings
from .loader import ParseCache, load_catalogue
from .problems import DataError, Problem
from .slots import fill_slots
from .urls import SiteInfo

EXERCISES_DIR = "exercises"
DATA_DIR = "data"
CONTENT_DIR = "content"


def load(
    root: Path,
    exercises_dir: str = EXERCISES_DIR,
    data_dir: str = DATA_DIR,
    content_dir: str = CONTENT_DIR,
    cache: ParseCache | None = None,
    drawings: Drawings | None = None,
) -> Catalogue:
    """Validate data and prose; raise ``DataError`` with every problem found in either.

    ``cache`` and ``drawings`` are the build's (``build_caches.BuildCaches``); the catalogue
    carries ``drawings`` to the renderers."""
    figures, figure_problems = prose.load_figures(root, content_dir)
    try:
        catalogue = load_catalogue(root, exercises_dir, data_dir, cache)
    except DataError as error:
        # Still check the prose, against the source files that exist, so every problem shows at once.
        source_ids = {p.stem for p in (root / data_dir / "sources").glob("*.y*ml")}
        prose_problems = prose.check_folder(root, content_dir, source_ids, figures)
        raise DataError(error.problems + figure_problems + prose_problems) from None
    problems = figure_problems + prose.check_folder(root, content_dir, set(catalogue.sources), figures)
    if problems:
        raise DataError(problems)
    return dataclasses.replace(catalogue, prose_figures=figures, drawings=drawings)


def missing_folders(root: Path, **folders: str) -> list[str]:
    """A problem for each option (``exercises_dir=...``) naming a folder that is not in ``root``."""
    return [
        f"option '{option}': no folder '{folder}' next to mkdocs.yml"
        for option, folder in folders.items()
        if not (root / folder).is_dir()
    ]


def generated_pages(root: Path) -> dict[str, str]:
    """Every generated page as self-contained Markdown: slots filled with their HTML."""
    catalogue = load(root, drawings=Drawings())  # this call's own: each figure drawn once, not once per page
    site = SiteInfo()
    return {
        uri: fill_slots(text, catalogue, site, uri) if uri.endswith(".md") else text
        for uri, text in render.render_pages(catalogue, site).items()
    }


def overdue_reviews(root: Path, catalogue: Catalogue, content_dir: str, *, today: dt.date) -> list[Problem]:
    """One problem per review that is overdue or dated in the future, at its line (``checks.review_dates``)."""
    return checks.review_dates(root, catalogue, content_dir, today=today)
