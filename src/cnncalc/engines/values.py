"""Real numbers for ``cnncalc pool --values``, ``cnncalc conv --values`` and quiz ``values:``: the
kind's declared ``values`` step over a one-channel matrix."""
from __future__ import annotations

from cnncalc.core.errors import SpecError
from cnncalc.core.network import Inferred


def compute_values(layer: Inferred, matrix: list) -> list:
    """The layer's numbers over a one-channel matrix, as nested lists of floats."""
    from cnncalc.engines import kernels

    y = layer.kind.values(kernels, kernels.as_batch(matrix), layer) if layer.kind.values is not None else None
    if y is None:
        raise SpecError(f"values: works with maxpool, avgpool and conv with weights:, not {layer.kind.name}")
    return kernels.values_list(y)
