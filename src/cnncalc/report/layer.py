"""One worked layer (``cnncalc layer``, ``pool``, ``conv``) → JSON, plain text, csv, markdown or rich.

Each line of working is (label, expression, value). Human formats join them as
``expression = value`` with thousands separators; CSV keeps the value in a column of its own, a
plain integer, and JSON carries the steps, the values and each window as numbers. A value that
is a whole number prints as one (``4``, not ``4.0``).
"""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from cnncalc.core import limits
from cnncalc.core.literals import padding_to_data
from cnncalc.report.text import Format, csv_text, markdown_table, markup, rf_sizes, to_json, visible

if TYPE_CHECKING:
    from cnncalc.analyses.explain import Explanation
    from cnncalc.engines.values import WindowValues


def exact(value: object) -> object:
    """A whole float as an int (``4.0`` → ``4``) while a float holds it exactly; anything else unchanged."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 2**53:
        return int(value)
    return value


def exact_values(values: object) -> object:
    """``exact`` over nested lists."""
    return [exact_values(v) for v in values] if isinstance(values, (list, tuple)) else exact(values)


def value_text(value: float) -> str:
    """``4`` for 4.0, ``2.5``, ``-8``; the shortest text that reads back as the same float."""
    return str(exact(value))


def values_text(values: list) -> str:
    """A matrix as one line: ``[[2.5, 10], [15, 6]]``."""
    if isinstance(values, list):
        return "[" + ", ".join(values_text(v) for v in values) + "]"
    return value_text(values)


def window_expression(window: WindowValues) -> str:
    """``max(0, 1, 2, 2.5)``, ``mean(0, 1, 2, 2.5)`` or ``1·1 + 1·0 + …`` (a dot product, data·weight)."""
    cells = [value_text(c) for c in window.cells]
    if window.op == "dot":
        weights = [value_text(w) for w in window.weights]
        return " + ".join(f"{c}·{w if not w.startswith('-') else f'({w})'}" for c, w in zip(cells, weights))
    return f"{window.op}({', '.join(cells)})"


def window_data(window: WindowValues) -> dict:
    return {"position": list(window.position), "op": window.op, "cells": exact_values(list(window.cells)),
            "weights": exact_values(list(window.weights)) if window.weights is not None else None,
            "value": exact(window.result), "working": f"{window_expression(window)} = {value_text(window.result)}"}


def layer_data(explanation: Explanation, values: list | None = None,
               windows: tuple[WindowValues, ...] | None = None) -> dict:
    """``cnncalc layer``/``pool`` JSON: DESIGN's keys, the hyperparameters used, and extras."""
    row, layer = explanation.row, explanation.layer
    data = {"kind": layer.kind.name, "input": list(row.input[0]), "output": list(row.output),
            "params": row.params, "trainable_params": row.trainable, "non_trainable_params": row.non_trainable,
            "params_unshared": row.params_unshared, "macs": row.macs, "activations": row.activations,
            "padding": [list(p) for p in row.pads], "warnings": [n.message for n in explanation.report.notes]}
    window = layer.window
    if window is not None:
        data.update(kernel=list(window.kernel), stride=list(window.stride), dilation=list(window.dilation),
                    padding_spec=padding_to_data(window.padding))
    for key in layer.kind.echo:
        value = layer.hp.get(key)
        data[key] = list(value) if isinstance(value, tuple) else value
    data["convention"] = explanation.report.convention
    data["layout"], data["batch"] = str(explanation.report.view.layout), explanation.report.view.batch
    data["receptive_field"] = rf_sizes(row.rf)
    data["alternatives"] = {s.label: s.value for s in explanation.alternatives}
    data["working"] = [{"label": s.label, "expression": s.expression, "value": s.value} for s in explanation.steps]
    if values is not None:
        data["values"] = exact_values(values)
    if windows is not None:
        data["windows"] = [window_data(w) for w in windows]
    return data


def step_value(step, human: bool = True) -> str:
    """A step's value as a human reads it (counts with thousands separators) or as a machine does."""
    if isinstance(step.value, int):
        return f"{step.value:,}" if human else str(step.value)
    return step.value


