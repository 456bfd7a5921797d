"""A seeded NumPy forward pass through every layer of a network (``cnncalc model --verify``).

Weights are random (scaled by 1/√fan_in), arrays are channels-last with a batch axis, and
each array is freed as soon as no later layer needs it. The peak memory is estimated
before anything is allocated and the run is refused above ``--max-memory``.
"""
from __future__ import annotations

import time

import numpy as np

from . import forward, limits
from .analysis import Report
from .arith import Same, axis_pads
from .errors import LimitError
from .grammar import spatial
from .layers import lookup
from .layers.base import fused_activation
from .layers.window import Window
from .network import INPUT, Network, Node
from .progress import NullBar
from .values import count_include_pad


def last_uses(network: Network) -> dict[str, int]:
    """For every array, the index of the last node that reads it."""
    uses = {INPUT: -1}
    for i, node in enumerate(network.nodes):
        for name in node.inputs:
            uses[name] = i
    return uses


def temp_values(node: Node, row) -> int:
    """Values a layer allocates besides its output: the im2col copy of a convolution's windows
    (positions · C_in · ∏kernel; a transposed conv also its zero-inserted input), else a copy of its input."""
    kind, shape = node.kind.name, row.input[0]
    if kind not in KERNELS_WITH_COLUMNS:
        return int(np.prod(shape))
    window = Window.of(dict(node.hparams), len(spatial(shape)))
    kernel = int(np.prod(window.kernel))
    if kind == "conv_transpose":
        full = [(n - 1) * s + 2 * k - 1 for n, s, k in zip(spatial(shape), window.stride, window.k_eff)]
        return 2 * int(np.prod(full)) * shape[-1] * (kernel + 1)
    return int(np.prod(spatial(row.output))) * shape[-1] * kernel


def weight_values(row) -> int:
    """Values of a layer's weights as the forward pass holds them."""
    return row.params_unshared if row.kind == "locally_connected" else row.params + row.non_trainable


KERNELS_WITH_COLUMNS = ("conv", "depthwise_conv", "separable_conv", "conv_transpose", "locally_connected")


def estimate_peak(network: Network, report: Report, batch: int, itemsize: int = 4) -> tuple[int, str]:
    """(peak bytes, the layer at the peak): every layer's weights, plus the live activations and
    the temporaries of the layer at the peak."""
    uses = last_uses(network)
    weights = sum(weight_values(row) for row in report.rows)
    sizes = {INPUT: int(np.prod(network.input))}
    live = sizes[INPUT]
    peak, at = 0, "input"
    for i, (node, row) in enumerate(zip(network.nodes, report.rows)):
        out = int(np.prod(row.output))
        need = weights + (live + out + temp_values(node, row)) * batch
        if need > peak:
            peak, at = need, f"layer {node.index} '{node.name}' ({node.kind.name})"
        sizes[node.name] = out
        live += out
        for name in set(node.inputs):
            if uses.get(name) == i:
                live -= sizes[name]
    return peak * itemsize, at


def run_network(network: Network, report: Report, seed: int = 0, batch: int = 1, max_memory: int | None = None,
                track=None, dtype: str = "float32") -> tuple[dict[str, tuple[int, ...]], dict[str, float]]:
    """Make every layer's weights, then run every layer in ``dtype``; return each layer's output
    shape (without the batch axis) and the seconds its forward step took. ``track(total,
    label)``, when given, returns a progress tracker advanced once per weight and per layer."""
    kind = np.dtype(dtype)
    budget = max_memory or limits.MAX_FORWARD_BYTES
    peak, at = estimate_peak(network, report, batch, kind.itemsize)
    if peak > budget:
        raise LimitError(f"the forward pass needs about {peak / 2**30:.2f} GiB (peak at {at})",
                         expected=f"at most {budget / 2**30:.2f} GiB; raise --max-memory or lower --batch")
    rng = np.random.default_rng(seed)
    bar = (track or NullBar)(2 * len(network.nodes), "weights, forward pass")
    weights = {}
    for node, row in zip(network.nodes, report.rows):
        weights[node.name] = tuple(None if w is None else w.astype(kind, copy=False)
                                   for w in make_weights(node, row, rng))
        bar.advance()
    x = rng.standard_normal((batch,) + network.input, dtype=np.float32).astype(kind, copy=False)
    try:
        return forward_pass(network, report, weights, x, bar)
    finally:
        bar.stop()


