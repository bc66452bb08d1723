"""What a printed PDF depends on besides its page: the browser's version and the fonts it can use.

Beside the flow: ``printing.PdfCache`` mixes ``fingerprint`` into every PDF's cache key,
once per build, so a PDF printed by another Chromium or with other fonts installed is a miss.
The version is what ``<browser> --version`` prints; asking takes a few tenths of a second, so
the answer is kept in the cache folder under the executable's path, size and
modification time, and asked again only when the file changes (an upgrade replaces it; Debian's
``chromium`` is a launcher script and the package replaces it with the browser). The fonts are
fontconfig's list (``fc-list``: every font file with its family and style; what Chromium chooses
from on Linux) with each file's size and modification time; without fontconfig, the font folders
of macOS and Windows are listed the same way. Both take a few hundredths of a second.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import shutil
import subprocess
from pathlib import Path

from . import cache

_VERSION_TAG = "browser version 1"


def fingerprint(chromium: str, memo_dir: Path | None) -> str:
    """A short hash of the browser's version and the installed fonts."""
    text = f"{browser_version(chromium, memo_dir)}\n{font_fingerprint()}"
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _stat_key(chromium: str) -> str:
    path = shutil.which(chromium) or chromium
    try:
        found = os.stat(path)
    except OSError:
        return path
    return f"{os.path.realpath(path)} {found.st_size} {found.st_mtime_ns}"


def browser_version(chromium: str, memo_dir: Path | None) -> str:
    """What ``chromium --version`` prints, asked once per version of the executable (kept in ``memo_dir``)."""
    key = _stat_key(chromium)
    memo = memo_dir / ("browser-" + hashlib.sha256(key.encode()).hexdigest()[:16]) if memo_dir is not None else None
    stored = cache.read_blob(memo, _VERSION_TAG) if memo is not None else None
    if stored is not None:
        version = stored.decode("utf-8", "replace")
    else:
        try:
            done = subprocess.run([chromium, "--version"], capture_output=True, text=True, timeout=60, check=False)
            version = done.stdout.strip() or f"unknown ({key})"
        except (OSError, subprocess.SubprocessError):
            version = f"unknown ({key})"
        if memo is not None:
            with contextlib.suppress(OSError):  # not kept: asked again next build
                cache.write_blob(memo, _VERSION_TAG, version.encode())
    return version


FONT_FOLDERS = (
    "/Library/Fonts",
    "/System/Library/Fonts",
    "~/Library/Fonts",
    os.path.join(os.environ.get("WINDIR", r"C:\Windows"), "Fonts"),
    os.path.join(os.environ.get("LOCALAPPDATA", ""), "Microsoft", "Windows", "Fonts"),
)
"""Where fonts are installed on macOS and Windows, listed when fontconfig is not there."""


def font_fingerprint() -> str:
    """Every font file the browser can use, with its family, style, size and modification time."""
    listed = _fontconfig_fonts()
    files = listed if listed is not None else _folder_fonts()
    lines = []
    for line in sorted(set(files)):
        path = line.split("|", 1)[0]
        try:
            found = os.stat(path)
            lines.append(f"{line}|{found.st_size}|{found.st_mtime_ns}")
        except OSError:
            lines.append(line)
    return hashlib.sha256("\n".join(lines).encode()).hexdigest()


def _fontconfig_fonts() -> list[str] | None:
    command = shutil.which("fc-list")
    if command is None:
        return None
    try:
        done = subprocess.run(
            [command, "--format", "%{file}|%{family}|%{style}\\n"],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return None
    return done.stdout.splitlines() if done.returncode == 0 else None


def _folder_fonts() -> list[str]:
    found: list[str] = []
    for folder in FONT_FOLDERS:
        root = Path(os.path.expanduser(folder))
        if folder and root.is_dir():
            found += [os.fspath(path) for path in root.rglob("*") if path.is_file()]
    return found