_GROUPED = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")


def plain_digits(text: str) -> str:
    """``756,560/3,860`` → ``756560/3860``: thousands separators out of an expression, for machine formats."""
    return _GROUPED.sub("", text)


def layer_rows(explanation: Explanation, values: list | None = None, windows: tuple[WindowValues, ...] | None = None,
               human: bool = True) -> list[tuple[str, str, str]]:
    """(label, expression, value) lines of the worked arithmetic, shared by every text format."""
    row = explanation.row
    view = explanation.report.view
    rows = [("layer", f"{explanation.node.kind.name}  {view.text(row.input[0])} → {view.text(row.output)}",
             f"({explanation.report.convention})" if human else explanation.report.convention)]
    rows += [(s.label, s.expression if human else plain_digits(s.expression), step_value(s, human))
             for s in explanation.steps]
    if row.pads:
        rows.append(("padding applied", "", ", ".join(f"{b}+{e}" for b, e in row.pads)))
    rows += [(s.label, "", s.value) for s in explanation.alternatives]
    rows += [("warning", "", note.message) for note in explanation.report.notes]
    for w in windows or ():
        rows.append((f"window ({', '.join(map(str, w.position))})", window_expression(w), value_text(w.result)))
    if values is not None:
        if windows is None and explanation.layer.kind.window_op is not None:
            rows.append(("windows", "", f"each written out up to {limits.MAX_WORKED_WINDOWS:,} values"))
        rows.append(("values", "", values_text(values)))
    return rows


def layer_lines(explanation: Explanation, values: list | None = None,
                windows: tuple[WindowValues, ...] | None = None) -> list[tuple[str, str]]:
    """(label, text) lines for human formats: ``expression = value``; the layer line keeps its convention."""
    lines = []
    for label, expression, value in layer_rows(explanation, values, windows):
        joiner = "  " if label == "layer" else " = "
        lines.append((label, f"{expression}{joiner}{value}" if expression and value else expression or value))
    return lines


def render_layer(explanation: Explanation, fmt: Format, values: list | None = None,
                 windows: tuple[WindowValues, ...] | None = None) -> str:
    if fmt is Format.JSON:
        return to_json(layer_data(explanation, values, windows))
    if fmt is Format.CSV:
        return csv_text(["item", "working", "value"],
                        [list(r) for r in layer_rows(explanation, values, windows, human=False)])
    lines = [[k, v] for k, v in layer_lines(explanation, values, windows)]
    if fmt is Format.MARKDOWN:
        return markdown_table(["item", "value"], lines)
    width = max(len(k) for k, _ in lines)
    return "\n".join(f"{k.ljust(width)}  {visible(v)}" for k, v in lines)


def print_layer_rich(console, explanation: Explanation, values: list | None = None,
                     windows: tuple[WindowValues, ...] | None = None) -> None:
    from rich.table import Table

    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold cyan", no_wrap=True)
    table.add_column()
    for key, value in layer_lines(explanation, values, windows):
        if key == "values":
            continue  # drawn as a grid below
        style = "yellow" if key == "warning" else None
        table.add_row(key, markup(value), style=style)
    console.print(table)
    if values is not None:
        print_matrix_rich(console, values)


def print_matrix_rich(console, values: list) -> None:
    """The values as a grid when it fits the console; else one line per row, wrapped between numbers."""
    from rich.table import Table
    from rich.text import Text

    from cnncalc.report.fit import cell_width, table_width

    rows = values if values and isinstance(values[0], list) else [values]
    cells = [[value_text(v) for v in r] for r in rows]
    widths = [max(cell_width(r[i]) for r in cells) for i in range(len(cells[0]))]
    if table_width(widths) > console.width:
        console.print(Text("values", style="italic"))
        for r in cells:
            console.print(Text(", ".join(r)))
        return
    table = Table(show_header=False, title="values", title_justify="left")
    for _ in cells[0]:
        table.add_column(justify="right", no_wrap=True)
    for r in cells:
        table.add_row(*r)
    console.print(table)
