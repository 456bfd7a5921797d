"""A network and its report → the ``Diagram`` the drawings take (the one bridge to the core).

Every import of the core's current modules stays in this file, so the rest of the package
depends on nothing but its own data types.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from cnncalc.report.draw.model import Diagram, DrawNode

if TYPE_CHECKING:
    from cnncalc.analyses.summary import LayerRow, Report
    from cnncalc.core.network import Network

def diagram_of(network: Network, report: Report) -> Diagram:
    """The diagram of ``network``, whose ``report`` rows are in the same order as its nodes."""
    from cnncalc.report.model import HEADERS, model_rows

    nodes = tuple(_node(row) for row in report.rows)
    rows = tuple(tuple(cells) for cells in model_rows(report, None, True))
    return Diagram(report.name, tuple(report.input), nodes, tuple(HEADERS), rows)


def _node(row: LayerRow) -> DrawNode:
    layer = row.layer
    node, window = layer.node, layer.window
    rank = max(len(row.input[0]) - 1, 0) if row.input else 0
    rf = tuple(_whole(a.size) for a in row.rf) if row.rf else None
    return DrawNode(node.name, node.kind.name, node.kind.glyph, detail_of(dict(node.hparams), window, rank,
                                                                            row.activation),
                    tuple(row.output), tuple(node.inputs), tuple(node.block), row.params, row.macs, rf,
                    window.kernel if window is not None else None)


def detail_of(hp: dict[str, Any], window, rank: int, activation: str | None) -> str:
    """Short hyperparameter text: ``5×5, 6``, ``3×3, 64 /2``, ``2×2 /2``, ``120``, ``1000 +softmax``;
    windows as the layer resolved them (its stride default included)."""
    parts = []
    if window is not None:
        parts.append("×".join(map(str, window.kernel)) + (f", {hp['filters']}" if hp.get("filters") else ""))
        if any(s != 1 for s in window.stride):
            parts.append("/" + _axes(window.stride))
        if any(d != 1 for d in window.dilation):
            parts.append("d" + _axes(window.dilation))
    elif hp.get("filters"):
        parts.append(str(hp["filters"]))
    for key, mark in (("groups", "g"), ("depth_multiplier", "×")):
        value = _per_axis(hp.get(key), max(rank, 1))
        if value and any(v != 1 for v in value):
            parts.append(mark + _axes(value))
    if hp.get("output") is not None:
        parts.append("→" + "×".join(map(str, _per_axis(hp["output"], rank) or ())))
    for key, mark in (("units", ""), ("rate", "p=")):
        if hp.get(key) is not None:
            parts.append(f"{mark}{hp[key]}")
    size = hp.get("size")
    if size is not None:  # a per-axis factor (upsample) or a channel count (LRN)
        parts.append("×" + _axes(size) if isinstance(size, tuple) else f"size {size}")
    if activation:
        parts.append("+" + activation)
    return " ".join(parts)


def _per_axis(value: Any, rank: int) -> tuple[int, ...] | None:
    if value is None or rank == 0:
        return None
    values = tuple(value) if isinstance(value, (tuple, list)) else (value,)
    return values * rank if len(values) == 1 else values


def _axes(values: tuple[int, ...]) -> str:
    return str(values[0]) if len(set(values)) == 1 else "×".join(map(str, values))


def _whole(value: Any) -> int:
    """An int, or a fraction rounded up (an upsampled field covers part of a pixel)."""
    return value if isinstance(value, int) else -(-value.numerator // value.denominator)


def diagram_of_spec(spec: str | dict, convention: str | None = None) -> Diagram:
    """The diagram of a spec file, YAML text or dict, read and counted by the current core."""
    from cnncalc.analyses.summary import summarize
    from cnncalc.io.spec import load_network

    network = load_network(spec, convention)
    return diagram_of(network, summarize(network))
