"""Merges of several inputs: add (same shapes), multiply (broadcasting), concat (channel axis)."""
from __future__ import annotations

from cnncalc.core.conventions import Convention
from cnncalc.core.errors import ShapeError
from cnncalc.core.shapes import Shape, format_shape, spatial
from cnncalc.core.layers import memory
from cnncalc.core.layers.plain import Plain
from cnncalc.core.layers.base import LayerOut


class Merge(Plain):
    """A layer of several inputs and no weights."""

    merge = True
    glyph = "merge"
    temporaries = staticmethod(memory.none)  # sums and products accumulate into the output


class Add(Merge):
    name = "add"
    summary = "element-wise sum of inputs of one shape (residual connections)"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        first = inputs[0]
        for other in inputs[1:]:
            if other != first:
                raise ShapeError(f"cannot add {format_shape(first)} and {format_shape(other)}",
                                 expected="inputs of one shape")
        return LayerOut(first)

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return ops.total(xs)


class Multiply(Merge):
    name = "multiply"
    aliases = ("mul",)
    summary = "element-wise product; sizes of 1 broadcast (squeeze-and-excitation scales)"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        out = list(inputs[0])
        for other in inputs[1:]:
            if len(other) != len(out) or any(a != b and 1 not in (a, b) for a, b in zip(out, other)):
                raise ShapeError(f"cannot multiply {format_shape(tuple(out))} and {format_shape(other)}",
                                 expected="equal sizes, or 1 on an axis to broadcast")
            out = [max(a, b) for a, b in zip(out, other)]
        return LayerOut(tuple(out))

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return ops.product(xs)


class Concat(Merge):
    name = "concat"
    aliases = ("concatenate",)
    summary = "joins inputs along the channel (last) axis; spatial sizes must agree"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        first = inputs[0]
        for other in inputs[1:]:
            if len(other) != len(first) or spatial(other) != spatial(first):
                raise ShapeError(f"cannot concatenate {format_shape(first)} and {format_shape(other)} "
                                 "on the channel axis", expected="the same sizes on every other axis")
        return LayerOut(spatial(first) + (sum(s[-1] for s in inputs),))

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return ops.np.concatenate(xs, axis=-1)


KINDS = (Add, Multiply, Concat)
