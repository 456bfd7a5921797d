"""One worked layer (``cnncalc layer``, ``pool``, ``conv``) → JSON, plain text, csv, markdown or rich."""
from __future__ import annotations

from typing import TYPE_CHECKING

from cnncalc.core.literals import padding_to_data
from cnncalc.core.shapes import format_shape
from cnncalc.report.text import Format, csv_text, markdown_table, markup, rf_sizes, to_json, visible

if TYPE_CHECKING:
    from cnncalc.analyses.explain import Explanation


def layer_data(explanation: Explanation, values: list | None = None) -> dict:
    """``cnncalc layer``/``pool`` JSON: DESIGN's keys, the hyperparameters used, and extras."""
    row, layer = explanation.row, explanation.layer
    data = {"kind": layer.kind.name, "input": list(row.input[0]), "output": list(row.output),
            "params": row.params, "trainable_params": row.trainable, "non_trainable_params": row.non_trainable,
            "params_unshared": row.params_unshared, "macs": row.macs, "activations": row.activations,
            "padding": [list(p) for p in row.pads], "warnings": [n.message for n in row.notes]}
    window = layer.window
    if window is not None:
        data.update(kernel=list(window.kernel), stride=list(window.stride), dilation=list(window.dilation),
                    padding_spec=padding_to_data(window.padding))
    for key in layer.kind.echo:
        value = layer.hp.get(key)
        data[key] = list(value) if isinstance(value, tuple) else value
    data["convention"] = explanation.report.convention
    data["receptive_field"] = rf_sizes(row.rf)
    data["alternatives"] = {s.label: s.value for s in explanation.alternatives}
    if values is not None:
        data["values"] = values
    return data


def step_value(step) -> str:
    """A step's value as a human reads it: counts with thousands separators."""
    return f"{step.value:,}" if isinstance(step.value, int) else step.value


def layer_lines(explanation: Explanation) -> list[tuple[str, str]]:
    """(label, text) lines of the worked arithmetic, shared by the plain and rich renderings."""
    row = explanation.row
    lines = [("layer", f"{explanation.node.kind.name}  {format_shape(row.input[0])} → {format_shape(row.output)}"
                       f"  ({explanation.report.convention})")]
    for step in explanation.steps:
        text, value = step.expression, step_value(step)
        if value:
            text = f"{text} = {value}" if text else value
        lines.append((step.label, text))
    if row.pads:
        lines.append(("padding applied", ", ".join(f"{b}+{e}" for b, e in row.pads)))
    for step in explanation.alternatives:
        lines.append((step.label, step.value))
    for note in row.notes:
        lines.append(("warning", note.message))
    return lines


def render_layer(explanation: Explanation, fmt: Format, values: list | None = None) -> str:
    if fmt is Format.JSON:
        return to_json(layer_data(explanation, values))
    lines = [[k, v] for k, v in layer_lines(explanation)]
    if values is not None:
        lines.append(["values", to_json(values).replace("\n", "").replace("  ", "")])
    if fmt is Format.CSV:
        return csv_text(["item", "value"], lines)
    if fmt is Format.MARKDOWN:
        return markdown_table(["item", "value"], lines)
    width = max(len(k) for k, _ in lines)
    return "\n".join(f"{k.ljust(width)}  {visible(v)}" for k, v in lines)


def print_layer_rich(console, explanation: Explanation, values: list | None = None) -> None:
    from rich.table import Table

    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold cyan")
    table.add_column()
    for key, value in layer_lines(explanation):
        style = "yellow" if key == "warning" else None
        table.add_row(key, markup(value), style=style)
    console.print(table)
    if values is not None:
        print_matrix_rich(console, values)


def print_matrix_rich(console, values: list) -> None:
    from rich.table import Table

    table = Table(show_header=False, title="values", title_justify="left")
    rows = values if values and isinstance(values[0], list) else [values]
    for _ in rows[0]:
        table.add_column(justify="right")
    for r in rows:
        table.add_row(*(f"{v:g}" for v in r))
    console.print(table)
