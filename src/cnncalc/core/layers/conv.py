"""Weighted window layers: conv, depthwise_conv, separable_conv, conv_transpose, locally_connected.

Counts (exact ints), with positions = ∏ output spatial sizes and k = ∏ kernel:
params = (k·C_in/groups + bias)·C_out; without sharing, (k·C_in/groups + bias)·positions·C_out;
MACs = positions·C_out·k·C_in/groups.
"""
from __future__ import annotations


from cnncalc.core.arith import axis_pads, ratio, transposed_dim
from cnncalc.core.conventions import Convention, output_shape_axis, ranked, transposed_padding
from cnncalc.core.errors import CnncalcError, ShapeError, SpecError
from cnncalc.core.layers import memory, tools, working
from cnncalc.core.layers.base import (AxisWindow, HParam, LayerKind, LayerOut, Weight, activation_param, boolean,
                                      broadcast, matrix, optional, padding_param, per_axis, positive)
from cnncalc.core.layers.window import Window, input_window, spatial_out
from cnncalc.core.shapes import AXIS_NAMES, Shape, channels, spatial, volume

KERNEL = HParam("kernel", per_axis(), help="window size: an int or one per axis such as 3x5")
STRIDE = HParam("stride", per_axis(), 1, "step between windows")
DILATION = HParam("dilation", per_axis(), 1, "gap between kernel taps; k_eff = (k − 1)·d + 1")
BIAS = HParam("bias", boolean, True, "add a learned bias per output channel")
FILTERS = HParam("filters", positive, help="output channels")
GROUPS = HParam("groups", positive, 1, "split channels into groups; each filter sees C_in/groups")


def _bias(layer, c_out: int) -> Weight | None:
    return Weight((c_out,)) if layer.hp["bias"] else None


