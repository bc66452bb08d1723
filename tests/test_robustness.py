"""The loader never crashes: whatever an editor writes, the answer is a list of problems.

Hypothesis writes random exercise records (dicts with random keys and values, over a valid
record so that validation goes deep) and random mutations of a valid exercise file's text
(lines deleted, duplicated or re-indented, characters swapped, random Unicode inserted,
bytes that are not UTF-8) into a copy of the mini fixture project, then loads it.
``build_tools.project.load`` must either succeed or raise ``DataError`` whose every problem
names a file that exists and a line inside it. Any other exception is a bug in the loader.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from build_tools import models, project
from build_tools.problems import DataError
from conftest import MINI

EXAMPLES = settings(
    max_examples=150,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
TARGET = "exercises/bridge.yml"
VALID = (MINI / TARGET).read_bytes()


@pytest.fixture(scope="module")
def project_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz") / "mini"
    shutil.copytree(MINI, root)
    return root


def load_and_check(root: Path, data: bytes) -> None:
    """Write ``data`` as the exercise file, load the project, and check the outcome."""
    target = root / TARGET
    target.write_bytes(data)
    try:
        project.load(root)
    except DataError as error:
        assert error.problems, "DataError without problems"
        for problem in error.problems:
            path = root / problem.path
            assert path.is_file(), f"{problem}: no such file"
            text = path.read_bytes().decode("utf-8", errors="replace")
            lines = len(text.splitlines()) + 1
            assert 1 <= problem.line <= lines, f"{problem}: line outside the file's {lines - 1} line(s)"
            assert problem.col >= 1, f"{problem}: column before the start of the line"
            assert problem.field and problem.message, str(problem)
    finally:
        target.write_bytes(VALID)


# -- random records ----------------------------------------------------------------------

FIELD_NAMES = sorted(
    {name for model in (models.Exercise, models.Dose, models.Muscles, models.Review) for name in model.model_fields}
)
keys = st.one_of(st.sampled_from(FIELD_NAMES), st.text(max_size=12), st.integers(-3, 3), st.booleans(), st.none())
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=30),
    st.sampled_from(
        ["", "TODO", "a" * 400, "<b>bold</b>", "[x](javascript:1)", "source-a", "stretch", "beginner", "2026-01-01"]
    ),
    st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)),
)
values = st.recursive(
    scalars,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(keys, inner, max_size=4)),
    max_leaves=12,
)


def dump(record: object) -> bytes:
    stream = io.StringIO()
    yaml = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.dump(record, stream)
    return stream.getvalue().encode("utf-8")


def valid_record() -> dict:
    return YAML(typ="safe", pure=True).load(VALID.decode("utf-8"))


@settings(EXAMPLES)
@given(
    changes=st.dictionaries(keys, values, max_size=6),
    removed=st.sets(st.sampled_from(sorted(valid_record())), max_size=3),
    dose_changes=st.dictionaries(keys, values, max_size=3),
)
def test_random_records_give_data_errors_with_positions(
    project_copy: Path, changes: dict, removed: set, dose_changes: dict
) -> None:
    record = valid_record()
    for key in removed:
        record.pop(key, None)
    if isinstance(record.get("dose"), dict):
        record["dose"].update(dose_changes)
    record.update(changes)
    load_and_check(project_copy, dump(record))


@settings(EXAMPLES)
@given(record=values)
def test_any_yaml_document_gives_data_errors_with_positions(project_copy: Path, record: object) -> None:
    load_and_check(project_copy, dump(record))


# -- values an editor might type -------------------------------------------------------------

TRICKY_VALUES = [
    "2026-13-01",
    "2026-02-30",
    "0000-01-01",
    "2026-1-1",
    "2026-01-01T25:00",
    "~",
    "null",
    "yes",
    "0x1F",
    "0o17",
    ".nan",
    "-.inf",
    "1e999",
    "1_000",
    "!!binary x",
    "!!set {a}",
    "!foo x",
    "*nope",
    "&a x",
    "[unclosed",
    "{a: 1",
    "'quote",
    '"quote',
    "|",
    ">-",
    "- item",
    "@x",
    "`x",
    "%x",
    "? x",
    "a: b",
    "#",
    "'",
    '"\\x"',
    '"\\u00"',
    "<<: {a: 1}",
    "[a, [b, {c: d}]]",
    "{}",
    "[]",
    "''",
]


@st.composite
def file_with_a_value_changed(draw: st.DrawFn) -> bytes:
    lines = list(VALID_LINES)
    for _ in range(draw(st.integers(1, 3))):
        i = draw(st.sampled_from([n for n, line in enumerate(lines) if ":" in line or line.lstrip().startswith("-")]))
        line = lines[i]
        cut = line.index(":") + 1 if ":" in line else line.index("-") + 1
        lines[i] = line[:cut] + " " + draw(st.sampled_from(TRICKY_VALUES)) + "\n"
    return "".join(lines).encode("utf-8")


# A date that YAML reads as a timestamp but that does not exist (2026-02-30, 2026-13-01)
# makes ruamel.yaml raise a bare ValueError; the loader keeps it as text, so validation
# reports it at its line.


def test_an_impossible_review_date_is_a_data_error(project_copy: Path) -> None:
    load_and_check(project_copy, VALID.replace(b"last_reviewed: 2026-01-01", b"last_reviewed: 2026-02-30"))


@settings(EXAMPLES)
@given(data=file_with_a_value_changed())
def test_tricky_values_give_data_errors_with_positions(project_copy: Path, data: bytes) -> None:
    load_and_check(project_copy, data)


# A tab inside a field name ("feel\tit: ...") is accepted by the fast YAML loader, so
# validation fails ("unknown field"), but the round-trip loader that finds lines refuses it.
def test_a_tab_inside_a_field_name_is_a_data_error(project_copy: Path) -> None:
    load_and_check(project_copy, VALID.replace(b"feel_it:", b"feel\tit:"))


# -- random edits of a valid file ------------------------------------------------------------

VALID_LINES = VALID.decode("utf-8").splitlines(keepends=True)
unicode_text = st.text(st.characters(exclude_categories=["Cs"]), min_size=1, max_size=4)


@st.composite
def edited_file(draw: st.DrawFn) -> bytes:
    lines = list(VALID_LINES)
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        edit = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "swap", "insert", "tab", "cut"]))
        line = lines[i]
        if edit == "delete":
            del lines[i]
        elif edit == "duplicate":
            lines.insert(i, line)
        elif edit == "indent":
            lines[i] = " " * draw(st.integers(1, 5)) + line
        elif edit == "dedent":
            lines[i] = line.lstrip(" ")
        elif edit == "tab":
            lines[i] = "\t" + line
        elif edit == "swap" and len(line) > 1:
            j = draw(st.integers(0, len(line) - 2))
            lines[i] = line[:j] + line[j + 1] + line[j] + line[j + 2 :]
        elif edit == "insert":
            j = draw(st.integers(0, len(line)))
            lines[i] = line[:j] + draw(unicode_text) + line[j:]
        elif edit == "cut":
            lines[i] = line[: draw(st.integers(0, len(line)))]
    return "".join(lines).encode("utf-8")


@settings(EXAMPLES)
@given(data=edited_file())
def test_edited_files_give_data_errors_with_positions(project_copy: Path, data: bytes) -> None:
    load_and_check(project_copy, data)


# A file saved as Latin-1 or UTF-16 is a problem at its first byte that is not UTF-8.


def test_an_exercise_file_saved_as_latin1_is_a_data_error(project_copy: Path) -> None:
    # "summary: Café ..." written by an editor set to Latin-1 (Windows-1252): byte 0xE9.
    load_and_check(project_copy, VALID.replace(b"summary: ", "summary: Café ".encode("latin-1")))


def test_a_prose_page_saved_as_latin1_is_a_data_error(project_copy: Path) -> None:
    page = project_copy / "content/index.md"
    before = page.read_bytes()
    page.write_bytes(before + "\nCafé\n".encode("latin-1"))
    try:
        load_and_check(project_copy, VALID)
    finally:
        page.write_bytes(before)


@settings(EXAMPLES)
@given(position=st.integers(0, len(VALID)), junk=st.binary(min_size=1, max_size=3))
@example(position=VALID.index(b"Lift your hips"), junk="é".encode("latin-1"))  # saved as Latin-1
@example(position=0, junk=b"\xef\xbb\xbf")  # a byte-order mark, as some Windows editors write
@example(position=0, junk=b"\xff\xfe")  # the start of a UTF-16 file
def test_bytes_that_are_not_utf8_give_data_errors(project_copy: Path, position: int, junk: bytes) -> None:
    load_and_check(project_copy, VALID[:position] + junk + VALID[position:])


def test_the_date_fix_changes_only_this_projects_parsers() -> None:
    """yaml_positions keeps impossible dates as text through its own constructor subclasses:
    importing build_tools leaves ruamel's own SafeConstructor as it was for everyone else."""
    import ruamel.yaml
    from ruamel.yaml.constructor import SafeConstructor

    from build_tools import yaml_positions

    assert SafeConstructor.yaml_constructors["tag:yaml.org,2002:timestamp"] is SafeConstructor.construct_yaml_timestamp
    with pytest.raises(ValueError):
        ruamel.yaml.YAML(typ="safe").load("when: 2026-02-30\n")
    assert yaml_positions.safe_yaml().load("when: 2026-02-30\n") == {"when": "2026-02-30"}
    assert str(yaml_positions.safe_yaml().load("when: 2026-02-28\n")["when"]) == "2026-02-28"
