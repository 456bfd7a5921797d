"""Layers without windows: dense, shape changes, normalisation, padding, upsampling, activations."""
from __future__ import annotations

from ..arith import AXIS_NAMES, Explicit, axis_pads, ratio
from ..conventions import Convention
from ..errors import ShapeError, SpecError
from ..grammar import Shape, channels, format_shape, parse_shape, spatial, whole
from .base import (AxisWindow, HParam, LayerKind, LayerOut, activation_param, boolean, broadcast, choice,
                   need_spatial, number, parse_padding, per_axis, positive, prod)


class Dense(LayerKind):
    name = "dense"
    aliases = ("linear", "fc", "fully_connected")
    summary = "fully connected: in·units weights + units biases"
    schema = (HParam("units", positive, help="output size"), HParam("bias", boolean, True, "add a bias"),
              activation_param)
    primary = "units"
    weighted = True

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        shape = inputs[0]
        if len(shape) > 1:
            raise ShapeError(f"input is {format_shape(shape)}, a {len(shape)}-D volume",
                             expected="add 'flatten' (or a global pooling) before it")
        return LayerOut((hp["units"],))

    @classmethod
    def params(cls, inputs: list[Shape], out: Shape, hp: dict) -> tuple[int, int]:
        return inputs[0][0] * hp["units"] + (hp["units"] if hp["bias"] else 0), 0

    @classmethod
    def macs(cls, inputs: list[Shape], out: Shape, hp: dict) -> int:
        return inputs[0][0] * hp["units"]


class Flatten(LayerKind):
    name = "flatten"
    summary = "one flat vector of ∏ input sizes; a flat input is unchanged"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        return LayerOut((prod(inputs[0]),))


def _target_shape(value: object) -> tuple[int, ...]:
    if isinstance(value, (list, tuple)) and value.count(-1) == 1:
        known = [v for v in value if v != -1]
        parse_shape(known or [1])
        return tuple(value)
    return parse_shape(value)


class Reshape(LayerKind):
    name = "reshape"
    summary = "the same values in a new shape (one axis may be -1)"
    schema = (HParam("shape", _target_shape, help="target shape such as 1x1x64 or [7, 7, -1]"),)
    primary = "shape"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        size, target = prod(inputs[0]), list(hp["shape"])
        if -1 in target:
            known = prod([v for v in target if v != -1])
            if size % known:
                raise ShapeError(f"cannot reshape {format_shape(inputs[0])} ({size:,} values) to {target}",
                                 expected=f"sizes whose product divides {size:,}").with_where(field="shape")
            target[target.index(-1)] = size // known
        if prod(target) != size:
            raise ShapeError(f"cannot reshape {format_shape(inputs[0])} ({size:,} values) to "
                             f"{format_shape(tuple(target))} ({prod(target):,} values)",
                             expected=f"a shape of {size:,} values").with_where(field="shape")
        return LayerOut(tuple(target))


class Dropout(LayerKind):
    name = "dropout"
    summary = "zeroes a fraction `rate` of values in training; shape unchanged, no parameters"
    schema = (HParam("rate", number(minimum=0, below=1), 0.5, "fraction dropped, 0 ≤ rate < 1"),)
    primary = "rate"


class BatchNorm(LayerKind):
    name = "batchnorm"
    aliases = ("batch_norm", "batchnormalization", "bn", "batchnorm2d")
    summary = "per channel: γ, β trainable; moving mean and variance non-trainable (Keras counts both)"
    schema = (HParam("epsilon", number(minimum=0), 1e-3, "added to the variance"),
              HParam("center", boolean, True, "learn β"), HParam("scale", boolean, True, "learn γ"))

    @classmethod
    def params(cls, inputs: list[Shape], out: Shape, hp: dict) -> tuple[int, int]:
        c = channels(inputs[0])
        return c * (hp["center"] + hp["scale"]), 2 * c


class LayerNorm(LayerKind):
    name = "layernorm"
    aliases = ("layer_norm", "layernormalization")
    summary = "normalise over the last axis; γ, β per channel"
    schema = BatchNorm.schema

    @classmethod
    def params(cls, inputs: list[Shape], out: Shape, hp: dict) -> tuple[int, int]:
        return channels(inputs[0]) * (hp["center"] + hp["scale"]), 0


