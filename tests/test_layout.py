"""The package's layout rules (issue 15): small modules with docstrings, listed in the README,
MkDocs only behind the adapter, and no module keeping a cache of its own."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "build_tools"
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "templates" not in p.parts)
MKDOCS_ALLOWED = {"plugin.py", "config.py", "internals.py", "serve/pages.py", "serve/search.py"}
SETUP_ONCE = {"jinja_env.py:environment", "handout.py:html_environment"}
"""Functions memoised on purpose: each sets a Jinja environment up once (Jinja reloads changed templates)."""


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix()


def _tree(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"))


def test_every_module_has_a_docstring_and_a_line_in_the_readme() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme[readme.index("## How it is built") : readme.index("## Plugin options")]
    missing_doc = [_name(p) for p in MODULES if not ast.get_docstring(_tree(p))]
    unlisted = [_name(p) for p in MODULES if p.name != "__init__.py" and f"`{_name(p)}`" not in table]
    assert missing_doc == [] and unlisted == []


def test_the_plugin_only_adapts_events() -> None:
    assert len((PACKAGE / "plugin.py").read_text(encoding="utf-8").splitlines()) <= 250


def test_only_the_adapter_imports_mkdocs() -> None:
    importing = set()
    for path in MODULES:
        for node in ast.walk(_tree(path)):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            if any(n == "mkdocs" or n.startswith("mkdocs.") for n in names):
                importing.add(_name(path))
    assert importing <= MKDOCS_ALLOWED, importing - MKDOCS_ALLOWED


def test_no_module_keeps_a_cache_of_its_own() -> None:
    """The build's caches are ``build_caches.BuildCaches``'s: no memoised function, no module-level store."""
    found = []
    for path in MODULES:
        tree = _tree(path)
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for decorator in node.decorator_list:
                    text = ast.unparse(decorator)
                    memoised = text.split("(")[0].split(".")[-1] in {"cache", "lru_cache"}  # not cached_property:
                    if memoised and f"{_name(path)}:{node.name}" not in SETUP_ONCE:  # that lives with its object
                        found.append(f"{_name(path)}:{node.name} @{text}")
        for node in tree.body:  # module level: an empty dict or set to fill later is a cache
            value = node.value if isinstance(node, (ast.Assign, ast.AnnAssign)) else None
            if isinstance(value, (ast.Dict, ast.Set)) and not (
                value.keys if isinstance(value, ast.Dict) else value.elts
            ):
                found.append(f"{_name(path)}:{ast.unparse(node).split('=')[0].strip()}")
            if isinstance(value, ast.Call) and ast.unparse(value.func) in {"dict", "set", "collections.OrderedDict"}:
                found.append(f"{_name(path)}:{ast.unparse(node).split('=')[0].strip()}")
    assert found == []
