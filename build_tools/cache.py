"""Caches kept between builds, as files in the cache folder: data only, checked, written atomically.

Beside the flow: the plugin loads the data caches (parsed YAML, drawn figures) before
``loader.load_catalogue`` and the renderers run and saves them after the build; ``printing``
keeps printed PDFs here. Compiled templates, which are code, stay in memory (``MemoryBytecodeCache``).

Each cache is keyed by what its values are made from (a file's text, a figure's data, a
page's bytes), so a hit can never be stale data. Every file starts with a hash of its
payload mixed with a tag naming the code that made it (``pack``), so a changed parser or
drawing routine, a truncated or damaged file, random bytes or a file from another version
are all a miss: the build is the same, only slower. Data caches are JSON with a few tagged
types (``encode``), never pickle: a file put in the cache folder cannot run code when read.
Every write goes to a temporary file in the same folder, is flushed to disk and then
renamed over the old one (``write_atomic``), so a build stopped half-way, a full disk or two
builds at once never leave a partial file. A folder that cannot be written (``unusable``)
means the plugin builds without that cache.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import stat
import tempfile
import types
from collections.abc import Callable
from pathlib import Path
from typing import Any

import jinja2

FORMAT = 2
MAGIC = b"hamstrings-cache 2\n"
_TAG = "\u0000t"
"""Key of a tagged value in the JSON (a dict holding it as a key of its own is itself tagged)."""


def code_fingerprint(*files: Path | str) -> str:
    """A hash of the given source files (and library versions folded in by the caller)."""
    digest = hashlib.blake2b(digest_size=16)
    for path in files:
        digest.update(str(path).encode())
        digest.update(Path(path).read_bytes())
    return digest.hexdigest()


# -- checked, atomic files ------------------------------------------------------------------


def pack(tag: str, payload: bytes) -> bytes:
    """``payload`` behind a header that ``unpack`` checks: the sha256 of the tag and the payload."""
    return MAGIC + _digest(tag, payload) + b"\n" + payload


def unpack(data: bytes, tag: str) -> bytes | None:
    """The payload ``pack`` stored with this tag, or None when the data are damaged or tagged otherwise."""
    start = len(MAGIC) + 65
    if not data.startswith(MAGIC) or len(data) < start or data[start - 1 : start] != b"\n":
        return None
    payload = data[start:]
    return payload if data[len(MAGIC) : start - 1] == _digest(tag, payload) else None


def _digest(tag: str, payload: bytes) -> bytes:
    digest = hashlib.sha256(tag.encode("utf-8"))
    digest.update(b"\0")
    digest.update(payload)
    return digest.hexdigest().encode("ascii")


def read_blob(path: Path, tag: str) -> bytes | None:
    """The payload saved at ``path`` with this tag, or None (missing, unreadable, damaged, a folder...)."""
    try:
        with open(path, "rb", opener=_open_regular) as handle:
            data = handle.read()
    except (OSError, ValueError):
        return None
    return unpack(data, tag)


def _open_regular(name: str, flags: int) -> int:
    """Open without blocking, and only a regular file: a pipe or a device put in its place is a miss, not a hang."""
    fd = os.open(name, flags | getattr(os, "O_NONBLOCK", 0))
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise OSError(f"{name} is not a regular file")
    return fd


def write_blob(path: Path, tag: str, payload: bytes) -> None:
    """Save ``payload`` for ``read_blob``, atomically; ``OSError`` when the folder cannot be written."""
    write_atomic(path, pack(tag, payload))


def write_atomic(path: Path, data: bytes, *, durable: bool = True) -> None:
    """Write ``data`` to a temporary file next to ``path``, flush it to disk, and rename it over ``path``.

    Readers see the old file or the new one, never part of one. ``OSError`` (a full disk, a
    read-only folder, a folder where the file should be) leaves ``path`` as it was.
    """
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            if durable:
                out.flush()
                os.fsync(out.fileno())
        os.chmod(temporary, 0o666 & ~_UMASK)  # as open() would make it (mkstemp makes 0600)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _read_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, before any thread runs: os.umask sets it for the whole process


def unusable(folder: Path) -> str | None:
    """Why ``folder`` cannot hold a cache (it cannot be made, or a file cannot be written in it), or None."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, probe = tempfile.mkstemp(dir=folder, prefix=".probe.")
        os.close(handle)
        os.unlink(probe)
    except OSError as error:
        return error.strerror or type(error).__name__
    return None


