"""textbook | tensorflow | pytorch as data: what each framework refuses, with citations.

A convention never changes a formula (those live in ``arith.py``); it only decides what
is legal. ``textbook`` refuses nothing but impossible shapes.
"""
from __future__ import annotations

from cnncalc.core.choices import Convention
from cnncalc.core.arith import Causal, Explicit, PadSpec, Same
from cnncalc.core.errors import ShapeError, parse_choice


def parse_convention(value: object) -> Convention:
    """A convention by name, case-insensitive."""
    return parse_choice(Convention, value, "convention")


def _refuse(message: str, field: str, expected: str | None = None) -> None:
    raise ShapeError(message, expected=expected).with_where(field=field)


def check_conv(convention: Convention, kind, stride: tuple[int, ...], dilation: tuple[int, ...],
               padding: PadSpec) -> None:
    """Refusals for conv, depthwise and separable conv.

    PyTorch: ``padding='same' is not supported for strided convolutions``
    (torch/nn/modules/conv.py, _ConvNd.__init__); no SAME_LOWER; padding is symmetric.
    Keras ``Conv``: ``strides > 1 not supported in conjunction with dilation_rate > 1``
    (keras/src/layers/convolutional/base_conv.py); Keras' depthwise and separable
    convolutions and plain ``tf.nn.conv2d`` accept it, but TensorFlow's undilated depthwise
    kernel needs the same stride on H and W (tensorflow/core/kernels/depthwise_conv_op.cc;
    a dilated one runs through space_to_batch and accepts any).
    """
    if convention is Convention.PYTORCH:
        if isinstance(padding, Same) and any(s > 1 for s in stride):
            _refuse("PyTorch refuses padding='same' with stride > 1 ('padding=same is not supported "
                    "for strided convolutions')", "padding", "use numeric padding or stride 1")
        _check_pytorch_padding(padding)
    if convention is Convention.TENSORFLOW:
        _check_tensorflow_padding(padding)
        if (kind.equal_strides and len(stride) == 2 and stride[0] != stride[1]
                and all(d == 1 for d in dilation)):
            _refuse(f"TensorFlow's depthwise convolution needs equal strides on H and W, got {stride[0]}x{stride[1]} "
                    "('Current implementation only supports equal length strides in the row and column "
                    "dimensions')", "stride", "one stride for both axes")
        if kind.refuses_stride_with_dilation and any(s > 1 for s in stride) and any(d > 1 for d in dilation):
            _refuse("Keras refuses strides > 1 together with dilation_rate > 1 in Conv layers",
                    "dilation", "use stride 1 or dilation 1")


def check_pool(convention: Convention, kernel: tuple[int, ...], padding: PadSpec, ceil_mode: bool,
               in_spatial: tuple[int, ...], average: bool) -> None:
    """Refusals for max and average pooling.

    PyTorch: ``pad should be smaller than or equal to half of kernel size``, on the plain
    kernel even when dilated (aten/src/ATen/native/Pool.h, pool2d_shape_check), numeric
    symmetric padding only, and AvgPool3d checks the unpadded input against the kernel
    (pool3d_shape_check, check_input_size: "input image ... smaller than kernel size").
    TensorFlow/Keras pooling has no ceil_mode.
    """
    rank = len(in_spatial)
    if ceil_mode and isinstance(padding, Same):
        _refuse("ceil_mode applies to numeric padding, not same", "ceil_mode",
                "use ceil_mode with numeric padding or valid")
    if convention is Convention.PYTORCH:
        if not isinstance(padding, Explicit):
            if isinstance(padding, Same):
                _refuse(f"PyTorch pooling has no padding '{padding}'", "padding",
                        "use numeric padding (or convention tensorflow)")
            return
        _check_pytorch_padding(padding)
        pairs = padding.pairs * rank if len(padding.pairs) == 1 else padding.pairs
        for (begin, _), k in zip(pairs, kernel):
            if begin > k // 2:
                _refuse(f"PyTorch refuses pad {begin} with kernel {k}: 'pad should be smaller than or equal "
                        "to half of kernel size'", "padding", f"padding at most {k // 2}")
        if average and rank == 3 and any(n < k for n, k in zip(in_spatial, kernel)):
            _refuse(f"PyTorch AvgPool3d refuses an input {'x'.join(map(str, in_spatial))} smaller than the "
                    f"kernel {'x'.join(map(str, kernel))} (padding does not count)", "kernel",
                    "a kernel no larger than the input")
    if convention is Convention.TENSORFLOW:
        _check_tensorflow_padding(padding)
        if ceil_mode:
            _refuse("TensorFlow pooling has no ceil_mode", "ceil_mode", "use padding: same instead")


