"""The build's caches as one object: parsed YAML, checked poses, drawn figures, compiled templates, folders.

Beside the plugin, which owns one ``BuildCaches`` for the life of the process (under
``mkdocs serve`` it then stays in memory between rebuilds). It reads the saved caches once,
saves what a full build used, and hands out folders for the rest (printed PDFs, backing
files). What it holds reaches the build explicitly: ``parsed`` (a ``loader.ParseCache``, with
the pose checks) goes to the loader, ``drawings`` (``figures.Drawings``, with the QR codes) rides
on the catalogue to the renderers, ``compiled_templates`` (``cache.MemoryBytecodeCache``, in
memory only: code is never cached on disk) goes to MkDocs' Jinja. No module keeps a cache of its
own. A folder that cannot be made or written means building without that disk cache, said once
(the in-memory ones still serve rebuilds); the plugin's ``cache: false`` turns every cache off,
on disk and in memory. The formats and their checks are ``cache.py``'s.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
from pathlib import Path
from typing import Any

import ruamel.yaml

from . import cache, figures
from .loader import ParseCache

YAML_CODE = f"ruamel.yaml {ruamel.yaml.__version__}"
"""Parsed YAML depends only on the parser."""


def figures_code() -> str:
    package = Path(__file__).parent
    return cache.code_fingerprint(
        *(
            package / name
            for name in (
                "figures.py",
                "figure_marks.py",
                "figure_player.py",
                "motion.py",
                "kinematics.py",
                "models.py",
                "vocabulary.py",
            )
        )
    )


def valid_parsed(key: Any, value: Any) -> bool:
    """A parsed YAML document as ``ParseCache`` keeps them: its key is a 20-byte hash, its value a mapping."""
    return type(key) is bytes and len(key) == 20 and type(value) is dict


def poses_code() -> str:
    """The pose checks depend on the body model, the models and their vocabularies."""
    package = Path(__file__).parent
    return cache.code_fingerprint(
        *(package / name for name in ("kinematics.py", "models.py", "vocabulary.py", "loader.py"))
    )


def valid_pose_check(key: Any, value: Any) -> bool:
    """A pose check as ``ParseCache`` keeps them: its key names the pose, its value lists [where, message]."""
    return (
        type(key) is str
        and type(value) is list
        and all(type(p) is list and len(p) == 2 and all(type(s) is str for s in p) for p in value)
    )


def valid_drawing(key: Any, value: Any) -> bool:
    """A drawing as ``figures.Drawings`` keeps them: (standalone, the figure's data) -> the SVG."""
    return type(key) is tuple and len(key) == 2 and type(key[0]) is bool and type(key[1]) is str and type(value) is str


class BuildCaches:
    def __init__(
        self, root: Path, cache_dir: str, log: logging.Logger | logging.LoggerAdapter[Any], *, enabled: bool = True
    ) -> None:
        self.root = root
        self.cache_dir = cache_dir
        self.log = log
        self.enabled = enabled
        self.parsed: ParseCache | None = None
        """Parsed YAML and pose checks (after ``load``; None with caching off)."""
        self.drawings: figures.Drawings | None = None
        """Drawn figures and QR codes (after ``load``; None with caching off)."""
        self.compiled_templates: cache.MemoryBytecodeCache | None = cache.MemoryBytecodeCache() if enabled else None
        """MkDocs makes a new Jinja environment for every build, so under serve each rebuild would compile the
        theme's templates again: kept compiled in memory."""
        self._usable: dict[Path, bool] = {}
        """Each cache folder used so far: can it be written? (Checked once per process, said once.)"""
        self._figure_keys: frozenset[Any] = frozenset()

    def folder(self, name: str = "") -> Path | None:
        """The cache folder (or one inside it), or None when caching is off or it cannot be made or
        written: then the build runs without that cache, and says so once."""
        if not self.enabled:
            return None
        top = self.root / self.cache_dir
        folder = top / name if name else top
        if folder not in self._usable:
            if name and self.folder() is None:
                self._usable[folder] = False  # already said for the whole folder
            else:
                problem = cache.unusable(folder)
                self._usable[folder] = problem is None
                if problem is not None:
                    where = f"{self.cache_dir}/{name}" if name else self.cache_dir
                    self.log.info(f"Cache folder {where} cannot be used ({problem}): building without it")
        return folder if self._usable[folder] else None

    def load(self) -> ParseCache | None:
        """Read the saved caches once per process; the parse cache for the loader (None with caching off)."""
        if self.parsed is not None or not self.enabled:
            return self.parsed
        folder = self.folder()
        if folder is None:
            self.parsed, self.drawings = ParseCache(), figures.Drawings()
            return self.parsed
        self.parsed = ParseCache(
            cache.read(folder / "yaml.cache", YAML_CODE, valid_parsed),
            cache.read(folder / "poses.cache", poses_code(), valid_pose_check),
        )
        saved = cache.read(folder / "figures.cache", figures_code(), valid_drawing)
        self.drawings = figures.Drawings(saved)
        self._figure_keys = frozenset(saved)
        return self.parsed

    def save(self, *, full_render: bool) -> None:
        """After rendering every page, keep what this build used (and drop the rest)."""
        if not full_render or self.parsed is None or self.drawings is None:
            return
        parsed = self.parsed.entries()
        checked = self.parsed.pose_entries()
        drawn = self.drawings.entries()
        folder = self.folder()
        if folder is None:
            return
        try:
            cache.write(folder / "yaml.cache", YAML_CODE, parsed)
            cache.write(folder / "poses.cache", poses_code(), checked)
            if frozenset(drawn) != self._figure_keys:
                cache.write(folder / "figures.cache", figures_code(), drawn)
                self._figure_keys = frozenset(drawn)
        except OSError as error:  # a full disk, a folder where the file should be: slower next time, not wrong
            self.log.info(f"Cache not saved in {self.cache_dir} ({error.strerror or type(error).__name__})")
        _remove_old_cache_files(folder)


def _remove_old_cache_files(folder: Path) -> None:
    """Drop what earlier versions kept (never read now): pickles and compiled templates, so the folder
    holds data only, no code."""
    for path in [folder / "yaml.pickle", folder / "figures.pickle"]:
        with contextlib.suppress(OSError):
            path.unlink(missing_ok=True)
    jinja = folder / "jinja"
    if jinja.is_dir() and not jinja.is_symlink():
        shutil.rmtree(jinja, ignore_errors=True)
