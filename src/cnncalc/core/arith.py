"""Per-axis integer arithmetic of convolution and pooling windows.

No I/O, no floats, no numpy: every size is an exact int and every ceil is integer
(``-(-a // b)``). Names follow JAX: ``_dim`` for one axis. Errors carry no location;
callers add the layer and field on the way up.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from cnncalc.core.errors import ShapeError

if TYPE_CHECKING:
    from fractions import Fraction

AXIS_NAMES = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}


# --- padding as the user wrote it, normalised once ------------------------------------

@dataclass(frozen=True)
class Explicit:
    """Numeric padding: one ``(begin, end)`` pair per spatial axis (one pair = every axis).

    ``written`` is false for ``NO_PADDING``, a layer that gives no padding at all: the same
    zeros, which TensorFlow's and Keras' conventions read as their default, ``valid``.
    """

    pairs: tuple[tuple[int, int], ...]
    written: bool = field(default=True, compare=False)

    def __str__(self) -> str:
        if all(b == e for b, e in self.pairs):
            values = [b for b, _ in self.pairs]
            if len(set(values)) == 1:
                return str(values[0])
            return "x".join(map(str, values))
        return str([list(p) for p in self.pairs]).replace(" ", "")


@dataclass(frozen=True)
class Same:
    """TensorFlow SAME: out = ceil(in/s); the odd pixel at the end (``lower``: ONNX SAME_LOWER, at the start)."""

    lower: bool = False

    def __str__(self) -> str:
        return "same_lower" if self.lower else "same"


@dataclass(frozen=True)
class Valid:
    """No padding: out = ceil((in − k_eff + 1)/s)."""

    def __str__(self) -> str:
        return "valid"


@dataclass(frozen=True)
class Causal:
    """Keras Conv1D causal: k_eff − 1 zeros before the input, none after, so an output never
    sees a later step; out = ceil(in/s) (keras/src/ops/operation_utils.py, compute_conv_output_shape)."""

    def __str__(self) -> str:
        return "causal"


PadSpec = Explicit | Same | Valid | Causal
NO_PADDING = Explicit(((0, 0),), written=False)
"""The padding of a layer that gives none."""
AxisPad = tuple[int, int] | Same | Valid | Causal


def axis_pads(padding: PadSpec, rank: int) -> list[AxisPad]:
    """The padding of each of ``rank`` spatial axes (a single pair applies to every axis)."""
    if isinstance(padding, Explicit):
        pairs = padding.pairs
        if len(pairs) == 1:
            pairs = pairs * rank
        if len(pairs) != rank:
            raise ShapeError(f"padding {padding} has {len(pairs)} axes but the input has {rank} spatial axes",
                             expected=f"give one value or {rank} values").with_where(field="padding")
        return list(pairs)
    return [padding] * rank


class AxisResult(NamedTuple):
    """One axis of a window: output size, padding applied ``(begin, end)``, and, when the
    textbook (W − K + 2P)/S is not an integer, that exact quotient."""

    out: int
    pads: tuple[int, int]
    exact: Fraction | None = None


# --- the three primitives ---------------------------------------------------------------

def ratio(a: int, b: int) -> "int | Fraction":
    """a/b exactly: an int when b divides a, else a Fraction (imported only then, to start fast)."""
    if a % b == 0:
        return a // b
    from fractions import Fraction

    return Fraction(a, b)


def ceil_div(a: int, b: int) -> int:
    """ceil(a / b) for ints, exactly: −(−a // b)."""
    return -(-a // b)


def effective_kernel(kernel: int, dilation: int) -> int:
    """k_eff = (k − 1)·d + 1."""
    return (kernel - 1) * dilation + 1


def padded(in_size: int, pad_begin: int, pad_end: int) -> int:
    """in + pad_begin + pad_end."""
    return in_size + pad_begin + pad_end


def window_count(padded_size: int, k_eff: int, stride: int) -> int:
    """floor((padded − k_eff)/s) + 1; a window larger than the padded input is an error."""
    if padded_size < k_eff:
        raise ShapeError(f"kernel {k_eff} is larger than the padded input {padded_size}")
    return (padded_size - k_eff) // stride + 1


# --- SAME / VALID -----------------------------------------------------------------------

def same_pads(in_size: int, k_eff: int, stride: int, lower: bool = False) -> tuple[int, tuple[int, int]]:
    """out = ceil(in/s); total = max((out − 1)·s + k_eff − in, 0); split (total//2, total − total//2).

    TensorFlow puts the odd pixel at the end (tensorflow/core/framework/kernel_shape_util.cc,
    GetWindowedOutputSizeVerbose); ONNX ``SAME_LOWER`` puts it at the start.
    Example: in 32, k 8, s 2 → out 16, total 6, pads (3, 3).
    """
    out = ceil_div(in_size, stride)
    total = max((out - 1) * stride + k_eff - in_size, 0)
    small, large = total // 2, total - total // 2
    return out, ((large, small) if lower else (small, large))


def same_pads_onnx(in_size: int, k_eff: int, stride: int) -> int:
    """Total SAME padding as ONNX derives it from ``in % s`` (onnx/defs/nn/defs.cc)."""
    if in_size % stride == 0:
        return max(k_eff - stride, 0)
    return max(k_eff - in_size % stride, 0)


def valid_dim(in_size: int, k_eff: int, stride: int) -> int:
    """out = ceil((in − k_eff + 1)/s), which equals floor((in − k_eff)/s) + 1."""
    if in_size < k_eff:
        raise ShapeError(f"kernel {k_eff} is larger than the input {in_size} (padding valid)")
    return ceil_div(in_size - k_eff + 1, stride)


# --- convolution and pooling ------------------------------------------------------------

def textbook_exact(in_size: int, k_eff: int, stride: int, pads: tuple[int, int]) -> Fraction | None:
    """(W − K + P_begin + P_end)/S when it is not an integer, else None."""
    numerator = padded(in_size, *pads) - k_eff
    return None if numerator % stride == 0 else ratio(numerator, stride)


def causal_pads(k_eff: int) -> tuple[int, int]:
    """Causal padding: k_eff − 1 before, none after; the numeric rule then gives
    floor((in − 1)/s) + 1 = ceil(in/s)."""
    return (k_eff - 1, 0)


def window_out(in_size: int, k_eff: int, stride: int, pad: AxisPad) -> int:
    """The output size alone, as ``window_dim`` computes it without ceil_mode (the inverse
    search tries millions of candidates and needs neither the pads nor the exact fraction)."""
    if isinstance(pad, Same):
        return ceil_div(in_size, stride)
    begin, end = (0, 0) if isinstance(pad, Valid) else causal_pads(k_eff) if isinstance(pad, Causal) else pad
    return window_count(padded(in_size, begin, end), k_eff, stride)


def window_dim(in_size: int, kernel: int, stride: int, dilation: int, pad: AxisPad,
               ceil_mode: bool = False) -> AxisResult:
    """Output size of a convolution or pooling window along one axis.

    Numeric: floor((in + p_begin + p_end − k_eff)/s) + 1 (PyTorch's ceil_mode: see
    ``pool_ceil_window_count``); ``same``/``valid``: TensorFlow's rules above.
    """
    k_eff = effective_kernel(kernel, dilation)
    if isinstance(pad, Same):
        out, pads = same_pads(in_size, k_eff, stride, pad.lower)
        return AxisResult(out, pads)
    if isinstance(pad, Causal):
        return AxisResult(window_out(in_size, k_eff, stride, pad), causal_pads(k_eff))
    if isinstance(pad, Valid):  # TensorFlow's VALID: no padding, so nothing is floored away
        out = valid_dim(in_size, k_eff, stride)
        return AxisResult(pool_ceil_window_count(in_size, k_eff, stride, 0, 0) if ceil_mode else out, (0, 0))
    begin, end = pad
    if ceil_mode:
        out = pool_ceil_window_count(in_size, k_eff, stride, begin, end)
    else:
        out = window_out(in_size, k_eff, stride, (begin, end))
    exact = textbook_exact(in_size, k_eff, stride, (begin, end))
    return AxisResult(out, (begin, end), exact)


def pool_ceil_window_count(in_size: int, k_eff: int, stride: int, pad_begin: int, pad_end: int) -> int:
    """PyTorch ceil_mode: out = ceil((in + p_b + p_e − k_eff)/s) + 1, minus one when the last
    window would start in the right padding, i.e. when (out − 1)·s ≥ in + p_b.

    aten/src/ATen/native/Pool.h, pooling_output_shape_pad_lr: "ensure that the last pooling
    starts inside the image". The ceil may be of a negative number: a window larger than
    the padded input still gives one output (PyTorch divides with div_rtn). Example: in 5,
    k 2, s 2, pad 1 → ceil(5/2) + 1 = 4, and (4 − 1)·2 = 6 ≥ 6, so 3 windows.
    """
    size = padded(in_size, pad_begin, pad_end)
    out = ceil_div(size - k_eff, stride) + 1
    if (out - 1) * stride >= in_size + pad_begin:
        out -= 1
    if out < 1:
        raise ShapeError(f"kernel {k_eff} leaves no window in the padded input {size} (ceil_mode)")
    return out


# --- transposed convolution -------------------------------------------------------------

def transposed_dim(in_size: int, kernel: int, stride: int, dilation: int, pad: AxisPad,
                   output_padding: int | None) -> AxisResult:
    """Output size of a transposed convolution along one axis.

    Numeric (PyTorch ConvTranspose): out = (in − 1)·s − p_begin − p_end + k_eff + output_padding.
    Keras ``same``/``valid`` (keras/src/utils/conv_utils / backend deconv_output_length):
    without output_padding, in·s and in·s + max(k_eff − s, 0); with it,
    (in − 1)·s + k_eff − 2·pad + output_padding where pad = k_eff // 2 (same) or 0 (valid).
    The pads returned are what is cropped from the full (in − 1)·s + k_eff output; ``same_lower``
    crops the larger half at the start, as ONNX's ConvTranspose SAME_LOWER.
    """
    k_eff = effective_kernel(kernel, dilation)
    full = (in_size - 1) * stride + k_eff
    extra = output_padding or 0
    if isinstance(pad, Same):
        if output_padding is None:
            out = in_size * stride
        else:
            out = full - 2 * (k_eff // 2) + extra
    elif isinstance(pad, Valid):
        if output_padding is None:
            out = in_size * stride + max(k_eff - stride, 0)
        else:
            out = full + extra
    else:
        out = full - pad[0] - pad[1] + extra
    if isinstance(pad, (Same, Valid)):
        crop = full + extra - out
        begin = 0 if crop <= 0 else crop - crop // 2 if isinstance(pad, Same) and pad.lower else crop // 2
        return cropped(full + extra, out, begin)
    return cropped(full + extra, out, pad[0])


def cropped(full: int, out: int, begin: int) -> AxisResult:
    """A transposed output of ``out`` cut from the ``full`` one, ``begin`` cells from the start:
    pads (begin, full − out − begin), a negative one adding zeros instead."""
    if out < 1:
        raise ShapeError(f"output size {out} is below 1 (full size {full} before cropping)")
    return AxisResult(out, (begin, full - out - begin))


def output_padding_for(in_size: int, kernel: int, stride: int, dilation: int, pad: AxisPad, out: int) -> int:
    """The output_padding that makes a transposed convolution ``out`` long, as PyTorch derives it from
    ``output_size`` (torch/nn/modules/conv.py, _ConvTransposeNd._output_padding): out − the size with
    output_padding 0, which must lie in [0, s − 1] ("requested an output size of ..., but valid sizes
    range from ... to ...")."""
    base = transposed_dim(in_size, kernel, stride, dilation, pad, 0).out
    if not base <= out < base + stride:
        sizes = f"{base} to {base + stride - 1}" if stride > 1 else f"{base}"
        raise ShapeError(f"output_shape {out} is out of reach: with this padding the output is {sizes}")
    return out - base
