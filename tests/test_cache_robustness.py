"""A damaged cache never fails a build or changes its output (issue 14, item 7).

The mini project is built once, which fills its cache folder (parsed YAML, drawn figures,
compiled templates). Each test copies that project with its cache, damages the cache one
way (truncated files, random bytes, valid files of the wrong shape, folders where files
should be, a file where the folder should be, a read-only folder, pickles that would run
code if unpickled), builds again, and compares every file of the site byte for byte with
the first build. The handout test does the same to the cached PDFs, with Chromium.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import pickle
import shutil
import stat
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from build_tools import build_caches, cache, printing
from conftest import BIN, MINI, mkdocs_build

CACHE = Path(".cache/hamstrings")
MARKER = "pickle-ran-code"


def build(
    project: Path, site: Path, *, unprivileged: bool = False, strict: bool = True
) -> subprocess.CompletedProcess[str]:
    """``mkdocs build --strict`` in its own process; ``unprivileged`` drops root's right to write anywhere."""
    command = [str(BIN / "mkdocs"), "build", *(["--strict"] if strict else []), "--site-dir", str(site)]
    if unprivileged and os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: a read-only folder cannot be made")
        command = [setpriv, "--bounding-set=-dac_override,-dac_read_search,-fowner", *command]
    env = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "DISABLE_MKDOCS_2_WARNING": "true",
        "SOURCE_DATE_EPOCH": "1700000000",
    }
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True, timeout=300)


