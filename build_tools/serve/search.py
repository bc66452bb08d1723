"""The search index kept complete under ``--dirty``: every page's entries, from this build or the last.

Material's search plugin keeps only the entries of the pages built in this build and merges them
into the previous index by the first entry's address alone, so several rebuilt pages (an exercise,
its index, its routines) leave some pages out and others twice. Here the entries are kept page by
page, each page's from the build that last built it, in the order of the site's pages, and handed
back to the search plugin to write.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from .. import internals


class SearchMerge:
    def __init__(self) -> None:
        self._pages: list[str] = []
        self._entries: dict[str, list[dict[str, Any]]] = {}
        self.built: dict[str, str] = {}
        """Page URL -> source, for the pages MkDocs builds in this build (under --dirty, not all)."""

    def start(self, files: Files) -> None:
        # As Page.url (and so the search plugin) has them: the home page is '', not './'.
        self._pages = ["" if file.url in (".", "./") else file.url for file in files.documentation_pages()]
        self.built = {}

    def merge(self, config: MkDocsConfig, *, incremental: bool) -> None:
        search = internals.search_plugin(config)
        if search is None:
            return
        current: dict[str, list[dict[str, Any]]] = {url: [] for url in self.built}
        for entry in internals.search_entries(search):
            current.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
        if not incremental:
            self._entries = current
            return
        self._entries = {url: current[url] if url in current else self._entries.get(url, []) for url in self._pages}
        internals.replace_search_entries(search, [entry for entries in self._entries.values() for entry in entries])