def forward_pass(network: Network, report: Report, weights: dict[str, tuple], x: np.ndarray,
                 bar: NullBar = NullBar()) -> tuple[dict[str, tuple[int, ...]], dict[str, float]]:
    """Run every layer on ``x`` with ready weights, freeing each array after its last reader.
    The run stops at the first layer whose array does not have the inferred shape: the weights
    of the layers after it were made for the inferred shapes."""
    uses = last_uses(network)
    arrays, dtype = {INPUT: x}, x.dtype
    shapes, times = {}, {}
    for i, (node, row) in enumerate(zip(network.nodes, report.rows)):
        start = time.perf_counter()
        inputs = [arrays[name] for name in node.inputs]
        hp = dict(node.hparams)
        y = KERNELS[node.kind.name](inputs, hp, row, weights[node.name], network.convention)
        activation = fused_activation(hp)
        if activation:
            act = lookup(activation)
            y = KERNELS[act.name]([y], act.parse_hparams({}), row, (), network.convention)
        arrays[node.name] = y.astype(dtype, copy=False)
        shapes[node.name] = tuple(y.shape[1:])
        times[node.name] = time.perf_counter() - start
        if shapes[node.name] != row.output:
            break
        for name in set(node.inputs):
            if uses.get(name) == i:
                del arrays[name]
        bar.advance()
    return shapes, times


# --- weights ------------------------------------------------------------------------------

POOL = 1 << 20
"""Weights larger than this repeat a pool of this many draws: a 100M-weight layer costs a copy, not 100M draws."""


def uniform(rng, shape, fan_in) -> np.ndarray:
    """U(−√(3/fan_in), √(3/fan_in)): unit variance through a layer, and fast to draw."""
    size = int(np.prod(shape))
    w = rng.random(shape, dtype=np.float32) if size <= POOL else np.resize(rng.random(POOL, dtype=np.float32), shape)
    w -= np.float32(0.5)
    w *= np.float32(2 * (3 / max(fan_in, 1)) ** 0.5)
    return w


def _window(hp, row, pool=False):
    rank = len(spatial(row.input[0]))
    return Window.of(hp, rank, stride_default=hp["kernel"] if pool else None)


