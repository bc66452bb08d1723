"""Command line: ``python -m build_tools <command>``.

Beside the flow: the same loader and renderers the MkDocs plugin uses, without a site
build. ``check`` validates everything the strict build does and prints every problem at
once; ``render`` writes the generated Markdown to a folder (a way to use the pages with
another engine); ``schema`` rewrites the JSON Schemas; ``new-exercise`` and ``new-source``
scaffold a file; ``figure`` draws one exercise's figure with its checks (``figure_command``); ``site`` (``make site``) builds the site with MkDocs, one build at a time,
and swaps it in (``publish``); ``serve`` and ``test`` run MkDocs' preview and pytest the way
``make serve`` and ``make test`` do (``run``), so no ``make`` is needed on any platform.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from pathlib import Path

from . import project
from .problems import DataError, markdown_summary


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_tools", description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="project folder (default: here)")
    commands = parser.add_subparsers(dest="command", required=True)

    check = commands.add_parser("check", help="validate all data and prose without building the site")
    check.add_argument("--github", action="store_true", help="also print GitHub Actions annotations")
    check.add_argument(
        "--summary",
        type=Path,
        default=None,
        metavar="FILE",
        help="also add what the checks found, as Markdown, to FILE (in GitHub Actions: $GITHUB_STEP_SUMMARY)",
    )
    check.add_argument(
        "--today",
        type=dt.date.fromisoformat,
        default=None,
        help="the date reviews are checked against, YYYY-MM-DD (default: today)",
    )

    render = commands.add_parser("render", help="write the generated Markdown pages to a folder")
    render.add_argument("out", type=Path, help="folder to write into (must not be content/)")

    commands.add_parser(
        "schema", help="write the JSON Schemas to build_tools/schemas/ and the field reference in CONTRIBUTING.md"
    )

    site = commands.add_parser("site", help="build site/ (strict) one build at a time; site/ stays if the build fails")
    site.add_argument(
        "--offline",
        action="store_true",
        help="build site-preview/ instead, with links to .html files, to open from disk (the pull-request preview)",
    )

    preview = commands.add_parser("serve", help="preview the site at http://127.0.0.1:8000 with live reload")
    preview.add_argument("--dev-addr", default=None, help="address:port to serve on (default: 127.0.0.1:8000)")

    figure = commands.add_parser(
        "figure", help="draw one exercise's figure as SVG and PNG into a folder and print its pose checks"
    )
    figure.add_argument("file", type=Path, help="the exercise file, e.g. exercises/glute-bridge.yml")
    figure.add_argument(
        "--out", type=Path, default=Path("figures-out"), help="folder to write into (default: figures-out)"
    )

    commands.add_parser("test", help="run the test suite; any further words go to pytest (e.g. -k loader)")

    new = commands.add_parser("new-exercise", help="create exercises/<id>.yml from the template")
    new.add_argument("id", help="the new exercise's id, e.g. 'wall-hamstring-stretch'")

    new_source = commands.add_parser("new-source", help="create data/sources/<id>.yml from the template")
    new_source.add_argument("id", help="the new source's id, e.g. 'bandy-1997' (first author's surname, year)")

    argv = sys.argv[1:] if argv is None else list(argv)
    pytest_args: list[str] = []
    for index, word in enumerate(argv):  # every word after 'test' belongs to pytest, as it was written
        if word == "test" and (index == 0 or argv[index - 1] != "--root"):
            argv, pytest_args = argv[: index + 1], argv[index + 1 :]
            break
    args = parser.parse_args(argv)
    root: Path = args.root.resolve()

    if args.command == "check":
        return _check(root, github=args.github, today=args.today or dt.date.today(), summary=args.summary)
    if args.command == "render":
        return _render(root, args.out)
    if args.command == "schema":
        from .schema import PROJECT_SCHEMA_DIR, write_schemas

        if not (root / PROJECT_SCHEMA_DIR).is_dir():
            print(f"error: {root} has no {PROJECT_SCHEMA_DIR}/ folder", file=sys.stderr)
            return 2
        for path in write_schemas(root / PROJECT_SCHEMA_DIR, root):
            print(f"wrote {path.relative_to(root)}")
        from .field_docs import write_reference

        if (root / "CONTRIBUTING.md").is_file() and write_reference(root / "CONTRIBUTING.md"):
            print("wrote the field reference in CONTRIBUTING.md")
        return 0
    if args.command == "site":
        from .publish import build_site
        from .run import project_env

        os.environ.update(project_env(root))  # the build's dates, as under make
        return build_site(root, offline=args.offline)
    if args.command == "serve":
        from .run import DEV_ADDR, serve

        return serve(root, args.dev_addr or DEV_ADDR)
    if args.command == "figure":
        from .figure_command import draw

        return draw(root, args.file, args.out)
    if args.command == "test":
        from .run import test

        return test(root, pytest_args)
    if args.command in ("new-exercise", "new-source"):
        return _new_file(root, args.command, args.id)
    raise AssertionError(args.command)  # argparse only allows the commands above


def _new_file(root: Path, command: str, record_id: str) -> int:
    from .scaffold import ScaffoldError, new_exercise, new_source

    try:
        path = (new_exercise if command == "new-exercise" else new_source)(root, record_id)
    except ScaffoldError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"created {path.relative_to(root)}: fill in every field marked TODO, then run 'python -m build_tools check'")
    from .schema import PROJECT_SCHEMA_DIR, write_schemas

    if (root / PROJECT_SCHEMA_DIR).is_dir():  # the new id is offered as you type in every file that can name it
        write_schemas(root / PROJECT_SCHEMA_DIR, root)
        print(f"updated the id lists in {PROJECT_SCHEMA_DIR}/: commit them with your file")
    return 0


def _check(root: Path, *, github: bool, today: dt.date, summary: Path | None = None) -> int:
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
        if summary is not None:
            _add_summary(summary, markdown_summary(error.problems, ""))
        return 1
    counts = ", ".join(
        f"{len(getattr(catalogue, name))} {name.replace('_', ' ')}"
        for name in ("exercises", "routines", "signs", "self_tests", "red_flags", "sources", "glossary")
    )
    print(f"All data is valid: {counts}.")
    if summary is not None:
        _add_summary(summary, markdown_summary([], f"All data is valid: {counts}."))
    from .schema import PROJECT_SCHEMA_DIR, stale_schemas

    if (root / PROJECT_SCHEMA_DIR).is_dir() and (stale := stale_schemas(root, root / PROJECT_SCHEMA_DIR)):
        print(
            f"note: the editor schemas ({', '.join(stale)}) do not list the current ids or fields: run "
            "'python -m build_tools schema' and commit build_tools/schemas/",
            file=sys.stderr,
        )
    return 0


def _add_summary(path: Path, markdown: str) -> None:
    """Append to the job summary (other steps write to the same file)."""
    with path.open("a", encoding="utf-8") as summary:
        summary.write(markdown + "\n")


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
