"""The baselines the project is compared with: bare Material projects and the Python-Markdown floor.

``capture_markdown`` takes every page's Markdown from one untimed project build (through the hook
``hooks/capture_markdown.py``) into the bare project's docs folder; ``make_bare`` writes that
project's mkdocs.yml (the same theme features and extensions, no plugin); ``floor_cmd`` is the
command that renders the same files with Python-Markdown alone (``floor.py``). ``run.py`` times them.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any

from .common import ENV, HERE, load_mkdocs_yml
from .timing import config_with_hook, mkdocs_build_cmd, run_measured


def capture_markdown(project: Path, docs: Path, logs: Path) -> int:
    """Every page of the project's site as plain Markdown, exactly as its build hands it to Python-Markdown.

    One untimed ``mkdocs build --strict`` with the hook ``hooks/capture_markdown.py``: each page's
    Markdown after every plugin (citations, inserts, generated pages, abbreviations), with its front
    matter, and every other file the project adds (figure files, PDF placeholders) or has in its docs
    folder. Handout printing (``on_post_build``) is skipped in this build: it changes no page.
    """
    site = docs.parent / "site-capture"
    cmd = [*mkdocs_build_cmd(site), "--config-file", str(config_with_hook(project, "capture_markdown"))]
    run_measured(cmd, project, logs / "capture.log", env={**ENV, "BENCH_CAPTURE_DIR": str(docs)})
    shutil.rmtree(site, ignore_errors=True)
    return sum(1 for _ in docs.rglob("*.md"))


def make_bare(project: Path, bare: Path, *, project_nav: bool) -> None:
    """A bare Material project (no plugin, no custom_dir) with the same theme features and extensions."""
    import yaml as pyyaml  # PyYAML ships with MkDocs

    config = load_mkdocs_yml(project / "mkdocs.yml")
    theme = dict(config.get("theme") or {})
    theme.pop("custom_dir", None)
    features = list(theme.get("features") or [])
    if "navigation.prune" not in features:
        features.append("navigation.prune")
    theme["features"] = features
    bare_config: dict[str, Any] = {
        "site_name": "Bare Material baseline",
        "site_url": "https://example.org/",
        "docs_dir": "docs",
        "theme": theme,
        "plugins": ["search"],
        "markdown_extensions": config.get("markdown_extensions") or [],
    }
    if project_nav:
        for key in ("nav", "not_in_nav", "validation"):
            if key in config:
                bare_config[key] = config[key]
    bare.mkdir(parents=True, exist_ok=True)
    (bare / "mkdocs.yml").write_text(pyyaml.safe_dump(bare_config, sort_keys=False), encoding="utf-8")


def markdown_extensions(project: Path) -> dict[str, dict[str, Any]]:
    """The project's Markdown extensions and their options, as Python-Markdown takes them."""
    extensions: dict[str, dict[str, Any]] = {}
    for item in load_mkdocs_yml(project / "mkdocs.yml").get("markdown_extensions") or []:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            extensions[name] = options or {}
        else:
            extensions[item] = {}
    return extensions


def floor_cmd(docs: Path, out: Path, project: Path) -> list[str]:
    """Python-Markdown alone on the captured pages, with the project's extensions, in a fresh process."""
    return [sys.executable, str(HERE / "floor.py"), str(docs), str(out), json.dumps(markdown_extensions(project))]
