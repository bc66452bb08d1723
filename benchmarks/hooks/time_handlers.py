"""MkDocs hook (``hooks:`` in mkdocs.yml) of the benchmark's project builds: the time inside the plugin's handlers.

``timing.instrumented_build_cmd`` builds with a copy of mkdocs.yml that lists this file under
``hooks:``; MkDocs loads it as a module and registers its ``on_*`` functions like a plugin's. It
writes ``{"events": {"on_config": s, ...}, "total": s}`` to the file named by the environment
variable ``BENCH_HANDLER_TIMES`` when MkDocs shuts down.

Why it still wraps the handlers rather than only timing from a first to a last hook around each
event: the search plugin's ``on_config``, ``on_page_context`` and ``on_post_build`` have the
plugin's priority (0) and run just before it, and a hook, registered after every plugin, cannot
run between two handlers of one priority; brackets would count the search plugin's indexing of
every page as the project's work. So this hook's ``on_config`` runs first (priority 101, above the plugin's own 100) and
replaces each handler of the project's plugin in this build's own event table
(``config.plugins.events``) with the same handler timed, at the same place. No class is changed.
The plugin's ``on_startup`` (two flags set, in a build) has run before ``on_config`` and is not timed.

A file MkDocs loads by path: it imports nothing from the benchmarks package.
"""

from __future__ import annotations

import functools
import json
import os
import time
from collections import defaultdict

from mkdocs.plugins import event_priority

PROJECT_PLUGIN_MODULE = "build_tools.plugin"
events: dict[str, float] = defaultdict(float)


def _timed(event: str, handler):
    @functools.wraps(handler)
    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return handler(*args, **kwargs)
        finally:
            events[event] += time.perf_counter() - start

    return timed


@event_priority(101)  # before every other handler of on_config (the plugin's own runs at 100), so it is timed too
def on_config(config):
    collection = config.plugins
    project = [plugin for plugin in collection.values() if type(plugin).__module__ == PROJECT_PLUGIN_MODULE]
    for name, handlers in collection.events.items():
        for index, handler in enumerate(handlers):
            if any(getattr(handler, "__self__", None) is plugin for plugin in project):
                timed = _timed(f"on_{name}", handler)
                handlers[index] = timed
                # MkDocs looks up which plugin runs each handler here (File.generated_by, its log prefix).
                collection._event_origins[timed] = collection._event_origins.get(handler)
    return config


@event_priority(-100)  # after every other handler of on_shutdown
def on_shutdown():
    out = os.environ.get("BENCH_HANDLER_TIMES")
    if out:
        with open(out, "w", encoding="utf-8") as handle:
            json.dump({"events": events, "total": sum(events.values())}, handle)
