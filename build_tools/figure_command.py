"""``python -m build_tools figure exercises/<id>.yml``: one exercise's figure as SVG and PNG, with its checks.

Beside the flow, for editors drawing a pose: the file is read and validated as the build reads it
(``loader.read_record``), the whole project is checked (``project.load``) for the problems in that
file (a pose the body cannot take says which angle to change, and by how much), and the figure is
drawn as the site draws the thumbnail (``figures.figure_svg``, standalone) even while its poses
have problems, so the drawing shows what the message means. The PNG is a screenshot of the SVG
in Chromium (Playwright, ``printing.find_chromium``), at twice the size; without a browser only
the SVG is written, and the command says so. Exit status: 0 when the file has no problems.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TextIO

from . import figures, models, printing, project
from .loader import read_record
from .problems import DataError, Problem


def draw(root: Path, file: Path, out_dir: Path, *, out: TextIO = sys.stdout, err: TextIO = sys.stderr) -> int:
    """Write ``<id>.svg`` and ``<id>.png`` of the exercise in ``file`` into ``out_dir``; print its checks."""
    path = file if file.is_absolute() else Path.cwd() / file
    try:
        rel = path.resolve().relative_to(root).as_posix()
    except ValueError:
        print(f"error: {file} is not inside the project folder {root}", file=err)
        return 2
    if not rel.startswith(f"{project.EXERCISES_DIR}/") or path.suffix not in (".yml", ".yaml"):
        print(f"error: {rel} is not an exercise file ({project.EXERCISES_DIR}/<id>.yml)", file=err)
        return 2
    exercise, problems = read_record(root, rel, models.Exercise)
    if exercise is None:  # the file itself does not validate: nothing to draw yet
        _print_checks(rel, problems, out)
        return 1
    assert isinstance(exercise, models.Exercise)
    try:
        project.load(root)
    except DataError as error:
        problems = [problem for problem in error.problems if problem.path == rel]
    svg = figures.figure_svg(f"f-{path.stem}", exercise, standalone=True)
    out_dir.mkdir(parents=True, exist_ok=True)
    svg_path = out_dir / f"{path.stem}.svg"
    svg_path.write_text(svg, encoding="utf-8")
    print(f"wrote {svg_path}", file=out)
    chromium = printing.find_chromium()
    if chromium is None:
        print(f"no PNG: a browser takes it ({printing.INSTALL_HINT})", file=out)
    else:
        png_path = out_dir / f"{path.stem}.png"
        png_path.write_bytes(_screenshot(chromium, svg))
        print(f"wrote {png_path}", file=out)
    _print_checks(rel, problems, out)
    return 1 if problems else 0


def _print_checks(rel: str, problems: list[Problem], out: TextIO) -> None:
    if not problems:
        print(f"{rel}: no problems: every pose fits the floor and the body", file=out)
        return
    print(f"{rel}: {len(problems)} problem{'s' if len(problems) != 1 else ''}:", file=out)
    for problem in problems:
        print(f"  {problem}", file=out)


def _screenshot(chromium: str, svg: str) -> bytes:
    from playwright.sync_api import sync_playwright

    width, height = figures.view_box_size(svg)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=printing.CHROMIUM_ARGS)
        try:
            page = browser.new_page(
                viewport={"width": round(width * 2) + 16, "height": round(height * 2) + 16}, device_scale_factor=1
            )
            page.set_content(
                '<!doctype html><html><body style="margin:8px;background:#fff">'
                f'<div style="width:{width * 2}px">{svg}</div></body></html>'
            )
            page.eval_on_selector("svg", "s => { s.setAttribute('width', '100%'); s.removeAttribute('height'); }")
            return page.locator("svg").first.screenshot(type="png")
        finally:
            browser.close()
