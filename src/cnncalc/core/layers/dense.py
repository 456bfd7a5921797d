"""Dense layers and layers that only reshape: dense, flatten, reshape, dropout."""
from __future__ import annotations

from cnncalc.core.conventions import Convention
from cnncalc.core.errors import ShapeError
from cnncalc.core.layers import memory, tools
from cnncalc.core.layers.plain import Plain
from cnncalc.core.layers.working import plain_working
from cnncalc.core import limits
from cnncalc.core.errors import SpecError
from cnncalc.core.layers.base import (ENDS_FIELD, HParam, LayerKind, LayerOut, Weight, activation_param, boolean, number, positive)
from cnncalc.core.literals import parse_shape, shown
from cnncalc.core.shapes import Shape, describe_shape, format_shape, spatial, volume


class Dense(LayerKind):
    name = "dense"
    aliases = ("linear", "fc", "fully_connected")
    summary = "fully connected: in·units weights + units biases"
    schema = (HParam("units", positive, help="output size"), HParam("bias", boolean, True, "add a bias"),
              activation_param)
    primary = "units"
    weighted = True
    example, example_input = {"units": 3}, "16"
    glyph = "dense"
    echo = ("units", "bias")
    other_tools = tools.OtherTools(tools.trainable, tools.macs, tools.macs_and_bias)
    working = staticmethod(plain_working)
    values = None

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        shape = inputs[0]
        if len(shape) > 1:
            raise ShapeError(f"input is {describe_shape(shape)}",
                             expected="add 'flatten' (or a global pooling) before it")
        return LayerOut((hp["units"],))

    @classmethod
    def params(cls, layer) -> tuple[int, int]:
        units = layer.hp["units"]
        return layer.input[0] * units + (units if layer.hp["bias"] else 0), 0

    @classmethod
    def macs(cls, layer) -> int:
        return layer.input[0] * layer.hp["units"]

    @classmethod
    def weights(cls, layer) -> tuple[Weight | None, ...]:
        c_in, units = layer.input[0], layer.hp["units"]
        return Weight((c_in, units), fan_in=c_in), Weight((units,)) if layer.hp["bias"] else None

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        w, b = weights
        y = xs[0] @ w
        return ops.add_bias(y, b)

    temporaries = staticmethod(memory.none)


class Flatten(Plain):
    name = "flatten"
    summary = "one flat vector of ∏ input sizes; a flat input is unchanged"
    glyph = "reshape"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        return LayerOut((volume(inputs[0]),))

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return xs[0].reshape(xs[0].shape[0], -1)


def _target_shape(value: object) -> tuple[int, ...]:
    if isinstance(value, (list, tuple)) and value.count(-1) == 1:
        if len(value) > limits.MAX_RANK + 1:
            raise SpecError(f"{shown(value)} has {len(value)} axes", expected=f"at most {limits.MAX_RANK + 1} axes")
        known = [v for v in value if v != -1]
        parse_shape(known or [1])
        return tuple(value)
    return parse_shape(value)


class Reshape(Flatten):
    name = "reshape"
    summary = "the same values in a new shape (one axis may be -1)"
    schema = (HParam("shape", _target_shape, help="target shape such as 1x1x64 or [7, 7, -1]"),)
    primary = "shape"
    example = {"shape": [16, 16]}
    echo = ("shape",)

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        size, target = volume(inputs[0]), list(hp["shape"])
        if -1 in target:
            known = volume([v for v in target if v != -1])
            if size % known:
                raise ShapeError(f"cannot reshape {format_shape(inputs[0])} ({size:,} values) to {target}",
                                 expected=f"sizes whose product divides {size:,}").with_where(field="shape")
            target[target.index(-1)] = size // known
        if volume(target) != size:
            raise ShapeError(f"cannot reshape {format_shape(inputs[0])} ({size:,} values) to "
                             f"{format_shape(tuple(target))} ({volume(target):,} values)",
                             expected=f"a shape of {size:,} values").with_where(field="shape")
        return LayerOut(tuple(target))

    @classmethod
    def receptive(cls, layer):
        """A reshape that keeps the spatial axes passes the field; one that mixes them ends it."""
        return None if spatial(layer.output) == spatial(layer.input) else ENDS_FIELD

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return xs[0].reshape((xs[0].shape[0],) + layer.output)


class Dropout(Flatten):
    name = "dropout"
    summary = "zeroes a fraction `rate` of values in training; shape unchanged, no parameters"
    schema = (HParam("rate", number(minimum=0, below=1), 0.5, "fraction dropped, 0 ≤ rate < 1"),)
    primary = "rate"
    glyph = "regularizer"
    echo = ("rate",)

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        return LayerOut(inputs[0])

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return xs[0]


KINDS = (Dense, Flatten, Reshape, Dropout)
