"""Text runs of a PDF with their printed sizes, for the tests that measure type in printed handouts.

A run's printed size is its font size times the vertical scale of its text matrix and the current
transformation matrix (pypdf's text visitor). Used by test_handout_pdfs.py (the routines' PDFs) and
test_builder_print.py (the builder's).
"""

from __future__ import annotations

from pypdf import PdfReader

from build_tools import figures


def _times(a: list[float], b: list[float]) -> list[float]:
    return [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]


def text_runs(reader: PdfReader) -> list[tuple[int, float, str]]:
    """(page index, printed size in pt, text) of every text run that shows something."""
    runs: list[tuple[int, float, str]] = []
    for index, page in enumerate(reader.pages):

        def visit(
            text: str, cm: list[float], tm: list[float], font: object, font_size: float, index: int = index
        ) -> None:
            if text.strip():
                matrix = _times([float(v) for v in tm], [float(v) for v in cm])
                runs.append((index, font_size * (matrix[2] ** 2 + matrix[3] ** 2) ** 0.5, text.strip()))

        page.extract_text(visitor_text=visit)
    return runs


def printed_forms(label: str) -> set[str]:
    """The runs a figure's label can print as: whole, or as the two lines figures.py wraps it to
    (``figures.two_lines``, used when that saves a row of poses)."""
    return {label, *figures.two_lines(label)}
