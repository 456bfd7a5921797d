"""Receptive field per spatial axis (Araujo et al., "Computing Receptive Fields of Convolutional
Neural Networks", Distill 2019): size r += (k_eff − 1)·j, jump j *= s, start
c += ((k_eff − 1)/2 − p_begin)·j (centre of the first output, in input pixels).

Layers without a window pass the field through. A layer whose output mixes the spatial axes
(a reshape) ends it. At a merge the field is the widest per axis when every branch has the
same jump on that axis; where jumps differ it is not defined, as Google's receptive_field
library refuses such graphs ("branches do not align").
"""
from __future__ import annotations

from typing import NamedTuple, TYPE_CHECKING

from cnncalc.core.arith import ratio
from cnncalc.core.layers import AxisWindow, Note
from cnncalc.core.layers.base import ENDS_FIELD
from cnncalc.core.network import Inferred
from cnncalc.core.shapes import Shape, format_shape, spatial

if TYPE_CHECKING:
    from fractions import Fraction

Field = tuple["AxisRF", ...] | None


class AxisRF(NamedTuple):
    """Receptive field on one axis: size and jump in input pixels, centre of the first unit."""

    size: int | Fraction
    jump: int | Fraction
    start: int | Fraction


def input_field(shape: Shape) -> Field:
    """The network input: one pixel at jump 1 on each spatial axis (none for a flat input)."""
    return tuple(AxisRF(1, 1, 0) for _ in spatial(shape)) or None


def half(value: int | Fraction) -> int | Fraction:
    """value/2, an int when it divides (Fractions only where they are needed keeps this fast)."""
    return ratio(value, 2) if isinstance(value, int) else value / 2


def next_rf(rf: tuple[AxisRF, ...] | None, windows: list[AxisWindow]) -> tuple[AxisRF, ...] | None:
    """One step of the receptive-field recurrence over every axis."""
    if rf is None or len(rf) != len(windows):
        return rf
    return tuple(AxisRF(a.size + (w.kernel - 1) * a.jump, a.jump * w.stride,
                        a.start + (half(w.kernel - 1) - w.pad_begin) * a.jump) for a, w in zip(rf, windows))


def merged(layer: Inferred, fields: dict[str, Field]) -> tuple[Field, Note | None]:
    """The field entering ``layer``: its input's, or at a merge the widest per axis of aligned branches."""
    incoming = [(name, fields[name]) for name in layer.node.inputs if fields[name] is not None]
    if len(incoming) <= 1:
        return (incoming[0][1] if incoming else None), None
    if len({len(f) for _, f in incoming}) > 1:
        return None, None
    axes = []
    for axis in range(len(incoming[0][1])):
        jumps = {f[axis].jump for _, f in incoming}
        if len(jumps) > 1:
            names = " and ".join(f"'{name}' (jump {f[axis].jump})" for name, f in incoming[:2])
            return None, Note("receptive-field", f"receptive field not defined: branches {names} do not align "
                                                 "(their strides differ)")
        axes.append(max((f[axis] for _, f in incoming), key=lambda a: a.size))
    return tuple(axes), None


def field_of(layer: Inferred, fields: dict[str, Field]) -> tuple[Field, Note | None]:
    """The layer's receptive field, and a note when it ends or is not defined here."""
    rf, note = merged(layer, fields)
    windows = layer.kind.receptive(layer)
    if windows is ENDS_FIELD:
        if rf is None:
            return None, None
        return None, Note("receptive-field", f"receptive field ends: {format_shape(layer.input)} → "
                                             f"{format_shape(layer.output)} mixes the spatial axes")
    return (rf if windows is None else next_rf(rf, windows)), note



