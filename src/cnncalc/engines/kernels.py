"""The array operations the kinds' forward steps are written in (``ops`` in ``LayerKind.forward``);
numpy is imported here and in the engines only. One strided window view serves conv and pool.

Arrays are channels-last with a batch axis: (N, *spatial, C). Windows come from
``sliding_window_view`` over the padded input, sliced by dilation and stride; conv is one
matmul (im2col, BLAS underneath) over the window axes, pooling a max or mean over them.
"""
from __future__ import annotations

import math

import numpy as np

from cnncalc.core.arith import effective_kernel

__all__ = ["np", "padded_input", "windows", "conv", "conv_transpose", "pool", "adaptive_mean", "upsample",
           "local_response_norm", "softmax", "erf", "gelu", "sigmoid", "silu", "elu", "total", "product", "as_batch",
           "values_list"]


def padded_input(x: np.ndarray, pads: tuple[tuple[int, int], ...], outs: tuple[int, ...],
                 kernel: tuple[int, ...], stride: tuple[int, ...], dilation: tuple[int, ...],
                 fill: float) -> np.ndarray:
    """x padded by ``pads``, and further at the end where a ceil_mode window overhangs (x itself
    when nothing is padded)."""
    widths = [(0, 0)]
    for size, (begin, end), out, k, s, d in zip(x.shape[1:-1], pads, outs, kernel, stride, dilation):
        needed = (out - 1) * s + effective_kernel(k, d) - size - begin
        widths.append((begin, max(end, needed)))
    widths.append((0, 0))
    if not any(b or e for b, e in widths):
        return x
    return np.pad(x, widths, constant_values=fill)


def windows(xp: np.ndarray, outs: tuple[int, ...], kernel: tuple[int, ...], stride: tuple[int, ...],
            dilation: tuple[int, ...]) -> np.ndarray:
    """A strided view (N, *outs, C, *kernel) of a padded input; no copy."""
    rank = len(kernel)
    k_eff = tuple(effective_kernel(k, d) for k, d in zip(kernel, dilation))
    view = np.lib.stride_tricks.sliding_window_view(xp, k_eff, axis=tuple(range(1, rank + 1)))
    # view: (N, *positions, C, *k_eff) → pick every d-th tap and every s-th position
    taps = (slice(None),) * (rank + 2) + tuple(slice(None, None, d) for d in dilation)
    view = view[taps]
    positions = (slice(None),) + tuple(slice(0, o * s, s) for o, s in zip(outs, stride))
    return view[positions]


