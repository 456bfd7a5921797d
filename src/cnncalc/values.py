"""Real numbers for `cnncalc pool --values` and `cnncalc conv --values`, through the forward kernels."""
from __future__ import annotations

from .analysis import Report
from .conventions import Convention
from .grammar import spatial
from .network import Node


def matrix_shape(matrix: list) -> tuple[int, ...]:
    """A 2-D matrix is an HxWx1 input; a 1-D list an Lx1 input."""
    if matrix and isinstance(matrix[0], list):
        return (len(matrix), len(matrix[0]), 1)
    return (len(matrix), 1)


def count_include_pad(hp: dict, convention: str) -> bool:
    """PyTorch divides by the whole window by default; TensorFlow and the textbook by the real cells."""
    chosen = hp.get("count_include_pad")
    return chosen if chosen is not None else convention == Convention.PYTORCH


def pool_values(report: Report, node: Node, matrix: list) -> list:
    """The pooled numbers of a one-layer report over a one-channel matrix."""
    from .forward import as_batch, pool, values_list
    from .layers.window import Window

    row, hp = report.rows[0], dict(node.hparams)
    rank = len(spatial(row.input[0]))
    window = Window.of(hp, rank, stride_default=hp["kernel"])
    op = "max" if node.kind.name == "maxpool" else "avg"
    y = pool(as_batch(matrix), op, row.pads, spatial(row.output), window.kernel, window.stride, window.dilation,
             count_include_pad(hp, report.convention))
    return values_list(y)


def conv_values(report: Report, node: Node, matrix: list) -> list:
    """The cross-correlation of a one-channel matrix with the layer's explicit weights."""
    import numpy as np

    from .forward import as_batch, conv, values_list
    from .layers.window import Window

    row, hp = report.rows[0], dict(node.hparams)
    rank = len(spatial(row.input[0]))
    window = Window.of(hp, rank)
    w = np.asarray(hp["weights"], dtype=np.float64)[..., np.newaxis, np.newaxis]
    y = conv(as_batch(matrix), w, None, row.pads, spatial(row.output), window.stride, window.dilation)
    return values_list(y)
