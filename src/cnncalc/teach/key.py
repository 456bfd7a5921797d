"""Answer keys, computed as ``cnncalc check`` computes them (``explain``, ``load_network``,
``summarize``), on the quiz's own reading of a question (``io.quiz.layer_of``).

A question is a quiz-contract dict: ``input:`` (or ``values:``) plus one layer, or ``model:``,
with an optional ``convention:``. Pooled values come from the forward engine; the generator's
cells are halves, so every mean of four cells is an exact decimal.
"""
from __future__ import annotations

from dataclasses import dataclass

from cnncalc.analyses.explain import explain_layer as infer_layer
from cnncalc.analyses.summary import summarize
from cnncalc.engines.values import compute_values
from cnncalc.io.quiz import layer_of as layer_part
from cnncalc.io.spec import load_network
from cnncalc.io.spec.build import LAYER_META


@dataclass(frozen=True)
class Worked:
    """A question computed: its report, a layer question's explanation and pooled values."""

    report: object
    explanation: object | None = None
    values: list | None = None


def split_layer(layer: str | dict) -> tuple[str, dict]:
    """``relu`` or ``{conv: {...}}`` (a spec's layer entry) → (kind, hyperparameters)."""
    if isinstance(layer, str):
        return layer, {}
    (kind, hp), = [(k, v) for k, v in layer.items() if k not in LAYER_META]
    return kind, hp or {}


def layer_of(question: dict) -> tuple[str, dict]:
    """The one layer of a layer question."""
    return split_layer(layer_part(question))


def work(question: dict) -> Worked:
    """Compute a question as ``cnncalc check`` would; a ``CnncalcError`` means it has no answer."""
    convention = question.get("convention")
    if "model" in question:
        return Worked(summarize(load_network(question["model"], convention)))
    kind, hp = layer_of(question)
    matrix = question.get("values")
    shape = (len(matrix), len(matrix[0]), 1) if matrix is not None else question["input"]
    explanation = infer_layer(shape, kind, hp, convention or "textbook")
    values = None if matrix is None else [[plain(v) for v in row] for row in compute_values(explanation.layer, matrix)]
    return Worked(explanation.report, explanation, values)


def layer_explanations(question: dict, report) -> list:
    """A model question layer by layer (``report`` is its ``work``): each layer on the input it receives."""
    convention = question.get("convention") or "textbook"
    return [infer_layer(row.input[0], *split_layer(layer), convention)
            for row, layer in zip(report.rows, question["model"]["layers"])]


def plain(value: int | float) -> int | float:
    """An int when whole, else the float (pooled values are multiples of 1/8: exact decimals)."""
    return int(value) if float(value).is_integer() else float(value)


def shape_text(shape: tuple) -> str | int:
    """A volume as a quiz writes it: ``14x14x20``; a flat vector as its length."""
    return shape[0] if len(shape) == 1 else "x".join(map(str, shape))


def _receptive_field(worked: Worked) -> int | str:
    sizes = [int(axis.size) for axis in worked.report.receptive_field]
    return sizes[0] if len(set(sizes)) == 1 else "x".join(map(str, sizes))


ANSWERS = {
    "output": lambda w: shape_text(w.report.output),
    "params": lambda w: w.report.totals.params,
    "params_unshared": lambda w: w.report.totals.params_unshared,
    "macs": lambda w: w.report.totals.macs,
    "padding": lambda w: [list(pair) for pair in w.report.rows[0].pads],
    "values": lambda w: w.values,
    "receptive_field": _receptive_field,
}


def answer_key(worked: Worked, asks: tuple[str, ...]) -> dict:
    """``expect:`` for the fields asked, in the order asked."""
    return {field: ANSWERS[field](worked) for field in asks}
