"""Loggers outside MkDocs' own, for messages MkDocs must neither count nor drop.

Beside the flow: the plugin's advice to the person building (a warning ``--strict`` does not
count) and ``serve.broken``'s report of a failed rebuild (MkDocs' build logger shows a message it
has shown before only once; these print every time).
"""

from __future__ import annotations

import logging
import sys


def own_logger(name: str, prefix: str) -> logging.Logger:
    """A logger of its own that prints ``prefix`` and the message to stderr, and nothing to MkDocs' logger."""
    logger = logging.getLogger(name)
    if not logger.handlers:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter(f"{prefix}%(message)s"))
        logger.addHandler(handler)
        logger.propagate = False
    return logger
