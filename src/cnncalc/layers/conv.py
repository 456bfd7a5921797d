"""Weighted window layers: conv, depthwise_conv, separable_conv, conv_transpose, locally_connected.

Counts (exact ints), with positions = ∏ output spatial sizes and k = ∏ kernel:
params = (k·C_in/groups + bias)·C_out; without sharing, (k·C_in/groups + bias)·positions·C_out;
MACs = positions·C_out·k·C_in/groups.
"""
from __future__ import annotations

from dataclasses import replace

from ..arith import AXIS_NAMES, axis_pads, ratio, transposed_dim
from ..conventions import Convention, check_conv, check_transpose, check_transpose_output
from ..errors import CnncalcError, ShapeError, SpecError
from ..grammar import Shape, channels, spatial
from .base import (AxisWindow, HParam, LayerKind, LayerOut, activation_param, boolean, broadcast, matrix,
                   optional, padding_param, per_axis, positive, prod)
from .window import Window, input_window, spatial_out

KERNEL = HParam("kernel", per_axis(), help="window size: an int or one per axis such as 3x5")
STRIDE = HParam("stride", per_axis(), 1, "step between windows")
DILATION = HParam("dilation", per_axis(), 1, "gap between kernel taps; k_eff = (k − 1)·d + 1")
BIAS = HParam("bias", boolean, True, "add a learned bias per output channel")
FILTERS = HParam("filters", positive, help="output channels")
GROUPS = HParam("groups", positive, 1, "split channels into groups; each filter sees C_in/groups")


def _positions(out: Shape) -> int:
    return prod(spatial(out))


def _kernel_volume(hp: dict, out: Shape) -> int:
    return prod(broadcast(hp["kernel"], len(spatial(out)), "kernel"))


