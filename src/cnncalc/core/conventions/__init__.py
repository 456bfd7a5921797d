"""textbook | tensorflow | keras | pytorch | onnx as data: what each framework refuses, one table
of ``Refusal`` rules per framework (a module each), every rule in the framework's own words.

A convention never changes a formula (those live in ``arith.py``) but where DESIGN says so:
a layer that gives no padding is ``valid`` under tensorflow and keras, ONNX's transposed
``valid`` is no padding at all, and each framework reaches a transposed ``output_shape`` its
own way. ``textbook`` refuses only impossible shapes and what makes no sense.
"""
from __future__ import annotations

from cnncalc.core.arith import AxisResult, Explicit, PadSpec, Valid
from cnncalc.core.choices import Convention
from cnncalc.core.conventions import keras, onnx, pytorch, tensorflow
from cnncalc.core.conventions.rules import Facts, Refusal, first_refusal, ranked
from cnncalc.core.errors import parse_choice

TABLES: dict[Convention, tuple[Refusal, ...]] = {
    Convention.TEXTBOOK: pytorch.SHARED,
    Convention.TENSORFLOW: tensorflow.RULES,
    Convention.KERAS: keras.RULES,
    Convention.PYTORCH: pytorch.RULES + pytorch.SHARED,
    Convention.ONNX: onnx.RULES,
}
"""Every convention's refusals, checked in order."""

_OUTPUT_SHAPE = {Convention.TEXTBOOK: pytorch.output_shape_axis, Convention.TENSORFLOW: tensorflow.output_shape_axis,
                 Convention.PYTORCH: pytorch.output_shape_axis, Convention.ONNX: onnx.output_shape_axis}


def parse_convention(value: object) -> Convention:
    """A convention by name, case-insensitive."""
    return parse_choice(Convention, value, "convention")


def check(convention: Convention, facts: Facts) -> None:
    """Raise the first refusal of ``convention`` that applies to the layer."""
    first_refusal(TABLES[convention], facts)


def padding_for(convention: Convention, padding: PadSpec) -> PadSpec:
    """The padding the formulas take: a layer that gives none is ``valid`` under tensorflow and keras
    (their default; it differs from 0 only in a transposed conv with k_eff < s), 0 elsewhere."""
    unwritten = isinstance(padding, Explicit) and not padding.written
    return Valid() if unwritten and convention in (Convention.TENSORFLOW, Convention.KERAS) else padding


def transposed_padding(convention: Convention, padding: PadSpec, in_spatial: tuple[int, ...],
                       stride: tuple[int, ...], output_shape: tuple[int, ...] | None
                       ) -> tuple[PadSpec, tuple[int, ...] | None]:
    """The padding and output_shape a transposed conv's formula takes (ONNX reads them its own way)."""
    if convention is Convention.ONNX:
        return onnx.transposed_padding(padding, in_spatial, stride, output_shape)
    return padding, output_shape


def output_shape_axis(convention: Convention, n: int, kernel: int, stride: int, dilation: int, pad,
                      output_padding: int | None, out: int) -> AxisResult:
    """One axis of a transposed conv made ``out`` long, as ``convention`` gets there: the output_padding
    derived (textbook, PyTorch), or the crop from the full output (TensorFlow, ONNX)."""
    return _OUTPUT_SHAPE[convention](n, kernel, stride, dilation, pad, output_padding, out)


__all__ = ["Convention", "Facts", "Refusal", "TABLES", "parse_convention", "check", "padding_for",
           "transposed_padding", "output_shape_axis", "ranked"]
