"""``convention: pytorch``: what PyTorch's layers refuse, in PyTorch's words; and the output_padding
its ConvTranspose derives from a requested output size (the textbook borrows that rule)."""
from __future__ import annotations

from cnncalc.core.arith import AxisResult, Explicit, Valid, output_padding_for, transposed_dim
from cnncalc.core.conventions.rules import Facts, Refusal, ops, shown

CONV = ops("Conv{}d")
POOLS = ops("MaxPool{}d", "AvgPool{}d")
TRANSPOSED = ops("ConvTranspose{}d")
CONV_PY = "torch/nn/modules/conv.py"
POOL_H = "aten/src/ATen/native/Pool.h"


def _over_half(f: Facts) -> tuple[int, int] | None:
    """The first (pad, kernel) where a pool's pad is over half its plain kernel."""
    return next(((b, k) for (b, _), k in zip(f.pairs, f.kernel) if b > k // 2), None)


def _asymmetric(f: Facts) -> bool:
    return isinstance(f.padding, Explicit) and any(b != e for b, e in f.padding.pairs)


def _output_padding_too_big(f: Facts) -> tuple[int, int, int] | None:
    ops_ = f.output_padding or ()
    return next(((p, s, d) for p, s, d in zip(ops_, f.stride, f.dilation) if p >= s and p >= d), None)


def _pool_input_below_kernel(f: Facts) -> bool:
    return f.op == "AvgPool3d" and any(n < k for n, k in zip(f.in_spatial, f.kernel))


RULES = (
    Refusal("`same` with stride > 1", lambda f: f.op in CONV and f.same and f.strided,
            lambda f: f"{f.op} refuses padding='same' with stride {shown(f.stride)}",
            "padding='same' is not supported for strided convolutions", "padding",
            "numeric padding or stride 1", CONV_PY),
    Refusal("`causal`", lambda f: f.causal, lambda f: "PyTorch has no causal padding", "", "padding",
            "zero_padding: [[k_eff − 1, 0]] before a valid conv, or convention keras", CONV_PY),
    Refusal("`same_lower`", lambda f: f.same_lower, lambda f: "PyTorch has no same_lower padding", "", "padding",
            "same, valid or numeric padding", CONV_PY),
    Refusal("`same` in pooling", lambda f: f.op in POOLS and f.same, lambda f: f"{f.op} has no padding 'same'", "",
            "padding", "numeric padding (or convention tensorflow)", POOL_H),
    Refusal("`same`/`valid` in a transposed conv",
            lambda f: f.op in TRANSPOSED and (f.same or isinstance(f.padding, Valid)),
            lambda f: f"{f.op} has no padding '{f.padding}'", "", "padding", "numeric padding", CONV_PY),
    Refusal("asymmetric padding", _asymmetric,
            lambda f: f"PyTorch layers pad symmetrically; padding {f.padding} is asymmetric", "", "padding",
            "a zero_padding layer before this one, or convention textbook", CONV_PY),
    Refusal("pooling padding over half the (plain) kernel", lambda f: f.op in POOLS and _over_half(f) is not None,
            lambda f: "PyTorch refuses pad {} with kernel {}".format(*_over_half(f)),
            "pad should be smaller than or equal to half of kernel size", "padding", "padding at most kernel // 2",
            POOL_H),
    Refusal("AvgPool3d on an input smaller than its kernel", _pool_input_below_kernel,
            lambda f: f"AvgPool3d refuses an input {shown(f.in_spatial)} smaller than the kernel {shown(f.kernel)} "
                      "(padding does not count)", "input image ... smaller than kernel size", "kernel",
            "a kernel no larger than the input", POOL_H),
    Refusal("a dilated average pool", lambda f: f.op in ops("AvgPool{}d") and f.dilated,
            lambda f: f"{f.op} has no dilation", "", "dilation", "dilation 1 (MaxPool dilates)",
            "torch/nn/modules/pooling.py"),
    Refusal("a transposed conv with output_padding not below stride or dilation",
            lambda f: f.op in TRANSPOSED and _output_padding_too_big(f) is not None,
            lambda f: "PyTorch refuses output_padding {} with stride {} and dilation {}".format(
                *_output_padding_too_big(f)),
            "output padding must be smaller than either stride or dilation", "output_padding",
            "output_padding below the stride or the dilation", "aten/src/ATen/native/ConvUtils.h"),
)

SHARED = (
    Refusal("`ceil_mode` with `same`", lambda f: f.ceil_mode and f.same,
            lambda f: "ceil_mode applies to numeric padding, not same", "", "ceil_mode",
            "ceil_mode with numeric padding or valid", POOL_H),
    Refusal("`output_shape` together with `output_padding` (it is derived)",
            lambda f: f.output_shape is not None and f.output_padding is not None,
            lambda f: "output_padding is derived from output_shape", "", "output_padding",
            "output_shape or output_padding, not both", CONV_PY),
)
"""The rules the textbook shares with PyTorch."""


def output_shape_axis(n: int, kernel: int, stride: int, dilation: int, pad, output_padding: int | None,
                      out: int) -> AxisResult:
    """ConvTranspose's forward(output_size): the padding stays, the output_padding is derived
    (``arith.output_padding_for``)."""
    return transposed_dim(n, kernel, stride, dilation, pad, output_padding_for(n, kernel, stride, dilation, pad, out))


__all__ = ["RULES", "SHARED", "output_shape_axis"]