# -- data caches: JSON with tagged types ----------------------------------------------------


def read(path: Path, fingerprint: str, valid: Callable[[Any, Any], bool] | None = None) -> dict[Any, Any]:
    """The cache saved at ``path`` by code with this fingerprint, or ``{}``; entries ``valid`` refuses are left out."""
    payload = read_blob(path, f"data {FORMAT} {fingerprint}")
    if payload is None:
        return {}
    try:
        pairs = json.loads(payload, object_hook=_decode_tagged)
    except (ValueError, TypeError, KeyError, RecursionError):
        return {}
    if not isinstance(pairs, list):
        return {}
    entries = {}
    for pair in pairs:
        if not (isinstance(pair, list) and len(pair) == 2):
            return {}
        key, value = pair
        try:
            hash(key)
        except TypeError:
            continue
        if valid is None or valid(key, value):
            entries[key] = value
    return entries


def write(path: Path, fingerprint: str, entries: dict[Any, Any]) -> None:
    """Save for ``read``, atomically; entries holding a type JSON cannot carry are left out. ``OSError`` if unwritable."""
    pairs = []
    for key, value in entries.items():
        try:
            pairs.append([encode(key), encode(value)])
        except TypeError:
            continue  # e.g. a YAML !!set: parsed again next time
    # ASCII: a lone surrogate (YAML can write one as an escape) stays an escape; UTF-8 would refuse it.
    payload = json.dumps(pairs, separators=(",", ":"), allow_nan=True).encode("ascii")
    write_blob(path, f"data {FORMAT} {fingerprint}", payload)


def encode(value: Any) -> Any:
    """``value`` as JSON data; ``TypeError`` for a type without a tag. ``decode`` gives back an equal value
    of the same types (str-keyed dicts stay dicts; other dicts, tuples, bytes and dates are tagged)."""
    kind = type(value)
    if kind is str or kind is int or kind is float or kind is bool or value is None:
        return value
    if kind is list:
        return [encode(item) for item in value]
    if kind is dict:
        if _TAG not in value and all(type(key) is str for key in value):
            return {key: encode(item) for key, item in value.items()}
        return {_TAG: "map", "v": [[encode(key), encode(item)] for key, item in value.items()]}
    if kind is tuple:
        return {_TAG: "tuple", "v": [encode(item) for item in value]}
    if kind is bytes:
        return {_TAG: "bytes", "v": base64.b64encode(value).decode("ascii")}
    if kind is dt.datetime:
        return {_TAG: "datetime", "v": value.isoformat()}
    if kind is dt.date:
        return {_TAG: "date", "v": value.isoformat()}
    raise TypeError(f"cannot cache a {kind.__name__}")


def decode(data: str | bytes) -> Any:
    return json.loads(data, object_hook=_decode_tagged)


def _decode_tagged(item: dict[str, Any]) -> Any:
    if _TAG not in item:
        return item
    kind, value = item[_TAG], item["v"]
    if kind == "map":
        return {_hashable(key): entry for key, entry in value}
    if kind == "tuple":
        return tuple(value)
    if kind == "bytes":
        return base64.b64decode(value, validate=True)
    if kind == "datetime":
        return dt.datetime.fromisoformat(value)
    if kind == "date":
        return dt.date.fromisoformat(value)
    raise ValueError(f"unknown tag {kind!r}")


def _hashable(key: Any) -> Any:
    hash(key)  # TypeError for a list or dict: the file is damaged
    return key


# -- Jinja's compiled templates -------------------------------------------------------------


class MemoryBytecodeCache(jinja2.BytecodeCache):
    """Jinja's compiled templates kept in memory for the life of the process, never on disk.

    Compiled templates are code: a cache folder holds data only (issue 14), so the theme's
    templates are compiled once per process. Under ``mkdocs serve`` the process lives across
    rebuilds, so each rebuild reuses them; Jinja checks each template's source, so an edited
    template is compiled afresh.
    """

    def __init__(self) -> None:
        self._compiled: dict[str, tuple[str, types.CodeType]] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        found = self._compiled.get(bucket.key)
        if found is not None and found[0] == bucket.checksum:
            bucket.code = found[1]

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.code is not None:
            self._compiled[bucket.key] = (bucket.checksum, bucket.code)

    def clear(self) -> None:
        self._compiled.clear()
