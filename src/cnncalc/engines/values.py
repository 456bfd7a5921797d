"""Real numbers for ``cnncalc pool --values``, ``cnncalc conv --values`` and quiz ``values:``: the
kind's declared ``values`` step over a one-channel matrix, its memory bounded before it runs, and
the working of each window (the cells it covers, the kernel taps, the result) as data for the reports."""
from __future__ import annotations

from dataclasses import dataclass

from cnncalc.core import limits
from cnncalc.core.errors import SpecError
from cnncalc.core.layers.memory import check_values_memory
from cnncalc.core.network import Inferred
from cnncalc.core.shapes import spatial, volume


def compute_values(layer: Inferred, matrix: list) -> list:
    """The layer's numbers over a one-channel matrix, as nested lists of floats."""
    if layer.kind.values is None:
        raise SpecError(f"values: works with maxpool, avgpool and conv with weights:, not {layer.kind.name}")
    check_values_memory(layer)
    from cnncalc.engines import kernels

    with kernels.np.errstate(all="ignore"):  # 0/0 (a window all padding) is NaN, not a warning
        y = layer.kind.values(kernels, kernels.as_batch(matrix), layer)
    if y is None:
        raise SpecError(f"values: works with maxpool, avgpool and conv with weights:, not {layer.kind.name}")
    return kernels.values_list(y)


@dataclass(frozen=True)
class WindowValues:
    """One output value worked out: ``op`` (the kind's ``window_op``) over ``cells`` (padding
    that counts shown as 0), with the kernel's ``weights`` for ``dot``; 1-based ``position``."""

    position: tuple[int, ...]
    op: str
    cells: tuple[float, ...]
    weights: tuple[float, ...] | None
    result: float


def window_values(layer: Inferred, matrix: list, values: list) -> tuple[WindowValues, ...] | None:
    """Each window of ``layer`` over ``matrix`` with its result from ``values`` (``compute_values``),
    row by row from the top left; None when the output has more than ``MAX_WORKED_WINDOWS`` values.

    Explicit padding is marked apart from the overhang of a ``ceil_mode`` window, so each
    operation shows what it reads: ``max`` the real cells, ``dot`` zeros for padding, ``mean``
    zeros for padding only where the kind's own ``values`` counts it (PyTorch's
    ``count_include_pad``), which the mean of a matrix of ones reveals.
    """
    from cnncalc.engines import kernels

    np, op, window = kernels.np, layer.kind.window_op, layer.window
    outs = spatial(layer.output)
    if op is None or window is None or volume(outs) > limits.MAX_WORKED_WINDOWS:
        return None
    x = kernels.as_batch(matrix)
    marked = np.pad(x, [(0, 0)] + [tuple(p) for p in layer.pads] + [(0, 0)], constant_values=np.inf)
    view = kernels.windows(kernels.padded_input(marked, tuple((0, 0) for _ in outs), outs, window.kernel,
                                                window.stride, window.dilation, np.nan),
                           outs, window.kernel, window.stride, window.dilation)
    cells = np.take(view[0], 0, axis=len(outs))  # (1, *outs, 1, *kernel) → (*outs, *kernel)
    # inf marks explicit padding, nan the overhang of a ceil_mode window past it
    weights = tuple(float(w) for w in np.ravel(layer.hp["weights"])) if op == "dot" else None
    counted = None
    if op == "mean":
        ones = compute_values(layer, np.ones(np.shape(matrix)).tolist())
        counted = np.reshape(np.asarray(ones), outs)
    flat_values = np.reshape(np.asarray(values), outs)
    result = []
    for index in np.ndindex(*outs):
        taps = np.ravel(cells[index])
        real = [float(v) for v in taps if np.isfinite(v)]
        if op == "dot":
            shown = [0.0 if np.isinf(v) else float(v) for v in taps]
        elif op == "mean" and counted[index] > 0 and round(len(real) / counted[index]) > len(real):
            shown = [0.0 if np.isinf(v) else float(v) for v in taps if not np.isnan(v)]
        else:
            shown = real
        result.append(WindowValues(tuple(i + 1 for i in index), op, tuple(shown), weights,
                                   float(flat_values[index])))
    return tuple(result)
