"""Reports → text: a rich table on a terminal, plain text when piped, json, csv or markdown.

Only this module formats numbers. Machine formats carry exact ints; human formats add
thousands separators. rich is imported inside the functions that draw with it.
"""
from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

from .analysis import AxisRF, LayerRow, Report, totals
from .explain import Explanation
from .grammar import format_shape, padding_to_data, spatial
from .layers.window import Window

if TYPE_CHECKING:
    from fractions import Fraction


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


def to_json(data: object) -> str:
    import json

    return json.dumps(data, indent=2, ensure_ascii=False)


# --- model --------------------------------------------------------------------------------

def model_data(report: Report, verified: dict | None = None, other: tuple[str, list[int]] | None = None) -> dict:
    """The JSON projection of a report: DESIGN's contract keys plus documented extras."""
    t = report.totals
    data = {
        "name": report.name, "input": list(report.input), "output": list(report.output),
        "convention": report.convention,
        "params": t.params, "trainable_params": t.trainable, "non_trainable_params": t.non_trainable,
        "params_unshared": t.params_unshared, "macs": t.macs, "flops": t.flops,
        "activations": t.activations, "dtype": report.dtype, "activation_bytes": t.activation_bytes,
        "param_bytes": t.param_bytes, "largest_layer": t.largest,
        "receptive_field": rf_sizes(report.receptive_field),
        "warnings": [n.message for n in report.notes],
        "layers": [row_data(r) for r in report.rows],
    }
    if other is not None:
        data["macs_as"] = {"convention": other[0], "total": sum(other[1])}
        for layer, count in zip(data["layers"], other[1]):
            layer["macs_as"] = count
    if verified is not None:
        data["verified"] = all(v is True for v in verified.values())
        for layer in data["layers"]:
            layer["verified"] = verified.get(layer["name"])
    return data


def rf_sizes(rf: tuple[AxisRF, ...] | None) -> list | None:
    return [number(a.size) for a in rf] if rf else None


def row_data(row: LayerRow) -> dict:
    return {
        "index": row.index, "name": row.name, "kind": row.kind, "block": row.block[-1] if row.block else None,
        "input": [list(s) for s in row.input] if len(row.input) > 1 else list(row.input[0]),
        "output": list(row.output), "params": row.params, "trainable_params": row.trainable,
        "non_trainable_params": row.non_trainable, "params_unshared": row.params_unshared, "macs": row.macs,
        "activations": row.activations, "padding": [list(p) for p in row.pads] if row.pads else None,
        "receptive_field": rf_sizes(row.rf),
        "jump": [number(a.jump) for a in row.rf] if row.rf else None,
        "start": [number(a.start) for a in row.rf] if row.rf else None,
        "warnings": [n.message for n in row.notes],
    }


HEADERS = ("#", "layer", "kind", "output", "params", "non-trainable", "no sharing", "MACs", "activations", "RF")


def collapsed_rows(report: Report, depth: int | None) -> list[LayerRow]:
    """torchinfo's max_depth: rows inside blocks nested deeper than ``depth`` are summed into one."""
    if depth is None:
        return list(report.rows)
    result: list[LayerRow] = []
    group: list[LayerRow] = []
    key = None
    for row in list(report.rows) + [None]:
        row_key = row.block[: depth + 1] if row is not None and len(row.block) > depth else None
        if group and row_key != key:
            result.append(_group_row(group, key))
            group = []
        key = row_key
        if row is None:
            break
        if row_key is None:
            result.append(row)
        else:
            group.append(row)
    return result


def _group_row(rows: list[LayerRow], key: tuple[str, ...]) -> LayerRow:
    t = totals(rows)
    last = rows[-1]
    return LayerRow(rows[0].index, key[-1], "block", key[:-1], rows[0].input, last.output, (), t.trainable,
                    t.non_trainable, t.params_unshared, t.macs, last.activations, last.rf,
                    tuple(n for r in rows for n in r.notes))


