"""The ``hamstrings`` plugin's options, typed (as Material's plugins keep theirs in ``config.py``).

Read by ``plugin.py`` only; set under ``plugins: - hamstrings:`` in ``mkdocs.yml``.
"""

from __future__ import annotations

import datetime as dt

from mkdocs.config import config_options as c
from mkdocs.config.base import Config

from . import project


class HamstringsConfig(Config):  # type: ignore[no-untyped-call]  # MkDocs' Config is untyped
    enabled = c.Type(bool, default=True)
    exercises_dir = c.Type(str, default=project.EXERCISES_DIR)
    """Folder of exercise YAML files, relative to mkdocs.yml."""
    data_dir = c.Type(str, default=project.DATA_DIR)
    """Folder holding sources/, signs/, self_tests/, red_flags/, routines/ and safety.yml, relative to mkdocs.yml."""
    review_warnings = c.Type(bool, default=True)
    """Warn (fatal under --strict) when a page's next review date has passed."""
    reviews_checked_on = c.Optional(c.Type(dt.date))
    """The day review dates are checked against; unset (the real site) means today. The test fixture
    sets a fixed day, so its reviews never fall due while the code stands still."""
    pdf = c.Choice(("auto", "on", "off"), default="auto")
    """Handout PDFs: 'on' needs Chromium (an error without it), 'auto' makes them when Chromium is installed."""
    cache = c.Type(bool, default=True)
    """Keep parsed YAML, pose checks, drawn figures and printed PDFs on disk between builds, and compiled
    templates in memory (``build_caches.BuildCaches``); false turns every one of them off."""
    cache_dir = c.Type(str, default=".cache/hamstrings")
    """Where printed PDFs, parsed YAML and drawn figures are kept between builds, keyed by what they were made from."""
    report_email = c.Type(str, default="")
    """Address readers write to about a problem with a page (no GitHub account needed); empty leaves it out."""
    report_repo = c.Type(str, default="")
    """https://github.com/OWNER/NAME: each page links to its issue form with the page's address filled in."""
    native_watcher = c.Type(bool, default=True)
    """Under ``mkdocs serve``, watch files with the system's change notifications (inotify, FSEvents)
    instead of MkDocs' polling every half second, so an edit is seen at once."""
