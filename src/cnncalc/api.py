"""The Python API, for notebooks and scripts: ``layer(...)`` and ``model(...)`` return reports.

A report shows itself in a notebook as a table (``_repr_html_``), prints as one line (``repr``),
and gives what the commands give: ``to_dict()`` is exactly the JSON of ``--format json``,
``to_markdown()`` the markdown, ``verify()`` the NumPy forward pass of ``--verify``, and
``draw(path)`` the picture of ``cnncalc draw``. Errors are ``CnncalcError`` with the one-line
message the command line prints::

    import cnncalc
    cnncalc.layer("32x32x3", filters=20, kernel=8, stride=2, padding=1).params      # 3860
    cnncalc.layer(kind="maxpool", values=[[0, 1, 0.5, 10], [2, 2.5, 1, -8],
                                          [4, 0, 5, 6], [15, 1, 2, 3]], kernel=2).values
    lenet = cnncalc.model("lenet")              # a shipped name, a path, YAML text or a dict
    lenet.verify().draw("lenet.svg")

Module level imports stay light: reading, counting and rendering load on first use.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cnncalc.core.shapes import format_shape

if TYPE_CHECKING:
    from cnncalc.analyses.explain import Explanation
    from cnncalc.analyses.summary import Report
    from cnncalc.core.network import Network
    from cnncalc.engines.values import WindowValues
    from cnncalc.engines.verify import Verification


def _as_spec_value(value: Any) -> Any:
    """Python values as a spec writes them: tuples become lists."""
    if isinstance(value, (tuple, list)):
        return [_as_spec_value(v) for v in value]
    return value


def _read(path: str, doc: str) -> property:
    """A read-only attribute that follows the dotted ``path`` from the report object."""

    def get(self: Any) -> Any:
        value = self
        for name in path.split("."):
            value = value[int(name)] if name.isdigit() else getattr(value, name)
        return value

    return property(get, doc=doc)


class _Rendered:
    """What both reports share: the text formats of the commands, verification and failures."""

    verification: Verification | None

    def _render(self, fmt: Any) -> str:
        raise NotImplementedError

    def _summary(self) -> Report:
        raise NotImplementedError

    @property
    def verified(self) -> bool | None:
        """Whether the NumPy forward pass gave every inferred shape (None before ``verify()``)."""
        return None if self.verification is None else self.verification.passed

    def to_dict(self) -> dict:
        """Exactly the JSON ``--format json`` prints (with its ``verified`` keys after ``verify()``)."""
        from cnncalc.report.text import Format

        return json.loads(self._render(Format.JSON))

    def to_markdown(self) -> str:
        from cnncalc.report.text import Format

        return self._render(Format.MARKDOWN)

    def to_text(self) -> str:
        """The plain text the command prints when piped."""
        from cnncalc.report.text import Format

        return self._render(Format.TABLE)

    def failures(self) -> list[str]:
        """One line per layer whose NumPy output did not have the inferred shape (after ``verify()``)."""
        return self.verification.failures(self._summary()) if self.verification else []


@dataclass(frozen=True, repr=False)
class LayerReport(_Rendered):
    """One layer worked out: shapes, counts, the arithmetic, and with ``values`` the real numbers."""

    network: Network
    explanation: Explanation
    values: list | None = None
    windows: tuple[WindowValues, ...] | None = None
    verification: Verification | None = None


    @property
    def padding(self) -> tuple[tuple[int, int], ...]:
        """The padding applied, (begin, end) per spatial axis: TensorFlow SAME's odd pixel at the end."""
        return self.explanation.row.pads

    def _summary(self) -> Report:
        return self.explanation.report

    def _render(self, fmt: Any) -> str:
        from cnncalc.report.layer import layer_data, render_layer
        from cnncalc.report.text import Format, to_json

        if fmt is Format.JSON and self.verification is not None:
            return to_json(dict(layer_data(self.explanation, self.values, self.windows), verified=self.verified))
        return render_layer(self.explanation, fmt, self.values, self.windows)

    def _repr_html_(self) -> str:
        from cnncalc.report.html import layer_html

        return layer_html(self.explanation, self.values, self.windows)

    def __repr__(self) -> str:
        row = self.explanation.row
        text = (f"<cnncalc layer {row.kind} {format_shape(self.input)} → {format_shape(self.output)}: "
                f"{row.params:,} params ({row.params_unshared:,} without sharing), {row.macs:,} MACs")
        if self.values is not None:
            from cnncalc.report.layer import values_text

            text += f", values {values_text(self.values)}"
        return text + _verified_text(self.verification) + ">"

    def verify(self, seed: int = 0, batch: int = 1, dtype: str = "float32") -> LayerReport:
        """This report with a seeded NumPy forward pass of the layer (``verified``)."""
        return replace(self, verification=_verify(self.network, self.explanation.report, seed, batch, dtype, None))

    def draw(self, path: str | Path, style: str = "auto") -> Path:
        """Writes the picture of the one-layer network (``.svg``, ``.html``, ``.dot`` or ``.mmd``)."""
        return _draw(self.network, self.explanation.report, path, style, None)

    # the figures a notebook reads most, straight from the report
    input = _read("explanation.row.input.0", "The input shape.")
    output = _read("explanation.row.output", "The output shape.")
    params = _read("explanation.row.params", "Parameters with weight sharing.")
    params_unshared = _read("explanation.row.params_unshared", "Parameters without weight sharing.")
    macs = _read("explanation.row.macs", "Multiply-accumulates, bias excluded.")