def conv(x: np.ndarray, w: np.ndarray, bias: np.ndarray | None, pads, outs, stride, dilation,
         groups: int = 1) -> np.ndarray:
    """Cross-correlation: y[n, p, o] = Σ_{taps, c} x[n, p·s + tap·d, g·C/g + c] · w[taps, c, o] + b[o].

    ``w`` has shape (*kernel, C_in/groups, C_out), as Keras stores it. One matmul (im2col)
    when groups is 1; an einsum with the groups as a batch axis otherwise.
    """
    kernel = w.shape[:-2]
    rank = len(kernel)
    if groups == 1 and all(k == 1 for k in kernel) and not any(b or e for b, e in pads):
        return _pointwise(x, w, bias, outs, stride)
    view = windows(padded_input(x, pads, outs, kernel, stride, dilation, 0.0), outs, kernel, stride, dilation)
    # (N, *outs, C_in, *k) → (N, *outs, *k, C_in): the im2col copy then moves runs of C_in contiguous values
    view = np.moveaxis(view, rank + 1, -1)
    n, c_in, c_out = x.shape[0], x.shape[-1], w.shape[-1]
    taps, positions = math.prod(kernel), n * math.prod(outs)  # Python ints: np.prod wraps around
    if groups == 1:
        # (N·P, K·C_in) @ (K·C_in, C_out) → (N·P, C_out)
        y = view.reshape(positions, taps * c_in) @ w.reshape(taps * c_in, c_out)
    else:
        cols = view.reshape(positions, taps, groups, c_in // groups)  # (N·P, K, G, C_in/G)
        wk = w.reshape(taps, c_in // groups, groups, c_out // groups)  # (K, C_in/G, G, C_out/G)
        # depthwise (C_in/G = 1): the plain loop is faster and copies nothing; otherwise the
        # optimised path (a copy of cols for BLAS) is several times faster
        y = np.einsum("pkgc,kcgo->pgo", cols, wk, optimize=c_in // groups > 1)
    y = y.reshape((n,) + tuple(outs) + (c_out,))
    return add_bias(y, bias)


def add_bias(y: np.ndarray, bias: np.ndarray | None) -> np.ndarray:
    """y + bias per output channel, in place (``y`` is always a fresh result of the step)."""
    if bias is not None:
        y += bias
    return y


def _pointwise(x: np.ndarray, w: np.ndarray, bias: np.ndarray | None, outs, stride) -> np.ndarray:
    """A 1×1 convolution without padding is one matmul over the (strided) positions: no im2col."""
    picked = x[(slice(None),) + tuple(slice(0, o * s, s) for o, s in zip(outs, stride)) + (slice(None),)]
    y = picked.reshape(-1, x.shape[-1]) @ w.reshape(x.shape[-1], w.shape[-1])  # (N·P, C_in) @ (C_in, C_out)
    y = y.reshape((x.shape[0],) + tuple(outs) + (w.shape[-1],))
    return add_bias(y, bias)


def conv_transpose(x: np.ndarray, w: np.ndarray, pads, outs, stride, dilation, groups: int = 1) -> np.ndarray:
    """Transposed convolution: zero-insert s − 1 between inputs, correlate fully with the flipped
    kernel, then crop ``pads`` (begin, end) from the (in − 1)·s + k_eff full output (a negative
    pad adds zeros instead: at the end, as Keras' valid padding with k_eff < s does, or at the
    start, where an ONNX output_shape asks for it).

    ``w`` has shape (*kernel, C_in/groups, C_out).
    """
    kernel = w.shape[:-2]
    rank = len(kernel)
    # up: (N, *((in − 1)·s + 1), C_in) with the inputs at every s-th position
    up = np.zeros((x.shape[0],) + tuple((n - 1) * s + 1 for n, s in zip(x.shape[1:-1], stride)) + (x.shape[-1],),
                  dtype=x.dtype)
    up[(slice(None),) + tuple(slice(None, None, s) for s in stride)] = x
    k_eff = [effective_kernel(k, d) for k, d in zip(kernel, dilation)]
    full = [(n - 1) * s + k for n, s, k in zip(x.shape[1:-1], stride, k_eff)]
    flipped = w[tuple(slice(None, None, -1) for _ in range(rank))]
    y = conv(up, flipped, None, [(k - 1, k - 1) for k in k_eff], tuple(full), (1,) * rank, dilation, groups)
    del up
    # a fresh result: a cropped view would keep the whole full-size output alive; a crop that starts
    # before the full output (a negative pad) leaves zeros at the start
    result = np.zeros((x.shape[0],) + tuple(outs) + (w.shape[-1],), dtype=y.dtype)
    src = [max(p[0], 0) for p in pads]
    dst = [max(-p[0], 0) for p in pads]
    kept = [max(min(o - d, f - s), 0) for o, f, s, d in zip(outs, full, src, dst)]
    result[(slice(None),) + tuple(slice(d, d + k) for d, k in zip(dst, kept))] = \
        y[(slice(None),) + tuple(slice(s, s + k) for s, k in zip(src, kept))]
    return result


def pool(x: np.ndarray, op: str, pads, outs, kernel, stride, dilation=None, count_include_pad: bool = False
         ) -> np.ndarray:
    """Max or average over each window. Average divides by the real cells (TensorFlow) or, with
    ``count_include_pad``, by the cells inside the padded input (PyTorch: an overhanging
    ceil_mode window does not count the overhang)."""
    dilation = dilation or (1,) * len(kernel)
    axes = tuple(range(-len(kernel), 0))
    if op == "max":
        xp = padded_input(x, pads, outs, kernel, stride, dilation, -np.inf)
        return windows(xp, outs, kernel, stride, dilation).max(axis=axes)
    total = windows(padded_input(x, pads, outs, kernel, stride, dilation, 0.0), outs, kernel, stride,
                    dilation).sum(axis=axes)
    ones = np.ones((1,) + x.shape[1:-1] + (1,), dtype=x.dtype)
    if count_include_pad:
        ones = np.pad(ones, [(0, 0)] + [tuple(p) for p in pads] + [(0, 0)], constant_values=1.0)
        inner = tuple((0, 0) for _ in pads)
        count = windows(padded_input(ones, inner, outs, kernel, stride, dilation, 0.0), outs, kernel, stride,
                        dilation).sum(axis=axes)
    else:
        count = windows(padded_input(ones, pads, outs, kernel, stride, dilation, 0.0), outs, kernel, stride,
                        dilation).sum(axis=axes)
    total /= count  # a window entirely in padding counts 0 cells: NaN, as 0/0 is
    return total


def as_batch(matrix: list) -> np.ndarray:
    """A one-channel matrix → (1, *spatial, 1) float64 for exact-looking small results."""
    return np.asarray(matrix, dtype=np.float64)[np.newaxis, ..., np.newaxis]


def values_list(y: np.ndarray) -> list:
    """(1, *spatial, 1) → nested lists of Python floats, without -0.0."""
    return (y[0, ..., 0] + 0.0).tolist()


def adaptive_mean(y: np.ndarray, outs: tuple[int, ...]) -> np.ndarray:
    """PyTorch AdaptiveAvgPool: window i spans [floor(i·n/m), ceil((i + 1)·n/m)); a mean per axis
    through cumulative sums."""
    for axis, m in enumerate(outs, start=1):
        n = y.shape[axis]
        i = np.arange(m)
        begin, end = (i * n) // m, -((-(i + 1) * n) // m)
        cs = np.concatenate([np.zeros_like(np.take(y, [0], axis=axis)), np.cumsum(y, axis=axis)], axis=axis)
        shape = [1] * y.ndim
        shape[axis] = m
        y = np.take(cs, end, axis=axis) - np.take(cs, begin, axis=axis)
        del cs
        y /= (end - begin).reshape(shape).astype(y.dtype)  # in the run's dtype: int64 would widen it
    return y


def upsample(y: np.ndarray, factors: tuple[int, ...], mode: str) -> np.ndarray:
    """Each position repeated ``f`` times per axis (nearest), or bilinear with half-pixel centres."""
    for axis, f in enumerate(factors, start=1):
        if mode == "nearest":
            y = np.repeat(y, f, axis=axis)
        else:
            n = y.shape[axis]
            pos = np.clip((np.arange(n * f) + 0.5) / f - 0.5, 0, n - 1)
            low = np.floor(pos).astype(int)
            high = np.minimum(low + 1, n - 1)
            shape = [1] * y.ndim
            shape[axis] = n * f
            t = (pos - low).reshape(shape).astype(y.dtype)
            lower = np.take(y, low, axis=axis)
            lower *= 1 - t
            upper = np.take(y, high, axis=axis)
            upper *= t
            lower += upper
            y = lower
    return y


def local_response_norm(x: np.ndarray, size: int, alpha: float, beta: float, k: float) -> np.ndarray:
    """x / (k + α/n · Σ x² over n neighbouring channels)^β (PyTorch LocalResponseNorm): channel i
    sums channels i − n//2 … i + (n − 1)//2 that exist, from a running sum; memory does not grow with n."""
    c = x.shape[-1]
    sums = np.concatenate([np.zeros_like(x[..., :1]), x * x], axis=-1)  # (N, ..., C + 1)
    np.cumsum(sums, axis=-1, out=sums)  # sums[..., j] = Σ x² over channels below j
    i = np.arange(c)
    window = np.take(sums, np.minimum(i + (size - 1) // 2 + 1, c), axis=-1)
    window -= np.take(sums, np.maximum(i - size // 2, 0), axis=-1)
    del sums
    window *= alpha / size
    window += k
    np.power(window, beta, out=window)
    return x / window


def softmax(x: np.ndarray) -> np.ndarray:
    """eˣ/Σeˣ over the last axis, shifted by the maximum."""
    e = x - x.max(axis=-1, keepdims=True)
    np.exp(e, out=e)
    e /= e.sum(axis=-1, keepdims=True)
    return e


def erf(x: np.ndarray) -> np.ndarray:
    """erf to 1.5e-7 (Abramowitz & Stegun 7.1.26), vectorised in x's dtype: three arrays of x's size
    besides the result (Python float constants never widen it)."""
    a = np.abs(x)
    t = a * 0.3275911
    t += 1
    np.reciprocal(t, out=t)
    poly = t * 1.061405429  # Horner: t·(0.2548… + t·(−0.2844… + t·(1.4214… + t·(−1.4531… + t·1.0614…))))
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        poly += c
        poly *= t
    del t
    np.multiply(a, a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    poly *= a
    del a
    np.subtract(1, poly, out=poly)
    poly *= np.sign(x)
    return poly


def gelu(x: np.ndarray) -> np.ndarray:
    """x·Φ(x) = x·(1 + erf(x/√2))/2, in x's dtype."""
    y = erf(x * (1 / math.sqrt(2)))
    y += 1
    y *= x
    y *= 0.5
    return y


def sigmoid(x: np.ndarray) -> np.ndarray:
    """1/(1 + e⁻ˣ), in one array."""
    y = np.negative(x)
    np.exp(y, out=y)
    y += 1
    return np.reciprocal(y, out=y)


def silu(x: np.ndarray) -> np.ndarray:
    """x/(1 + e⁻ˣ), in one array."""
    y = np.negative(x)
    np.exp(y, out=y)
    y += 1
    return np.divide(x, y, out=y)


def elu(x: np.ndarray, alpha: float) -> np.ndarray:
    """x if x > 0 else α·(eˣ − 1)."""
    t = np.minimum(x, 0)
    np.expm1(t, out=t)
    t *= alpha
    return np.where(x > 0, x, t)


def total(xs: list[np.ndarray]) -> np.ndarray:
    """Σ of arrays of one shape, accumulated in place."""
    y = xs[0] + xs[1]
    for x in xs[2:]:
        y += x
    return y


def product(xs: list[np.ndarray]) -> np.ndarray:
    """∏ of arrays whose sizes of 1 broadcast, into one array of the broadcast shape."""
    y = np.empty(np.broadcast_shapes(*(x.shape for x in xs)), dtype=np.result_type(*xs))
    np.multiply(xs[0], xs[1], out=y)
    for x in xs[2:]:
        np.multiply(y, x, out=y)
    return y
