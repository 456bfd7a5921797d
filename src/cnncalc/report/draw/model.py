"""The input of every drawing: a network as plain data (names, glyphs, shapes, counts).

Nothing in this package reads the core's types but ``adapter.py``; the drawing modules see
only a ``Diagram``.
"""
from __future__ import annotations

from dataclasses import dataclass

GLYPHS = ("input", "conv", "pool", "dense", "norm", "activation", "merge", "reshape", "regularizer", "other")
"""Drawing categories: one colour each, and the shape a style gives a layer."""

BLOCK = "block"
"""The glyph of a block collapsed by ``--depth`` (not a layer kind's glyph)."""

INPUT = "input"
"""The name by which nodes refer to the network's input."""


@dataclass(frozen=True)
class DrawNode:
    """One layer as the drawings see it; ``output`` is channels-last without the batch."""

    name: str
    kind: str
    glyph: str
    detail: str
    output: tuple[int, ...]
    inputs: tuple[str, ...]
    block: tuple[str, ...]
    params: int
    macs: int
    receptive_field: tuple[int, ...] | None
    kernel: tuple[int, ...] | None


@dataclass(frozen=True)
class Diagram:
    """A network to draw: nodes in an order where inputs come first, and its report table."""

    name: str
    input: tuple[int, ...]
    nodes: tuple[DrawNode, ...]
    table_headers: tuple[str, ...]
    table_rows: tuple[tuple[str, ...], ...]


def is_sequential(nodes: tuple[DrawNode, ...] | list[DrawNode]) -> bool:
    """True when every node reads exactly the node before it (the first reads the input)."""
    previous = INPUT
    for node in nodes:
        if node.inputs != (previous,):
            return False
        previous = node.name
    return True
