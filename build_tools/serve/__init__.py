"""What keeps ``make serve`` (``mkdocs serve --dirty``) fast and right: only pages an edit changes are rebuilt.

Beside the plugin, which calls these from its events:

* ``pages``: generated pages backed by files that change only when the page would, hand-written
  pages marked when the data they insert changed, and the theme's file list listed once;
* ``search``: the search index merged page by page, so it stays complete;
* ``memory``: the first build's objects kept out of the garbage collector's full passes;
* the native file watcher (``internals.use_native_watcher``).

Each reaches MkDocs' and Material's private parts only through ``internals``.
"""
