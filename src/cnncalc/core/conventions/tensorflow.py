"""``convention: tensorflow``: what TensorFlow's own ops refuse (tf.nn, the ones the lesson uses),
each rule in TensorFlow's words (TensorFlow 2.21, CPU; tests/golden/CONVENTIONS.md has the cases).

tf.nn.depthwise_conv2d and separable_conv2d run a stride > 1 together with a dilation > 1 through
space_to_batch, whose sizes are not the window formula's (depthwise_conv2d warns "When dilation
rate is greater than 1, then all values of strides must be 1"): cnncalc refuses the combination,
as that warning asks. A transposed conv is tf.nn.conv*_transpose, sized by its ``output_shape``
(without one, the size Keras would pass it); tf.nn.pool is the only pool that dilates.
"""
from __future__ import annotations

from cnncalc.core.arith import AxisResult, Same, Valid, cropped, effective_kernel
from cnncalc.core.conventions.rules import Facts, Refusal, not_convolving_back, ops, shown

POOLS = ops("tf.nn.max_pool{}d", "tf.nn.avg_pool{}d")
TRANSPOSED = ops("tf.nn.conv{}d_transpose")
DEPTHWISE = frozenset({"tf.nn.depthwise_conv2d", "tf.nn.separable_conv2d"})
EXPLICIT = frozenset({"tf.nn.conv2d", "tf.nn.depthwise_conv2d", "tf.nn.separable_conv2d", "tf.nn.max_pool1d",
                      "tf.nn.max_pool2d", "tf.nn.conv2d_transpose"})
"""The ops that take explicit [[begin, end], ...] padding; the others take 'SAME' or 'VALID' only."""
NN_OPS = "tensorflow/python/ops/nn_ops.py"


def _dilated_pool(f: Facts) -> bool:
    return f.op in POOLS and f.dilated


def _explicit_refused(f: Facts) -> bool:
    return (f.written and f.op is not None and not _dilated_pool(f) and f.op not in EXPLICIT
            and f.op != "tf.nn.max_pool3d")


def _pad_not_below_window(f: Facts) -> bool:
    return f.written and f.op in POOLS and any(max(pair) >= k for pair, k in zip(f.pairs, f.kernel))


def _unequal_strides(f: Facts) -> bool:
    return f.op in DEPTHWISE and len(set(f.stride)) > 1


def _back(f: Facts) -> str:
    out, back, n = not_convolving_back(f)
    return f"the output {out} does not convolve back to the input {n} (it gives {back})"


