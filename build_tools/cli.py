"""Command line: ``python -m build_tools <command>``.

Beside the flow: the same loader and renderers the MkDocs plugin uses, without a site
build. ``check`` validates everything and prints every problem at once; ``render``
writes the generated Markdown to a folder (a way to use the pages with another engine);
``schema`` rewrites the JSON Schemas; ``new-exercise`` scaffolds an exercise file; ``site``
(``make site``) builds the site with MkDocs, one build at a time, and swaps it in (``publish``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

from . import project
from .problems import DataError


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate all data and prose without building the site")
    check.add_argument("--github", action="store_true", help="also print GitHub Actions annotations")
    check.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="the date reviews are checked against, YYYY-MM-DD (default: today)",
    )

    render = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    render.add_argument("out", type=Path, help="folder to write into (must not be content/)")

    commands.add_parser("schema", help="write the JSON Schemas to build_tools/schemas/")

    commands.add_parser("site", help="build site/ (strict) one build at a time; site/ stays if the build fails")

    new = commands.add_parser("new-exercise", help="create exercises/<id>.yml from the template")
    new.add_argument("id", help="the new exercise's id, e.g. 'wall-hamstring-stretch'")

    args = parser.parse_args(argv)
    root: Path = args.root.resolve()

    if args.command == "check":
        return _check(root, github=args.github, today=args.today or dt.date.today())
    if args.command == "render":
        return _render(root, args.out)
    if args.command == "schema":
        from .schema import write_schemas

        for path in write_schemas():
            print(f"wrote {path.relative_to(root) if path.is_relative_to(root) else path}")
        return 0
    if args.command == "site":
        from .publish import build_site

        return build_site(root)
    if args.command == "new-exercise":
        from .scaffold import ScaffoldError, new_exercise

        try:
            path = new_exercise(root, args.id)
        except ScaffoldError as error:
            print(f"error: {error}", file=sys.stderr)
            return 2
        print(f"created {path.relative_to(root)}: fill in every field marked TODO, then run 'make check'")
        return 0
    raise AssertionError(args.command)  # argparse only allows the commands above


def _check(root: Path, *, github: bool, today: dt.date) -> int:
    """Everything the strict build refuses, without building: the data, the prose and the review dates."""
    try:
        catalogue = project.load(root)
        if dated := project.overdue_reviews(root, catalogue, project.CONTENT_DIR, today=today):
            raise DataError(dated)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        if github:
            for problem in error.problems:
                print(problem.as_github_annotation())
        return 1
    counts = ", ".join(
        f"{len(getattr(catalogue, name))} {name.replace('_', ' ')}"
        for name in ("exercises", "routines", "signs", "self_tests", "red_flags", "sources", "glossary")
    )
    print(f"All data is valid: {counts}.")
    return 0


def _render(root: Path, out: Path) -> int:
    out = out.resolve()
    content = (root / project.CONTENT_DIR).resolve()
    if out == content or out.is_relative_to(content):
        print("error: never write generated pages into content/", file=sys.stderr)
        return 2
    try:
        pages = project.generated_pages(root)
    except DataError as error:
        print(error.report(), file=sys.stderr)
        return 1
    for src_uri, markdown in pages.items():
        target = out / src_uri
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(markdown, encoding="utf-8")
    print(f"wrote {len(pages)} pages to {out}")
    return 0
