"""The browser scripts' unit tests (``tests/js/*.test.mjs``, ``node --test``) as part of ``make test``.

They run in Node with no browser: the dose wording against the shared cases, and whatever
else the ES modules under theme_overrides/assets/javascripts/ export. Node is optional on
a developer's machine (skipped without it) and required in CI.
"""

from __future__ import annotations

import shutil
import subprocess

from conftest import ROOT, require_tool


def test_node_unit_tests_pass() -> None:
    node = shutil.which("node")
    require_tool(node, "Node", "apt-get install nodejs")
    result = subprocess.run([node, "--test", "tests/js/"], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "# fail 0" in result.stdout and "# pass 0" not in result.stdout
