"""``convention: keras``: what Keras 3's layers refuse (on the TensorFlow backend, CPU), each rule
in Keras' words (tests/golden/CONVENTIONS.md has the cases). Keras' transposed sizes are the
DESIGN formulas (``arith.transposed_dim``); its depthwise and separable layers follow the window
formula even with a stride and a dilation (unlike tf.nn)."""
from __future__ import annotations

from cnncalc.core.conventions.rules import Facts, Refusal, not_convolving_back, ops, shown

PLAIN = ops("Conv{}D", "Conv{}DTranspose")
"""The layers that refuse a stride > 1 together with a dilation > 1 (Depthwise and Separable accept it)."""
TRANSPOSED = ops("Conv{}DTranspose")
POOLS = ops("MaxPooling{}D", "AveragePooling{}D")
DEPTHWISE = frozenset({"DepthwiseConv2D", "SeparableConv2D"})
BASE_CONV = "keras/src/layers/convolutional/base_conv.py"
BASE_TRANSPOSE = "keras/src/layers/convolutional/base_conv_transpose.py"


def _back(f: Facts) -> str:
    out, back, n = not_convolving_back(f)
    return f"with this output_padding the output {out} does not convolve back to the input {n} (it gives {back})"


RULES = (
    Refusal("a 3-D depthwise or separable conv", lambda f: f.no_op,
            lambda f: f"Keras has no {f.rank}-D {f.kind} layer", "", "input", "a 1-D or 2-D input", BASE_CONV),
    Refusal("numeric padding (add a zero_padding layer)", lambda f: f.written and f.op is not None,
            lambda f: f"{f.op} takes padding 'valid' or 'same', not numbers",
            "`padding` must be either `'valid'` or `'same'`", "padding",
            "same or valid, after a zero_padding layer for other pads", "keras/src/utils/argument_validation.py"),
    Refusal("`same_lower`", lambda f: f.same_lower, lambda f: "Keras has no same_lower padding (it is ONNX's)", "",
            "padding", "same or valid", BASE_CONV),
    Refusal("`ceil_mode`", lambda f: f.ceil_mode, lambda f: "Keras pooling has no ceil_mode", "", "ceil_mode",
            "padding: same instead", "keras/src/layers/pooling/base_pooling.py"),
    Refusal("a dilated pool", lambda f: f.op in POOLS and f.dilated, lambda f: f"{f.op} has no dilation", "",
            "dilation", "dilation 1", "keras/src/layers/pooling/base_pooling.py"),
    Refusal("`output_shape` (Keras sizes a transposed conv by `output_padding`)",
            lambda f: f.output_shape is not None, lambda f: f"{f.op} has no output_shape", "", "output_shape",
            "output_padding, or convention tensorflow or onnx", BASE_TRANSPOSE),
    Refusal("strides > 1 with dilation_rate > 1 in Conv1D/2D/3D and Conv*Transpose",
            lambda f: f.op in PLAIN and f.strided and f.dilated,
            lambda f: f"{f.op} refuses strides {shown(f.stride)} with dilation_rate {shown(f.dilation)}",
            "`strides > 1` not supported in conjunction with `dilation_rate > 1`", "dilation",
            "stride 1 or dilation 1", BASE_CONV),
    Refusal("a transposed conv with output_padding ≥ stride",
            lambda f: f.output_padding is not None and any(p >= s for p, s in zip(f.output_padding, f.stride)),
            lambda f: f"{f.op} refuses output_padding {shown(f.output_padding)} with strides {shown(f.stride)}",
            "`output_padding` must be strictly less than `strides` for all dimensions", "output_padding",
            "output_padding below the stride", "keras/src/utils/conv_utils.py"),
    Refusal("`groups` on a transposed conv", lambda f: f.op in TRANSPOSED and f.groups > 1,
            lambda f: f"{f.op} has no groups", "Unrecognized keyword arguments passed to Conv2DTranspose: "
            "{'groups': ...}", "groups", "groups 1", BASE_TRANSPOSE),
    Refusal("DepthwiseConv2D / SeparableConv2D with unequal H and W strides (undilated)",
            lambda f: f.op in DEPTHWISE and len(set(f.stride)) > 1 and not f.dilated,
            lambda f: f"{f.op} needs one stride for H and W, got {shown(f.stride)}",
            "Current implementation only supports equal length strides in the row and column dimensions",
            "stride", "one stride for both axes", "tensorflow/core/kernels/depthwise_conv_op.cc"),
    Refusal("a transposed conv with a dilation > 1 (TensorFlow's CPU kernels)",
            lambda f: f.op in TRANSPOSED and f.dilated, lambda f: f"{f.op} runs no dilation on CPU",
            "Current CPU implementations do not yet support dilation rates larger than 1", "dilation",
            "dilation 1", "tensorflow/core/kernels/conv_grad_input_ops.h"),
    Refusal("a transposed conv whose output_padding gives an output that does not convolve back to the input",
            lambda f: f.op in TRANSPOSED and f.output_padding is not None and not_convolving_back(f) is not None,
            _back, "Size of out_backprop doesn't match computed", "output_padding",
            "a smaller output_padding, or none", "tensorflow/core/kernels/conv_grad_shape_utils.cc"),
)

__all__ = ["RULES"]