def make_weights(node: Node, row, rng) -> tuple:
    """The arrays a layer holds, in the layout its kernel expects; () for unweighted kinds."""
    kind, hp = node.kind.name, dict(node.hparams)
    c_in = row.input[0][-1]
    c_out = row.output[-1]
    bias = (uniform(rng, (c_out,), 1),) if hp.get("bias") else (None,)
    if kind in ("conv", "conv_transpose"):
        kernel = _window(hp, row).kernel
        fan_in = int(np.prod(kernel)) * c_in // hp["groups"]
        return (uniform(rng, kernel + (c_in // hp["groups"], hp["filters"]), fan_in),) + bias
    if kind in ("depthwise_conv", "separable_conv"):
        kernel, m = _window(hp, row).kernel, hp["depth_multiplier"]
        depthwise = uniform(rng, kernel + (1, c_in * m), int(np.prod(kernel)))
        if kind == "depthwise_conv":
            return (depthwise,) + bias
        return (depthwise, uniform(rng, (c_in * m, hp["filters"]), c_in * m)) + bias
    if kind == "locally_connected":
        per = c_in * int(np.prod(_window(hp, row).kernel))
        positions = int(np.prod(spatial(row.output)))
        b = (uniform(rng, spatial(row.output) + (hp["filters"],), 1),) if hp["bias"] else (None,)
        return (uniform(rng, (positions, per, hp["filters"]), per),) + b
    if kind == "dense":
        return (uniform(rng, (c_in, hp["units"]), c_in),) + bias
    if kind in ("batchnorm", "layernorm"):  # γ and β only when learnt (scale, center), else 1 and 0
        gamma = rng.random(c_in, dtype=np.float32) + 0.5 if hp["scale"] else np.ones(c_in, np.float32)
        beta = uniform(rng, (c_in,), 3) if hp["center"] else np.zeros(c_in, np.float32)
        if kind == "layernorm":
            return (gamma, beta)
        return (uniform(rng, (c_in,), 3), rng.random(c_in, dtype=np.float32) + 0.5, gamma, beta)
    return ()


# --- one function per kind: (inputs, hp, row, weights, convention) → output ---------------

def _add_bias(y, b):
    return y + b if b is not None else y


def conv_kernel(inputs, hp, row, weights, convention):
    window = _window(hp, row)
    w, b = weights
    return forward.conv(inputs[0], w, b, row.pads, spatial(row.output), window.stride, window.dilation, hp["groups"])


def depthwise_kernel(inputs, hp, row, weights, convention):
    window = _window(hp, row)
    x = inputs[0]
    return forward.conv(x, weights[0], weights[-1], row.pads, spatial(row.output), window.stride, window.dilation,
                        groups=x.shape[-1])


def separable_kernel(inputs, hp, row, weights, convention):
    window = _window(hp, row)
    x = inputs[0]
    middle = forward.conv(x, weights[0], None, row.pads, spatial(row.output), window.stride, window.dilation,
                          groups=x.shape[-1])
    return _add_bias(middle @ weights[1], weights[2])  # (N, *out, C·m) @ (C·m, F) → (N, *out, F)


def transpose_kernel(inputs, hp, row, weights, convention):
    window = _window(hp, row)
    w, b = weights
    y = forward.conv_transpose(inputs[0], w, row.pads, spatial(row.output), window.stride, window.dilation,
                               hp["groups"])
    return _add_bias(y, b)


def locally_connected_kernel(inputs, hp, row, weights, convention):
    x = inputs[0]
    window = _window(hp, row)
    outs = spatial(row.output)
    view = forward.windows(forward.padded_input(x, row.pads, outs, window.kernel, window.stride, window.dilation,
                                                0.0), outs, window.kernel, window.stride, window.dilation)
    w, b = weights
    cols = view.reshape(x.shape[0], w.shape[0], w.shape[1])  # (N, P, C·K): every position its own weights
    y = np.einsum("npk,pkf->npf", cols, w, optimize=True).reshape((x.shape[0],) + outs + (hp["filters"],))
    return _add_bias(y, b)


def pool_kernel(op):
    def run(inputs, hp, row, weights, convention):
        window = _window(hp, row, pool=True)
        include = count_include_pad(hp, convention) if op == "avg" else False
        return forward.pool(inputs[0], op, row.pads, spatial(row.output), window.kernel, window.stride,
                            window.dilation, include)
    return run


def global_kernel(reduce):
    return lambda inputs, hp, row, weights, convention: reduce(inputs[0], axis=tuple(range(1, inputs[0].ndim - 1)),
                                                               keepdims=hp["keepdims"])


def adaptive_kernel(inputs, hp, row, weights, convention):
    """Window i spans [floor(i·n/m), ceil((i + 1)·n/m)); a mean per axis through cumulative sums."""
    y = inputs[0]
    for axis, m in enumerate(spatial(row.output), start=1):
        n = y.shape[axis]
        i = np.arange(m)
        begin, end = (i * n) // m, -((-(i + 1) * n) // m)
        cs = np.concatenate([np.zeros_like(np.take(y, [0], axis=axis)), np.cumsum(y, axis=axis)], axis=axis)
        shape = [1] * y.ndim
        shape[axis] = m
        y = (np.take(cs, end, axis=axis) - np.take(cs, begin, axis=axis)) / (end - begin).reshape(shape)
    return y


def dense_kernel(inputs, hp, row, weights, convention):
    w, b = weights
    return _add_bias(inputs[0] @ w, b)


def batchnorm_kernel(inputs, hp, row, weights, convention):
    """Inference form: (x − mean)/√(var + ε)·γ + β."""
    mean, var, gamma, beta = weights
    return (inputs[0] - mean) / np.sqrt(var + hp["epsilon"]) * gamma + beta


def layernorm_kernel(inputs, hp, row, weights, convention):
    """(x − mean)/√(var + ε)·γ + β over the channel axis (Keras' default axis=-1)."""
    x = inputs[0]
    gamma, beta = weights
    return (x - x.mean(axis=-1, keepdims=True)) / np.sqrt(x.var(axis=-1, keepdims=True) + hp["epsilon"]) * gamma + beta


def cropping_kernel(inputs, hp, row, weights, convention):
    x = inputs[0]
    margins = axis_pads(hp["cropping"], x.ndim - 2)
    return x[(slice(None),) + tuple(slice(b, n - e) for (b, e), n in zip(margins, x.shape[1:-1])) + (slice(None),)]


def zero_padding_kernel(inputs, hp, row, weights, convention):
    return np.pad(inputs[0], [(0, 0)] + [tuple(p) for p in row.pads] + [(0, 0)])


def upsample_kernel(inputs, hp, row, weights, convention):
    y = inputs[0]
    sizes = hp["size"] * (y.ndim - 2) if len(hp["size"]) == 1 else hp["size"]
    for axis, f in enumerate(sizes, start=1):
        if hp["mode"] == "nearest":
            y = np.repeat(y, f, axis=axis)
        else:  # bilinear, half-pixel centres, per axis
            n = y.shape[axis]
            pos = np.clip((np.arange(n * f) + 0.5) / f - 0.5, 0, n - 1)
            low = np.floor(pos).astype(int)
            high = np.minimum(low + 1, n - 1)
            shape = [1] * y.ndim
            shape[axis] = n * f
            t = (pos - low).reshape(shape).astype(y.dtype)
            y = np.take(y, low, axis=axis) * (1 - t) + np.take(y, high, axis=axis) * t
    return y


def lrn_kernel(inputs, hp, row, weights, convention):
    """x / (k + α/n · Σ x² over n neighbouring channels)^β (PyTorch LocalResponseNorm)."""
    x = inputs[0]
    n = hp["size"]
    squares = np.pad(x * x, [(0, 0)] * (x.ndim - 1) + [(n // 2, (n - 1) // 2)])
    cs = np.concatenate([np.zeros_like(squares[..., :1]), np.cumsum(squares, axis=-1)], axis=-1)
    window = cs[..., n:] - cs[..., :-n]
    return x / (hp["k"] + hp["alpha"] / n * window) ** hp["beta"]


def _softmax(x):
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


def _erf(x):
    """erf to 1.5e-7 (Abramowitz & Stegun 7.1.26), vectorised."""
    sign, a = np.sign(x), np.abs(x)
    t = 1 / (1 + 0.3275911 * a)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
    return sign * (1 - poly * np.exp(-a * a))


def elementwise(fn):
    return lambda inputs, hp, row, weights, convention: fn(inputs[0], hp)


KERNELS = {
    "conv": conv_kernel, "depthwise_conv": depthwise_kernel, "separable_conv": separable_kernel,
    "conv_transpose": transpose_kernel, "locally_connected": locally_connected_kernel,
    "maxpool": pool_kernel("max"), "avgpool": pool_kernel("avg"),
    "global_avgpool": global_kernel(np.mean), "global_maxpool": global_kernel(np.max),
    "adaptive_avgpool": adaptive_kernel, "dense": dense_kernel,
    "flatten": lambda inputs, hp, row, weights, c: inputs[0].reshape(inputs[0].shape[0], -1),
    "reshape": lambda inputs, hp, row, weights, c: inputs[0].reshape((inputs[0].shape[0],) + row.output),
    "dropout": elementwise(lambda x, hp: x), "batchnorm": batchnorm_kernel, "layernorm": layernorm_kernel,
    "zero_padding": zero_padding_kernel, "cropping": cropping_kernel, "upsample": upsample_kernel, "lrn": lrn_kernel,
    "relu": elementwise(lambda x, hp: np.maximum(x, 0)),
    "relu6": elementwise(lambda x, hp: np.clip(x, 0, 6)),
    "leaky_relu": elementwise(lambda x, hp: np.where(x > 0, x, hp["alpha"] * x)),
    "elu": elementwise(lambda x, hp: np.where(x > 0, x, hp["alpha"] * np.expm1(np.minimum(x, 0)))),
    "sigmoid": elementwise(lambda x, hp: 1 / (1 + np.exp(-x))),
    "hard_sigmoid": elementwise(lambda x, hp: np.clip(x / 6 + 0.5, 0, 1)),
    "tanh": elementwise(lambda x, hp: np.tanh(x)),
    "softmax": elementwise(lambda x, hp: _softmax(x)),
    "gelu": elementwise(lambda x, hp: 0.5 * x * (1 + _erf(x / np.sqrt(2)))),
    "silu": elementwise(lambda x, hp: x / (1 + np.exp(-x))),
    "add": lambda inputs, hp, row, weights, c: sum(inputs[1:], inputs[0]),
    "multiply": lambda inputs, hp, row, weights, c: np.prod(np.broadcast_arrays(*inputs), axis=0),
    "concat": lambda inputs, hp, row, weights, c: np.concatenate(inputs, axis=-1),
}

__all__ = ["run_network", "estimate_peak", "KERNELS", "Same"]
