"""MkDocs hook (``hooks:`` in mkdocs.yml) of the one untimed capture build: the site's Markdown, for the baselines.

``baseline.capture_markdown`` builds the project once with a copy of mkdocs.yml that lists this
file under ``hooks:``. Into the folder named by the environment variable ``BENCH_CAPTURE_DIR`` it
writes each page's Markdown after every plugin, as the build hands it to Python-Markdown (with
the figures, handouts and cards the project puts into the finished page written in, and the
front matter), and every other file the project adds or has in its docs folder. Hooks are
registered after every plugin, and these run last (priority -100) in their events.

The project plugin's ``on_post_build`` handlers (the search index merge, caches and handout PDFs)
are taken out of this build's event table: printing changes no page, and would take minutes at
N = 1,000.

A file MkDocs loads by path: it imports nothing from the benchmarks package.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from mkdocs.plugins import event_priority

PROJECT_PLUGIN_MODULE = "build_tools.plugin"
TARGET = Path(os.environ["BENCH_CAPTURE_DIR"]).resolve()


@event_priority(-100)
def on_config(config):
    collection = config.plugins
    project = [plugin for plugin in collection.values() if type(plugin).__module__ == PROJECT_PLUGIN_MODULE]
    handlers = collection.events["post_build"]
    handlers[:] = [h for h in handlers if not any(getattr(h, "__self__", None) is plugin for plugin in project)]
    return config


@event_priority(-100)  # after every other plugin's on_files
def on_files(files, *, config):
    docs_dir = Path(config.docs_dir).resolve()
    for file in files:
        if file.is_documentation_page():
            continue
        in_docs = file.abs_src_path is not None and Path(file.abs_src_path).resolve().is_relative_to(docs_dir)
        if file.generated_by is not None or in_docs:
            path = TARGET / file.src_uri
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(file.content_bytes)
    return files


@event_priority(-100)  # after every other plugin's on_page_markdown
def on_page_markdown(markdown, *, page, config, files):
    # The project puts figures, handouts and cards into the finished page (render.fill_slots);
    # a bare Material page has them in its Markdown, so the baseline converts the same content.
    from build_tools import render

    project = config.plugins["hamstrings"]
    markdown = render.fill_slots(markdown, project.catalogue, project.site, page.file.src_uri)
    path = TARGET / page.file.src_uri
    path.parent.mkdir(parents=True, exist_ok=True)
    meta = json.dumps(page.meta, ensure_ascii=False, default=str)  # JSON is YAML
    path.write_text(f"---\n{meta}\n---\n\n{markdown}" if page.meta else markdown, encoding="utf-8")
