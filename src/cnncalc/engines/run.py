"""A seeded NumPy forward pass through every layer of a network (``cnncalc model --verify``).

Each kind declares its weights and its forward step (``core.layers``); this module draws the
weights (scaled by 1/√fan_in), runs the steps in order on channels-last arrays with a batch
axis, and frees each array as soon as no later layer needs it. The peak memory is estimated
from the kinds' declared temporaries before anything is allocated, and the run is refused
above ``--max-memory``.
"""
from __future__ import annotations

import time

import numpy as np

from cnncalc.core import limits
from cnncalc.core.errors import LimitError
from cnncalc.core.layers.base import Weight
from cnncalc.core.layers import lookup
from cnncalc.core.layers.base import LayerOut, fused_activation
from cnncalc.core.layers.memory import OVERHEAD_BYTES, step_values, weight_values
from cnncalc.core.network import INPUT, Inferred, Network, Node
from cnncalc.core.shapes import volume
from cnncalc.engines import kernels
from cnncalc.core.progress import NullBar


def last_uses(layers: list[Inferred]) -> dict[str, int]:
    """For every array, the index of the last layer that reads it."""
    uses = {INPUT: -1}
    for i, layer in enumerate(layers):
        for name in layer.node.inputs:
            uses[name] = i
    return uses


def estimate_peak(input_shape, layers: list[Inferred], batch: int, itemsize: int = 4) -> tuple[int, str]:
    """(peak bytes, where it is), an upper bound in Python ints from the kinds' declared temporaries
    (``core.layers.memory``), over the three phases of a run: drawing each weight (a float32
    draft, a pool of ``POOL`` draws, the copy in the run's dtype), drawing the input (float32,
    then the run's dtype), and every layer (all weights, the live arrays, the step's output and
    temporaries)."""
    uses = last_uses(layers)
    weights = [weight_values(layer) for layer in layers]
    held = sum(weights) * itemsize
    largest = max(weights, default=0)
    peak, at = held + largest * (8 + itemsize) + (4 * POOL if largest > POOL else 0), "the weights"
    sizes = {INPUT: volume(input_shape) * batch}
    live = sizes[INPUT]
    if held + live * (4 + itemsize) > peak:
        peak, at = held + live * (4 + itemsize), "the input"
    for i, layer in enumerate(layers):
        out = volume(layer.output) * batch
        need = held + (live + step_values(layer) * batch) * itemsize
        if need > peak:
            node = layer.node
            peak, at = need, f"layer {node.index} '{node.name}' ({node.kind.name})"
        sizes[layer.name] = out
        live += out
        for name in set(layer.node.inputs):
            if uses.get(name) == i:
                live -= sizes[name]
    return peak + OVERHEAD_BYTES, at


def size_text(count: int) -> str:
    """Bytes in GiB, or MiB below one GiB."""
    return f"{count / 2**30:.2f} GiB" if count >= 2**30 else f"{count / 2**20:.2f} MiB"


def run_network(network: Network, layers: list[Inferred], seed: int = 0, batch: int = 1,
                max_memory: int | None = None, track=None, dtype: str = "float32"
                ) -> tuple[dict[str, tuple[int, ...]], dict[str, float]]:
    """Make every layer's weights, then run every layer in ``dtype``; return each layer's output
    shape (without the batch axis) and the seconds its forward step took. ``track(total,
    label)``, when given, returns a progress tracker advanced once per weight and per layer."""
    kind = np.dtype(dtype)
    budget = max_memory or limits.MAX_FORWARD_BYTES
    peak, at = estimate_peak(network.input, layers, batch, kind.itemsize)
    if peak > budget:
        raise LimitError(f"the forward pass needs up to {size_text(peak)} ({peak:,} bytes, peak at {at})",
                         expected=f"at most {size_text(budget)}; raise --max-memory or lower --batch")
    rng = np.random.default_rng(seed)
    bar = (track or NullBar)(2 * len(layers), "weights, forward pass")
    weights = {}
    for layer in layers:
        weights[layer.name] = tuple(None if w is None else make_weight(rng, w).astype(kind, copy=False)
                                    for w in layer.kind.weights(layer))
        bar.advance()
    arrays = {INPUT: rng.standard_normal((batch,) + network.input, dtype=np.float32).astype(kind, copy=False)}
    try:
        with np.errstate(all="ignore"):  # overflow to inf and 0/0 are results here, not warnings for stderr
            return forward_pass(layers, weights, arrays, bar)
    finally:
        bar.stop()


def fused_layer(layer: Inferred) -> Inferred | None:
    """The activation a weighted layer applies to its output (Keras' activation=), as a layer of its own."""
    name = fused_activation(layer.hp)
    if not name:
        return None
    kind = lookup(name)
    node = Node(layer.node.index, layer.name, kind, kind.parse_hparams({}), (layer.name,))
    return Inferred(node, (layer.output,), LayerOut(layer.output), layer.convention)


def step(layer: Inferred, xs: list[np.ndarray], weights: tuple) -> np.ndarray:
    """One layer's forward step, then its fused activation (Keras' activation=) if any."""
    y = layer.kind.forward(kernels, xs, layer, weights)
    fused = fused_layer(layer)
    return y if fused is None else fused.kind.forward(kernels, [y], fused, ())


def forward_pass(layers: list[Inferred], weights: dict[str, tuple], arrays: dict[str, np.ndarray],
                 bar: NullBar = NullBar()) -> tuple[dict[str, tuple[int, ...]], dict[str, float]]:
    """Run every layer on ``arrays[INPUT]`` with ready weights, freeing each array after its last
    reader (``arrays`` holds the only references: the caller keeps none). The run stops at the
    first layer whose array does not have the inferred shape: the weights of the layers after it
    were made for the inferred shapes."""
    uses = last_uses(layers)
    dtype = arrays[INPUT].dtype
    shapes, times = {}, {}
    for i, layer in enumerate(layers):
        start = time.perf_counter()
        arrays[layer.name] = step(layer, [arrays[name] for name in layer.node.inputs], weights[layer.name]
                                  ).astype(dtype, copy=False)
        shapes[layer.name] = tuple(arrays[layer.name].shape[1:])
        times[layer.name] = time.perf_counter() - start
        if shapes[layer.name] != layer.output:
            break
        for name in set(layer.node.inputs):
            if uses.get(name) == i:
                del arrays[name]
        bar.advance()
    return shapes, times


# --- weights ------------------------------------------------------------------------------

POOL = 1 << 20
"""Weights larger than this repeat a pool of this many draws: a 100M-weight layer costs a copy, not 100M draws."""


def uniform(rng, shape, fan_in) -> np.ndarray:
    """U(−√(3/fan_in), √(3/fan_in)): unit variance through a layer, and fast to draw."""
    size = volume(shape)
    w = rng.random(shape, dtype=np.float32) if size <= POOL else np.resize(rng.random(POOL, dtype=np.float32), shape)
    w -= np.float32(0.5)
    w *= np.float32(2 * (3 / max(fan_in, 1)) ** 0.5)
    return w


def make_weight(rng, weight: Weight) -> np.ndarray:
    """One declared array: uniform by fan-in, positive in [0.5, 1.5), ones or zeros."""
    if weight.init == "uniform":
        return uniform(rng, weight.shape, weight.fan_in)
    if weight.init == "positive":
        return rng.random(weight.shape, dtype=np.float32) + np.float32(0.5)
    return (np.ones if weight.init == "ones" else np.zeros)(weight.shape, np.float32)
