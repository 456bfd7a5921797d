"""Layers that resize the spatial axes without weights: zero_padding, cropping, upsample."""
from __future__ import annotations

from cnncalc.core.arith import Explicit, axis_pads, ratio
from cnncalc.core.conventions import Convention
from cnncalc.core.errors import ShapeError, SpecError
from cnncalc.core.layers import memory, tools
from cnncalc.core.layers.plain import Plain
from cnncalc.core.layers.base import (AxisWindow, HParam, LayerOut, broadcast, choice, need_spatial, parse_padding, per_axis, )
from cnncalc.core.shapes import AXIS_NAMES, Shape, channels, spatial


class ZeroPadding(Plain):
    name = "zero_padding"
    aliases = ("zeropadding2d", "pad")
    summary = "adds zeros around the spatial axes: in + begin + end"
    schema = (HParam("padding", parse_padding, help="an int, per-axis, or [[top, bottom], [left, right]]"),)
    primary = "padding"
    sign = 1  # +1 adds the margins, −1 (cropping) removes them
    example = {"padding": 1}
    glyph = "reshape"

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
    def receptive(cls, layer) -> list[AxisWindow]:
        return [AxisWindow(1, 1, cls.sign * b) for b, _ in cls.margins(layer.input, layer.hp)]

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return ops.np.pad(xs[0], [(0, 0)] + [tuple(p) for p in layer.pads] + [(0, 0)])


class Cropping(ZeroPadding):
    name = "cropping"
    aliases = ("cropping1d", "cropping2d", "cropping3d", "crop")
    summary = "removes rows and columns at the edges: in − begin − end (Keras Cropping, U-Net skips)"
    schema = (HParam("cropping", parse_padding, help="an int, per-axis, or [[top, bottom], [left, right]]"),)
    primary = "cropping"
    example = {"cropping": 1}
    sign = -1

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        x = xs[0]
        margins = cls.margins(layer.input, layer.hp)
        # a copy: a view would keep the whole input alive as long as the output
        return x[(slice(None),) + tuple(slice(b, n - e) for (b, e), n in zip(margins, x.shape[1:-1]))].copy()


class Upsample(Plain):
    name = "upsample"
    aliases = ("upsampling2d", "upsampling")
    summary = "repeats each position `size` times per axis (nearest) or interpolates (bilinear)"
    schema = (HParam("size", per_axis(), 2, "factor per axis"),
              HParam("mode", choice("nearest", "bilinear"), "nearest", "nearest or bilinear"))
    primary = "size"
    glyph = "reshape"
    echo = ("size", "mode")
    other_tools = tools.OtherTools(
        tools.zero, tools.per_output(lambda layer: 4 if layer.hp["mode"] == "bilinear" else 1), tools.per_output(2))
    temporaries = staticmethod(memory.upsample)

    @classmethod
    def factors(cls, layer) -> tuple[int, ...]:
        return broadcast(layer.hp["size"], len(spatial(layer.input)), "size")

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        need_spatial(inputs[0], cls.name)
        sizes = broadcast(hp["size"], len(spatial(inputs[0])), "size")
        return LayerOut(tuple(n * f for n, f in zip(spatial(inputs[0]), sizes)) + (channels(inputs[0]),))

    @classmethod
    def receptive(cls, layer) -> list[AxisWindow]:
        return [AxisWindow(1, ratio(1, f), 0) for f in cls.factors(layer)]

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return ops.upsample(xs[0], cls.factors(layer), layer.hp["mode"])


KINDS = (ZeroPadding, Cropping, Upsample)
