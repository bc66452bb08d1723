"""Every private part of MkDocs, Material and pypdf this project relies on, in one place.

Beside the plugin: the serve machinery (``serve/``), the plugin and ``printing`` reach the
internals below only through these functions, and ``tests/test_internals.py`` checks each one
against the pinned versions, so an upgrade that changes one fails there, loudly, by name:

* MkDocs 1.6.1's ``LiveReloadServer`` (``observer``, ``_watched_paths``, ``_watch_refs``): the
  native file watcher replaces its polling observer; its ``builder``, ``_visible_epoch``,
  ``_epoch_cond`` and ``_inject_js_into_html``: a failed rebuild shows an error page that still
  reloads (``serve/broken.py``);
* ``File.content_string``: setting it marks a page as modified for ``--dirty``;
* the theme's ``get_env``: its ``list_templates`` is cached under ``--dirty``, and its compiled templates;
* MkDocs' "dirty build" warning text, filtered once;
* Material 9.8's search plugin (``search_index.entries``, ``search_index_prev``): the index is
  merged page by page;
* pypdf's ``PdfWriter._ID``: a PDF's file id comes from its content, so builds are byte-identical.

The browser scripts read one Material internal of their own, the ``#__config`` JSON in each
page (``ui.js``, ``siteRoot``); ``tests/test_internals.py`` checks it is there too.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

DIRTY_WARNING = "A 'dirty' build is being performed"
"""The start of MkDocs' warning on every ``--dirty`` build (mkdocs/commands/build.py)."""


# -- MkDocs -----------------------------------------------------------------------------------


def drop_dirty_warning() -> None:
    """Silence MkDocs' warning on every --dirty build (the plugin keeps those builds whole)."""
    logging.getLogger("mkdocs.commands.build").addFilter(
        lambda record: not record.getMessage().startswith(DIRTY_WARNING)
    )


def mark_modified(file: Any) -> None:
    """Make MkDocs rebuild ``file`` under --dirty: a page whose source is held in memory counts as modified."""
    file.content_string = file.content_string


def cache_theme_file_list(theme: Any, key: Any, store: dict[Any, list[str]], bytecode_cache: Any = None) -> None:
    """Let every Jinja environment the theme makes list its files once per ``key``, kept in ``store``,
    and keep its compiled templates in ``bytecode_cache`` (Material's search plugin makes one of its
    own in every build's ``on_config``, to translate its messages, and compiled them every time)."""
    make_env: Callable[[], Any] = theme.get_env

    def get_env() -> Any:
        env = make_env()
        if bytecode_cache is not None:
            env.bytecode_cache = bytecode_cache
        list_templates = env.list_templates

        def cached(extensions: Any = None, filter_func: Any = None) -> list[str]:
            full_key = (tuple(theme.dirs), key, extensions, filter_func is None)
            if full_key not in store:
                store.clear()
                store[full_key] = list_templates(extensions=extensions, filter_func=filter_func)
            return store[full_key]

        env.list_templates = cached
        return env

    theme.get_env = get_env


def use_native_watcher(server: Any) -> bool:
    """Swap MkDocs' polling observer for watchdog's native one before the server starts it.

    MkDocs 1.6 polls every 0.5 s, so an edit waits up to half a second before the rebuild even
    starts. Without the attributes relied on, or when the system has no native notifications,
    MkDocs' polling stays (False).
    """
    from watchdog import events
    from watchdog.observers import Observer
    from watchdog.observers.polling import PollingObserver

    observer = getattr(server, "observer", None)
    watched = getattr(server, "_watched_paths", None)
    refs = getattr(server, "_watch_refs", None)
    if not isinstance(observer, PollingObserver) or observer.is_alive() or watched is None or refs is None:
        return False
    if Observer is PollingObserver:
        return False

    # Polling only ever sees changes; native notifications also report files being opened and read,
    # and the build itself reads every watched file, which would start rebuild after rebuild.
    changes = [
        events.FileCreatedEvent,
        events.FileModifiedEvent,
        events.FileDeletedEvent,
        events.FileMovedEvent,
        events.FileClosedEvent,
        events.DirCreatedEvent,
        events.DirDeletedEvent,
        events.DirMovedEvent,
    ]

    class ChangesOnly(Observer):  # type: ignore[misc,valid-type]
        def schedule(
            self,
            event_handler: Any,
            path: str,
            *,
            recursive: bool = False,
            event_filter: Any = None,
            follow_symlink: bool = False,
        ) -> Any:
            return super().schedule(
                event_handler,
                path,
                recursive=recursive,
                event_filter=event_filter or changes,
                follow_symlink=follow_symlink,
            )

    paths = dict(watched)
    watched.clear()
    refs.clear()
    server.observer = ChangesOnly()
    for path, count in paths.items():
        for _ in range(count):
            server.watch(path)
    return True


def wrap_builder(server: Any, wrap: Callable[[Callable[[], None]], Callable[[], None]]) -> None:
    """Replace the function the live-reload server calls to rebuild with ``wrap(builder)``."""
    server.builder = wrap(server.builder)


def with_live_reload(server: Any, page: bytes) -> bytes:
    """``page`` with MkDocs' live-reload script, which reloads it when the next build is done."""
    with server._epoch_cond:
        epoch = server._visible_epoch
    return bytes(server._inject_js_into_html(page, epoch))


# -- Material's search plugin ---------------------------------------------------------------------


def search_plugin(config: Any) -> Any:
    """Material's search plugin, if it is on and has the attributes the merge relies on (Material 9.x)."""
    for plugin in config.plugins.values():
        if (
            type(plugin).__module__.startswith("material.plugins.search")
            and hasattr(plugin, "search_index_prev")
            and hasattr(getattr(plugin, "search_index", None), "entries")
        ):
            return plugin
    return None


def search_entries(search: Any) -> list[dict[str, Any]]:
    """The entries the search plugin collected in this build."""
    return list(search.search_index.entries)


def replace_search_entries(search: Any, entries: list[dict[str, Any]]) -> None:
    """Hand the merged entries back to the search plugin, to be written as they are (no merge of its own)."""
    search.search_index.entries = entries
    search.search_index_prev = None


# -- pypdf ------------------------------------------------------------------------------------------


def set_pdf_file_id(writer: Any, file_id: bytes) -> None:
    """pypdf draws a random file id unless one is set, and has no public setter for it."""
    from pypdf.generic import ArrayObject, ByteStringObject

    writer._ID = ArrayObject((ByteStringObject(file_id), ByteStringObject(file_id)))
