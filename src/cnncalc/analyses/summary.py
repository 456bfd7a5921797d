"""Inferred shapes → a report: params (shared/unshared, trainable/non), MACs, activations, bytes,
and the receptive field (``analyses.receptive``)."""
from __future__ import annotations

from typing import NamedTuple, TYPE_CHECKING

from cnncalc.core.choices import DTYPE_BYTES, Convention
from cnncalc.core.shapes import Shape, volume
from cnncalc.core.errors import CnncalcError
from cnncalc.core.gcpause import paused_gc
from cnncalc.core.layers import Note
from cnncalc.core.layers.base import fused_activation
from cnncalc.analyses.receptive import AxisRF, field_of, input_field
from cnncalc.core.layout import View
from cnncalc.core.network import INPUT, Inferred, Network, infer

if TYPE_CHECKING:
    pass



class LayerRow(NamedTuple):
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


class Totals(NamedTuple):
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


class Report(NamedTuple):
    """Everything ``cnncalc model`` shows; JSON is a direct projection of it."""

    name: str
    input: Shape
    output: Shape
    convention: str
    rows: tuple[LayerRow, ...]
    totals: Totals
    dtype: str
    notes: tuple[Note, ...]
    view: View = View()
    """The layout and batch the user wrote the input in."""

    @property
    def receptive_field(self) -> tuple[AxisRF, ...] | None:
        return self.rows[-1].rf if self.rows else None


def row_of(layer: Inferred, rf: tuple[AxisRF, ...] | None, note: Note | None = None) -> LayerRow:
    """The counts of one inferred node; ``note`` says why its receptive field ended, if it did."""
    kind, node = layer.kind, layer.node
    trainable, non_trainable, unshared, macs = kind.counts(layer)
    return LayerRow(node.index, node.name, kind.name, node.block, layer.inputs, layer.output, layer.pads, trainable,
                    non_trainable, unshared, macs, volume(layer.output), rf,
                    layer.notes + ((note,) if note else ()), fused_activation(node.hparams), layer)


def summarize(network: Network, strict: bool = False, dtype: str = "float32") -> Report:
    """Infer every shape and count everything; rows sum exactly to the totals."""
    fields: dict[str, tuple[AxisRF, ...] | None] = {INPUT: input_field(network.input)}
    rows = []
    with paused_gc():
        try:
            layers = infer(network, strict)
        except CnncalcError as e:  # an ambiguous input shape is the likely cause: say how it was read
            if not network.notes:
                raise
            hint = network.notes[0].message
            raise type(e)(e.message, e.where, f"{e.expected}; {hint}" if e.expected else hint, e.suggestion) from None
        for layer in layers:
            rf, note = field_of(layer, fields)
            fields[layer.name] = rf
            rows.append(row_of(layer, rf, note))
    return Report(network.name, network.input, rows[-1].output if rows else network.input,
                  str(network.convention), tuple(rows), totals(rows, dtype), dtype,
                  network.notes + tuple(n for r in rows for n in r.notes) + floor_note(network, rows), network.view)


def floor_note(network: Network, rows: list[LayerRow]) -> tuple[Note, ...]:
    """Under a framework's convention flooring is the framework's own rule: one note per network
    saying how many layers floor a (W − K + 2P)/S that is not whole (the textbook notes each layer)."""
    if network.convention is Convention.TEXTBOOK:
        return ()
    floored = [r.name for r in rows if r.layer and any(e is not None for e in r.layer.out.exact)
               and not r.layer.hp.get("ceil_mode")]
    if not floored:
        return ()
    names = ", ".join(floored[:3]) + (", ..." if len(floored) > 3 else "")
    return (Note("floored", f"{len(floored)} layer{'s' if len(floored) > 1 else ''} floor a (W − K + 2P)/S that is "
                            f"not a whole number, as {network.convention} does ({names})"),)


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
