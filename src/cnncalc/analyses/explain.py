"""One layer worked out, as data: the steps its kind declares (``working``) and what the other
conventions would give for the same layer (TensorFlow SAME and VALID, PyTorch)."""
from __future__ import annotations

from typing import NamedTuple

from cnncalc.analyses.summary import LayerRow, Report, summarize
from cnncalc.core.arith import Explicit, Same, Valid
from cnncalc.core.conventions import Convention
from cnncalc.core.errors import CnncalcError
from cnncalc.core.layers import Step
from cnncalc.core.network import Inferred, Network, Node


class Explanation(NamedTuple):
    """A one-layer report with its working and the other conventions' outputs."""

    report: Report
    steps: tuple[Step, ...]
    alternatives: tuple[Step, ...]

    @property
    def row(self) -> LayerRow:
        return self.report.rows[0]

    @property
    def layer(self) -> Inferred:
        return self.row.layer

    @property
    def node(self) -> Node:
        return self.layer.node


def explain(network: Network, strict: bool = False) -> Explanation:
    """Summarise a one-layer network and write out its arithmetic."""
    report = summarize(network, strict)
    layer = report.rows[0].layer
    return Explanation(report, tuple(layer.kind.working(layer)), tuple(alternatives(network, layer)))


def explain_layer(input_shape: object, kind: str, hparams: dict, convention: str = "textbook",
                  strict: bool = False) -> Explanation:
    """One layer on an input, worked out: what ``cnncalc layer`` prints."""
    from cnncalc.io.spec import layer_network

    return explain(layer_network(input_shape, kind, hparams, convention), strict)


def alternatives(network: Network, layer: Inferred) -> list[Step]:
    """What TensorFlow SAME and VALID, PyTorch and the textbook give for the same layer."""
    node = layer.node
    if layer.window is None or "padding" not in node.hparams:
        return []
    options = [("TensorFlow SAME", Convention.TENSORFLOW, Same()), ("TensorFlow VALID", Convention.TENSORFLOW, Valid())]
    padding = node.hparams["padding"]
    if isinstance(padding, Explicit):
        options.append((f"PyTorch, padding {padding}", Convention.PYTORCH, padding))
    elif isinstance(padding, Same) and not padding.lower:  # PyTorch's padding='same' (stride 1 only)
        options.append(("PyTorch, padding 'same'", Convention.PYTORCH, padding))
    else:
        options.append(("PyTorch, padding 0", Convention.PYTORCH, Explicit(((0, 0),))))
    result = []
    for label, convention, pad in options:
        hp = dict(node.hparams, padding=pad)
        if convention is Convention.TENSORFLOW and "ceil_mode" in hp:
            hp["ceil_mode"] = False
        variant = Network(network.name, network.input, convention,
                          (Node(node.index, node.name, node.kind, hp, node.inputs, node.where),))
        try:
            out = summarize(variant).rows[0].output
            result.append(Step(label, "", network.view.text(out)))
        except CnncalcError as e:
            result.append(Step(label, "", f"refused: {e.reason}"))
    return result


__all__ = ["Explanation", "Step", "explain"]
