"""Front matter of hand-written pages is read as MkDocs reads it (issue 14, item 9).

``prose`` must not import MkDocs, so it repeats MkDocs' reading (``mkdocs.utils.meta.get_data``
on ``File.content_string``); these tests compare the two and fail loudly when they drift apart.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from mkdocs.utils import meta as mkdocs_meta

from build_tools import project, prose
from build_tools.problems import DataError
from conftest import ROOT

PAGE = "content/see-a-clinician.md"

BLOCKS = [
    'title: "When to see a clinician"\ndescription: plain\n',
    "title: yes\n",
    "title: No\n",
    "title: on\n",
    "title: 2024\n",
    "title: 1e3\n",
    "title: ~\n",
    "title: 0x1F\n",
    "title: 12:30\n",
    "last_reviewed: 2026-01-01\n",
    "title: 'quoted: colon'\nscripts: [finder, builder]\n",
    "title: >-\n  folded\n  text\n",
]


@pytest.mark.parametrize("block", BLOCKS)
def test_front_matter_is_parsed_as_mkdocs_parses_it(block: str) -> None:
    page = f"---\n{block}---\n\n# Body\n"
    _, mkdocs_data = mkdocs_meta.get_data(page)
    match = prose._FRONT_MATTER.match(page)
    assert match is not None
    assert prose.load_front_matter(match.group(1)) == mkdocs_data, "prose reads front matter unlike MkDocs"


def test_the_regex_and_loader_are_mkdocs_own() -> None:
    assert prose._FRONT_MATTER.pattern == mkdocs_meta.YAML_RE.pattern
    assert prose._FRONT_MATTER.flags == mkdocs_meta.YAML_RE.flags
    assert issubclass(prose._LOADER, mkdocs_meta.SafeLoader)


@pytest.mark.parametrize("path", sorted((ROOT / "content").rglob("*.md")), ids=lambda p: p.name)
def test_every_real_page_reads_the_same(path: Path) -> None:
    from mkdocs.structure.files import File

    file = File(path.relative_to(ROOT / "content").as_posix(), str(ROOT / "content"), "/tmp/unused", False)
    _, mkdocs_data = mkdocs_meta.get_data(file.content_string)
    text = prose.read_page(path, path.name, [])
    assert text == file.content_string
    match = prose._FRONT_MATTER.match(text)
    assert match is not None and prose.load_front_matter(match.group(1)) == mkdocs_data


def test_crlf_bom_and_cr_are_read_as_mkdocs_reads_them(tmp_path: Path) -> None:
    from mkdocs.structure.files import File

    raw = "\ufeff---\r\ntitle: Page\r\n---\r\n\r\nBody\rline\n".encode()
    (tmp_path / "p.md").write_bytes(raw)
    file = File("p.md", str(tmp_path), "/tmp/unused", False)
    assert prose.read_page(tmp_path / "p.md", "p.md", []) == file.content_string


@pytest.mark.parametrize("value", ["yes", "no", "on", "off", "True", "2024", "3.5", ""])
def test_a_title_yaml_reads_as_not_text_is_refused_at_its_line(mini: Path, value: str) -> None:
    text = (mini / PAGE).read_text(encoding="utf-8")
    (mini / PAGE).write_text(text.replace('title: "When to see a clinician"', f"title: {value}"), encoding="utf-8")
    with pytest.raises(DataError) as caught:
        project.load(mini)
    (problem,) = caught.value.problems
    assert str(problem).startswith(f"{PAGE}:2:1: title: a title must be text"), str(problem)
    if value:
        assert "put it in quotes" in problem.message


def test_quoted_yes_is_a_fine_title(mini: Path) -> None:
    text = (mini / PAGE).read_text(encoding="utf-8")
    (mini / PAGE).write_text(text.replace('title: "When to see a clinician"', 'title: "yes"'), encoding="utf-8")
    project.load(mini)


def test_crlf_and_bom_pages_pass_the_check(mini: Path) -> None:
    text = (mini / PAGE).read_text(encoding="utf-8")
    (mini / PAGE).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    project.load(mini)


def test_crlf_page_problems_keep_their_lines(mini: Path) -> None:
    text = (mini / PAGE).read_text(encoding="utf-8").replace("next_review: 2027-01-01", "next_review: soon")
    (mini / PAGE).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    with pytest.raises(DataError) as caught:
        project.load(mini)
    (problem,) = caught.value.problems
    assert (problem.path, problem.line, problem.field) == (PAGE, 5, "next_review"), str(problem)


def test_duplicate_front_matter_key_is_refused(mini: Path) -> None:
    text = (mini / PAGE).read_text(encoding="utf-8")
    (mini / PAGE).write_text(
        text.replace("next_review: 2027-01-01", "next_review: 2027-01-01\ntitle: Again"), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        project.load(mini)
    (problem,) = caught.value.problems
    assert re.fullmatch(
        rf"{PAGE}:6:1: <front matter>: the field 'title' is given twice in the same block \(first on line 2\).*",
        str(problem),
    )


def test_prose_does_not_import_mkdocs() -> None:
    source = (ROOT / "build_tools" / "prose.py").read_text(encoding="utf-8")
    assert not re.search(r"^\s*(from|import) mkdocs", source, re.MULTILINE)
    assert yaml.__with_libyaml__ == (prose._MKDOCS_LOADER is getattr(yaml, "CSafeLoader", None))


@pytest.mark.parametrize("line", ["[a]: 1", "{a: 1}: 2", "? [x, y]\n: 3", "3: three"])
def test_odd_keys_are_reported_not_crashed_on(mini: Path, line: str) -> None:
    text = (mini / PAGE).read_text(encoding="utf-8")
    (mini / PAGE).write_text(
        text.replace("next_review: 2027-01-01", f"next_review: 2027-01-01\n{line}"), encoding="utf-8"
    )
    with pytest.raises(DataError) as caught:
        project.load(mini)
    (problem,) = caught.value.problems
    assert problem.path == PAGE, str(problem)
