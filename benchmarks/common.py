"""What every part of the benchmark shares: paths, the environment of the processes it starts, small helpers.

``SRC`` is where the project files and build_tools come from: the working tree until
``generate.use_snapshot`` points it (and ``ENV``'s PYTHONPATH) at a snapshot. Read it as
``common.SRC``, never ``from .common import SRC``, so the snapshot is seen everywhere.
"""

from __future__ import annotations

import gzip
import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT
"""Where the project files and build_tools come from: the working tree, or a snapshot of ``--ref``."""
BIN = Path(sys.executable).parent
HERE = Path(__file__).resolve().parent
"""This package's folder: the MkDocs hooks (``hooks/``) and the scripts run in fresh processes live here."""
OUT_DIR = ROOT / "benchmarks" / "out"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true", "PYTHONHASHSEED": "0"}
GZIP_LEVEL = 6  # what web servers usually use for text


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: list[float]) -> float:
    return statistics.median(values) if values else float("nan")


def summary(values: list[float]) -> dict[str, Any]:
    return {"median": median(values), "min": min(values), "max": max(values), "n": len(values), "values": values}


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def yaml_rt():
    from ruamel.yaml import YAML

    yaml = YAML()  # round trip: keeps the schema comment and the layout editors use
    yaml.width = 4096
    yaml.preserve_quotes = True
    return yaml


def load_mkdocs_yml(path: Path) -> dict[str, Any]:
    from mkdocs.utils.yaml import yaml_load

    with path.open(encoding="utf-8") as handle:
        return yaml_load(handle)
