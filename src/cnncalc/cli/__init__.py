"""The command line: the ``cnncalc`` group (``cli.app``) with one module per command."""
from __future__ import annotations

from cnncalc.cli import check, draw, kinds, layer, model, solve, teach, zoo  # noqa: F401  (each registers its commands)
from cnncalc.cli.app import main

__all__ = ["main"]
