"""Pooling: maxpool, avgpool (window rules shared with conv), global and adaptive pooling."""
from __future__ import annotations


from cnncalc.core.arith import ceil_div, ratio
from cnncalc.core.conventions import Convention, ranked
from cnncalc.core.layers import memory, tools, working
from cnncalc.core.layers.plain import Plain
from cnncalc.core.layers.base import (AxisWindow, HParam, LayerKind, LayerOut, boolean, broadcast, need_spatial,
                                      no_weights, optional, padding_param, per_axis, )
from cnncalc.core.layers.window import Window, input_window, spatial_out
from cnncalc.core.shapes import Shape, channels, spatial

POOL_KERNEL = HParam("kernel", per_axis(), help="window size: an int or one per axis such as 2x2")
POOL_STRIDE = HParam("stride", optional(per_axis()), None, "step between windows (default: the kernel)")
CEIL_MODE = HParam("ceil_mode", boolean, False, "PyTorch ceil_mode: keep a last partial window")
POOL_DILATION = HParam("dilation", per_axis(), 1,
                       "gap between window taps (PyTorch MaxPool, ONNX pools, tf.nn.pool); k_eff = (k − 1)·d + 1")


def count_include_pad(hp: dict, convention: Convention) -> bool:
    """PyTorch divides by the whole window by default; TensorFlow and the textbook by the real cells."""
    chosen = hp.get("count_include_pad")
    return chosen if chosen is not None else convention == Convention.PYTORCH


class MaxPool(LayerKind):
    name = "maxpool"
    aliases = ("max_pool", "maxpool2d", "max_pooling2d", "maxpooling")
    summary = "maximum over each window; stride defaults to the kernel"
    schema = (POOL_KERNEL, POOL_STRIDE, padding_param, POOL_DILATION, CEIL_MODE)
    primary = "kernel"
    average = False
    window_op = "max"
    ops = {Convention.TENSORFLOW: ranked("tf.nn.max_pool{}d"), Convention.KERAS: ranked("MaxPooling{}D"),
           Convention.PYTORCH: ranked("MaxPool{}d"), Convention.ONNX: ("MaxPool",) * 3}
    """The framework op this kind is at ranks 1, 2 and 3, per convention (its refusal table names them)."""
    example = {"kernel": 2}
    glyph = "pool"
    echo = ("ceil_mode",)
    weights = staticmethod(no_weights)
    temporaries = staticmethod(memory.pool)
    other_tools = tools.POOL
    working = classmethod(lambda cls, layer: working.window_working(layer))

    @classmethod
    def window(cls, rank: int, hp: dict) -> Window:
        return Window.of(hp, rank, stride_default=hp["kernel"])

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        shape, window = input_window(cls, inputs, hp, convention)
        out = spatial_out(spatial(shape), window, hp["ceil_mode"], notes=convention is Convention.TEXTBOOK)
        return out._replace(output=out.output + (channels(shape),))

    @classmethod
    def receptive(cls, layer) -> list[AxisWindow]:
        return layer.window.receptive(layer.pads)

    @classmethod
    def values(cls, ops, x, layer):
        """The pooled numbers of a one-channel matrix."""
        window = layer.window
        include = count_include_pad(layer.hp, layer.convention) if cls.average else False
        return ops.pool(x, "avg" if cls.average else "max", layer.pads, spatial(layer.output), window.kernel,
                        window.stride, window.dilation, include)

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return cls.values(ops, xs[0], layer)


class AvgPool(MaxPool):
    name = "avgpool"
    aliases = ("avg_pool", "avgpool2d", "average_pooling2d", "averagepooling")
    summary = "mean over each window; count_include_pad as PyTorch (default true) or TensorFlow (false)"
    schema = (POOL_KERNEL, POOL_STRIDE, padding_param, POOL_DILATION, CEIL_MODE,
              HParam("count_include_pad", optional(boolean), None,
                     "divide by the whole window (PyTorch's default) or by the real cells (TensorFlow)"))
    average = True
    ops = {Convention.TENSORFLOW: ranked("tf.nn.avg_pool{}d"), Convention.KERAS: ranked("AveragePooling{}D"),
           Convention.PYTORCH: ranked("AvgPool{}d"), Convention.ONNX: ("AveragePool",) * 3}
    window_op = "mean"
    echo = ("ceil_mode", "count_include_pad")


class GlobalAvgPool(Plain):
    name = "global_avgpool"
    aliases = ("global_average_pooling2d", "gap")
    summary = "mean over all spatial positions; outputs a flat [C] (1x1xC with keepdims, as Keras allows)"
    schema = (HParam("keepdims", boolean, False, "keep the spatial axes as size 1"),)
    glyph = "pool"
    echo = ("keepdims",)
    other_tools = tools.OtherTools(tools.zero, tools.per_input(1), tools.per_input(2))
    temporaries = staticmethod(memory.outputs(2))
    reduce = "mean"

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        need_spatial(inputs[0], cls.name)
        kept = (1,) * len(spatial(inputs[0])) if hp["keepdims"] else ()
        return LayerOut(kept + (channels(inputs[0]),))

    @classmethod
    def receptive(cls, layer) -> list[AxisWindow]:
        return [AxisWindow(n, 1, 0) for n in spatial(layer.input)]

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        x = xs[0]
        return getattr(x, cls.reduce)(axis=tuple(range(1, x.ndim - 1)), keepdims=layer.hp["keepdims"])


class GlobalMaxPool(GlobalAvgPool):
    name = "global_maxpool"
    aliases = ("global_max_pooling2d",)
    summary = "maximum over all spatial positions; outputs a flat [C] (1x1xC with keepdims)"
    other_tools = tools.OtherTools(tools.zero, tools.zero, tools.per_input(2))
    reduce = "max"


class AdaptiveAvgPool(Plain):
    name = "adaptive_avgpool"
    aliases = ("adaptive_avg_pool2d", "adaptiveavgpool2d")
    summary = "PyTorch AdaptiveAvgPool: window i spans [floor(i·in/out), ceil((i+1)·in/out))"
    schema = (HParam("output", per_axis(), help="output size: an int or one per axis such as 6x6"),)
    primary = "output"
    example = {"output": 2}
    glyph = "pool"
    echo = ("output",)
    other_tools = tools.OtherTools(tools.zero, tools.per_input(1), tools.per_input(2))
    temporaries = staticmethod(memory.adaptive)

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        shape = inputs[0]
        need_spatial(shape, cls.name)
        sizes = broadcast(hp["output"], len(spatial(shape)), "output")
        return LayerOut(sizes + (channels(shape),))

    @classmethod
    def receptive(cls, layer) -> list[AxisWindow]:
        """The widest window, ceil(in/out) (+1 when windows straddle), at stride in/out."""
        result = []
        for n, m in zip(spatial(layer.input), layer.output):
            widest = max(ceil_div((i + 1) * n, m) - (i * n) // m for i in range(min(m, 4096)))
            result.append(AxisWindow(widest, ratio(n, m), 0))
        return result

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        """Window i spans [floor(i·n/m), ceil((i + 1)·n/m)); a mean per axis through cumulative sums."""
        return ops.adaptive_mean(xs[0], spatial(layer.output))


KINDS = (MaxPool, AvgPool, GlobalAvgPool, GlobalMaxPool, AdaptiveAvgPool)
