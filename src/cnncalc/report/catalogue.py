"""The layer catalogue, from the registry: every kind, its aliases, hyperparameters and summary."""
from __future__ import annotations

from cnncalc.core.layers import KINDS


def catalogue_rows() -> tuple[list[str], list[list[str]]]:
    """(headers, rows): one row per kind with its aliases, hyperparameters and summary."""
    headers = ["kind", "aliases", "hyperparameters", "what it computes"]
    rows = []
    for kind in KINDS:
        params = ", ".join(p.name for p in kind.schema)
        if kind.merge:
            params = "a list of input names"
        rows.append([kind.name, ", ".join(kind.aliases), params or "—", kind.summary or kind.__doc__ or ""])
    return headers, rows
