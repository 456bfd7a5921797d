"""cnncalc: exact arithmetic for convolutional networks, without a framework.

The public API mirrors the commands::

    from cnncalc import infer_layer, load_network, summarize, check_files, solve
    infer_layer("32x32x3", "conv", {"filters": 20, "kernel": 8, "stride": 2, "padding": 1}).row.params
"""
from __future__ import annotations

__version__ = "0.1.0"


def infer_layer(input_shape, kind: str, hparams: dict, convention: str = "textbook", strict: bool = False):
    """One layer, worked out: an ``Explanation`` with ``.row`` (counts) and ``.steps``."""
    from .explain import explain
    from .spec import layer_network

    return explain(layer_network(input_shape, kind, hparams, convention), strict)


def load_network(source, convention: str | None = None):
    """A ``Network`` from a spec file path or a dict."""
    from .spec import load_network as load

    return load(source, convention)


def summarize(network, strict: bool = False, dtype: str = "float32"):
    """A ``Report`` of every layer of a network."""
    from .analysis import summarize as run

    return run(network, strict, dtype)


def check_files(paths):
    """``CheckResults`` for quiz files."""
    from .check import check_files as run

    return run(list(paths))


def solve(input_shape, output_shape, kind: str = "conv", convention: str = "textbook", **bounds):
    """Every layer within bounds that maps ``input_shape`` to ``output_shape``."""
    from .grammar import parse_shape
    from .solve import Bounds, solve as run

    return run(parse_shape(input_shape), parse_shape(output_shape), kind, convention, Bounds(**bounds))


__all__ = ["infer_layer", "load_network", "summarize", "check_files", "solve", "__version__"]