class ZeroPadding(LayerKind):
    name = "zero_padding"
    aliases = ("zeropadding2d", "pad")
    summary = "adds zeros around the spatial axes: in + begin + end"
    schema = (HParam("padding", parse_padding, help="an int, per-axis, or [[top, bottom], [left, right]]"),)
    primary = "padding"
    sign = 1  # +1 adds the margins, −1 (cropping) removes them

    @classmethod
    def validate(cls, hp: dict) -> None:
        if not isinstance(hp[cls.primary], Explicit):
            raise SpecError(f"{cls.primary} '{hp[cls.primary]}' needs a window", expected=f"numeric {cls.primary}"
                            ).with_where(field=cls.primary)

    @classmethod
    def margins(cls, shape: Shape, hp: dict) -> tuple[tuple[int, int], ...]:
        return tuple(axis_pads(hp[cls.primary], len(spatial(shape))))

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        need_spatial(inputs[0], cls.name)
        margins = cls.margins(inputs[0], hp)
        sizes = tuple(n + cls.sign * (b + e) for n, (b, e) in zip(spatial(inputs[0]), margins))
        for axis, (n, size, (b, e)) in enumerate(zip(spatial(inputs[0]), sizes, margins)):
            if size < 1:
                raise ShapeError(f"{cls.primary} {b} + {e} leaves nothing of the {n} on axis "
                                 f"{AXIS_NAMES[len(sizes)][axis]}",
                                 expected=f"at most {n - 1} in all").with_where(field=cls.primary)
        return LayerOut(sizes + (channels(inputs[0]),), margins if cls.sign > 0 else ())

    @classmethod
    def windows(cls, inputs: list[Shape], out: LayerOut, hp: dict) -> list[AxisWindow]:
        return [AxisWindow(1, 1, cls.sign * b) for b, _ in cls.margins(inputs[0], hp)]


class Cropping(ZeroPadding):
    name = "cropping"
    aliases = ("cropping1d", "cropping2d", "cropping3d", "crop")
    summary = "removes rows and columns at the edges: in − begin − end (Keras Cropping, U-Net skips)"
    schema = (HParam("cropping", parse_padding, help="an int, per-axis, or [[top, bottom], [left, right]]"),)
    primary = "cropping"
    sign = -1


class Upsample(LayerKind):
    name = "upsample"
    aliases = ("upsampling2d", "upsampling")
    summary = "repeats each position `size` times per axis (nearest) or interpolates (bilinear)"
    schema = (HParam("size", per_axis(), 2, "factor per axis"),
              HParam("mode", choice("nearest", "bilinear"), "nearest", "nearest or bilinear"))
    primary = "size"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        need_spatial(inputs[0], cls.name)
        sizes = broadcast(hp["size"], len(spatial(inputs[0])), "size")
        return LayerOut(tuple(n * f for n, f in zip(spatial(inputs[0]), sizes)) + (channels(inputs[0]),))

    @classmethod
    def windows(cls, inputs: list[Shape], out: LayerOut, hp: dict) -> list[AxisWindow]:
        sizes = broadcast(hp["size"], len(spatial(inputs[0])), "size")
        return [AxisWindow(1, ratio(1, f), 0) for f in sizes]


class LRN(LayerKind):
    name = "lrn"
    aliases = ("local_response_norm",)
    summary = "local response normalisation across `size` neighbouring channels (AlexNet)"
    schema = (HParam("size", lambda v: whole(v, "size"), 5, "channels in the sum"),
              HParam("alpha", number(), 1e-4, "scale"), HParam("beta", number(), 0.75, "exponent"),
              HParam("k", number(), 1.0, "additive constant"))


def _activation(kind: str, text: str, *schema: HParam, aliases: tuple[str, ...] = ()) -> type[LayerKind]:
    primary = schema[0].name if schema else None
    return type(kind.title().replace("_", ""), (LayerKind,),
                {"name": kind, "summary": text, "schema": schema, "primary": primary, "aliases": aliases,
                 "activation": True, "__doc__": text})


ALPHA = HParam("alpha", number(), 0.01, "slope for x < 0")
ACTIVATIONS = (
    _activation("relu", "max(x, 0)"),
    _activation("relu6", "min(max(x, 0), 6)"),
    _activation("leaky_relu", "x if x > 0 else alpha·x (alpha 0.01 as PyTorch; Keras 0.3)", ALPHA),
    _activation("elu", "x if x > 0 else alpha·(eˣ − 1)", HParam("alpha", number(), 1.0, "scale for x < 0")),
    _activation("sigmoid", "1/(1 + e⁻ˣ)"),
    _activation("hard_sigmoid", "clip(x/6 + 1/2, 0, 1) (Keras 3)"),
    _activation("tanh", "tanh(x)"),
    _activation("softmax", "eˣ/Σeˣ over the last axis"),
    _activation("gelu", "x·Φ(x) (tanh approximation off)"),
    _activation("silu", "x·sigmoid(x)", aliases=("swish",)),
)

KINDS = (Dense, Flatten, Reshape, Dropout, BatchNorm, LayerNorm, ZeroPadding, Cropping, Upsample, LRN) + ACTIVATIONS
