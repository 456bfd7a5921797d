"""Worked arithmetic as a learner writes it, with the numbers substituted: the steps the kinds
declare (``working``). The textbook letters W, K, P, S appear here only: (W − K + 2P)/S + 1.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from cnncalc.core.arith import Causal, Explicit, Same, Valid, effective_kernel, ratio
from cnncalc.core.layers.base import Step
from cnncalc.core.shapes import AXIS_NAMES, spatial

if TYPE_CHECKING:  # ``Inferred`` (core.layers.resolved) is named in annotations only: it imports this module
    from fractions import Fraction


def n(value: int) -> str:
    return f"{value:,}"


def fraction_text(value: Fraction) -> str:
    """12.5 for 25/2; 8.333… for 25/3 (an exact decimal where one exists)."""
    if value.denominator == 1:
        return str(value.numerator)
    denominator = value.denominator
    while denominator % 2 == 0:
        denominator //= 2
    while denominator % 5 == 0:
        denominator //= 5
    if denominator == 1:
        return format(float(value), "g") if abs(value) < 10**15 else f"{value}"
    return f"{value.numerator}/{value.denominator} ≈ {float(value):.4g}"


def textbook_text(in_size: int, k_eff: int, stride: int, pads: tuple[int, int]) -> str:
    """(W − K + 2P)/S with the numbers substituted: ``(32 − 8 + 2·1)/2``."""
    begin, end = pads
    pad = f"2·{begin}" if begin == end else f"{begin} + {end}"
    return f"({in_size} − {k_eff} + {pad})/{stride}"


def _exact_text(size: int, k_eff: int, s: int, pads: tuple[int, int]) -> str:
    quotient = ratio(size + pads[0] + pads[1] - k_eff, s)
    if isinstance(quotient, int):
        return str(quotient + 1)
    return f"{fraction_text(quotient)} + 1, floored to"


def _window_text(layer: Inferred, axis: int) -> str:
    """One axis of a convolution or pooling window: the formula its padding uses, numbers in."""
    window = layer.window
    size, k, s, d = spatial(layer.input)[axis], window.kernel[axis], window.stride[axis], window.dilation[axis]
    out, pads = layer.output[axis], layer.pads[axis]
    k_eff = effective_kernel(k, d)
    if isinstance(window.padding, Causal):
        return f"causal: {pads[0]} zeros before; ceil({size}/{s}) = {out}"
    if isinstance(window.padding, Same):
        total = pads[0] + pads[1]
        return (f"ceil({size}/{s}) = {out}; pad max(({out} − 1)·{s} + {k_eff} − {size}, 0) = {total}"
                f" → {pads[0]} before, {pads[1]} after")
    if layer.hp.get("ceil_mode"):
        return f"ceil(({size} + {pads[0]} + {pads[1]} − {k_eff})/{s}) + 1, last window inside → {out}"
    if isinstance(window.padding, Valid):  # the lesson's TensorFlow VALID
        quotient = ratio(size - k_eff + 1, s)
        exact = "" if isinstance(quotient, int) else f" = ceil({fraction_text(quotient)})"
        return f"ceil(({size} − {k_eff} + 1)/{s}){exact} = {out}"
    exact = _exact_text(size, k_eff, s, pads)
    text = f"{textbook_text(size, k_eff, s, pads)} + 1 = {exact}"
    if "floored" in exact:
        return f"{textbook_text(size, k_eff, s, pads)} + 1 = {exact} {out}"
    return text if exact.endswith(str(out)) else f"{text} = {out}"


def _signed(value: int) -> str:
    """``− 3`` for 3, ``+ 1`` for −1: a term subtracted."""
    return f"− {value}" if value >= 0 else f"+ {-value}"


def _transposed_text(layer: Inferred, axis: int) -> str:
    """One axis of a transposed convolution: PyTorch's formula (numeric padding, an output_padding or an
    output_shape reached), or Keras' same/valid."""
    window, hp = layer.window, layer.hp
    size, s, k_eff = spatial(layer.input)[axis], window.stride[axis], window.k_eff[axis]
    out, (begin, end) = layer.output[axis], layer.pads[axis]
    if isinstance(window.padding, Explicit) or hp["output_padding"] is not None or hp["output_shape"] is not None:
        op = out - ((size - 1) * s - begin - end + k_eff)
        text = f"({size} − 1)·{s} {_signed(begin)} {_signed(end)} + {k_eff} + {op} = {out}"
        return f"{text} (output_shape)" if hp["output_shape"] is not None else text
    if isinstance(window.padding, Same):
        return f"{size}·{s} = {out} (same)"
    return f"{size}·{s} + max({k_eff} − {s}, 0) = {out} (valid)"


