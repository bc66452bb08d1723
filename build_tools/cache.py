"""Caches kept between builds: parsed YAML and drawn figures, saved as files in the cache folder.

Beside the flow: the plugin loads these before ``loader.load_catalogue`` and the renderers run,
and saves them after the build. Each cache is a plain dictionary keyed by what its values are
made from (a file's text, a figure's data), so a hit can never be stale data; each file also
records a fingerprint of the code that made its values, so a changed parser or drawing
routine starts from empty. A missing, unreadable or outdated cache file is simply ignored:
the build is the same, only slower.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

FORMAT = 1


def code_fingerprint(*files: Path | str) -> str:
    """A hash of the given source files (and library versions folded in by the caller)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in files:
        digest.update(str(path).encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


def read(path: Path, fingerprint: str) -> dict[Any, Any]:
    """The cache saved at ``path`` by code with this fingerprint, or ``{}``."""
    try:
        with path.open("rb") as handle:
            saved = pickle.load(handle)  # our own file in the project's cache folder
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError, TypeError):
        return {}
    if not isinstance(saved, dict) or saved.get("format") != FORMAT or saved.get("code") != fingerprint:
        return {}
    entries = saved.get("entries")
    return entries if isinstance(entries, dict) else {}


def write(path: Path, fingerprint: str, entries: dict[Any, Any]) -> None:
    """Save atomically: a build stopped half-way never leaves a truncated cache behind."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            pickle.dump({"format": FORMAT, "code": fingerprint, "entries": entries}, out,
                        protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
