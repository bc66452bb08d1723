"""``make site``: build the site into a scratch folder and swap it in, one build at a time.

After the flow: ``python -m build_tools site`` runs ``mkdocs build --strict`` in its own
process (only the plugin imports MkDocs) into ``.site-build``, while holding an exclusive
lock on ``.site.lock`` (``fcntl.flock``; the system drops it when the process ends, however
it ends). A second ``make site`` in the same folder waits for the first, with one line
saying so, instead of deleting the folder the first is building into. Only a build that
succeeded, and whose PDFs are all whole, replaces ``site/``: in one step where the system
can swap two folders (``renameat2`` on Linux, ``renamex_np`` on macOS), else by two renames,
after which a ``site/`` left missing by a crash in between is put back from ``.site-old``
by the next run. So ``site/`` is always a whole build, the last good one.

``--offline`` (``offline=True``) does the same into ``site-preview/`` with ``--no-directory-urls``:
every link names its ``.html`` file, so the pull-request preview opens from disk (``file://``).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import fcntl
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

SITE, SCRATCH, OLD, LOCK = "site", ".site-build", ".site-old", ".site.lock"
PREVIEW = "site-preview"
"""The offline build's folder (``--offline``), beside site/."""


def build_site(
    root: Path, *, mkdocs: Sequence[str] | None = None, out: TextIO = sys.stderr, offline: bool = False
) -> int:
    """Build ``root``'s site into ``site/`` (``site-preview/`` offline); the exit status (the folder is
    unchanged unless it is 0)."""
    site, scratch, old = (PREVIEW, f".{PREVIEW}-build", f".{PREVIEW}-old") if offline else (SITE, SCRATCH, OLD)
    command = [*(mkdocs or [sys.executable, "-m", "mkdocs"]), "build", "--strict", "--site-dir", scratch]
    if offline:
        command.append("--no-directory-urls")
    with open(root / LOCK, "a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("Another `make site` is building in this folder: waiting for it to finish...", file=out, flush=True)
            fcntl.flock(lock, fcntl.LOCK_EX)
        _recover(root / site, root / old)
        if (root / scratch).exists() or (root / scratch).is_symlink():
            _remove(root / scratch)  # a run stopped before its swap
        try:
            status = subprocess.run(command, cwd=root).returncode
        except KeyboardInterrupt:
            print(f"Stopped: {site}/ is unchanged.", file=out)
            return 130
        if status != 0:
            print(f"The build failed: {site}/ is unchanged.", file=out)
            return status
        problems = broken_pdfs(root / scratch)
        if problems:
            print(f"The build wrote damaged PDFs ({', '.join(problems)}): {site}/ is unchanged.", file=out)
            return 1
        _swap(root / site, root / scratch, root / old)
    return 0


def broken_pdfs(site: Path) -> list[str]:
    """The PDFs in ``site`` that are empty or not whole (no ``%PDF-`` header or no ``%%EOF`` at the end)."""
    broken = []
    for path in sorted(site.rglob("*.pdf")):
        with path.open("rb") as pdf:
            head = pdf.read(5)
            pdf.seek(max(0, path.stat().st_size - 1024))
            tail = pdf.read()
        if head != b"%PDF-" or b"%%EOF" not in tail:
            broken.append(path.relative_to(site).as_posix())
    return broken


def _recover(site: Path, old: Path) -> None:
    """Put back a site/ a crash left in .site-old (between the two renames of ``_swap``); drop a stale one."""
    if old.is_dir() and not old.is_symlink() and not site.exists() and not site.is_symlink():
        os.rename(old, site)
    if old.exists() or old.is_symlink():
        _remove(old)


def _swap(site: Path, new: Path, old: Path) -> None:
    if not site.exists():
        os.rename(new, site)
        return
    if _exchange(new, site):
        _remove(new)  # now the previous site
        return
    os.rename(site, old)
    os.rename(new, site)
    _remove(old)


def _remove(path: Path) -> None:
    """Remove a folder, or the link or file that stood in the place of site/."""
    if path.is_symlink() or not path.is_dir():
        path.unlink(missing_ok=True)
    else:
        shutil.rmtree(path)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two folders in one step, where the system and the file system can; False where not."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        if sys.platform.startswith("linux") and hasattr(libc, "renameat2"):
            at_fdcwd, rename_exchange = -100, 2
            done = libc.renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange)
        elif sys.platform == "darwin" and hasattr(libc, "renamex_np"):
            rename_swap = 2
            done = libc.renamex_np(os.fsencode(a), os.fsencode(b), rename_swap)
        else:
            return False
    except OSError:
        return False
    return bool(done == 0)