class Conv(LayerKind):
    name = "conv"
    aliases = ("conv1d", "conv2d", "conv3d", "convolution")
    summary = "convolution (cross-correlation), 1-D/2-D/3-D by the input's rank"
    schema = (FILTERS._replace(default=None), KERNEL._replace(default=None), STRIDE, padding_param, DILATION,
              GROUPS, BIAS, HParam("weights", optional(matrix), None, "explicit kernel values (one channel)"),
              activation_param)
    weighted = True
    causal = True  # Keras Conv1D(padding="causal")
    ops = {Convention.TENSORFLOW: ranked("tf.nn.conv{}d"), Convention.KERAS: ranked("Conv{}D"),
           Convention.PYTORCH: ranked("Conv{}d"), Convention.ONNX: ("Conv",) * 3}
    """The framework op this kind is at ranks 1, 2 and 3, per convention (its refusal table names them)."""
    example = {"filters": 4, "kernel": 3}
    glyph = "conv"
    echo = ("filters", "groups", "bias")
    other_tools = tools.CONV
    working = classmethod(lambda cls, layer: working.conv_working(layer))
    window_op = "dot"

    @classmethod
    def validate(cls, hp: dict) -> None:
        weights = hp.get("weights")
        if weights is None:
            for key in ("filters", "kernel"):
                if hp.get(key) is None:
                    raise SpecError("missing required hyperparameter",
                                    expected=f"{key}: {KERNEL.help if key == 'kernel' else FILTERS.help}"
                                    ).with_where(field=key)
            return
        shape = (len(weights), len(weights[0])) if isinstance(weights[0], list) else (len(weights),)
        if hp.get("kernel") not in (None, shape):
            raise SpecError(f"kernel {hp['kernel']} disagrees with the weights' shape {shape}",
                            expected="leave kernel out when weights are given").with_where(field="kernel")
        if hp.get("filters") not in (None, 1):
            raise SpecError("weights hold one filter", expected="filters: 1").with_where(field="filters")
        hp["kernel"], hp["filters"] = shape, 1

    @classmethod
    def out_channels(cls, c_in: int, hp: dict) -> int:
        return hp["filters"]

    @classmethod
    def check_channels(cls, c_in: int, hp: dict) -> None:
        groups = hp.get("groups", 1)
        c_out = cls.out_channels(c_in, hp)
        if c_in % groups:
            raise ShapeError(f"groups {groups} does not divide the {c_in} input channels",
                             expected=f"a divisor of {c_in}").with_where(field="groups")
        if c_out % groups:
            raise ShapeError(f"groups {groups} does not divide the {c_out} output channels",
                             expected=f"a divisor of {c_out}").with_where(field="groups")

    @classmethod
    def window(cls, rank: int, hp: dict) -> Window:
        return Window.of(hp, rank)

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        rank = len(spatial(inputs[0]))
        if hp.get("weights") is not None and rank and len(hp["kernel"]) != rank:  # a 1-D kernel would broadcast
            raise ShapeError(f"the weights are {len(hp['kernel'])}-D but the input has {rank} spatial axes",
                             expected=f"a {rank}-D kernel matrix").with_where(field="weights")
        shape, window = input_window(cls, inputs, hp, convention)
        cls.check_channels(channels(shape), hp)
        out = spatial_out(spatial(shape), window, notes=convention is Convention.TEXTBOOK)
        return out._replace(output=out.output + (cls.out_channels(channels(shape), hp),))

    @classmethod
    def per_position(cls, layer) -> tuple[int, int]:
        """(weights, biases) one output position needs: k·C_in/groups·C_out and C_out."""
        c_in, hp = channels(layer.input), layer.hp
        c_out = cls.out_channels(c_in, hp)
        return volume(layer.window.kernel) * (c_in // hp.get("groups", 1)) * c_out, c_out if hp["bias"] else 0

    @classmethod
    def params(cls, layer) -> tuple[int, int]:
        weights, biases = cls.per_position(layer)
        return weights + biases, 0

    @classmethod
    def params_unshared(cls, layer) -> int:
        """(k·C_in/groups + bias)·C_out at every output position: the lesson's 756,560."""
        weights, biases = cls.per_position(layer)
        return (weights + biases) * volume(spatial(layer.output))

    @classmethod
    def macs(cls, layer) -> int:
        return cls.per_position(layer)[0] * volume(spatial(layer.output))

    @classmethod
    def counts(cls, layer) -> tuple[int, int, int, int]:
        """The per-position weights and biases once, then params, without sharing, and MACs."""
        weights, biases = cls.per_position(layer)
        positions = volume(spatial(layer.output))
        return weights + biases, 0, (weights + biases) * positions, weights * positions

    @classmethod
    def receptive(cls, layer) -> list[AxisWindow]:
        return layer.window.receptive(layer.pads)

    @classmethod
    def weights(cls, layer) -> tuple[Weight | None, ...]:
        """(*kernel, C_in/groups, C_out) as Keras stores it, and the bias."""
        kernel, c_in, groups = layer.window.kernel, channels(layer.input), layer.hp["groups"]
        return (Weight(kernel + (c_in // groups, layer.hp["filters"]), fan_in=volume(kernel) * c_in // groups),
                _bias(layer, layer.hp["filters"]))

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        w, b = weights
        return ops.conv(xs[0], w, b, layer.pads, spatial(layer.output), layer.window.stride, layer.window.dilation,
                        layer.hp["groups"])

    temporaries = staticmethod(memory.conv)

    @classmethod
    def values(cls, ops, x, layer):
        """The cross-correlation of a one-channel matrix with the layer's explicit ``weights:``."""
        if layer.hp.get("weights") is None:
            return None
        w = ops.np.asarray(layer.hp["weights"], dtype=ops.np.float64)[..., None, None]
        return ops.conv(x, w, None, layer.pads, spatial(layer.output), layer.window.stride, layer.window.dilation)


class DepthwiseConv(Conv):
    name = "depthwise_conv"
    aliases = ("depthwise", "depthwise_conv2d")
    summary = "one filter per input channel (× depth_multiplier); Keras DepthwiseConv2D"
    schema = (KERNEL, STRIDE, padding_param, DILATION,
              HParam("depth_multiplier", positive, 1, "output channels per input channel"), BIAS, activation_param)
    causal = False
    ops = {Convention.TENSORFLOW: ranked("tf.nn.depthwise_conv{}d", (2,)),
           Convention.KERAS: ranked("DepthwiseConv{}D", (1, 2)), Convention.PYTORCH: ranked("Conv{}d"),
           Convention.ONNX: ("Conv",) * 3}
    example = {"kernel": 3}
    echo = ("bias", "depth_multiplier")
    working = classmethod(lambda cls, layer: working.window_working(layer))
    values = None

    @classmethod
    def validate(cls, hp: dict) -> None:
        pass

    @classmethod
    def out_channels(cls, c_in: int, hp: dict) -> int:
        return c_in * hp["depth_multiplier"]

    @classmethod
    def check_channels(cls, c_in: int, hp: dict) -> None:
        pass

    @classmethod
    def per_position(cls, layer) -> tuple[int, int]:
        """k·C_in·m weights and C_in·m biases: each output channel sees one input channel."""
        c_out = cls.out_channels(channels(layer.input), layer.hp)
        return volume(layer.window.kernel) * c_out, c_out if layer.hp["bias"] else 0

    @classmethod
    def depthwise_weight(cls, layer) -> Weight:
        """(*kernel, 1, C_in·m): one group per input channel."""
        kernel = layer.window.kernel
        return Weight(kernel + (1, channels(layer.input) * layer.hp["depth_multiplier"]), fan_in=volume(kernel))

    @classmethod
    def weights(cls, layer) -> tuple[Weight | None, ...]:
        return cls.depthwise_weight(layer), _bias(layer, channels(layer.output))

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        x = xs[0]
        return ops.conv(x, weights[0], weights[-1], layer.pads, spatial(layer.output), layer.window.stride,
                        layer.window.dilation, groups=x.shape[-1])


class SeparableConv(DepthwiseConv):
    name = "separable_conv"
    aliases = ("separable", "separable_conv2d")
    summary = "depthwise conv (no bias) then a 1×1 pointwise conv; Keras SeparableConv2D"
    schema = (FILTERS, KERNEL, STRIDE, padding_param, DILATION,
              HParam("depth_multiplier", positive, 1, "depthwise channels per input channel"), BIAS,
              activation_param)
    ops = {Convention.TENSORFLOW: ranked("tf.nn.separable_conv{}d", (2,)),
           Convention.KERAS: ranked("SeparableConv{}D", (1, 2)), Convention.PYTORCH: ranked("Conv{}d"),
           Convention.ONNX: ("Conv",) * 3}
    example = {"filters": 4, "kernel": 3}
    echo = ("filters", "bias", "depth_multiplier")

    @classmethod
    def out_channels(cls, c_in: int, hp: dict) -> int:
        return hp["filters"]

    @classmethod
    def per_position(cls, layer) -> tuple[int, int]:
        """k·C_in·m depthwise weights + C_in·m·filters pointwise weights, filters biases."""
        middle = channels(layer.input) * layer.hp["depth_multiplier"]
        weights = volume(layer.window.kernel) * middle + middle * layer.hp["filters"]
        return weights, layer.hp["filters"] if layer.hp["bias"] else 0

    @classmethod
    def weights(cls, layer) -> tuple[Weight | None, ...]:
        middle = channels(layer.input) * layer.hp["depth_multiplier"]
        return (cls.depthwise_weight(layer), Weight((middle, layer.hp["filters"]), fan_in=middle),
                _bias(layer, layer.hp["filters"]))

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        depthwise, pointwise, bias = weights
        x = xs[0]
        middle = ops.conv(x, depthwise, None, layer.pads, spatial(layer.output), layer.window.stride,
                          layer.window.dilation, groups=x.shape[-1])
        y = middle @ pointwise  # (N, *out, C·m) @ (C·m, F) → (N, *out, F)
        return ops.add_bias(y, bias)

    temporaries = staticmethod(memory.separable)


class LocallyConnected(Conv):
    name = "locally_connected"
    aliases = ("locally_connected2d", "local")
    summary = "a convolution without weight sharing: own weights and bias at every position"
    schema = (FILTERS, KERNEL, STRIDE, padding_param, BIAS, activation_param)
    causal = False
    ops = {}  # no framework here has one (Keras 3 dropped LocallyConnected2D)
    example = {"filters": 2, "kernel": 3}
    echo = ("filters", "bias")
    working = classmethod(lambda cls, layer: working.local_working(layer))
    values = None

    @classmethod
    def params(cls, layer) -> tuple[int, int]:
        return cls.params_unshared(layer), 0

    counts = classmethod(LayerKind.counts.__func__)

    @classmethod
    def weights(cls, layer) -> tuple[Weight | None, ...]:
        """(positions, C_in·∏kernel, filters) and a bias per output position and filter."""
        per = channels(layer.input) * volume(layer.window.kernel)
        filters = layer.hp["filters"]
        bias = Weight(spatial(layer.output) + (filters,)) if layer.hp["bias"] else None
        return Weight((volume(spatial(layer.output)), per, filters), fan_in=per), bias

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        x, window, outs = xs[0], layer.window, spatial(layer.output)
        view = ops.windows(ops.padded_input(x, layer.pads, outs, window.kernel, window.stride, window.dilation, 0.0),
                           outs, window.kernel, window.stride, window.dilation)
        w, b = weights
        cols = view.reshape(x.shape[0], w.shape[0], w.shape[1])  # (N, P, C·K): every position its own weights
        y = ops.np.einsum("npk,pkf->npf", cols, w, optimize=True).reshape((x.shape[0],) + outs + (w.shape[-1],))
        return ops.add_bias(y, b)


class ConvTranspose(Conv):
    name = "conv_transpose"
    aliases = ("conv2d_transpose", "deconv", "transposed_conv")
    summary = "transposed convolution: out = (in − 1)·s − p_b − p_e + k_eff + output_padding"
    schema = (FILTERS, KERNEL, STRIDE, padding_param, DILATION, GROUPS, BIAS,
              HParam("output_padding", optional(per_axis(0)), None, "extra rows/columns at the end"),
              HParam("output_shape", optional(per_axis()), None,
                     "the output size wanted; the pads or output_padding that reach it are derived"),
              activation_param)
    causal = False
    ops = {Convention.TENSORFLOW: ranked("tf.nn.conv{}d_transpose"), Convention.KERAS: ranked("Conv{}DTranspose"),
           Convention.PYTORCH: ranked("ConvTranspose{}d"), Convention.ONNX: ("ConvTranspose",) * 3}
    example = {"filters": 4, "kernel": 2, "stride": 2}
    echo = ("filters", "groups", "bias", "output_padding", "output_shape")
    working = classmethod(lambda cls, layer: working.transposed_working(layer))
    values = None

    @classmethod
    def validate(cls, hp: dict) -> None:
        pass

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        """Per axis ``transposed_dim``, or, with ``output_shape``, that size reached as ``convention`` does."""
        shape, window = input_window(cls, inputs, hp, convention)
        cls.check_channels(channels(shape), hp)
        rank = len(window.kernel)
        wanted = broadcast(hp["output_shape"], rank, "output_shape") if hp["output_shape"] is not None else None
        ops = broadcast(hp["output_padding"], rank, "output_padding") if hp["output_padding"] is not None else None
        padding, wanted = transposed_padding(convention, window.padding, spatial(shape), window.stride, wanted)
        window = window._replace(padding=padding)
        outs, pads = [], []
        for axis, (size, k, s, d, pad) in enumerate(zip(spatial(shape), window.kernel, window.stride,
                                                         window.dilation, axis_pads(padding, rank))):
            op = None if ops is None else ops[axis]
            try:
                if wanted is None:
                    result = transposed_dim(size, k, s, d, pad, op)
                else:
                    result = output_shape_axis(convention, size, k, s, d, pad, op, wanted[axis])
            except CnncalcError as e:
                raise e.with_where(axis=AXIS_NAMES[rank][axis],
                                   field="output_shape" if hp["output_shape"] is not None else None) from None
            outs.append(result.out)
            pads.append(result.pads)
        return LayerOut(tuple(outs) + (hp["filters"],), tuple(pads), window=window)

    counts = classmethod(LayerKind.counts.__func__)

    @classmethod
    def params_unshared(cls, layer) -> int:
        """Each input position scatters its own k·C_in/groups·C_out weights; biases per output position."""
        weights, biases = cls.per_position(layer)
        return weights * volume(spatial(layer.input)) + biases * volume(spatial(layer.output))

    @classmethod
    def macs(cls, layer) -> int:
        """Counted over input positions: in_positions·C_in·k·C_out/groups (DESIGN)."""
        return cls.per_position(layer)[0] * volume(spatial(layer.input))

    @classmethod
    def receptive(cls, layer) -> list[AxisWindow]:
        """Zero-insertion by s, then a k_eff window: on the input grid the window spans
        (k_eff − 1)/s + 1 positions at jump 1/s, and output 0 sits p_begin into the full output."""
        return [AxisWindow(ratio(k - 1, s) + 1, ratio(1, s), ratio(k - 1 - p[0], s))
                for k, s, p in zip(layer.window.k_eff, layer.window.stride, layer.pads)]

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        w, b = weights
        y = ops.conv_transpose(xs[0], w, layer.pads, spatial(layer.output), layer.window.stride,
                               layer.window.dilation, layer.hp["groups"])
        return ops.add_bias(y, b)

    temporaries = staticmethod(memory.transposed)

    @classmethod
    def other_tools_torchinfo(cls, layer) -> int:
        """torchinfo counts a transposed conv's weights and bias at every *output* position."""
        weights, biases = cls.per_position(layer)
        return (weights + biases) * volume(spatial(layer.output))


ConvTranspose.other_tools = tools.OtherTools(ConvTranspose.other_tools_torchinfo, tools.macs, tools.macs_and_bias)

KINDS = (Conv, DepthwiseConv, SeparableConv, LocallyConnected, ConvTranspose)