class Conv(LayerKind):
    name = "conv"
    aliases = ("conv1d", "conv2d", "conv3d", "convolution")
    summary = "convolution (cross-correlation), 1-D/2-D/3-D by the input's rank"
    schema = (replace(FILTERS, default=None), replace(KERNEL, default=None), STRIDE, padding_param, DILATION,
              GROUPS, BIAS, HParam("weights", optional(matrix), None, "explicit kernel values (one channel)"),
              activation_param)
    weighted = True
    family = "conv"

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
        shape, window = input_window(cls, inputs, hp)
        check_conv(convention, cls.family, window.stride, window.dilation, window.padding)
        cls.check_channels(channels(shape), hp)
        out = spatial_out(spatial(shape), window)
        return replace(out, output=out.output + (cls.out_channels(channels(shape), hp),))

    @classmethod
    def per_position(cls, c_in: int, hp: dict, out: Shape) -> tuple[int, int]:
        """(weights, biases) one output position needs: k·C_in/groups·C_out and C_out."""
        c_out = cls.out_channels(c_in, hp)
        return _kernel_volume(hp, out) * (c_in // hp.get("groups", 1)) * c_out, c_out if hp["bias"] else 0

    @classmethod
    def params(cls, inputs: list[Shape], out: Shape, hp: dict) -> tuple[int, int]:
        weights, biases = cls.per_position(channels(inputs[0]), hp, out)
        return weights + biases, 0

    @classmethod
    def params_unshared(cls, inputs: list[Shape], out: Shape, hp: dict) -> int:
        """(k·C_in/groups + bias)·C_out at every output position: the lesson's 756,560."""
        weights, biases = cls.per_position(channels(inputs[0]), hp, out)
        return (weights + biases) * _positions(out)

    @classmethod
    def macs(cls, inputs: list[Shape], out: Shape, hp: dict) -> int:
        weights, _ = cls.per_position(channels(inputs[0]), hp, out)
        return weights * _positions(out)

    @classmethod
    def windows(cls, inputs: list[Shape], out: LayerOut, hp: dict) -> list[AxisWindow]:
        return cls.window(len(spatial(inputs[0])), hp).receptive(out.pads)


class DepthwiseConv(Conv):
    name = "depthwise_conv"
    aliases = ("depthwise", "depthwise_conv2d")
    summary = "one filter per input channel (× depth_multiplier); Keras DepthwiseConv2D"
    schema = (KERNEL, STRIDE, padding_param, DILATION,
              HParam("depth_multiplier", positive, 1, "output channels per input channel"), BIAS, activation_param)
    family = "depthwise"

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
    def per_position(cls, c_in: int, hp: dict, out: Shape) -> tuple[int, int]:
        """k·C_in·m weights and C_in·m biases: each output channel sees one input channel."""
        c_out = cls.out_channels(c_in, hp)
        return _kernel_volume(hp, out) * c_out, c_out if hp["bias"] else 0


class SeparableConv(DepthwiseConv):
    name = "separable_conv"
    aliases = ("separable", "separable_conv2d")
    summary = "depthwise conv (no bias) then a 1×1 pointwise conv; Keras SeparableConv2D"
    schema = (FILTERS, KERNEL, STRIDE, padding_param, DILATION,
              HParam("depth_multiplier", positive, 1, "depthwise channels per input channel"), BIAS,
              activation_param)
    family = "separable"

    @classmethod
    def out_channels(cls, c_in: int, hp: dict) -> int:
        return hp["filters"]

    @classmethod
    def per_position(cls, c_in: int, hp: dict, out: Shape) -> tuple[int, int]:
        """k·C_in·m depthwise weights + C_in·m·filters pointwise weights, filters biases."""
        middle = c_in * hp["depth_multiplier"]
        weights = _kernel_volume(hp, out) * middle + middle * hp["filters"]
        return weights, hp["filters"] if hp["bias"] else 0


class LocallyConnected(Conv):
    name = "locally_connected"
    aliases = ("locally_connected2d", "local")
    summary = "a convolution without weight sharing: own weights and bias at every position"
    schema = (FILTERS, KERNEL, STRIDE, padding_param, BIAS, activation_param)
    family = "locally_connected"

    @classmethod
    def params(cls, inputs: list[Shape], out: Shape, hp: dict) -> tuple[int, int]:
        return cls.params_unshared(inputs, out, hp), 0


class ConvTranspose(Conv):
    name = "conv_transpose"
    aliases = ("conv2d_transpose", "deconv", "transposed_conv")
    summary = "transposed convolution: out = (in − 1)·s − p_b − p_e + k_eff + output_padding"
    schema = (FILTERS, KERNEL, STRIDE, padding_param, DILATION, GROUPS, BIAS,
              HParam("output_padding", optional(per_axis(0)), None, "extra rows/columns at the end"),
              activation_param)
    family = "transpose"

    @classmethod
    def validate(cls, hp: dict) -> None:
        pass

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict, convention: Convention) -> LayerOut:
        shape, window = input_window(cls, inputs, hp)
        rank = len(window.kernel)
        ops = hp["output_padding"]
        ops = broadcast(ops, rank, "output_padding") if ops is not None else None
        check_transpose(convention, window.stride, window.dilation, window.padding, ops)
        cls.check_channels(channels(shape), hp)
        outs, pads = [], []
        for axis, (size, k, s, d, pad) in enumerate(zip(spatial(shape), window.kernel, window.stride,
                                                         window.dilation, axis_pads(window.padding, rank))):
            try:
                result = transposed_dim(size, k, s, d, pad, None if ops is None else ops[axis])
            except CnncalcError as e:
                raise type(e)(f"{e.message} on axis {AXIS_NAMES[rank][axis]}", e.where) from None
            outs.append(result.out)
            pads.append(result.pads)
        check_transpose_output(convention, spatial(shape), tuple(outs), window.k_eff, window.stride, window.padding, ops)
        return LayerOut(tuple(outs) + (hp["filters"],), tuple(pads))

    @classmethod
    def params_unshared(cls, inputs: list[Shape], out: Shape, hp: dict) -> int:
        """Each input position scatters its own k·C_in/groups·C_out weights; biases per output position."""
        weights, biases = cls.per_position(channels(inputs[0]), hp, out)
        return weights * _positions(inputs[0]) + biases * _positions(out)

    @classmethod
    def macs(cls, inputs: list[Shape], out: Shape, hp: dict) -> int:
        """Counted over input positions: in_positions·C_in·k·C_out/groups (DESIGN)."""
        weights, _ = cls.per_position(channels(inputs[0]), hp, out)
        return weights * _positions(inputs[0])

    @classmethod
    def windows(cls, inputs: list[Shape], out: LayerOut, hp: dict) -> list[AxisWindow]:
        """Zero-insertion by s, then a k_eff window: on the input grid the window spans
        (k_eff − 1)/s + 1 positions at jump 1/s, and output 0 sits p_begin into the full output."""
        window = cls.window(len(spatial(inputs[0])), hp)
        return [AxisWindow(ratio(k - 1, s) + 1, ratio(1, s), ratio(k - 1 - p[0], s))
                for k, s, p in zip(window.k_eff, window.stride, out.pads)]

KINDS = (Conv, DepthwiseConv, SeparableConv, LocallyConnected, ConvTranspose)