def _verified_text(verification: Verification | None) -> str:
    """``, verified`` or ``, NOT verified (see failures())`` once ``verify()`` ran; nothing before."""
    if verification is None:
        return ""
    return ", verified" if verification.passed else ", NOT verified (see failures())"


def _verify(network: Network, report: Report, seed: int, batch: int, dtype: str, max_memory: int | None
            ) -> Verification:
    from cnncalc.core.choices import FORWARD_DTYPES
    from cnncalc.core.errors import SpecError
    from cnncalc.engines.verify import verify_network

    if dtype not in FORWARD_DTYPES:
        raise SpecError(f"the forward pass cannot compute in {dtype}", expected=f"dtype {', '.join(FORWARD_DTYPES)}")
    return verify_network(network, report, seed=seed, batch=batch, max_memory=max_memory, dtype=dtype)


def _draw(network: Network, report: Report, path: str | Path, style: str, depth: int | None) -> Path:
    from cnncalc.report.draw import write
    from cnncalc.report.draw.adapter import diagram_of

    return write(diagram_of(network, report), path, style, depth)


@dataclass(frozen=True, repr=False)
class ModelReport(_Rendered):
    """A network layer by layer: what ``cnncalc model`` reports, as an object."""

    network: Network
    report: Report
    macs_as: tuple[str, list[int]] | None = None
    verification: Verification | None = None
    depth: int | None = None
    """Blocks nested deeper than this are one row in the tables (``--depth``); JSON keeps every layer."""

    @property
    def layers(self) -> list[dict]:
        """One dict per layer, as in JSON ``layers``."""
        return self.to_dict()["layers"]

    def _summary(self) -> Report:
        return self.report

    def _render(self, fmt: Any) -> str:
        from cnncalc.report.model import render_model

        return render_model(self.report, fmt, self.depth, self.verification, self.macs_as)

    def _repr_html_(self) -> str:
        from cnncalc.report.html import model_html

        return model_html(self.report, self.depth, self.verification, self.macs_as)

    def __repr__(self) -> str:
        t = self.report.totals
        count = len(self.report.rows)
        return (f"<cnncalc model {self.name!r}: {count:,} layer{'s' * (count != 1)}, {t.params:,} params, "
                f"{t.macs:,} MACs, {format_shape(self.input)} → {format_shape(self.output)}"
                f"{_verified_text(self.verification)}>")

    def collapsed(self, depth: int | None) -> ModelReport:
        """This report shown with blocks nested deeper than ``depth`` as one row (torchinfo's depth=N+1)."""
        return replace(self, depth=depth)

    def verify(self, seed: int = 0, batch: int = 1, dtype: str = "float32",
               max_memory: int | None = None) -> ModelReport:
        """This report with a seeded NumPy forward pass: ``verified`` and, per layer in ``to_dict()``, ``verified``."""
        return replace(self, verification=_verify(self.network, self.report, seed, batch, dtype, max_memory))

    def draw(self, path: str | Path, style: str = "auto", depth: int | None = None) -> Path:
        """Writes the picture of ``cnncalc draw``: ``.svg``, ``.html``, ``.dot`` or ``.mmd`` by the suffix."""
        return _draw(self.network, self.report, path, style, depth)

    # the figures a notebook reads most, straight from the report
    name = _read("report.name", "The network's name.")
    input = _read("report.input", "The input shape.")
    output = _read("report.output", "The output shape.")
    params = _read("report.totals.params", "Parameters, trainable and non-trainable.")
    trainable_params = _read("report.totals.trainable", "Trainable parameters.")
    macs = _read("report.totals.macs", "Multiply-accumulates of the weighted layers, bias excluded.")
    activations = _read("report.totals.activations", "Values every layer outputs, summed.")

    # train(...): the training memory and backward MACs of DESIGN's "Training" contract land here,
    # with the analysis they report; until then there is no train() to call.


