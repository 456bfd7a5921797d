"""cnncalc: exact arithmetic for convolutional networks, without a framework.

For notebooks and scripts, ``layer`` and ``model`` return reports that show themselves as a
table in Jupyter, print as one line, and give ``to_dict()`` (the JSON of ``--format json``),
``to_markdown()``, ``verify()`` and ``draw(path)``::

    import cnncalc
    cnncalc.layer("32x32x3", filters=20, kernel=8, stride=2, padding=1)
    cnncalc.model("lenet")                 # a shipped network, a path, YAML text or a dict

The lower-level functions mirror the commands: ``infer_layer``, ``load_network``,
``summarize``, ``check_files`` and ``solve``.
"""
from __future__ import annotations

__version__ = "0.1.0"

_API = ("layer", "model", "LayerReport", "ModelReport")


def __getattr__(name: str):
    """``layer``, ``model`` and their report types, imported on first use: the command line, which
    imports this package first, never pays for them."""
    if name in _API:
        from cnncalc import api

        return getattr(api, name)
    raise AttributeError(f"module 'cnncalc' has no attribute {name!r}")


def infer_layer(input_shape, kind: str, hparams: dict, convention: str = "textbook", strict: bool = False):
    """One layer, worked out: an ``Explanation`` with ``.row`` (counts) and ``.steps``."""
    from cnncalc.analyses.explain import explain_layer

    return explain_layer(input_shape, kind, hparams, convention, strict)


def load_network(source, convention: str | None = None):
    """A ``Network`` from a spec file path or a dict."""
    from cnncalc.io.spec import load_network as load

    return load(source, convention)


def summarize(network, strict: bool = False, dtype: str = "float32"):
    """A ``Report`` of every layer of a network."""
    from cnncalc.analyses.summary import summarize as run

    return run(network, strict, dtype)


def check_files(paths, track=None):
    """``CheckResults`` for quiz files (``values:`` questions computed with NumPy)."""
    from cnncalc.analyses.check import check_files as run
    from cnncalc.engines.values import compute_values

    return run(list(paths), track, compute_values)


def solve(input_shape, output_shape, kind: str = "conv", convention: str = "textbook", **bounds):
    """Every layer within bounds that maps ``input_shape`` to ``output_shape``."""
    from cnncalc.analyses.solve import Bounds, solve as run
    from cnncalc.core.literals import parse_shape

    return run(parse_shape(input_shape), parse_shape(output_shape), kind, convention, Bounds(**bounds))


__all__ = ["layer", "model", "LayerReport", "ModelReport", "infer_layer", "load_network", "summarize", "check_files",
           "solve", "__version__"]
