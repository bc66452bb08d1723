"""The Python-Markdown floor: every captured page rendered by Python-Markdown alone, in a fresh process.

Run by ``run.py`` (``baseline.floor_cmd``) as a script, and timed whole, start-up included::

    python benchmarks/floor.py SRC OUT EXTENSIONS_JSON

No MkDocs import, and nothing from the benchmarks package: only what rendering needs.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path


def floor(src: str, out: str, extensions_json: str) -> None:
    """Render every .md under ``src`` with Python-Markdown alone (no MkDocs import), with the given extensions."""
    import markdown

    extensions = json.loads(extensions_json)
    md = markdown.Markdown(extensions=list(extensions), extension_configs=extensions)
    front = re.compile(r"\A---[ \t]*\n.*?\n---[ \t]*\n", re.DOTALL)
    src_path, out_path = Path(src), Path(out)
    for path in sorted(src_path.rglob("*.md")):
        html_text = md.reset().convert(front.sub("", path.read_text(encoding="utf-8"), count=1))
        target = out_path / path.relative_to(src_path).with_suffix(".html")
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html_text, encoding="utf-8")


if __name__ == "__main__":
    floor(*sys.argv[1:4])
