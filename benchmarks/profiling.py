"""cProfile of one warm project build (``--profile``, at the largest N), summed by package and by phase.

``profile_build`` runs ``python -m cProfile`` on ``mkdocs build --strict`` (the project's own
mkdocs.yml, no hook) and reads the profile: own time by package (C functions' time given to their
callers), the cumulative time of the phases in ``PHASES``, the top of the profile and the
project's own functions. ``report.py`` writes the tables; the full listing goes to ``benchmarks/out/``.
(Named ``profiling`` so it cannot shadow the standard library's ``profile``, which cProfile imports.)
"""

from __future__ import annotations

import pstats
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

from .common import BIN, ROOT
from .timing import mkdocs_build_cmd, run_measured

PACKAGES = (
    ("build_tools", "/build_tools/"),
    ("material", "/material/"),
    ("mkdocs", "/mkdocs/"),
    ("pymdownx", "/pymdownx/"),
    ("markdown", "/markdown/"),
    ("jinja2", "/jinja2/"),
    ("pydantic", "/pydantic"),
    ("ruamel.yaml", "/ruamel/"),
    ("yaml (PyYAML)", "/yaml/"),
    ("babel", "/babel/"),
    ("watchdog", "/watchdog/"),
)


PHASES = (
    ("whole build (mkdocs.commands.build.build)", "mkdocs/commands/build.py", "build"),
    ("loading mkdocs.yml and the plugins", "mkdocs/config/base.py", "load_config"),
    ("Markdown to HTML, every page (Python-Markdown)", "markdown/core.py", "convert"),
    (
        "writing each page: context, template, search entry, file (_build_page)",
        "mkdocs/commands/build.py",
        "_build_page",
    ),
    (
        "  of which: page templates (Material's main.html etc., rendered by MkDocs)",
        "jinja2/environment.py",
        "render",
        "mkdocs/commands/build.py",
    ),
    (
        "  of which: search plugin, parsing each page's HTML (on_page_context)",
        "material/plugins/search/plugin.py",
        "on_page_context",
    ),
    ("search plugin, writing the index (on_post_build)", "material/plugins/search/plugin.py", "on_post_build"),
    ("hamstrings on_config (load and validate everything)", "build_tools/plugin.py", "on_config"),
    ("  of which: YAML parsing (ruamel.yaml load)", "ruamel/yaml/main.py", "load"),
    ("  of which: pydantic validation (model_validate)", "pydantic/main.py", "model_validate"),
    ("hamstrings on_files (render every data page)", "build_tools/plugin.py", "on_files"),
    ("  of which: figures (figures.figure_svg)", "build_tools/figures.py", "figure_svg"),
    ("hamstrings on_page_markdown (citations, inserts, abbreviations)", "build_tools/plugin.py", "on_page_markdown"),
    ("hamstrings on_post_build: search index merge", "build_tools/plugin.py", "_merge_search_index"),
    ("hamstrings on_post_build: caches and handout PDFs", "build_tools/plugin.py", "_save_caches_and_print"),
    ("hamstrings on_post_page (figures, handouts and cards into their slots)", "build_tools/plugin.py", "on_post_page"),
    ("hamstrings on_page_context", "build_tools/plugin.py", "on_page_context"),
)


def _phases(stats: pstats.Stats) -> list[dict[str, Any]]:
    """Cumulative time of the functions named in PHASES (only the calls from ``caller``, if one is given)."""
    rows = []
    for label, fragment, name, *caller in PHASES:
        calls, cum = 0, 0.0
        for (filename, _, func), (_, nc, _, ct, callers) in stats.stats.items():  # type: ignore[attr-defined]
            if func != name or not filename.endswith(fragment):
                continue
            if caller:
                for (caller_file, _, _), edge in callers.items():
                    if caller_file.endswith(caller[0]):
                        calls += edge[1]
                        cum += edge[3]
            else:
                calls += nc
                cum += ct
        if calls:
            rows.append({"phase": label, "calls": calls, "cumtime": cum})
    return rows


def profile_build(project: Path, site: Path, out: Path, top: int = 45) -> dict[str, Any]:
    prof = out.with_suffix(".prof")
    # Run from outside the project (with -f), so its copy of build_tools/ is not importable from the cwd.
    run_measured(
        [
            sys.executable,
            "-m",
            "cProfile",
            "-o",
            str(prof),
            str(BIN / "mkdocs"),
            *mkdocs_build_cmd(site)[1:],
            "--config-file",
            str(project / "mkdocs.yml"),
        ],
        project.parent,
        out.with_suffix(".log"),
    )
    stats = pstats.Stats(str(prof))
    total = max(entry[3] for entry in stats.stats.values())  # type: ignore[attr-defined]  # the whole run
    by_package: dict[str, float] = defaultdict(float)
    for (filename, _, _), (_, _, tottime, _, callers) in stats.stats.items():  # type: ignore[attr-defined]
        if filename == "~" and callers:
            # a C function (regex, str.join, ...): its time goes to the packages that called it
            edge_total = sum(edge[2] for edge in callers.values()) or 1.0
            for (caller_file, _, _), edge in callers.items():
                by_package[_package(caller_file)] += tottime * edge[2] / edge_total
        else:
            by_package[_package(filename)] += tottime
    # the project's own functions, cumulative
    own = []
    for (filename, line, func), (_, ncalls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        if "/build_tools/" in filename:
            own.append((cumtime, tottime, ncalls, f"{_short(filename)}:{line}({func})"))
    own.sort(reverse=True)
    with out.with_suffix(".txt").open("w") as handle:
        for key in ("cumulative", "tottime"):
            ps = pstats.Stats(str(prof), stream=handle)
            ps.strip_dirs().sort_stats(key).print_stats(top)
    top_cum = []
    ps = pstats.Stats(str(prof)).sort_stats("cumulative")
    for func in ps.fcn_list[:top]:  # type: ignore[attr-defined]
        _cc, nc, tt, ct, _ = ps.stats[func]  # type: ignore[attr-defined]
        top_cum.append({"func": f"{_short(func[0])}:{func[1]}({func[2]})", "ncalls": nc, "tottime": tt, "cumtime": ct})
    return {
        "total": total,
        "phases": _phases(stats),
        "by_package": dict(sorted(by_package.items(), key=lambda kv: -kv[1])),
        "own": [{"func": f, "ncalls": n, "tottime": t, "cumtime": c} for c, t, n, f in own[:25]],
        "top": top_cum,
        "prof": str(prof.relative_to(ROOT)) if prof.is_relative_to(ROOT) else str(prof),
    }


def _package(filename: str) -> str:
    if filename.endswith(".j2") or "/build_tools/" in filename:
        return "build_tools"
    if filename.endswith(".html"):
        return "page templates (Material's and theme_overrides/, compiled Jinja)"
    label = next((name for name, marker in PACKAGES if marker in filename), None)
    if label:
        return label
    if filename == "~":
        return "C functions called from C"
    if ("/lib/python3" in filename and "site-packages" not in filename) or filename.startswith("<frozen"):
        return "python stdlib"
    return "other"


def _short(filename: str) -> str:
    for marker in ("site-packages/", "/engine/", "/project/", str(ROOT) + "/", "/lib/python3.11/"):
        if marker in filename:
            return filename.split(marker, 1)[1]
    return filename
