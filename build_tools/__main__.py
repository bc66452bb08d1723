"""Entry point for ``python -m build_tools``; see ``cli.py``."""

from .cli import main

raise SystemExit(main())
