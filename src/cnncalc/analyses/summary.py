"""Inferred shapes → a report: params (shared/unshared, trainable/non), MACs, activations, bytes, RF.

Receptive field per spatial axis (Araujo et al., "Computing Receptive Fields of
Convolutional Neural Networks", Distill 2019): size r += (k_eff − 1)·j, jump j *= s,
start c += ((k_eff − 1)/2 − p_begin)·j (centre of the first output, in input pixels).
A merge keeps its widest input field. Layers without a window pass the field through.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from cnncalc.core.arith import ratio
from cnncalc.core.choices import DTYPE_BYTES
from cnncalc.core.shapes import Shape, spatial, volume
from cnncalc.core.gcpause import paused_gc
from cnncalc.core.layers import AxisWindow, Note
from cnncalc.core.layers.base import fused_activation
from cnncalc.core.network import INPUT, Inferred, Network, infer

if TYPE_CHECKING:
    from fractions import Fraction



@dataclass(frozen=True)
class AxisRF:
    """Receptive field on one axis: size and jump in input pixels, centre of the first unit."""

    size: int | Fraction
    jump: int | Fraction
    start: int | Fraction


@dataclass(frozen=True)
class LayerRow:
    """One layer of the report; ints are exact."""

    index: int
    name: str
    kind: str
    block: tuple[str, ...]
    input: tuple[Shape, ...]
    output: Shape
    pads: tuple[tuple[int, int], ...]
    trainable: int
    non_trainable: int
    params_unshared: int
    macs: int
    activations: int
    rf: tuple[AxisRF, ...] | None
    notes: tuple[Note, ...]
    activation: str | None = None
    """A fused activation (Keras' activation=), if any besides linear."""
    layer: Inferred | None = None
    """The inferred node this row reports (None for a row that sums a collapsed block)."""

    @property
    def params(self) -> int:
        return self.trainable + self.non_trainable


@dataclass(frozen=True)
class Totals:
    """Sums over the rows (each an exact int) and the largest layer by activations."""

    params: int
    trainable: int
    non_trainable: int
    params_unshared: int
    macs: int
    flops: int
    activations: int
    activation_bytes: int
    param_bytes: int
    largest: str | None


@dataclass(frozen=True)
class Report:
    """Everything ``cnncalc model`` shows; JSON is a direct projection of it."""

    name: str
    input: Shape
    output: Shape
    convention: str
    rows: tuple[LayerRow, ...]
    totals: Totals
    dtype: str
    notes: tuple[Note, ...]

    @property
    def receptive_field(self) -> tuple[AxisRF, ...] | None:
        return self.rows[-1].rf if self.rows else None


def half(value: int | Fraction) -> int | Fraction:
    """value/2, an int when it divides (Fractions only where they are needed keeps this fast)."""
    return ratio(value, 2) if isinstance(value, int) else value / 2


def next_rf(rf: tuple[AxisRF, ...] | None, windows: list[AxisWindow]) -> tuple[AxisRF, ...] | None:
    """One step of the receptive-field recurrence over every axis."""
    if rf is None or len(rf) != len(windows):
        return rf
    return tuple(AxisRF(a.size + (w.kernel - 1) * a.jump, a.jump * w.stride,
                        a.start + (half(w.kernel - 1) - w.pad_begin) * a.jump) for a, w in zip(rf, windows))


def _rf_of(layer: Inferred, fields: dict[str, tuple[AxisRF, ...] | None]) -> tuple[AxisRF, ...] | None:
    incoming = [fields[name] for name in layer.node.inputs]
    known = [f for f in incoming if f is not None]
    rf = max(known, key=lambda f: tuple(a.size for a in f)) if known else None
    windows = layer.kind.receptive(layer)
    return rf if windows is None else next_rf(rf, windows)


def row_of(layer: Inferred, rf: tuple[AxisRF, ...] | None) -> LayerRow:
    """The counts of one inferred node."""
    kind, node = layer.kind, layer.node
    trainable, non_trainable = kind.params(layer)
    return LayerRow(node.index, node.name, kind.name, node.block, layer.inputs, layer.output, layer.pads, trainable,
                    non_trainable, kind.params_unshared(layer), kind.macs(layer), volume(layer.output), rf,
                    layer.notes, fused_activation(node.hparams), layer)


def summarize(network: Network, strict: bool = False, dtype: str = "float32") -> Report:
    """Infer every shape and count everything; rows sum exactly to the totals."""
    fields: dict[str, tuple[AxisRF, ...] | None] = {
        INPUT: tuple(AxisRF(1, 1, 0) for _ in spatial(network.input)) or None}
    rows = []
    with paused_gc():
        for layer in infer(network, strict):
            rf = _rf_of(layer, fields)
            fields[layer.name] = rf
            rows.append(row_of(layer, rf))
    return Report(network.name, network.input, rows[-1].output if rows else network.input,
                  str(network.convention), tuple(rows), totals(rows, dtype), dtype,
                  tuple(n for r in rows for n in r.notes))


def totals(rows: list[LayerRow], dtype: str = "float32") -> Totals:
    """Exact sums; FLOPs = 2·MACs; bytes = count · bytes per value of ``dtype``."""
    size = DTYPE_BYTES[dtype]
    trainable = sum(r.trainable for r in rows)
    non_trainable = sum(r.non_trainable for r in rows)
    macs = sum(r.macs for r in rows)
    activations = sum(r.activations for r in rows)
    largest = max(rows, key=lambda r: r.activations).name if rows else None
    return Totals(trainable + non_trainable, trainable, non_trainable, sum(r.params_unshared for r in rows),
                  macs, 2 * macs, activations, activations * size, (trainable + non_trainable) * size, largest)
