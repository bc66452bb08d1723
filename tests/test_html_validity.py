"""Every built page is valid HTML: 0 errors from the Nu HTML Checker.

The checker is vnu.jar from the vnu-jar npm package (`make node_modules`), run on the
system Java. Where Material's own markup was invalid, build_tools/theme_patches.py fixes it
as the theme loads (tests/test_theme_patches.py checks each fix still applies).

Skipped on a machine without Java or node_modules, except in CI (CI=true), where that is a
failure: .ci/run installs both.
"""

from __future__ import annotations

import collections
import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

from conftest import node_module, require_tool


def run_vnu(site: Path) -> list[dict]:
    java = shutil.which("java")
    require_tool(java, "Java", "apt-get install openjdk-17-jre-headless")
    jar = node_module("vnu-jar/build/dist/vnu.jar")
    # -Xss8m: with the small default stack vnu crashes with StackOverflowError on long pages.
    result = subprocess.run(
        [java, "-Xss8m", "-jar", str(jar), "--skip-non-html", "--format", "json", "--exit-zero-always", str(site)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    return json.loads(result.stderr)["messages"]


def test_nu_html_checker_finds_no_errors(real_site: Path) -> None:
    messages = run_vnu(real_site)
    errors = [m for m in messages if m["type"] in {"error", "non-document-error"} or m.get("subType") == "fatal"]
    pages = len(list(real_site.rglob("*.html")))
    by_message = collections.Counter(m["message"] for m in errors)
    where = []
    for m in errors[:40]:
        url = m.get("url", "")
        path = Path(unquote(urlsplit(url).path)).relative_to(real_site) if url.startswith("file:") else url
        where.append(f"{path}:{m.get('lastLine', '?')}: {m['message']}\n    {m.get('extract', '').strip()[:160]}")
    assert errors == [], (
        f"{len(errors)} error(s) on {pages} page(s):\n"
        + "\n".join(f"  {n} x {text}" for text, n in by_message.most_common())
        + "\n\n"
        + "\n".join(where)
    )
