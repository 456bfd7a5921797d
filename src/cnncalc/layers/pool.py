"""Pooling: maxpool, avgpool (window rules shared with conv), global and adaptive pooling."""
from __future__ import annotations

from dataclasses import replace

from ..arith import ceil_div, ratio
from ..conventions import Convention, check_pool
from ..grammar import Shape, channels, spatial
from .base import (AxisWindow, HParam, LayerKind, LayerOut, boolean, need_spatial, optional,
                   padding_param, per_axis, broadcast)
from .window import Window, input_window, spatial_out

POOL_KERNEL = HParam("kernel", per_axis(), help="window size: an int or one per axis such as 2x2")
POOL_STRIDE = HParam("stride", optional(per_axis()), None, "step between windows (default: the kernel)")
CEIL_MODE = HParam("ceil_mode", boolean, False, "PyTorch ceil_mode: keep a last partial window")


class MaxPool(LayerKind):
    name = "maxpool"
    aliases = ("max_pool", "maxpool2d", "max_pooling2d", "maxpooling")
    summary = "maximum over each window; stride defaults to the kernel"
    schema = (POOL_KERNEL, POOL_STRIDE, padding_param,
              HParam("dilation", per_axis(), 1, "gap between window taps (PyTorch MaxPool)"), CEIL_MODE)
    primary = "kernel"

    @classmethod
    def window(cls, rank: int, hp: dict) -> Window:
        return Window.of(hp, rank, stride_default=hp["kernel"])

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        shape, window = input_window(cls, inputs, hp)
        check_pool(convention, window.kernel, window.padding, hp["ceil_mode"], spatial(shape), cls.name == "avgpool")
        out = spatial_out(spatial(shape), window, hp["ceil_mode"])
        return replace(out, output=out.output + (channels(shape),))

    @classmethod
    def windows(cls, inputs: list[Shape], out: LayerOut, hp: dict) -> list[AxisWindow]:
        return cls.window(len(spatial(inputs[0])), hp).receptive(out.pads)


class AvgPool(MaxPool):
    name = "avgpool"
    aliases = ("avg_pool", "avgpool2d", "average_pooling2d", "averagepooling")
    summary = "mean over each window; count_include_pad as PyTorch (default true) or TensorFlow (false)"
    schema = (POOL_KERNEL, POOL_STRIDE, padding_param, CEIL_MODE,
              HParam("count_include_pad", optional(boolean), None,
                     "divide by the whole window (PyTorch's default) or by the real cells (TensorFlow)"))


class GlobalAvgPool(LayerKind):
    name = "global_avgpool"
    aliases = ("global_average_pooling2d", "gap")
    summary = "mean over all spatial positions; outputs a flat [C] (1x1xC with keepdims, as Keras allows)"
    schema = (HParam("keepdims", boolean, False, "keep the spatial axes as size 1"),)

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        need_spatial(inputs[0], cls.name)
        kept = (1,) * len(spatial(inputs[0])) if hp["keepdims"] else ()
        return LayerOut(kept + (channels(inputs[0]),))

    @classmethod
    def windows(cls, inputs: list[Shape], out: LayerOut, hp: dict) -> list[AxisWindow]:
        return [AxisWindow(n, 1, 0) for n in spatial(inputs[0])]


class GlobalMaxPool(GlobalAvgPool):
    name = "global_maxpool"
    aliases = ("global_max_pooling2d",)
    summary = "maximum over all spatial positions; outputs a flat [C] (1x1xC with keepdims)"


class AdaptiveAvgPool(LayerKind):
    name = "adaptive_avgpool"
    aliases = ("adaptive_avg_pool2d", "adaptiveavgpool2d")
    summary = "PyTorch AdaptiveAvgPool: window i spans [floor(i·in/out), ceil((i+1)·in/out))"
    schema = (HParam("output", per_axis(), help="output size: an int or one per axis such as 6x6"),)
    primary = "output"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        shape = inputs[0]
        need_spatial(shape, cls.name)
        sizes = broadcast(hp["output"], len(spatial(shape)), "output")
        return LayerOut(sizes + (channels(shape),))

    @classmethod
    def windows(cls, inputs: list[Shape], out: LayerOut, hp: dict) -> list[AxisWindow]:
        """The widest window, ceil(in/out) (+1 when windows straddle), at stride in/out."""
        result = []
        for n, m in zip(spatial(inputs[0]), out.output):
            widest = max(ceil_div((i + 1) * n, m) - (i * n) // m for i in range(min(m, 4096)))
            result.append(AxisWindow(widest, ratio(n, m), 0))
        return result


KINDS = (MaxPool, AvgPool, GlobalAvgPool, GlobalMaxPool, AdaptiveAvgPool)
