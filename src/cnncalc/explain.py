"""Worked arithmetic for ``cnncalc layer``/``pool``, as data: the lines a learner would write,
with the numbers substituted, and what other conventions would give.

The textbook letters W, K, P, S appear here only: (W − K + 2P)/S + 1.
"""
from __future__ import annotations

from dataclasses import dataclass

from .analysis import LayerRow, Report, summarize
from .arith import AXIS_NAMES, Causal, Explicit, Same, Valid, ceil_div, effective_kernel, ratio
from .conventions import Convention
from .errors import CnncalcError
from .grammar import format_shape, spatial
from .layers.window import Window, fraction_text, textbook_text
from .network import Network, Node


@dataclass(frozen=True)
class Step:
    """One line of working: a label, the expression with numbers, and its value."""

    label: str
    expression: str
    value: str


@dataclass(frozen=True)
class Explanation:
    """A one-layer report with its working and the other conventions' outputs."""

    report: Report
    node: Node
    steps: tuple[Step, ...]
    alternatives: tuple[Step, ...]

    @property
    def row(self) -> LayerRow:
        return self.report.rows[0]


def n(value: int) -> str:
    return f"{value:,}"


def explain(network: Network, strict: bool = False) -> Explanation:
    """Summarise a one-layer network and write out its arithmetic."""
    report = summarize(network, strict)
    node = network.nodes[0]
    row = report.rows[0]
    steps = list(axis_steps(node, row)) + list(count_steps(node, row))
    return Explanation(report, node, tuple(steps), tuple(alternatives(network)))


def axis_steps(node: Node, row: LayerRow) -> list[Step]:
    """One step per distinct spatial axis (H and W merge when they are computed alike)."""
    hp, shape = dict(node.hparams), row.input[0]
    rank = len(spatial(shape))
    if "kernel" not in hp or not rank:
        return []
    stride_default = hp["kernel"] if node.kind.name in ("maxpool", "avgpool") else None
    window = Window.of(hp, rank, stride_default)
    transposed = node.kind.name == "conv_transpose"
    lines: dict[str, list[str]] = {}
    for axis in range(rank):
        size, k, s, d = spatial(shape)[axis], window.kernel[axis], window.stride[axis], window.dilation[axis]
        out, pads = row.output[axis], row.pads[axis]
        k_eff = effective_kernel(k, d)
        if transposed:
            text = _transposed_text(size, k_eff, s, pads, out, hp)
        elif isinstance(window.padding, Causal):
            text = f"causal: {pads[0]} zeros before; ceil({size}/{s}) = {out}"
        elif isinstance(window.padding, Same):
            total = pads[0] + pads[1]
            text = (f"ceil({size}/{s}) = {out}; pad max(({out} − 1)·{s} + {k_eff} − {size}, 0) = {total}"
                    f" → {pads[0]} before, {pads[1]} after")
        elif hp.get("ceil_mode"):
            text = f"ceil(({size} + {pads[0]} + {pads[1]} − {k_eff})/{s}) + 1, last window inside → {out}"
        else:
            exact = row_exact(size, k_eff, s, pads)
            text = f"{textbook_text(size, k_eff, s, pads)} + 1 = {exact}"
            if "floored" in exact:
                text = f"{textbook_text(size, k_eff, s, pads)} + 1 = {exact} {out}"
            elif not exact.endswith(str(out)):
                text += f" = {out}"
        if d > 1:
            text = f"k_eff = ({k} − 1)·{d} + 1 = {k_eff}; " + text
        lines.setdefault(text, []).append(AXIS_NAMES[rank][axis])
    return [Step(", ".join(axes), text, "") for text, axes in lines.items()]


def row_exact(size: int, k_eff: int, s: int, pads: tuple[int, int]) -> str:
    quotient = ratio(size + pads[0] + pads[1] - k_eff, s)
    if isinstance(quotient, int):
        return str(quotient + 1)
    return f"{fraction_text(quotient)} + 1, floored to"


def _transposed_text(size: int, k_eff: int, s: int, pads: tuple[int, int], out: int, hp: dict) -> str:
    if isinstance(hp["padding"], Explicit) or hp["output_padding"] is not None:
        op = max(out - ((size - 1) * s - pads[0] - pads[1] + k_eff), 0)
        return f"({size} − 1)·{s} − {pads[0]} − {pads[1]} + {k_eff} + {op} = {out}"
    if isinstance(hp["padding"], Same):
        return f"{size}·{s} = {out} (Keras same)"
    return f"{size}·{s} + max({k_eff} − {s}, 0) = {out} (Keras valid)"


def count_steps(node: Node, row: LayerRow) -> list[Step]:
    """Output volume, params with and without sharing, MACs."""
    steps = [Step("output volume", " × ".join(map(str, row.output)), n(row.activations))]
    hp, shape = dict(node.hparams), row.input[0]
    positions = "·".join(map(str, spatial(row.output)))
    if node.kind.name in ("conv", "conv_transpose", "locally_connected") and spatial(shape):
        kernel = "·".join(map(str, Window.of(hp, len(spatial(shape))).kernel))
        c_in = shape[-1] // hp.get("groups", 1)
        bias = " + 1" if hp["bias"] else ""
        per = f"({kernel}·{c_in}{bias})"
        if node.kind.name != "locally_connected":
            steps.append(Step("params, shared weights", f"{per}·{hp['filters']}", n(row.params)))
        if node.kind.name != "conv_transpose":
            steps.append(Step("params, no sharing", f"{per}·{positions}·{hp['filters']}", n(row.params_unshared)))
        if row.params and node.kind.name == "conv":
            saving = ratio(row.params_unshared, row.params)
            steps.append(Step("sharing saves", f"{n(row.params_unshared)}/{n(row.params)}",
                              f"{saving if isinstance(saving, int) else fraction_text(saving)}× fewer"))
        steps.append(Step("MACs", f"{'·'.join(map(str, spatial(shape) if node.kind.name == 'conv_transpose' else spatial(row.output)))}"
                                  f"·{hp['filters']}·{kernel}·{c_in}", n(row.macs)))
    else:
        steps.append(Step("params", "", n(row.params)))
        if row.params_unshared != row.params:
            steps.append(Step("params, no sharing", "", n(row.params_unshared)))
        if row.macs:
            steps.append(Step("MACs", "", n(row.macs)))
    return steps


def alternatives(network: Network) -> list[Step]:
    """What TensorFlow SAME and VALID, PyTorch and the textbook give for the same layer."""
    node = network.nodes[0]
    if "padding" not in node.hparams or "kernel" not in node.hparams:
        return []
    options = [("TensorFlow SAME", Convention.TENSORFLOW, Same()), ("TensorFlow VALID", Convention.TENSORFLOW, Valid())]
    padding = node.hparams["padding"]
    if isinstance(padding, Explicit):
        options.append((f"PyTorch, padding {padding}", Convention.PYTORCH, padding))
    else:
        options.append(("PyTorch, padding 0", Convention.PYTORCH, Explicit(((0, 0),))))
    result = []
    for label, convention, pad in options:
        hp = dict(node.hparams, padding=pad)
        if convention is Convention.TENSORFLOW and node.kind.name in ("maxpool", "avgpool"):
            hp["ceil_mode"] = False
        variant = Network(network.name, network.input, convention,
                          (Node(node.index, node.name, node.kind, hp, node.inputs, node.where),))
        try:
            out = summarize(variant).rows[0].output
            result.append(Step(label, "", format_shape(out)))
        except CnncalcError as e:
            result.append(Step(label, "", f"refused: {e.message}"))
    return result


__all__ = ["Explanation", "Step", "explain", "ceil_div"]
