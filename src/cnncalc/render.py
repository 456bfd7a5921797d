"""Reports → text: a rich table on a terminal, plain text when piped, json, csv or markdown.

Only this module formats numbers. Machine formats carry exact ints; human formats add
thousands separators. rich is imported inside the functions that draw with it.
"""
from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

from .analysis import AxisRF
from .grammar import format_shape, padding_to_data, spatial
from .layers.window import Window

if TYPE_CHECKING:
    from fractions import Fraction

    from .explain import Explanation


class Format(StrEnum):
    """Output formats (contract strings); ``table`` is rich on a terminal, plain text otherwise."""

    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MARKDOWN = "markdown"


def number(value: Fraction | int) -> int | float:
    """An exact int when integral, else the nearest float (receptive-field starts can be halves)."""
    if isinstance(value, int):
        return value
    return value.numerator if value.denominator == 1 else float(value)


def rf_text(rf: tuple[AxisRF, ...] | None) -> str:
    if not rf:
        return "—"
    sizes = [str(number(a.size)) for a in rf]
    return sizes[0] if len(set(sizes)) == 1 else "x".join(sizes)


def rf_sizes(rf: tuple[AxisRF, ...] | None) -> list | None:
    return [number(a.size) for a in rf] if rf else None


def to_json(data: object) -> str:
    """JSON that reads well and writes fast: top-level keys one per line, each object of a list
    of objects on its own line (one layer, one question per line), the rest compact (C encoder)."""
    import json

    def value(v: object, pad: str) -> str:
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            return "[\n" + ",\n".join(f"{pad}  {json.dumps(x, ensure_ascii=False)}" for x in v) + f"\n{pad}]"
        return json.dumps(v, ensure_ascii=False)

    if isinstance(data, dict) and data:
        return "{\n" + ",\n".join(f"  {json.dumps(k)}: {value(v, '  ')}" for k, v in data.items()) + "\n}"
    return value(data, "")


# --- tables in plain text -------------------------------------------------------------------

def plain_table(headers: list[str], rows: list[list[str]]) -> str:
    """Aligned columns; a column of numbers only is right-aligned."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(headers)]
    numeric = [bool(rows) and all(_NUMERIC.fullmatch(r[i]) for r in rows) for i in range(len(headers))]
    lines = ["  ".join(h.ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(c.rjust(w) if right else c.ljust(w)
                               for c, w, right in zip(r, widths, numeric)).rstrip())
    return "\n".join(lines)


_NUMERIC = re.compile(r"[\d,.]+|—")


def markdown_table(headers: list[str], rows: list[list[str]]) -> str:
    def cell(text: str) -> str:
        return text.replace("|", "\\|")

    lines = ["| " + " | ".join(map(cell, headers)) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(map(cell, r)) + " |" for r in rows]
    return "\n".join(lines)


def csv_text(headers: list[str], rows: list[list[str]]) -> str:
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().rstrip("\n")


# --- one layer ----------------------------------------------------------------------------

def layer_data(explanation: Explanation, values: list | None = None) -> dict:
    """``cnncalc layer``/``pool`` JSON: DESIGN's keys, the hyperparameters used, and extras."""
    row, node = explanation.row, explanation.node
    hp = dict(node.hparams)
    rank = len(spatial(row.input[0]))
    data = {"kind": node.kind.name, "input": list(row.input[0]), "output": list(row.output),
            "params": row.params, "trainable_params": row.trainable, "non_trainable_params": row.non_trainable,
            "params_unshared": row.params_unshared, "macs": row.macs, "activations": row.activations,
            "padding": [list(p) for p in row.pads], "warnings": [n.message for n in row.notes]}
    if "kernel" in hp and rank:
        stride_default = hp["kernel"] if node.kind.name in ("maxpool", "avgpool") else None
        window = Window.of(hp, rank, stride_default)
        data.update(kernel=list(window.kernel), stride=list(window.stride), dilation=list(window.dilation),
                    padding_spec=padding_to_data(window.padding))
    for key in ("filters", "groups", "bias", "depth_multiplier", "ceil_mode", "count_include_pad"):
        if key in hp:
            data[key] = hp[key]
    if "output_padding" in hp:
        data["output_padding"] = list(hp["output_padding"]) if hp["output_padding"] is not None else None
    data["convention"] = explanation.report.convention
    data["receptive_field"] = rf_sizes(row.rf)
    data["alternatives"] = {s.label: s.value for s in explanation.alternatives}
    if values is not None:
        data["values"] = values
    return data


def layer_lines(explanation: Explanation) -> list[tuple[str, str]]:
    """(label, text) lines of the worked arithmetic, shared by the plain and rich renderings."""
    row = explanation.row
    lines = [("layer", f"{explanation.node.kind.name}  {format_shape(row.input[0])} → {format_shape(row.output)}"
                       f"  ({explanation.report.convention})")]
    for step in explanation.steps:
        text = step.expression
        if step.value:
            text = f"{text} = {step.value}" if text else step.value
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
    return "\n".join(f"{k.ljust(width)}  {v}" for k, v in lines)


def print_layer_rich(console, explanation: Explanation, values: list | None = None) -> None:
    from rich.table import Table

    table = Table(show_header=False, box=None, padding=(0, 2, 0, 0))
    table.add_column(style="bold cyan")
    table.add_column()
    for key, value in layer_lines(explanation):
        style = "yellow" if key == "warning" else None
        table.add_row(key, value, style=style)
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
