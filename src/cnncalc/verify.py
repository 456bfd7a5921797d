"""--verify: run the network forward in NumPy and compare each array's shape with the inference."""
from __future__ import annotations


def verify_network(network, report, seed=0, batch=1, max_memory=None, progress=False) -> dict[str, bool]:
    from .forward_net import run_network

    shapes = run_network(network, report, seed=seed, batch=batch, max_memory=max_memory, progress=progress)
    return {row.name: shapes.get(row.name) == row.output for row in report.rows}