RULES = (
    Refusal("a depthwise or separable conv on a 1-D or 3-D input", lambda f: f.no_op,
            lambda f: f"tf.nn has no {f.rank}-D {f.kind}", "", "input",
            "a 2-D input, or convention keras (DepthwiseConv1D, SeparableConv1D)", NN_OPS),
    Refusal("`same_lower`", lambda f: f.same_lower,
            lambda f: "TensorFlow has no same_lower padding (it is ONNX's SAME_LOWER)", "", "padding",
            "same, valid or numeric padding", NN_OPS),
    Refusal("`causal` (it is Keras' Conv1D padding)", lambda f: f.causal,
            lambda f: f"{f.op} has no causal padding",
            "Value for attr 'padding' of \"CAUSAL\" is not in the list of allowed values", "padding",
            "same or valid, or convention keras (Conv1D takes causal)",
            "tensorflow/core/framework/common_shape_fns.cc"),
    Refusal("`ceil_mode`", lambda f: f.op in POOLS and f.ceil_mode,
            lambda f: "TensorFlow pooling has no ceil_mode", "", "ceil_mode", "padding: same instead", NN_OPS),
    Refusal("`output_padding` (tf.nn sizes a transposed conv by `output_shape`)",
            lambda f: f.op in TRANSPOSED and f.output_padding is not None,
            lambda f: f"{f.op} has no output_padding", "", "output_padding",
            "output_shape, or convention keras (Conv2DTranspose takes output_padding)", NN_OPS),
    Refusal("a dilated pool (tf.nn.pool) with a stride > 1", lambda f: _dilated_pool(f) and f.strided,
            lambda f: f"tf.nn.pool refuses stride {shown(f.stride)} with dilation {shown(f.dilation)}",
            "`strides > 1` not supported in conjunction with `dilation_rate > 1`", "dilation",
            "stride 1, or no dilation", NN_OPS),
    Refusal("a dilated pool with `same`", lambda f: _dilated_pool(f) and f.same,
            lambda f: "tf.nn.pool refuses same padding with a dilation",
            "pooling with 'SAME' padding is not implemented for `dilation_rate` > 1", "padding", "valid", NN_OPS),
    Refusal("a dilated pool with numeric padding (tf.nn.pool pads with zeros, which a max and a mean then count)",
            lambda f: _dilated_pool(f) and f.written,
            lambda f: "tf.nn.pool pads a dilated pool with zeros, which the max and the mean then count", "",
            "padding", "valid, or a zero_padding layer before an undilated pool", NN_OPS),
    Refusal("numeric padding on conv1d, conv3d, avg_pool, max_pool3d and conv1d/3d_transpose",
            _explicit_refused, lambda f: f"{f.op} takes padding 'SAME' or 'VALID', not numbers",
            "Expected string for argument 'padding'", "padding", "same or valid", NN_OPS),
    Refusal("numeric padding on a 3-D max_pool", lambda f: f.written and f.op == "tf.nn.max_pool3d",
            lambda f: "tf.nn.max_pool3d takes padding 'SAME' or 'VALID', not numbers",
            "Explicit padding is not supported with an input tensor of rank 5", "padding", "same or valid", NN_OPS),
    Refusal("max_pool padding not smaller than the window", _pad_not_below_window,
            lambda f: f"{f.op} needs each pad below the window {shown(f.kernel)}, got {f.padding}",
            "padding ... needs to be smaller than the window size", "padding", "pads below the kernel",
            "tensorflow/core/kernels/maxpooling_op.cc"),
    Refusal("grouped conv3d", lambda f: f.op == "tf.nn.conv3d" and f.groups > 1,
            lambda f: "tf.nn.conv3d has no groups: its filter must hold every input channel",
            "Number of channels in filter must match last dimension of input", "groups", "groups 1",
            "tensorflow/core/kernels/conv_ops_3d.cc"),
    Refusal("depthwise_conv2d / separable_conv2d with unequal H and W strides", _unequal_strides,
            lambda f: f"{f.op} needs one stride for H and W, got {shown(f.stride)}",
            "Current implementation only supports equal length strides in the row and column dimensions",
            "stride", "one stride for both axes", "tensorflow/core/kernels/depthwise_conv_op.cc"),
    Refusal("depthwise_conv2d / separable_conv2d with stride > 1 and dilation > 1 (run through space_to_batch, "
            "off the window formula)", lambda f: f.op in DEPTHWISE and f.strided and f.dilated,
            lambda f: f"{f.op} runs stride {shown(f.stride)} with dilation {shown(f.dilation)} through "
                      "space_to_batch, whose sizes are not the window formula's",
            "When dilation rate is greater than 1, then all values of strides must be 1", "dilation",
            "stride 1 or dilation 1, or convention keras (DepthwiseConv2D follows the window formula)", NN_OPS),
    Refusal("conv3d with a dilation > 1 (a CPU kernel limit)", lambda f: f.op == "tf.nn.conv3d" and f.dilated,
            lambda f: "tf.nn.conv3d runs no dilation on CPU",
            "CPU implementation of Conv3D currently only supports dilated rates of 1", "dilation", "dilation 1",
            "tensorflow/core/kernels/conv_ops_3d.cc"),
    Refusal("a transposed conv with a dilation > 1 (a CPU kernel limit)", lambda f: f.op in TRANSPOSED and f.dilated,
            lambda f: f"{f.op} runs no dilation on CPU",
            "Current CPU implementations do not yet support dilation rates larger than 1", "dilation", "dilation 1",
            "tensorflow/core/kernels/conv_grad_input_ops.h"),
    Refusal("a grouped transposed conv", lambda f: f.op in TRANSPOSED and f.groups > 1,
            lambda f: f"{f.op} has no groups", "filter and out_backprop must have the same out_depth", "groups",
            "groups 1", "tensorflow/core/kernels/conv_grad_shape_utils.cc"),
    Refusal("a transposed conv whose output does not convolve back to its input (SAME ceil(O/s), VALID "
            "ceil((O − k_eff + 1)/s), numeric floor((O + b + e − k_eff)/s) + 1)",
            lambda f: f.op in TRANSPOSED and not_convolving_back(f) is not None, _back,
            "Size of out_backprop doesn't match computed", "output_shape",
            "an output_shape that convolves back to the input", "tensorflow/core/kernels/conv_grad_shape_utils.cc"),
)


def output_shape_axis(n: int, kernel: int, stride: int, dilation: int, pad, output_padding: int | None,
                      out: int) -> AxisResult:
    """tf.nn.conv*_transpose's crop for its output_shape O from the full (n − 1)·s + k_eff output:
    SAME the forward SAME split of O (begin max(total, 0) // 2), VALID none at the start, numeric the
    begin given; what is left (negative: zeros added) at the end."""
    full = (n - 1) * stride + effective_kernel(kernel, dilation)
    if isinstance(pad, Same):
        begin = max(full - out, 0) // 2
    elif isinstance(pad, Valid):
        begin = 0
    else:
        begin = pad[0]
    return cropped(full, out, begin)


__all__ = ["RULES", "output_shape_axis"]