def check_transpose(convention: Convention, stride: tuple[int, ...], dilation: tuple[int, ...],
                    padding: PadSpec, output_padding: tuple[int, ...] | None) -> None:
    """Refusals for transposed convolution.

    PyTorch: ``output padding must be smaller than either stride or dilation``
    (aten/src/ATen/native/ConvUtils.h); its padding is numeric.
    Keras ``Conv2DTranspose``: output_padding strictly less than strides, and no
    strides > 1 with dilation_rate > 1 (keras/src/layers/convolutional/base_conv_transpose.py);
    TensorFlow's CPU kernel runs no dilation at all (Conv2DBackpropInput).
    """
    ops = output_padding or (0,) * len(stride)
    if convention is Convention.PYTORCH:
        if not isinstance(padding, Explicit):
            _refuse(f"PyTorch ConvTranspose has no padding '{padding}'", "padding", "use numeric padding")
        _check_pytorch_padding(padding)
        for op, s, d in zip(ops, stride, dilation):
            if op >= s and op >= d:
                _refuse(f"PyTorch refuses output_padding {op} with stride {s} and dilation {d}: "
                        "'output padding must be smaller than either stride or dilation'",
                        "output_padding", f"output_padding below {max(s, d)}")
    if convention is Convention.TENSORFLOW:
        _check_tensorflow_padding(padding)
        for op, s in zip(ops, stride):
            if op >= s:
                _refuse(f"Keras refuses output_padding {op} with stride {s}: output_padding must be "
                        "strictly less than strides", "output_padding", f"output_padding below {s}")
        if any(s > 1 for s in stride) and any(d > 1 for d in dilation):
            _refuse("Keras refuses strides > 1 together with dilation_rate > 1", "dilation",
                    "use stride 1 or dilation 1")
        if any(d > 1 for d in dilation):
            _refuse("TensorFlow's CPU kernels refuse dilated transposed convolutions ('Current CPU "
                    "implementations do not yet support dilation rates larger than 1', Conv2DBackpropInput)",
                    "dilation", "dilation 1")


def _check_pytorch_padding(padding: PadSpec) -> None:
    if isinstance(padding, Causal):
        _refuse("PyTorch has no causal padding", "padding",
                "add zero_padding: [[k_eff − 1, 0]] before a valid conv, or use convention tensorflow")
    if isinstance(padding, Same) and padding.lower:
        _refuse("PyTorch has no same_lower padding", "padding", "use same, valid or numeric padding")
    if isinstance(padding, Explicit) and any(b != e for b, e in padding.pairs):
        _refuse(f"PyTorch layers pad symmetrically; padding {padding} is asymmetric", "padding",
                "add a zero_padding layer before this one, or use convention textbook")


def _check_tensorflow_padding(padding: PadSpec) -> None:
    if isinstance(padding, Same) and padding.lower:
        _refuse("TensorFlow has no same_lower padding (it is ONNX's SAME_LOWER)", "padding",
                "use same, valid or numeric padding")


def check_transpose_output(convention: Convention, in_spatial: tuple[int, ...], out_spatial: tuple[int, ...],
                           k_eff: tuple[int, ...], stride: tuple[int, ...], padding: PadSpec,
                           output_padding: tuple[int, ...] | None) -> None:
    """TensorFlow runs a transposed conv as the gradient of a forward conv, so the forward conv
    of the output must give back the input: ceil(out/s) for same, ceil((out − k_eff + 1)/s)
    for valid (tensorflow/core/kernels/conv_grad_ops.cc, ConvBackpropComputeDimensions:
    "Size of out_backprop doesn't match computed"). Only output_padding can break this.
    """
    if convention is not Convention.TENSORFLOW or output_padding is None or isinstance(padding, Explicit):
        return
    for n, out, k, s in zip(in_spatial, out_spatial, k_eff, stride):
        back = -(-out // s) if isinstance(padding, Same) else (-(-(out - k + 1) // s) if out >= k else 0)
        if back != n:
            _refuse(f"TensorFlow refuses this output_padding: the output {out} would convolve back to {back}, "
                    f"not the input {n}", "output_padding", "a smaller output_padding or padding valid")
