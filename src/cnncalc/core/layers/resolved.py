"""A layer as the rest of cnncalc sees it: the ``Node`` a spec declares, and the ``Inferred``
layer, resolved once (shapes, window, pads, notes), that every capability reads."""
from __future__ import annotations

from typing import Any, Mapping, NamedTuple

from cnncalc.core.conventions import Convention
from cnncalc.core.errors import Where
from cnncalc.core.layers.base import LayerKind, LayerOut, Note
from cnncalc.core.layers.window import Window
from cnncalc.core.shapes import Shape


class Node(NamedTuple):
    """One layer: its 1-based index, unique name, kind, parsed hyperparameters and input names."""

    index: int
    name: str
    kind: type[LayerKind]
    hparams: Mapping[str, Any]
    inputs: tuple[str, ...]
    where: Where = Where()
    block: tuple[str, ...] = ()
    """The block instances this node sits in, outermost first."""



class Inferred(NamedTuple):
    """A node resolved once: the shapes it receives and produces, its window broadcast to the
    input's axes, the pads applied and its notes. Everything downstream reads this."""

    node: Node
    inputs: tuple[Shape, ...]
    out: LayerOut
    convention: Convention = Convention.TEXTBOOK

    @property
    def kind(self) -> type[LayerKind]:
        return self.node.kind

    @property
    def name(self) -> str:
        return self.node.name

    @property
    def hp(self) -> Mapping[str, Any]:
        return self.node.hparams

    @property
    def input(self) -> Shape:
        """The first (for most kinds the only) input shape."""
        return self.inputs[0]

    @property
    def output(self) -> Shape:
        return self.out.output

    @property
    def pads(self) -> tuple[tuple[int, int], ...]:
        return self.out.pads

    @property
    def notes(self) -> tuple[Note, ...]:
        return self.out.notes

    @property
    def window(self) -> Window | None:
        return self.out.window