def layer(input: Any = None, kind: str = "conv", convention: str | None = None, *, values: Any = None,
          strict: bool = False, **hp: Any) -> LayerReport:
    """One layer worked out, as ``cnncalc layer`` (``kind="conv"``), ``pool`` or any kind of the catalogue.

    ``input`` is a shape (``"32x32x3"`` or ``(32, 32, 3)``); ``values`` a one-channel matrix
    (nested lists, or the lesson's ``[[[...]]]``), whose shape is then the input. ``hp`` are the
    kind's hyperparameters as a spec writes them: ``filters=20, kernel=8, stride=2, padding=1``.
    """
    from cnncalc.analyses.explain import explain
    from cnncalc.core.errors import SpecError
    from cnncalc.core.literals import matrix_shape, parse_shape
    from cnncalc.io.matrix import read_matrix
    from cnncalc.io.spec import layer_network

    matrix = None
    if values is not None:
        matrix = read_matrix(_as_spec_value(values), files=False)
        shape = matrix_shape(matrix)
        if input is not None and parse_shape(_as_spec_value(input)) != shape:
            raise SpecError(f"input {input} disagrees with values, a {format_shape(shape)} matrix",
                            expected="leave input out")
        input = list(shape)
    if input is None:
        raise SpecError("give input= (a shape such as '32x32x3') or values= (a matrix)")
    spec = {key: _as_spec_value(value) for key, value in hp.items()}
    network = layer_network(_as_spec_value(input), kind, spec, convention or "textbook")
    explanation = explain(network, strict)
    if matrix is None:
        return LayerReport(network, explanation)
    from cnncalc.engines.values import compute_values, window_values

    from cnncalc.report.layer import exact_values

    computed = compute_values(explanation.layer, matrix)
    return LayerReport(network, explanation, exact_values(computed), window_values(explanation.layer, matrix, computed))


def model(spec: str | dict | Path, convention: str | None = None, *, strict: bool = False, dtype: str = "float32",
          macs_as: str | None = None, depth: int | None = None) -> ModelReport:
    """A network layer by layer, as ``cnncalc model``. ``spec`` is a shipped network's name
    (``"resnet50"``), a path, YAML text, or a dict written as a spec file is."""
    from cnncalc.analyses.summary import summarize
    from cnncalc.core.choices import DTYPE_BYTES, MacsConvention
    from cnncalc.io.spec import load_network

    _choose("dtype", dtype, list(DTYPE_BYTES))
    network = load_network(str(spec) if isinstance(spec, Path) else spec, convention)
    report = summarize(network, strict, dtype)
    other = None
    if macs_as is not None:
        from cnncalc.analyses.counting import macs_as as count

        _choose("macs_as", macs_as, [c.value for c in MacsConvention])
        other = (macs_as, count(report, macs_as))
    return ModelReport(network, report, other, None, depth)


def _choose(name: str, value: str, valid: list[str]) -> None:
    from cnncalc.core.errors import SpecError, did_you_mean

    if value not in valid:
        raise SpecError(f"{name} {value!r} is not known", expected=f"one of {', '.join(valid)}",
                        suggestion=did_you_mean(str(value), valid))


__all__ = ["layer", "model", "LayerReport", "ModelReport"]
