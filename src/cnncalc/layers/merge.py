"""Merges of several inputs: add (same shapes), multiply (broadcasting), concat (channel axis)."""
from __future__ import annotations

from ..conventions import Convention
from ..errors import ShapeError
from ..grammar import Shape, format_shape, spatial
from .base import LayerKind, LayerOut


class Add(LayerKind):
    name = "add"
    summary = "element-wise sum of inputs of one shape (residual connections)"
    merge = True

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        first = inputs[0]
        for other in inputs[1:]:
            if other != first:
                raise ShapeError(f"cannot add {format_shape(first)} and {format_shape(other)}",
                                 expected="inputs of one shape")
        return LayerOut(first)


class Multiply(LayerKind):
    name = "multiply"
    aliases = ("mul",)
    summary = "element-wise product; sizes of 1 broadcast (squeeze-and-excitation scales)"
    merge = True

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        out = list(inputs[0])
        for other in inputs[1:]:
            if len(other) != len(out) or any(a != b and 1 not in (a, b) for a, b in zip(out, other)):
                raise ShapeError(f"cannot multiply {format_shape(tuple(out))} and {format_shape(other)}",
                                 expected="equal sizes, or 1 on an axis to broadcast")
            out = [max(a, b) for a, b in zip(out, other)]
        return LayerOut(tuple(out))


class Concat(LayerKind):
    name = "concat"
    aliases = ("concatenate",)
    summary = "joins inputs along the channel (last) axis; spatial sizes must agree"
    merge = True

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        first = inputs[0]
        for other in inputs[1:]:
            if len(other) != len(first) or spatial(other) != spatial(first):
                raise ShapeError(f"cannot concatenate {format_shape(first)} and {format_shape(other)} "
                                 "on the channel axis", expected="the same sizes on every other axis")
        return LayerOut(spatial(first) + (sum(s[-1] for s in inputs),))


KINDS = (Add, Multiply, Concat)
