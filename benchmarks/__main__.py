"""``python -m benchmarks``: the build benchmark's command line (see ``cli.py``)."""

import sys

from .cli import main

sys.exit(main())
