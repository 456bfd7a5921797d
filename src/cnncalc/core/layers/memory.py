"""What a forward step holds at its peak, in values (Python ints, never NumPy's): the kinds declare
their ``temporaries`` with these rules, and the forward pass and ``--values`` add them up into an
upper bound before anything is allocated (``engines.run.estimate_peak``).

Each rule follows its kernel in ``engines.kernels`` allocation by allocation; a test runs every
kind on its worst case and holds the measured peak under the estimate.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from cnncalc.core.arith import effective_kernel
from cnncalc.core.shapes import channels, spatial, volume

if TYPE_CHECKING:
    from cnncalc.core.layers.resolved import Inferred

INDEX = 4
"""Values one int64/float64 index element takes, counted in the narrowest forward dtype (float16)."""

OVERHEAD_BYTES = 1 << 20
"""Bytes a run allocates besides its arrays (Python objects, NumPy's small buffers), added to every estimate."""

ACTIVATION_COPIES = 3
"""Arrays the size of its input an activation's formula holds at most (gelu's), so a fused
activation is bounded without looking its kind up (a test holds every activation to it)."""

PYTHON_FLOAT_BYTES = 32
"""Bytes of one value of a nested list of Python floats (the float and its slot in the list)."""


def padded_sizes(layer: Inferred) -> tuple[int, ...]:
    """Per spatial axis, the input as a windowed step pads it: begin + size + the end pad, or more
    where a last ceil_mode window overhangs."""
    window, sizes, outs = layer.window, spatial(layer.input), spatial(layer.output)
    return tuple(size + begin + max(end, (out - 1) * s + effective_kernel(k, d) - size - begin)
                 for size, (begin, end), out, k, s, d in zip(sizes, layer.pads, outs, window.kernel, window.stride,
                                                             window.dilation))


def im2col(layer: Inferred) -> int:
    """The windows copied side by side: positions · ∏kernel · C_in."""
    return volume(spatial(layer.output)) * volume(layer.window.kernel) * channels(layer.input)


def conv(layer: Inferred) -> int:
    """The padded input and the im2col copy (the matmul writes the output; the bias is added in
    place); grouped with several channels per group, a second copy for the batched product."""
    return volume(padded_sizes(layer)) * channels(layer.input) + im2col(layer) * (1 + grouped_copy(layer))


def grouped_copy(layer: Inferred) -> int:
    """1 when NumPy's optimised einsum copies the im2col array (groups of several channels), else 0."""
    groups = layer.hp.get("groups") or 1
    return 1 if groups > 1 and channels(layer.input) // groups > 1 else 0


def separable(layer: Inferred) -> int:
    """The depthwise step's temporaries, then its C_in·m output, which the pointwise matmul reads."""
    return conv(layer) + volume(spatial(layer.output)) * channels(layer.input) * layer.hp["depth_multiplier"]


def transposed(layer: Inferred) -> int:
    """The zero-inserted input U, U padded by k_eff − 1 on each side, its im2col copy over the full
    (in − 1)·s + k_eff output, and that full output before it is cropped into the result."""
    window, c_in = layer.window, channels(layer.input)
    inserted = [(n - 1) * s + 1 for n, s in zip(spatial(layer.input), window.stride)]
    full = [u + k - 1 for u, k in zip(inserted, window.k_eff)]
    padded = [u + 2 * (k - 1) for u, k in zip(inserted, window.k_eff)]
    c_out = channels(layer.output)
    columns = volume(full) * volume(window.kernel) * c_in * (1 + grouped_copy(layer))
    return (volume(inserted) + volume(padded)) * c_in + columns + volume(full) * c_out


def pool(layer: Inferred) -> int:
    """The padded input; for an average, also the cell counts: a ones map, padded twice, and its sums."""
    padded = volume(padded_sizes(layer))
    if not getattr(layer.kind, "average", False):
        return padded * channels(layer.input)
    return padded * channels(layer.input) + 3 * padded + volume(spatial(layer.output))


def adaptive(layer: Inferred) -> int:
    """Per axis (n → m, ``rest`` values beside it): a cumulative sum with its zero row (2n + 2)·rest,
    two gathers and their difference 3·m·rest, the index arrays, and the array from the axis before."""
    shape, total = list(layer.input), 0
    for axis, m in enumerate(spatial(layer.output)):
        n = shape[axis]
        rest = volume(shape) // n
        total += (2 * n + 2) * rest + 3 * m * rest + 4 * INDEX * m + (volume(shape) if axis else 0)
        shape[axis] = m
    return total


def upsample(layer: Inferred) -> int:
    """Per axis the array it makes (the last is the output, counted again); bilinear also a second
    gather of that size and its index and weight arrays."""
    shape, total = list(layer.input), 0
    bilinear = layer.hp["mode"] == "bilinear"
    for axis, factor in enumerate(layer.kind.factors(layer)):
        shape[axis] *= factor
        total += volume(shape) * (2 if bilinear else 1) + (9 * INDEX * shape[axis] if bilinear else 0)
    return total


def lrn(layer: Inferred) -> int:
    """x², its running sum over the channels with a zero in front, two gathers: 3 inputs and 2
    positions, however wide ``size`` is; and three index arrays of C."""
    positions = volume(spatial(layer.input)) if spatial(layer.input) else 1
    return 3 * volume(layer.input) + 2 * positions + 3 * INDEX * channels(layer.input)


def copies(count: int) -> Callable[[Inferred], int]:
    """``count`` arrays the size of the input (an element-wise formula's intermediates)."""
    return lambda layer: count * volume(layer.input)


def none(layer: Inferred) -> int:
    """A step that allocates nothing but its output."""
    return 0


def per_position(count: int) -> Callable[[Inferred], int]:
    """``count`` arrays of one value per position (a reduction over the channels)."""
    return lambda layer: count * (volume(layer.input) // channels(layer.input))


def per_channel(count: int) -> Callable[[Inferred], int]:
    """``count`` arrays of one value per channel."""
    return lambda layer: count * channels(layer.input)


def outputs(count: int) -> Callable[[Inferred], int]:
    """``count`` arrays the size of the output (float16 reductions accumulate in float32)."""
    return lambda layer: count * volume(layer.output)


def layer_norm(layer: Inferred) -> int:
    """x − mean squared for the variance, and per position the mean and variance (float16 means
    accumulate in float32)."""
    return volume(layer.input) + 6 * (volume(layer.input) // channels(layer.input))


def weight_values(layer: Inferred) -> int:
    """Values of a layer's weights as the forward pass holds them."""
    return sum(volume(w.shape) for w in layer.kind.weights(layer) if w is not None)


def step_values(layer: Inferred) -> int:
    """Values one step holds besides the arrays it reads: its output and temporaries, and for a
    fused activation (Keras' activation=) that activation's output and temporaries too."""
    from cnncalc.core.layers.base import fused_activation

    out = volume(layer.output)
    total = out + layer.kind.temporaries(layer)
    if fused_activation(layer.hp):
        total += out + ACTIVATION_COPIES * out
    return total


def values_bytes(layer: Inferred) -> int:
    """Bytes a ``--values``/``values:`` computation holds at its peak: the matrix and the weights in
    float64, the step's output and temporaries, and the result as nested Python lists."""
    return (8 * (volume(layer.input) + weight_values(layer) + step_values(layer))
            + PYTHON_FLOAT_BYTES * volume(layer.output) + OVERHEAD_BYTES)


def check_values_memory(layer: Inferred) -> int:
    """``values_bytes``, refused above ``MAX_VALUES_BYTES`` before anything is allocated."""
    from cnncalc.core import limits
    from cnncalc.core.errors import LimitError

    need = values_bytes(layer)
    if need > limits.MAX_VALUES_BYTES:
        raise LimitError(f"computing these values needs up to {need:,} bytes",
                         expected=f"at most {limits.MAX_VALUES_BYTES:,} (MAX_VALUES_BYTES): a smaller matrix or kernel")
    return need
