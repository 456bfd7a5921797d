"""Real numbers for ``cnncalc pool --values``, ``cnncalc conv --values`` and quiz ``values:``: the
kind's declared ``values`` step over a one-channel matrix, its memory bounded before it runs."""
from __future__ import annotations

from cnncalc.core.errors import SpecError
from cnncalc.core.layers.memory import check_values_memory
from cnncalc.core.network import Inferred


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