def digests(site: Path) -> dict[str, str]:
    return {
        p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def warmed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    """The mini project after one clean build (its cache filled), and that build's files."""
    folder = tmp_path_factory.mktemp("warmed")
    project = folder / "mini"
    shutil.copytree(MINI, project)
    result = build(project, folder / "site")
    assert result.returncode == 0, result.stderr
    assert all((project / CACHE / name).is_file() for name in ("yaml.cache", "poses.cache", "figures.cache"))
    assert not (project / CACHE / "jinja").exists()  # compiled templates are code: never on disk
    return project, digests(folder / "site")


@pytest.fixture
def project(warmed: tuple[Path, dict[str, str]], tmp_path: Path) -> Path:
    copy = tmp_path / "mini"
    shutil.copytree(warmed[0], copy)
    return copy


def _cache_files(project: Path) -> list[Path]:
    folder = project / CACHE
    return [folder / "yaml.cache", folder / "poses.cache", folder / "figures.cache"]


def _truncate(project: Path) -> None:
    for path in _cache_files(project):
        data = path.read_bytes()
        path.write_bytes(data[: len(data) // 2])


def _truncate_to_header(project: Path) -> None:
    for path in _cache_files(project):
        path.write_bytes(path.read_bytes()[: len(cache.MAGIC) + 65])


def _random_bytes(project: Path) -> None:
    for path in _cache_files(project):
        path.write_bytes(os.urandom(max(64, path.stat().st_size)))


def _empty(project: Path) -> None:
    for path in _cache_files(project):
        path.write_bytes(b"")


def _flip_one_byte(project: Path) -> None:
    for path in _cache_files(project):
        data = bytearray(path.read_bytes())
        data[-10] ^= 0x55
        path.write_bytes(bytes(data))


def _wrong_json_types(project: Path) -> None:
    """Files whose hash is right (as if written by the same code) but whose JSON is not what is expected."""
    folder = project / CACHE
    yaml_tag, figures_tag = (
        f"data {cache.FORMAT} {build_caches.YAML_CODE}",
        f"data {cache.FORMAT} {build_caches.figures_code()}",
    )
    key = {"\u0000t": "bytes", "v": base64.b64encode(b"k" * 20).decode()}
    cache.write_blob(folder / "yaml.cache", yaml_tag, json.dumps([[key, "not a mapping"], [1, {}], "junk"]).encode())
    cache.write_blob(
        folder / "figures.cache",
        figures_tag,
        json.dumps(
            [[{"\u0000t": "tuple", "v": [False, "data"]}, 42], [{"\u0000t": "nonsense", "v": 1}, "svg"]]
        ).encode(),
    )


def _json_of_another_shape(project: Path) -> None:
    folder = project / CACHE
    cache.write_blob(folder / "yaml.cache", f"data {cache.FORMAT} {build_caches.YAML_CODE}", b'{"a": 1}')
    cache.write_blob(folder / "figures.cache", f"data {cache.FORMAT} {build_caches.figures_code()}", b"[[[1, [2]], 3]]")


def _directories_for_files(project: Path) -> None:
    for path in _cache_files(project):
        path.unlink()
        (path / "inside").mkdir(parents=True)


def _pipes_and_devices(project: Path) -> None:
    """A named pipe (reading it would wait for ever) and a device where cache files should be."""
    files = _cache_files(project)
    for path in files:
        path.unlink()
    os.mkfifo(files[0])
    for path in files[1:]:
        path.symlink_to("/dev/zero")


def _file_for_cache_folder(project: Path) -> None:
    shutil.rmtree(project / ".cache")
    (project / ".cache").mkdir()
    (project / CACHE).write_text("a file where the cache folder should be\n")


def _files_for_subfolders(project: Path) -> None:
    for name in ("jinja", "pdf", "pages"):
        shutil.rmtree(project / CACHE / name, ignore_errors=True)
        (project / CACHE / name).write_text("a file where a folder should be\n")


class _RunsCode:
    def __init__(self, target: Path) -> None:
        self.target = target

    def __reduce__(self):
        return (open, (os.fspath(self.target), "w"))


def _pickles(project: Path) -> None:
    """What an attacker could put in the cache folder: pickles that create a file when loaded."""
    payload = pickle.dumps({"format": 1, "code": "x", "entries": _RunsCode(project / MARKER)})
    folder = project / CACHE
    for name in ("yaml.cache", "figures.cache", "yaml.pickle", "figures.pickle"):
        (folder / name).write_bytes(payload)
    # and compiled templates in the formats earlier versions kept (Jinja's own reads them with pickle)
    (folder / "jinja").mkdir(exist_ok=True)
    (folder / "jinja" / "0123abcd.jinja").write_bytes(payload)
    (folder / "jinja" / "__jinja2_0123abcd.cache").write_bytes(b"j2" + payload)


DAMAGE: dict[str, Callable[[Path], None]] = {
    "truncated": _truncate,
    "header only": _truncate_to_header,
    "random bytes": _random_bytes,
    "empty files": _empty,
    "one byte changed": _flip_one_byte,
    "wrong JSON types": _wrong_json_types,
    "JSON of another shape": _json_of_another_shape,
    "directories where files should be": _directories_for_files,
    "a pipe and devices where files should be": _pipes_and_devices,
    "a file where the cache folder should be": _file_for_cache_folder,
    "files where its folders should be": _files_for_subfolders,
    "pickles that run code": _pickles,
}


@pytest.mark.parametrize("damage", list(DAMAGE))
def test_a_damaged_cache_gives_the_same_site(damage: str, project: Path, warmed, tmp_path: Path) -> None:
    DAMAGE[damage](project)
    result = build(project, tmp_path / "site")
    assert result.returncode == 0, result.stderr[-3000:]
    assert "Traceback" not in result.stderr
    assert digests(tmp_path / "site") == warmed[1]
    assert not (project / MARKER).exists(), "a cache file ran code"
    folder = project / CACHE
    if folder.is_dir() and (folder / "yaml.cache").is_file():
        # A damaged entry was a miss, and is written again whole: the next build has it.
        assert cache.read(folder / "yaml.cache", build_caches.YAML_CODE, build_caches.valid_parsed)
    if damage.startswith("a file where"):
        assert result.stderr.count("cannot be used") == 1, result.stderr
    if damage.startswith("a file where") or damage.startswith("files where"):
        # Subfolders are checked only when the build uses them (this one uses none): at most one line.
        assert result.stderr.count("cannot be used") <= 1, result.stderr
        # Said in one info line each, not a warning (a warning fails --strict builds).
        assert "WARNING" not in result.stderr


def test_a_read_only_cache_folder_gives_the_same_site_with_one_line(project: Path, warmed, tmp_path: Path) -> None:
    for folder, _dirs, files in os.walk(project / CACHE):
        for name in files:
            os.chmod(os.path.join(folder, name), stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    for folder, _dirs, _files in os.walk(project / CACHE, topdown=False):
        os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH | stat.S_IXOTH)
    try:
        result = build(project, tmp_path / "site", unprivileged=True)
    finally:
        for folder, _dirs, _files in os.walk(project / CACHE):
            os.chmod(folder, 0o755)
    assert result.returncode == 0, result.stderr[-3000:]
    assert digests(tmp_path / "site") == warmed[1]
    assert result.stderr.count("cannot be used") == 1, result.stderr


def test_cached_data_keep_their_types(tmp_path: Path) -> None:
    """JSON in place of pickle: every type a YAML document or a cache key holds comes back the same."""
    import datetime as dt

    entries = {
        b"\x00" * 20: {
            "a": [1, 2.5, -0.0, True, None, "x"],
            "d": dt.date(2025, 1, 2),
            3: "int key",
            "\u0000t": "a key that looks like the tag",
            "when": dt.datetime(2025, 1, 2, 3, 4, 5),
            "text": "caf\u00e9 \U0001f9b5 \ud800 lone surrogate",
            "big": 10**40,
            "nan-free": float("inf"),
        },
        (True, "data"): "svg",
    }
    cache.write(tmp_path / "c.cache", "code", entries)
    back = cache.read(tmp_path / "c.cache", "code")
    assert back == entries
    assert [type(k) for k in back] == [bytes, tuple]
    assert type(back[b"\x00" * 20]["d"]) is dt.date and type(back[b"\x00" * 20]["when"]) is dt.datetime
    assert cache.read(tmp_path / "c.cache", "other code") == {}
    # A type JSON cannot carry leaves that entry out (it is parsed again), not the whole cache.
    cache.write(tmp_path / "c.cache", "code", {b"1": {"s": {1, 2}}, b"2": {"ok": 1}})
    assert cache.read(tmp_path / "c.cache", "code") == {b"2": {"ok": 1}}


def test_writes_are_atomic_and_leave_nothing_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "c.cache"
    cache.write(path, "code", {b"k": {"v": 1}})
    before = path.read_bytes()

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(OSError):
        cache.write(path, "code", {b"k": {"v": 2}})
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["c.cache"]


@pytest.mark.skipif(printing.find_chromium() is None, reason="Chromium is not installed")
def test_damaged_cached_pdfs_are_printed_again(warmed, tmp_path: Path) -> None:
    project = tmp_path / "mini"
    shutil.copytree(warmed[0], project)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace('pdf: "off"', 'pdf: "on"'), encoding="utf-8")
    # Not --strict: the mini theme lacks the handout stylesheet, so the handout is long (a warning).
    # Always the same site folder: with that theme the PDFs hold file: links to it.
    site = tmp_path / "site"
    first = build(project, site, strict=False)
    assert first.returncode == 0, first.stderr[-3000:]
    reference = digests(site)
    pdfs = [name for name in reference if name.endswith(".pdf")]
    # A4 and Letter, standard and large print.
    assert len(pdfs) == 4 and all((site / name).stat().st_size > 1000 for name in pdfs)
    cached = sorted((project / CACHE / "pdf").iterdir())
    assert len(cached) == 4
    # One truncated; the other replaced by a well-formed PDF of other content, without the stored hash.
    cached[0].write_bytes(cached[0].read_bytes()[:-200])
    printed = [(site / name).read_bytes() for name in pdfs]
    cached[1].write_bytes(printed[1] if cache.unpack(cached[1].read_bytes(), "pdf 1") == printed[0] else printed[0])
    second = build(project, site, strict=False)
    assert second.returncode == 0, second.stderr[-3000:]
    assert "2 printed, 2 from cache" in second.stderr, second.stderr
    assert digests(site) == reference
    third = build(project, site, strict=False)
    assert "0 printed, 4 from cache" in third.stderr, third.stderr
    assert digests(site) == reference
    # A folder where a cached PDF should be: printed, not kept (one line says so), the same site.
    cached[0].unlink()
    (cached[0] / "inside").mkdir(parents=True)
    fourth = build(project, site, strict=False)
    assert fourth.returncode == 0, fourth.stderr[-3000:]
    assert "1 printed, 3 from cache" in fourth.stderr and fourth.stderr.count("not kept in the cache") == 1
    assert digests(site) == reference


def test_cache_false_keeps_nothing_on_disk(mini: Path, tmp_path: Path) -> None:
    config = mini / "mkdocs.yml"
    config.write_text(config.read_text().replace("  - hamstrings:\n", "  - hamstrings:\n      cache: false\n", 1))
    shutil.rmtree(mini / ".cache", ignore_errors=True)  # a working copy of the fixture may have one
    result = mkdocs_build(mini, tmp_path / "site")
    assert result.returncode == 0, result.stderr
    assert not (mini / ".cache").exists()
    assert (tmp_path / "site" / "exercises" / "bridge" / "index.html").is_file()


def test_cache_false_keeps_nothing_in_memory_either(mini: Path) -> None:
    """The build's one cache object holds every cache; switched off it holds none, and the build draws afresh."""
    from build_tools import figures, project

    off = build_caches.BuildCaches(mini, ".cache/hamstrings", logging.getLogger("test"), enabled=False)
    assert off.load() is None and off.drawings is None and off.compiled_templates is None
    catalogue = project.load(mini, cache=off.load(), drawings=off.drawings)
    assert catalogue.drawings is None
    on = build_caches.BuildCaches(mini, ".cache/hamstrings", logging.getLogger("test"))
    assert on.load() is not None and isinstance(on.drawings, figures.Drawings) and on.compiled_templates is not None
    cached = project.load(mini, cache=on.parsed, drawings=on.drawings)
    assert cached == catalogue and cached.drawings is on.drawings
    exercise = catalogue.exercises["bridge"]
    assert figures.figure_svg("f-bridge", exercise, drawings=on.drawings) == figures.figure_svg("f-bridge", exercise)
    assert len(on.drawings.entries()) == 1
