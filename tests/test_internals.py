"""Each private part of MkDocs, Material and pypdf that build_tools/internals.py relies on is still there.

Fails loudly, by name, when an upgrade changes one (MkDocs 1.6.1, Material 9.8 and pypdf are pinned).
"""

from __future__ import annotations

import inspect
import io
from pathlib import Path
from typing import ClassVar

import pytest

from build_tools import internals


def test_mkdocs_still_warns_on_dirty_builds_with_the_text_we_filter() -> None:
    from mkdocs.commands import build

    assert internals.DIRTY_WARNING in inspect.getsource(build)


def test_setting_content_string_marks_a_page_modified(tmp_path: Path) -> None:
    from mkdocs.structure.files import File

    source = tmp_path / "docs" / "page.md"
    source.parent.mkdir()
    source.write_text("# Page\n")
    site = tmp_path / "site"
    (site / "page").mkdir(parents=True)
    (site / "page" / "index.html").write_text("built later than the source")
    file = File("page.md", str(source.parent), str(site), use_directory_urls=True)
    assert not file.is_modified()
    internals.mark_modified(file)
    assert file.is_modified()


def test_the_theme_list_cache_wraps_get_env(tmp_path: Path) -> None:
    from mkdocs.theme import Theme

    theme = Theme(name="material")
    store: dict = {}
    internals.cache_theme_file_list(theme, "stamp", store)
    first = theme.get_env().list_templates()
    assert first and len(store) == 1
    assert theme.get_env().list_templates() is first  # listed once


def test_the_theme_environments_keep_their_compiled_templates() -> None:
    from mkdocs.theme import Theme

    from build_tools.cache import MemoryBytecodeCache

    theme, compiled = Theme(name="material"), MemoryBytecodeCache()
    internals.cache_theme_file_list(theme, "stamp", {}, compiled)
    first, second = theme.get_env(), theme.get_env()
    assert first is not second and first.bytecode_cache is compiled and second.bytecode_cache is compiled
    first.get_template("partials/language.html")
    kept = dict(compiled._compiled)
    assert kept  # compiled once, by the first environment
    second.get_template("partials/language.html")
    assert compiled._compiled == kept  # the second one loaded it, compiling nothing new


def test_materials_search_plugin_has_the_entries_we_merge() -> None:
    from material.plugins.search.plugin import SearchIndex, SearchPlugin

    plugin = SearchPlugin()
    assert hasattr(plugin, "search_index_prev") or "search_index_prev" in inspect.getsource(SearchPlugin)
    index = SearchIndex()
    assert isinstance(index.entries, list)

    class Config:
        plugins: ClassVar[dict[str, SearchPlugin]] = {"search": plugin}

    plugin.search_index = index
    plugin.search_index_prev = None
    assert internals.search_plugin(Config) is plugin
    internals.replace_search_entries(plugin, [{"location": "a/"}])
    assert internals.search_entries(plugin) == [{"location": "a/"}] and plugin.search_index_prev is None


def test_pypdf_takes_the_file_id_we_set() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(100, 100)
    internals.set_pdf_file_id(writer, b"0123456789abcdef")
    out = io.BytesIO()
    writer.write(out)
    ids = PdfReader(io.BytesIO(out.getvalue())).trailer["/ID"]
    assert [i.original_bytes for i in ids] == [b"0123456789abcdef", b"0123456789abcdef"]


def test_material_writes_the_config_json_the_browser_scripts_read(real_site: Path) -> None:
    html = (real_site / "exercises" / "index.html").read_text(encoding="utf-8")
    assert '<script id="__config" type="application/json">' in html
    assert '"base":' in html


@pytest.mark.parametrize("name", ["observer", "_watched_paths", "_watch_refs"])
def test_live_reload_server_has_what_the_watcher_swap_uses(tmp_path: Path, name: str) -> None:
    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))
    assert hasattr(server, name)


def test_live_reload_server_has_what_the_error_page_uses(tmp_path: Path) -> None:
    from mkdocs.livereload import LiveReloadServer

    calls: list[str] = []
    server = LiveReloadServer(builder=lambda: calls.append("built"), host="127.0.0.1", port=0, root=str(tmp_path))
    internals.wrap_builder(server, lambda build: lambda: (calls.append("wrapped"), build()))
    server.builder()
    assert calls == ["wrapped", "built"]
    page = internals.with_live_reload(server, b"<html><body><p>x</p></body></html>")
    assert b"livereload(" in page and page.index(b"livereload(") < page.index(b"</body>")
    assert f"livereload({server._visible_epoch},".encode() in page
    server.server_close()
