"""A network and its report → the ``Diagram`` the drawings take (the one bridge to the core).

Every import of the core's current modules stays in this file, so the rest of the package
depends on nothing but its own data types.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .model import GLYPHS, Diagram, DrawNode

if TYPE_CHECKING:
    from ...analysis import LayerRow, Report
    from ...network import Network, Node

PROVISIONAL_GLYPHS: dict[str, str] = {
    "conv": "conv", "depthwise_conv": "conv", "separable_conv": "conv", "locally_connected": "conv",
    "conv_transpose": "conv",
    "maxpool": "pool", "avgpool": "pool", "global_avgpool": "pool", "global_maxpool": "pool",
    "adaptive_avgpool": "pool",
    "dense": "dense",
    "batchnorm": "norm", "layernorm": "norm", "lrn": "norm",
    "relu": "activation", "relu6": "activation", "leaky_relu": "activation", "elu": "activation",
    "sigmoid": "activation", "hard_sigmoid": "activation", "tanh": "activation", "softmax": "activation",
    "gelu": "activation", "silu": "activation",
    "add": "merge", "multiply": "merge", "concat": "merge",
    "flatten": "reshape", "reshape": "reshape", "zero_padding": "reshape", "cropping": "reshape",
    "upsample": "reshape",
    "dropout": "regularizer",
}
"""PROVISIONAL: kind name → glyph, until each layer kind declares ``glyph`` in the registry.
Read only when a kind declares none; delete it once they all do."""


def glyph_of(kind: Any) -> str:
    """The kind's declared glyph, else the provisional table's, else ``other``."""
    declared = getattr(kind, "glyph", None)
    if declared in GLYPHS:
        return declared
    return PROVISIONAL_GLYPHS.get(kind.name, "other")


def diagram_of(network: Network, report: Report) -> Diagram:
    """The diagram of ``network``, whose ``report`` rows are in the same order as its nodes."""
    from ...render_model import HEADERS, model_rows

    nodes = tuple(_node(node, row) for node, row in zip(network.nodes, report.rows))
    rows = tuple(tuple(cells) for cells in model_rows(report, None, True))
    return Diagram(report.name, tuple(report.input), nodes, tuple(HEADERS), rows)


def _node(node: Node, row: LayerRow) -> DrawNode:
    hp = dict(node.hparams)
    rank = max(len(row.input[0]) - 1, 0) if row.input else 0
    kernel = _per_axis(hp.get("kernel"), rank)
    rf = tuple(_whole(a.size) for a in row.rf) if row.rf else None
    return DrawNode(node.name, node.kind.name, glyph_of(node.kind), detail_of(hp, rank, row.activation),
                    tuple(row.output), tuple(node.inputs), tuple(node.block), row.params, row.macs, rf,
                    kernel if rank else None)


def detail_of(hp: dict[str, Any], rank: int, activation: str | None) -> str:
    """Short hyperparameter text: ``5×5, 6``, ``3×3, 64 /2``, ``2×2 /2``, ``120``, ``1000 +softmax``."""
    parts = []
    kernel = _per_axis(hp.get("kernel"), rank)
    if kernel:
        parts.append("×".join(map(str, kernel)) + (f", {hp['filters']}" if hp.get("filters") else ""))
    elif hp.get("filters"):
        parts.append(str(hp["filters"]))
    stride = (_per_axis(hp.get("stride"), rank) or kernel) if "stride" in hp else None
    if stride and any(s != 1 for s in stride):
        parts.append("/" + _axes(stride))
    for key, mark in (("dilation", "d"), ("groups", "g"), ("depth_multiplier", "×")):
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
    from ...analysis import summarize
    from ...spec import load_network

    network = load_network(spec, convention)
    return diagram_of(network, summarize(network))