def model_rows(report: Report, depth: int | None, human: bool) -> list[list[str]]:
    fmt = (lambda v: f"{v:,}") if human else str
    return [[str(r.index), r.name, r.kind, format_shape(r.output), fmt(r.params), fmt(r.non_trainable),
             fmt(r.params_unshared), fmt(r.macs), fmt(r.activations), rf_text(r.rf)]
            for r in collapsed_rows(report, depth)]


def model_footer(report: Report, other: tuple[str, list[int]] | None = None) -> list[tuple[str, str]]:
    t = report.totals
    extra = [(f"MACs as {other[0]} counts", f"{sum(other[1]):,}")] if other else []
    return extra + [
        ("input", format_shape(report.input)), ("output", format_shape(report.output)),
        ("params", f"{t.params:,} ({t.trainable:,} trainable, {t.non_trainable:,} non-trainable)"),
        ("params without weight sharing", f"{t.params_unshared:,}"),
        ("param memory", f"{human_bytes(t.param_bytes)} ({report.dtype})"),
        ("MACs", f"{t.macs:,} ({human_count(t.macs)}); FLOPs = 2·MACs = {t.flops:,}"),
        ("activations", f"{t.activations:,} values, {human_bytes(t.activation_bytes)} per image (forward)"),
        ("largest layer", f"{t.largest}"), ("receptive field", rf_text(report.receptive_field)),
        ("convention", report.convention),
    ]


def human_bytes(value: int) -> str:
    for unit, size in (("GiB", 1024**3), ("MiB", 1024**2), ("KiB", 1024)):
        if value >= size:
            return f"{value / size:.2f} {unit}"
    return f"{value} B"


def human_count(value: int) -> str:
    for unit, size in (("T", 10**12), ("G", 10**9), ("M", 10**6), ("k", 10**3)):
        if value >= size:
            return f"{value / size:.2f} {unit}"
    return str(value)


def render_model(report: Report, fmt: Format, depth: int | None = None, verified: dict | None = None,
                 other: tuple[str, list[int]] | None = None) -> str:
    """Text for every format but the rich table."""
    if fmt is Format.JSON:
        return to_json(model_data(report, verified, other))
    headers = list(HEADERS) + (["verified"] if verified is not None else [])
    rows = model_rows(report, depth, human=fmt is Format.TABLE)
    if verified is not None:
        for row in rows:
            row.append(_mark(verified.get(row[1])))
    if fmt is Format.CSV:
        return csv_text(headers, rows)
    footer = model_footer(report, other)
    notes = [f"warning: {n.where.layer_name}: {n.message}" for n in report.notes]
    if fmt is Format.MARKDOWN:
        return "\n".join([f"## {report.name}", "", markdown_table(headers, rows), "",
                          markdown_table(["total", "value"], [list(f) for f in footer])] + notes)
    return "\n".join([report.name, plain_table(headers, rows), ""] + [f"{k}: {v}" for k, v in footer] + notes)


def _mark(value: bool | None) -> str:
    return "—" if value is None else ("✓" if value else "✗")


def print_model_rich(console, report: Report, depth: int | None = None, verified: dict | None = None,
                     other: tuple[str, list[int]] | None = None) -> None:
    from rich.table import Table

    table = Table(title=report.name, title_justify="left", show_lines=False)
    for i, header in enumerate(HEADERS):
        table.add_column(header, justify="right" if i in (0, 4, 5, 6, 7, 8) else "left")
    if verified is not None:
        table.add_column("verified")
    block = None
    for row, source in zip(model_rows(report, depth, human=True), collapsed_rows(report, depth)):
        top = source.block[0] if source.block else None
        if top != block and table.row_count:
            table.add_section()
        block = top
        if verified is not None:
            row.append(_mark(verified.get(row[1])))
        table.add_row(*row)
    console.print(table)
    for key, value in model_footer(report, other):
        console.print(f"[bold]{key}[/bold]: {value}", highlight=False)
    for note in report.notes:
        console.print(f"[yellow]warning[/yellow]: {note.where.layer_name}: {note.message}", highlight=False)


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
