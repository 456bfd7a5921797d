"""Nodes, networks and shape inference: one pass in order, one shape rule per layer kind."""
from __future__ import annotations

from dataclasses import dataclass

from cnncalc.core.conventions import Convention
from cnncalc.core import limits
from cnncalc.core.errors import CnncalcError, LimitError, ShapeError, cut
from cnncalc.core.layers.base import LayerOut, Note
from cnncalc.core.layers.resolved import Inferred, Node
from cnncalc.core.layout import View
from cnncalc.core.shapes import Shape, format_shape

INPUT = "input"
"""The name by which layers refer to the network's input."""


@dataclass(frozen=True)
class Network:
    """A network spec, ready for inference: nodes in an order where inputs come first."""

    name: str
    input: Shape
    convention: Convention
    nodes: tuple[Node, ...]
    source: str | None = None
    view: View = View()
    """The layout and batch the user wrote the input in (shapes are shown in it)."""
    notes: tuple[Note, ...] = ()
    """Notes on how the input was read (an ambiguous shape)."""


def node_where(node: Node) -> dict[str, object]:
    """The context a node adds to an error raised while handling it."""
    return {"loc": node.where.loc, "layer_index": node.index, "layer_name": node.name, "kind": node.kind.name}


def infer(network: Network, strict: bool = False) -> list[Inferred]:
    """Output shape of every node, in order; linear in the number of layers.

    With ``strict``, a textbook division that is not a whole number is an error, not a note.
    """
    shapes: dict[str, Shape] = {INPUT: network.input}
    results: list[Inferred] = []
    for node in network.nodes:
        try:
            missing = next((name for name in node.inputs if name not in shapes), None)
            if missing is not None:
                raise ShapeError(f"reads '{cut(missing)}', which no earlier layer produces",
                                 expected="inputs named after earlier layers (or input)")
            inputs = [shapes[name] for name in node.inputs]
            out = node.kind.infer(inputs, node.hparams, network.convention)
            if min(out.output, default=1) < 1:
                raise ShapeError(f"output {out.output} has an axis below 1", expected="a larger input")
            if max(out.output, default=1) > limits.MAX_DIM:
                raise LimitError(f"the output {cut(format_shape(out.output), 120)} has an axis over "
                                 f"{limits.MAX_DIM:,}", expected="sizes a layer can hold (a smaller input, factor or -1 axis)")
            notes = tuple(Note(n.code, n.message, n.where.merged(**node_where(node))) for n in out.notes)
            if strict and notes:
                raise ShapeError(notes[0].message, expected="a stride that divides evenly (--strict)")
        except CnncalcError as e:
            raise e.with_where(**node_where(node)) from None
        if notes != out.notes:
            out = LayerOut(out.output, out.pads, notes, out.exact, out.window)
        results.append(Inferred(node, tuple(inputs), out, network.convention))
        shapes[node.name] = out.output
    return results


__all__ = ["INPUT", "Node", "Network", "Inferred", "infer", "node_where"]
