"""``convention: onnx``: ONNX's operators at the current opset (onnx 1.23, opset 28), whose spec is
its shape inference (onnx/defs/nn/defs.cc) and whose reference evaluator (onnx/reference/ops)
runs the models. Where the two give different sizes, there is no single ONNX answer and the
layer is refused, saying why; where only shape inference gives one (the reference evaluator
crashes), cnncalc takes it, but for three models: a ConvTranspose output_padding not below the
stride and a group that does not divide the input or output channels (``check_channels``;
onnxruntime: "Output channels M is not divisible by group") are invalid, and a ConvTranspose
with numeric pads and an output_shape means two things (the spec ignores the pads, the
reference evaluator applies them). tests/golden/CONVENTIONS.md lists every case.

Formulas (DESIGN): a transposed ``valid`` is no padding at all, (in − 1)·s + k_eff +
output_padding; ``output_shape`` sets the output and the pads are derived; pools take
``dilation`` and ceil_mode with the opset-22 rule (a last window starting in the end padding
is dropped, as PyTorch's).
"""
from __future__ import annotations

from cnncalc.core.arith import (AxisResult, Explicit, PadSpec, Same, Valid, ceil_div, cropped, effective_kernel,
                                pool_ceil_window_count)
from cnncalc.core.conventions.rules import Facts, Refusal, shown

DEFS = "onnx/defs/nn/defs.cc"
REFERENCE = "onnx/reference/ops"


def _same_sizes(f: Facts) -> tuple[int, int] | None:
    """A SAME ConvTranspose without output_shape: (shape inference's size, the reference evaluator's) on the
    first axis they differ. Shape inference crops max(k_eff − s, 0) from (in − 1)·s + k_eff +
    output_padding; the reference evaluator makes it in·s whatever the output_padding."""
    if f.op != "ConvTranspose" or not f.same or f.output_shape is not None:
        return None
    ops_ = f.output_padding or (0,) * f.rank
    sizes = ((n * s + p + min(k - s, 0), n * s) for n, k, s, p in zip(f.in_spatial, f.k_eff, f.stride, ops_))
    return next(((a, b) for a, b in sizes if a != b), None)


def _valid_ceil(f: Facts) -> tuple[int, int] | None:
    """MaxPool VALID with ceil_mode: (shape inference's size, the reference's) on the first axis they differ."""
    if f.op != "MaxPool" or not f.ceil_mode or not isinstance(f.padding, Valid):
        return None
    sizes = ((pool_ceil_window_count(n, k, s, 0, 0), ceil_div(n - k + 1, s))
             for n, k, s in zip(f.in_spatial, f.k_eff, f.stride))
    return next(((a, b) for a, b in sizes if a != b), None)


def _dilated_valid_average(f: Facts) -> tuple[int, int] | None:
    """AveragePool VALID with a dilation: (shape inference's size, the reference's, which ignores the dilation)."""
    if f.op != "AveragePool" or not isinstance(f.padding, Valid):
        return None
    sizes = ((ceil_div(n - ke + 1, s), ceil_div(n - k + 1, s))
             for n, k, ke, s in zip(f.in_spatial, f.kernel, f.k_eff, f.stride))
    return next(((a, b) for a, b in sizes if a != b), None)


DISAGREE = "ONNX's shape inference and its reference evaluator disagree"

