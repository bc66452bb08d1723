"""Under ``--dirty``: which pages MkDocs must rebuild after an edit, and nothing more.

MkDocs' ``--dirty`` rebuilds a page when its source file is newer than the built page. A
generated page is backed by a file in ``cache_dir/pages`` that is rewritten only when what the
page is made from changes: its Markdown, and the HTML of its slots (filled in the finished page,
so an exercise's new summary changes its card on the Exercises page while the Markdown stays the
same). When only the slots changed (a figure-only edit), the page is not built by MkDocs at all: its
HTML from the last build, kept before its slots were filled, gets the new slots (``refill``). A hand-written page is marked when the data it inserts changed. A change to mkdocs.yml,
the theme overrides or the glossary rebuilds every page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import get_plugin_logger
from mkdocs.structure.files import File, Files

from .. import cache, csp, incremental, internals, prose
from ..catalogue import Catalogue
from ..slots import SLOT, SlotMemo
from ..urls import SiteInfo

_log = get_plugin_logger(__name__)


class DirtyPages:
    def __init__(self) -> None:
        self._written: dict[str, Any] = {}
        """What each generated page's backing file was last written from."""
        self._expanded: dict[str, str] = {}
        """Each hand-written page's Markdown with its inserts expanded, as last built."""
        self._stamp: Any = ()
        self.slot_html: dict[str, dict[str, str]] = {}
        """This build's HTML for each slot of each generated page (reused by ``on_post_page``)."""
        self._theme_files: dict[Any, list[str]] = {}
        self._unfilled: dict[str, tuple[str, str]] = {}
        """Each generated page's built HTML before its slots were filled, and where it was written."""
        self._refill: list[str] = []
        """This build's pages whose Markdown is the same and only a slot changed (``refill``)."""
        self._slots = SlotMemo()
        """Each slot's HTML with what it was made from: an edit fills only the slots it changed."""
        self._prose = prose.KeptExpansions()
        self._templates: Any = ()

    def everything_changed(self, stamp: Any) -> bool:
        """Whether ``stamp`` (mkdocs.yml, the theme, the glossary) differs from the last build's."""
        changed = bool(stamp != self._stamp)
        self._stamp = stamp
        self.slot_html = {}
        self._refill = []
        self._templates = incremental.template_stamps()
        self._slots.start(self._templates)
        if changed:
            self._unfilled = {}
        return changed

    def add_generated(
        self,
        files: Files,
        config: MkDocsConfig,
        generated: dict[str, str | bytes],
        catalogue: Catalogue,
        site: SiteInfo,
        pages_dir: Path | None,
        everything_changed: bool,
    ) -> None:
        """Add the generated pages, each backed by a file when it can be (``pages_dir``)."""
        for src_uri, content in generated.items():
            path = (
                self._backing_file(
                    pages_dir, src_uri, content, self._page_stamp(src_uri, content, catalogue, site), everything_changed
                )
                if pages_dir
                else None
            )
            if path is None or everything_changed:
                files.append(File.generated(config, src_uri, content=content))
            else:
                files.append(File.generated(config, src_uri, abs_src_path=os.fspath(path)))

    def _page_stamp(self, src_uri: str, content: str | bytes, catalogue: Catalogue, site: SiteInfo) -> Any:
        """What a generated page's built HTML is made from: its Markdown and the HTML of its slots."""
        if not isinstance(content, str) or "<!-- hs-slot: " not in content:
            return content
        slots: dict[str, str] = {}
        for match in SLOT.finditer(content):
            marker = match.group(0)
            if marker not in slots:
                slots[marker] = self._slots.fill(marker, catalogue, site, src_uri)
        self.slot_html[src_uri] = slots
        return content, slots

    def _backing_file(
        self, pages_dir: Path, src_uri: str, content: str | bytes, stamp: Any, everything_changed: bool
    ) -> Path | None:
        """The page's backing file, rewritten only when its ``stamp`` changed; None when it cannot be
        written (then MkDocs builds the page every time)."""
        path = pages_dir / src_uri
        before = self._written.get(src_uri)
        if not everything_changed and before != stamp and self._only_slots_changed(src_uri, before, stamp, path):
            # A figure-only edit: the page's Markdown is the same, so MkDocs need not convert and render it
            # again; its kept HTML gets the new slots instead (``refill``), after the build.
            self._written[src_uri] = stamp
            self._refill.append(src_uri)
            return path
        if everything_changed or before != stamp or not path.is_file():
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                cache.write_atomic(
                    path, content.encode("utf-8") if isinstance(content, str) else content, durable=False
                )
            except OSError:
                self._written.pop(src_uri, None)
                return None
            self._written[src_uri] = stamp
        return path

    def _only_slots_changed(self, src_uri: str, before: Any, stamp: Any, path: Path) -> bool:
        """Whether only the HTML of the page's slots differs from its last build (kept, and still on disk)."""
        kept = self._unfilled.get(src_uri)
        return (
            isinstance(before, tuple)
            and isinstance(stamp, tuple)
            and before[0] == stamp[0]
            and kept is not None
            and path.is_file()
            and os.path.isfile(kept[0])
        )

    def refill(self, catalogue: Catalogue, site: SiteInfo, *, live_reload: bool) -> list[str]:
        """Write the pages whose slots alone changed: their kept HTML with this build's slots, then the
        policy (what ``on_post_page`` does after the slots, ``csp.add_policy``). Returns their sources."""
        for src_uri in self._refill:
            dest, unfilled = self._unfilled[src_uri]
            page = csp.add_policy(self.fill(unfilled, src_uri, catalogue, site), live_reload=live_reload)
            cache.write_atomic(Path(dest), page.encode("utf-8"), durable=False)
        if self._refill:
            _log.info(
                f"Only figures changed in {len(self._refill)} page(s): their slots were filled again, not rebuilt"
            )
        return list(self._refill)

    def mark_changed_prose(self, files: Files, catalogue: Catalogue, everything_changed: bool) -> None:
        """Rebuild a hand-written page when the data it shows changed (or the theme did)."""
        for file in files.documentation_pages():
            if file.generated_by is not None:
                continue
            expanded = self._prose.expand(file.content_string, catalogue, file.src_uri, self._templates)
            if everything_changed or self._expanded.get(file.src_uri) != expanded:
                internals.mark_modified(file)
            self._expanded[file.src_uri] = expanded

    def list_theme_files_once(self, config: MkDocsConfig, stamp: Any, compiled: Any = None) -> None:
        """List the theme's files once instead of on every rebuild.

        Each build, MkDocs lists every file of every theme folder to find the static ones, which
        walks Material's 14,000 icons and tests each name against its patterns: about a third of
        a rebuild at N = 100. The list depends on the theme folders and on mkdocs.yml only, so it
        is kept while neither changes (the same stamp that makes every page rebuild). Every Jinja
        environment the theme makes keeps its templates compiled in ``compiled`` too.
        """
        internals.cache_theme_file_list(config.theme, stamp, self._theme_files, compiled)

    def fill(self, output: str, src_uri: str, catalogue: Catalogue, site: SiteInfo, keep_as: str | None = None) -> str:
        """The finished page with its slots filled, reusing the HTML made for its stamp. A generated page
        backed by a file (under --dirty) is kept as it came, with ``keep_as`` (where MkDocs writes it), for ``refill``."""
        if keep_as is not None and src_uri in self._written:
            self._unfilled[src_uri] = (keep_as, output)
        slots = self.slot_html.get(src_uri, {})
        if "<!-- hs-slot: " not in output:
            return output
        return SLOT.sub(
            lambda m: (
                slots[m.group(0)] if m.group(0) in slots else self._slots.fill(m.group(0), catalogue, site, src_uri)
            ),
            output,
        )


def build_stamp(config: MkDocsConfig) -> tuple[Any, ...]:
    """What every page depends on: mkdocs.yml and the theme overrides (templates, partials)."""
    stamps: list[Any] = [os.stat(config.config_file_path).st_mtime_ns] if config.config_file_path else []
    custom_dir = config.theme.custom_dir
    if custom_dir:
        for folder, _, names in sorted(os.walk(custom_dir)):
            stamps.extend((folder, name, os.stat(os.path.join(folder, name)).st_mtime_ns) for name in sorted(names))
    return tuple(stamps)
