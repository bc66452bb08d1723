"""What volunteer editors lean on: hover help and id lists in the schemas, the field reference in
CONTRIBUTING.md, the source template, books as sources, and commands that need no make."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from build_tools import field_docs, fields, project, run
from build_tools.models import RECORD_TYPES
from build_tools.problems import DataError
from build_tools.render import render_pages
from build_tools.schema import PROJECT_SCHEMA_DIR, known_ids, plain, render_schemas
from build_tools.urls import SiteInfo
from conftest import ROOT


def cli(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "build_tools", "--root", str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )


def descriptions(node: object) -> list[str]:
    if isinstance(node, dict):
        found = [node["description"]] if isinstance(node.get("description"), str) else []
        return found + [d for value in node.values() for d in descriptions(value)]
    if isinstance(node, list):
        return [d for value in node for d in descriptions(value)]
    return []


# -- schemas ---------------------------------------------------------------------------------


def test_hover_help_shows_no_code_marks() -> None:
    assert plain("Give either ``reps`` or `hold_seconds`.") == "Give either 'reps' or 'hold_seconds'."
    texts = [d for text in render_schemas(ROOT).values() for d in descriptions(json.loads(text))]
    assert len(texts) > 150
    assert [d for d in texts if "`" in d] == []


def test_fields_that_name_files_offer_the_ids_that_exist() -> None:
    schemas = {name: json.loads(text) for name, text in render_schemas(ROOT).items()}
    exercises = sorted(p.stem for p in (ROOT / "exercises").glob("*.yml"))
    sources = sorted(p.stem for p in (ROOT / "data/sources").glob("*.yml"))
    signs = sorted(p.stem for p in (ROOT / "data/signs").glob("*.yml"))
    exercise = schemas["exercise.schema.json"]
    assert exercise["properties"]["progressions"]["items"]["enum"] == exercises
    assert exercise["properties"]["regressions"]["items"]["enum"] == exercises
    assert exercise["properties"]["helps_with"]["items"]["enum"] == signs
    assert exercise["properties"]["sources"]["items"]["enum"] == sources
    assert exercise["definitions"]["Dose"]["properties"]["sources"]["items"]["enum"] == sources
    routine = schemas["routine.schema.json"]
    assert routine["definitions"]["RoutineItem"]["properties"]["exercise"]["enum"] == exercises
    assert "x-ids" not in "".join(render_schemas(ROOT).values())


def test_id_lists_follow_the_project(mini: Path) -> None:
    assert known_ids(mini) == {
        "exercises": ["bridge", "stretch"],
        "sources": ["source-a", "source-b"],
        "signs": ["tight"],
    }
    (mini / PROJECT_SCHEMA_DIR).mkdir(parents=True)
    created = cli(mini, "new-source", "gamma-2024")
    assert created.returncode == 0, created.stderr
    schema = json.loads((mini / PROJECT_SCHEMA_DIR / "exercise.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["sources"]["items"]["enum"] == ["gamma-2024", "source-a", "source-b"]


# -- CONTRIBUTING.md -------------------------------------------------------------------------


def test_the_field_reference_in_contributing_is_current() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert field_docs.updated(text) == text, (
        "run 'make schema' (python -m build_tools schema) and commit CONTRIBUTING.md"
    )


def test_every_field_of_every_record_is_documented() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for record_type in RECORD_TYPES:
        rows = field_docs.field_rows(record_type)
        assert rows, record_type
        for path, _, description in rows:
            assert f"| `{path}` |" in text, f"{record_type}: {path}"
            assert len(description) > 10, f"{record_type}: {path} has no real description"


@pytest.mark.parametrize(
    "field", ["adjustable", "helps_with", "aliases", "dose.sources", "sources", "reviewed_by", "publisher", "isbn"]
)
def test_the_fields_editors_asked_about_are_explained_in_words(field: str) -> None:
    """Beyond the generated table: the steps and sections editors read first explain them."""
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    written = text[: text.index(field_docs.START)]
    assert f"`{field}`" in written or f"`dose.{field}`" in written, field


def test_contributing_covers_every_platform_and_the_browser() -> None:
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    for words in (
        r".venv\Scripts\python -m pip install --require-hashes --no-deps -r requirements.lock",
        ".venv/bin/python -m pip install --require-hashes --no-deps -r requirements.lock",
        "python -m venv .venv",
        "Codespaces",
        "Tasks: Run Task",
        "macOS",
        "Windows",
        "Linux",
    ):
        assert words in text, words
    for choice in ("type", "grade"):
        assert f"**Choosing `{choice}`.**" in text


# -- sources ---------------------------------------------------------------------------------


@pytest.mark.parametrize("isbn", ["978-0-19-852663-6", "9780198526636", "0-19-852663-6", "0 19 852663 6", "080442957X"])
def test_good_isbns_pass(isbn: str) -> None:
    assert fields.check_isbn(isbn) == isbn


@pytest.mark.parametrize(
    ("isbn", "words"),
    [("978-0-19-852663-7", "check digit"), ("0-19-852663-7", "check digit"), ("12345", "write it like")],
)
def test_bad_isbns_are_refused(isbn: str, words: str) -> None:
    with pytest.raises(ValueError, match=words):
        fields.check_isbn(isbn)


BOOK = {
    "authors: TODO Surname AB, Surname CD ": "authors: Moore KL, Dalley AF, Agur AMR ",
    "year: TODO ": "year: 2018 ",
    "title: TODO Title of the article, book, guideline or page ": "title: Clinically oriented anatomy ",
    "published_in: TODO Journal year;volume(issue):pages ": "# published_in: none ",
    "# publisher: TODO ": "publisher: Wolters Kluwer ",
    "# edition: 11th edition ": "edition: 8th edition ",
    "type: TODO ": "type: textbook ",
    "grade: TODO ": "grade: expert-opinion ",
    "# isbn: 978-1-9751-5018-1 ": "isbn: 978-0-19-852663-6 ",
}


def test_new_source_lists_every_placeholder_then_passes_as_a_book(mini: Path) -> None:
    created = cli(mini, "new-source", "moore-2018")
    assert created.returncode == 0, created.stderr
    path = mini / "data/sources/moore-2018.yml"
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../build_tools/schemas/source.schema.json\n")
    assert "[@moore-2018]" in text
    for name in ("authors", "year", "title", "published_in", "publisher", "edition", "type", "grade"):
        assert re.search(rf"^#? ?{name}: .*# ", text, re.MULTILINE), f"{name} has no comment"
    for name in ("doi", "pmid", "pmcid", "isbn", "url", "note"):
        assert re.search(rf"^# {name}: .*# ", text, re.MULTILINE), f"{name} has no commented example"

    with pytest.raises(DataError) as caught:
        project.load(mini)
    reported = {(p.field, p.line) for p in caught.value.problems if p.path == "data/sources/moore-2018.yml"}
    lines = text.split("\n")
    for field in ("authors", "year", "title", "published_in", "type", "grade"):
        line = next(i for i, row in enumerate(lines, start=1) if row.startswith(f"{field}:"))
        assert (field, line) in reported, (field, sorted(reported))

    for old, new in BOOK.items():
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    catalogue = project.load(mini)
    book = catalogue.sources["moore-2018"]
    assert (book.publisher, book.edition, book.published_in) == ("Wolters Kluwer", "8th edition", None)
    references = render_pages(catalogue, SiteInfo())["references.md"]
    assert "Clinically oriented anatomy. 8th edition. Wolters Kluwer. Textbook or reference work" in references

    path.write_text(text.replace("isbn: 978-0-19-852663-6", "isbn: 978-0-19-852663-7"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        project.load(mini)
    (problem,) = caught.value.problems
    isbn_line = next(i for i, row in enumerate(text.split("\n"), start=1) if row.startswith("isbn:"))
    assert (problem.path, problem.line, problem.field) == ("data/sources/moore-2018.yml", isbn_line, "isbn")
    assert "check digit is wrong" in problem.message


def test_a_source_needs_a_journal_or_a_publisher(mini: Path) -> None:
    source = mini / "data/sources/source-a.yml"
    text = source.read_text(encoding="utf-8")
    source.write_text(re.sub(r"^published_in:.*\n", "", text, flags=re.MULTILINE), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        project.load(mini)
    (problem,) = caught.value.problems
    assert "give published_in (a journal, website or book) or publisher" in problem.message


def test_a_todo_left_in_a_text_is_refused(mini: Path) -> None:
    bridge = mini / "exercises/bridge.yml"
    text = bridge.read_text(encoding="utf-8")
    bridge.write_text(text.replace("feel_it: In your buttocks.", "feel_it: TODO Where you feel it."), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        project.load(mini)
    (problem,) = caught.value.problems
    assert (problem.field, problem.line) == ("feel_it", 17)
    assert "TODO placeholder" in problem.message


# -- any platform, no make -------------------------------------------------------------------


def test_make_runs_the_same_commands_as_python_m_build_tools() -> None:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for command in ("serve", "site", "check", "test"):
        assert re.search(rf"^{command}:.*\n\t\$\(BIN\)/python -m build_tools {command}$", makefile, re.MULTILINE), (
            command
        )
    serve = run.serve_command()
    assert serve[:4] == [sys.executable, "-m", "mkdocs", "serve"]
    assert {"--dirty", "--livereload"} <= set(serve) and serve[-2:] == ["--dev-addr", "127.0.0.1:8000"]


def test_the_test_command_passes_its_words_to_pytest() -> None:
    result = cli(ROOT, "test", "--collect-only", "-q", "tests/test_dose.py", "-k", "not nothing_matches_this")
    assert result.returncode == 0, result.stderr
    assert re.search(r"\d+ tests? collected", result.stdout), result.stdout


def test_the_environment_matches_the_makefile(tmp_path: Path) -> None:
    env = run.project_env(tmp_path)  # not a git checkout: the Makefile's fixed date
    if "SOURCE_DATE_EPOCH" not in os.environ:
        assert env["SOURCE_DATE_EPOCH"] == run.FALLBACK_EPOCH
        assert run.FALLBACK_EPOCH in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert env["NO_MKDOCS_2_WARNING"] == "1"


def test_the_devcontainer_previews_with_the_schemas_mapped() -> None:
    config = json.loads((ROOT / ".devcontainer/devcontainer.json").read_text(encoding="utf-8"))
    assert re.search(r"python:1-3\.11-", config["image"])
    assert "chromium" in config["onCreateCommand"] and "requirements.lock" in config["onCreateCommand"]
    assert "--require-hashes" in config["onCreateCommand"]
    assert config["postAttachCommand"] == ".venv/bin/python -m build_tools serve"
    assert config["forwardPorts"] == [int(run.DEV_ADDR.rsplit(":", 1)[1])]
    vscode = config["customizations"]["vscode"]
    assert "redhat.vscode-yaml" in vscode["extensions"]
    mapped = vscode["settings"]["yaml.schemas"]
    assert len(mapped) == len(RECORD_TYPES)
    for schema, globs in mapped.items():
        assert (ROOT / schema).is_file(), schema
        for pattern in globs:
            files = sorted(ROOT.glob(pattern))
            assert files, pattern
            for path in files:  # the same schema the file's own first line names
                first = path.read_text(encoding="utf-8").splitlines()[0]
                assert first.endswith(Path(schema).name), (path, first)


def test_the_editor_tasks_run_the_commands() -> None:
    tasks = json.loads((ROOT / ".vscode/tasks.json").read_text(encoding="utf-8"))["tasks"]
    by_label = {task["label"]: task for task in tasks}
    assert by_label["Check the data"]["args"] == ["-m", "build_tools", "check"]
    assert by_label["Preview the site"]["args"] == ["-m", "build_tools", "serve"]
    assert by_label["Run the tests"]["args"] == ["-m", "build_tools", "test"]
    pattern = re.compile(by_label["Check the data"]["problemMatcher"]["pattern"]["regexp"])
    found = pattern.match("  exercises/a.yml:23:9: dose.sets: Input should be a valid integer")
    assert found is not None and found.groups() == (
        "exercises/a.yml",
        "23",
        "9",
        "dose.sets: Input should be a valid integer",
    )


def test_check_notes_schemas_that_miss_a_new_id(mini: Path) -> None:
    (mini / PROJECT_SCHEMA_DIR).mkdir(parents=True)
    assert cli(mini, "schema").returncode == 0
    quiet = cli(mini, "check", "--today", "2026-06-01")
    assert quiet.returncode == 0 and "note:" not in quiet.stderr, quiet.stderr
    (mini / "data/sources/source-c.yml").write_text((mini / "data/sources/source-a.yml").read_text())
    noted = cli(mini, "check", "--today", "2026-06-01")
    assert noted.returncode == 0, noted.stderr
    assert "note: the editor schemas (exercise.schema.json," in noted.stderr