def axis_steps(layer: Inferred, text=_window_text) -> list[Step]:
    """One step per distinct spatial axis (H and W merge when they are computed alike)."""
    rank = len(spatial(layer.input))
    lines: dict[str, list[str]] = {}
    for axis in range(rank):
        line = text(layer, axis)
        k, d = layer.window.kernel[axis], layer.window.dilation[axis]
        if d > 1:
            line = f"k_eff = ({k} − 1)·{d} + 1 = {effective_kernel(k, d)}; " + line
        lines.setdefault(line, []).append(AXIS_NAMES[rank][axis])
    return [Step(", ".join(axes), line, "") for line, axes in lines.items()]


def output_step(layer: Inferred) -> Step:
    from cnncalc.core.shapes import volume

    return Step("output volume", " × ".join(map(str, layer.output)), volume(layer.output))


def count_steps(layer: Inferred) -> list[Step]:
    """Output volume, params (and without sharing, MACs where they differ from nothing)."""
    kind = layer.kind
    params = sum(kind.params(layer))
    unshared, macs = kind.params_unshared(layer), kind.macs(layer)
    steps = [output_step(layer), Step("params", "", params)]
    if unshared != params:
        steps.append(Step("params, no sharing", "", unshared))
    if macs:
        steps.append(Step("MACs", "", macs))
    return steps


def plain_working(layer: Inferred) -> list[Step]:
    """No per-axis working: the counts alone."""
    return count_steps(layer)


def window_working(layer: Inferred) -> list[Step]:
    """A convolution or pooling window: each axis, then the counts."""
    return axis_steps(layer) + count_steps(layer)


def transposed_working(layer: Inferred) -> list[Step]:
    """A transposed convolution: each axis, then its weights and MACs over input positions."""
    return axis_steps(layer, _transposed_text) + conv_counts(layer, shared=True, unshared=False, over_input=True)


def conv_working(layer: Inferred) -> list[Step]:
    """A convolution: each axis, then params with and without sharing, the saving and MACs."""
    return axis_steps(layer) + conv_counts(layer, shared=True, unshared=True, over_input=False)


def local_working(layer: Inferred) -> list[Step]:
    """A locally connected layer: each axis, then its own weights at every position."""
    return axis_steps(layer) + conv_counts(layer, shared=False, unshared=True, over_input=False)


def conv_counts(layer: Inferred, shared: bool, unshared: bool, over_input: bool) -> list[Step]:
    """(k·C_in/groups + bias)·C_out with sharing, ·positions without; MACs positions·C_out·k·C_in/groups."""
    kind, hp, shape = layer.kind, layer.hp, layer.input
    params = sum(kind.params(layer))
    steps = [output_step(layer)]
    positions = "·".join(map(str, spatial(layer.output)))
    kernel = "·".join(map(str, layer.window.kernel))
    c_in = shape[-1] // hp.get("groups", 1)
    per = f"({kernel}·{c_in}{' + 1' if hp['bias'] else ''})"
    if shared:
        steps.append(Step("params, shared weights", f"{per}·{hp['filters']}", params))
    if unshared:
        steps.append(Step("params, no sharing", f"{per}·{positions}·{hp['filters']}", kind.params_unshared(layer)))
    if shared and unshared and params:
        saving = ratio(kind.params_unshared(layer), params)
        steps.append(Step("sharing saves", f"{n(kind.params_unshared(layer))}/{n(params)}",
                          f"{saving if isinstance(saving, int) else fraction_text(saving)}× fewer"))
    over = spatial(shape) if over_input else spatial(layer.output)
    steps.append(Step("MACs", f"{'·'.join(map(str, over))}·{hp['filters']}·{kernel}·{c_in}", kind.macs(layer)))
    return steps