RULES = (
    Refusal("`causal`", lambda f: f.causal, lambda f: "ONNX has no causal padding", "", "padding",
            "same, same_lower, valid or numeric padding", DEFS),
    Refusal("ConvTranspose output_padding ≥ stride (shape inference takes it; the reference evaluator and "
            "every framework refuse it)",
            lambda f: f.output_padding is not None and any(p >= s for p, s in zip(f.output_padding, f.stride)),
            lambda f: f"ConvTranspose output_padding {shown(f.output_padding)} is not below the strides "
                      f"{shown(f.stride)}: ONNX's reference evaluator fails on it, Keras and PyTorch refuse it",
            "", "output_padding", "output_padding below the stride", REFERENCE + "/op_conv_transpose.py"),
    Refusal("ConvTranspose SAME where shape inference's (in − 1)·s + k_eff + output_padding − max(k_eff − s, 0) "
            "is not the reference evaluator's in·s (k_eff < stride, or an output_padding)",
            lambda f: _same_sizes(f) is not None,
            lambda f: "{}: this SAME ConvTranspose gives {} by shape inference, {} by the reference evaluator (a "
                      "kernel span below the stride, or an output_padding)".format(DISAGREE, *_same_sizes(f)), "",
            "padding", "numeric padding, or output_shape", DEFS),
    Refusal("ConvTranspose with numeric pads and an output_shape (the spec ignores the pads, the reference "
            "evaluator applies them)",
            lambda f: f.op == "ConvTranspose" and f.output_shape is not None and f.written and any(map(any, f.pairs)),
            lambda f: f"{DISAGREE}: with an output_shape ONNX's spec ignores the pads {f.padding} and derives them, "
                      "its reference evaluator applies them", "", "padding",
            "no padding (or same, same_lower) with output_shape", DEFS),
    Refusal("MaxPool SAME_LOWER with a stride that does not divide the input (shape inference ceil(in/s), the "
            "reference evaluator floor(in/s))",
            lambda f: f.op == "MaxPool" and f.same_lower and any(n % s for n, s in zip(f.in_spatial, f.stride)),
            lambda f: f"{DISAGREE}: MaxPool SAME_LOWER on {shown(f.in_spatial)} with strides {shown(f.stride)} "
                      "gives ceil(in/s) by shape inference, floor(in/s) by the reference evaluator", "",
            "padding", "same (SAME_UPPER), or a stride that divides the input", REFERENCE + "/op_max_pool.py"),
    Refusal("MaxPool VALID with ceil_mode where shape inference's ceil((in − k_eff)/s) + 1 (less a last window "
            "in the padding) is not the reference evaluator's ceil((in − k_eff + 1)/s)",
            lambda f: _valid_ceil(f) is not None,
            lambda f: "{}: MaxPool VALID with ceil_mode gives {} windows by shape inference, {} by the reference "
                      "evaluator".format(DISAGREE, *_valid_ceil(f)), "", "ceil_mode", "numeric padding (0)",
            REFERENCE + "/op_max_pool.py"),
    Refusal("AveragePool VALID with a dilation where the reference evaluator, sizing the windows undilated, "
            "gives another size",
            lambda f: _dilated_valid_average(f) is not None,
            lambda f: "{}: AveragePool VALID with dilation {} gives {} windows by shape inference, {} by the "
                      "reference evaluator".format(DISAGREE, shown(f.dilation), *_dilated_valid_average(f)), "",
            "dilation", "numeric padding (0)", REFERENCE + "/op_average_pool.py"),
)


def transposed_padding(padding: PadSpec, in_spatial: tuple[int, ...], stride: tuple[int, ...],
                       output_shape: tuple[int, ...] | None) -> tuple[PadSpec, tuple[int, ...] | None]:
    """ONNX's ConvTranspose reads VALID as no padding at all, and SAME as the output_shape in·s (its pads
    then derived as for any output_shape): the padding and the output_shape the formulas take."""
    if isinstance(padding, Valid):
        return Explicit(((0, 0),)), output_shape
    if isinstance(padding, Same) and output_shape is None:
        return padding, tuple(n * s for n, s in zip(in_spatial, stride))
    return padding, output_shape


def output_shape_axis(n: int, kernel: int, stride: int, dilation: int, pad, output_padding: int | None,
                      out: int) -> AxisResult:
    """ConvTranspose with output_shape (the given pads are ignored): total = (n − 1)·s + k_eff +
    output_padding − out, begin total // 2 for SAME_UPPER and total − total // 2 otherwise."""
    full = (n - 1) * stride + effective_kernel(kernel, dilation) + (output_padding or 0)
    total = full - out
    upper = isinstance(pad, Same) and not pad.lower
    return cropped(full, out, total // 2 if upper else total - total // 2)


__all__ = ["RULES", "transposed_padding", "output_shape_axis"]
