"""The project's own work alone: ``project.load`` and ``render.render_pages``, timed in a fresh process.

Run by ``timing.own_work`` as a script, from the snapshot's folder (build_tools comes from
PYTHONPATH, the snapshot, or else the editable install)::

    python benchmarks/ownwork.py ROOT

Prints one JSON line: seconds for the import of build_tools, the load, the render, load + render.
Imports nothing from the benchmarks package.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path


def own_work(root: str) -> None:
    t0 = time.perf_counter()
    from mkdocs.utils.yaml import yaml_load

    from build_tools import project, render  # from PYTHONPATH (--ref) or the editable install

    with (Path(root) / "mkdocs.yml").open(encoding="utf-8") as handle:
        config = yaml_load(handle)
    t1 = time.perf_counter()
    catalogue = project.load(Path(root), content_dir=config.get("docs_dir", "docs"))
    t2 = time.perf_counter()
    pages = render.render_pages(catalogue)
    t3 = time.perf_counter()
    print(json.dumps({"import": t1 - t0, "load": t2 - t1, "render": t3 - t2, "total": t3 - t1, "pages": len(pages)}))


if __name__ == "__main__":
    own_work(sys.argv[1])
