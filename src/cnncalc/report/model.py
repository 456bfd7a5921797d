"""A network report → text: the layer table (rich, plain, csv, markdown), its totals, and JSON.

Extra columns (verified, time per layer) come from a ``--verify`` run when one was asked for.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from cnncalc.analyses.collapse import collapsed_rows
from cnncalc.analyses.summary import LayerRow, Report
from cnncalc.report.text import (Format, csv_text, markdown_table, markup, number, plain_table, rf_sizes, rf_text,
                                 to_json, visible)

if TYPE_CHECKING:
    from cnncalc.engines.verify import Verification


def model_data(report: Report, verification: Verification | None = None, other: tuple[str, list[int]] | None = None,
               timings: bool = False) -> dict:
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
        "layout": str(report.view.layout), "batch": report.view.batch,
        "warnings": [n.message for n in report.notes],
        "layers": [row_data(r) for r in report.rows],
    }
    if report.view.batch > 1:
        n = report.view.batch
        data["per_batch"] = {"macs": t.macs * n, "flops": t.flops * n, "activations": t.activations * n,
                             "activation_bytes": t.activation_bytes * n}
    if other is not None:
        data["macs_as"] = {"convention": other[0], "total": sum(other[1])}
        for layer, count in zip(data["layers"], other[1]):
            layer["macs_as"] = count
    if verification is not None:
        data["verified"] = verification.passed
        data["verify_seconds"] = verification.seconds
        for layer in data["layers"]:
            layer["verified"] = verification.ok.get(layer["name"])
            if timings:
                layer["seconds"] = verification.layer_seconds.get(layer["name"])
    return data


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
        "warnings": [n.message for n in row.notes], "activation": row.activation,
    }


HEADERS = ("#", "layer", "kind", "output", "params", "non-trainable", "no sharing", "MACs", "activations", "RF")
NARROW_DROPS = ("non-trainable", "no sharing", "RF", "#", "ms", "activations")
"""The columns a narrow terminal leaves out, first to last; the rest are stacked rather than cut."""


def extra_columns(verification: Verification | None, timings: bool, other: tuple[str, list[int]] | None = None,
                  report: Report | None = None, human: bool = True) -> list[tuple[str, Callable[[list[str]], str]]]:
    """(header, cell of the layers a row stands for) for the columns ``--macs-as`` and a --verify run add."""
    columns = []
    if other is not None and report is not None:
        counts = {row.name: count for row, count in zip(report.rows, other[1])}
        fmt = (lambda v: f"{v:,}") if human else str
        columns.append((f"MACs ({other[0]})", lambda names: fmt(sum(counts[n] for n in names))))
    if verification is None:
        return columns
    columns.append(("verified", lambda names: _mark(verification.ok_of(names))))
    if timings:
        columns.append(("ms", lambda names: _ms(verification.seconds_of(names))))
    return columns


def _mark(value: bool | None) -> str:
    return "—" if value is None else ("✓" if value else "✗")


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1e3:.2f}"


def model_rows(report: Report, depth: int | None, human: bool, extras=()) -> list[list[str]]:
    fmt = (lambda v: f"{v:,}") if human else str
    return [[str(r.index), r.name, r.kind + (f"+{r.activation}" if r.activation else ""), report.view.text(r.output),
             fmt(r.params), fmt(r.non_trainable),
             fmt(r.params_unshared), fmt(r.macs), fmt(r.activations), rf_text(r.rf)]
            + [cell(names) for _, cell in extras]
            for r, names in collapsed_rows(report, depth)]


def model_footer(report: Report, other: tuple[str, list[int]] | None = None) -> list[tuple[str, str]]:
    t = report.totals
    extra = [(f"MACs as {other[0]} counts", f"{sum(other[1]):,}")] if other else []
    return extra + [
        ("input", report.view.text(report.input)), ("output", report.view.text(report.output)),
        ("params", f"{t.params:,} ({t.trainable:,} trainable, {t.non_trainable:,} non-trainable)"),
        ("params without weight sharing", f"{t.params_unshared:,}"),
        ("param memory", f"{human_bytes(t.param_bytes)} ({report.dtype})"),
        ("MACs", f"{t.macs:,} ({human_count(t.macs)}); FLOPs = 2·MACs = {t.flops:,}"),
        ("activations", f"{t.activations:,} values, {human_bytes(t.activation_bytes)} per image (forward)"),
        ("largest layer by activations", _largest(report)), ("receptive field", rf_text(report.receptive_field)),
        ("convention", report.convention),
    ] + batch_footer(report)


def batch_footer(report: Report) -> list[tuple[str, str]]:
    """What a batch of N costs (totals above are for one image; params never scale)."""
    n = report.view.batch
    if n == 1:
        return []
    t = report.totals
    return [("layout", f"{report.view.layout}, batch {n}"),
            (f"batch of {n}", f"{t.macs * n:,} MACs, {t.activations * n:,} activation values, "
                              f"{human_bytes(t.activation_bytes * n)}")]


def _largest(report: Report) -> str:
    """The layer that outputs the most values, and how many: ``conv_1 (4,704 values)``."""
    row = next((r for r in report.rows if r.name == report.totals.largest), None)
    return f"{row.name} ({row.activations:,} values)" if row else "—"


def note_text(note) -> str:
    """A warning as one line: the layer it is about, if any, then the message."""
    return f"{note.where.layer_name}: {note.message}" if note.where.layer_name else note.message


def human_bytes(value: int) -> str:
    """Binary units up to EiB, two decimals."""
    for unit, size in (("EiB", 1024**6), ("PiB", 1024**5), ("TiB", 1024**4), ("GiB", 1024**3), ("MiB", 1024**2),
                       ("KiB", 1024)):
        if value >= size:
            return f"{value / size:.2f} {unit}"
    return f"{value} B"


def human_count(value: int) -> str:
    """SI prefixes up to E (10^18); beyond that a mantissa and exponent."""
    if value >= 10**21:
        exponent = len(str(value)) - 1
        return f"{value / 10**exponent:.2f}e{exponent}"
    for unit, size in (("E", 10**18), ("P", 10**15), ("T", 10**12), ("G", 10**9), ("M", 10**6), ("k", 10**3)):
        if value >= size:
            return f"{value / size:.2f} {unit}"
    return str(value)


def render_model(report: Report, fmt: Format, depth: int | None = None, verification: Verification | None = None,
                 other: tuple[str, list[int]] | None = None, timings: bool = False) -> str:
    """Text for every format but the rich table."""
    if fmt is Format.JSON:
        return to_json(model_data(report, verification, other, timings))
    human = fmt is Format.TABLE
    extras = extra_columns(verification, timings, other, report, human)
    headers = list(HEADERS) + [header for header, _ in extras]
    rows = model_rows(report, depth, human, extras)
    if fmt is Format.CSV:
        return csv_text(headers, rows)
    footer = model_footer(report, other)
    notes = [f"warning: {visible(note_text(n))}" for n in report.notes]
    if fmt is Format.MARKDOWN:
        return "\n".join([f"## {visible(report.name)}", "", markdown_table(headers, rows), "",
                          markdown_table(["total", "value"], [list(f) for f in footer])] + notes)
    return "\n".join([visible(report.name), plain_table(headers, rows), ""]
                     + [f"{k}: {visible(v)}" for k, v in footer] + notes)


def print_model_rich(console, report: Report, depth: int | None = None, verification: Verification | None = None,
                     other: tuple[str, list[int]] | None = None, timings: bool = False) -> None:
    """The layer table fitted to the console (``report.fit``): names and kinds wrap, then the
    columns in ``NARROW_DROPS`` go, then each layer is stacked; no number is ever cut."""
    from cnncalc.report.fit import print_fitted

    extras = extra_columns(verification, timings, other, report)
    headers = list(HEADERS) + [header for header, _ in extras]
    sections, block = [], None
    for n, (source, _) in enumerate(collapsed_rows(report, depth)):
        top = source.block[0] if source.block else None
        if top != block and n:
            sections.append(n)
        block = top
    numeric = tuple(h for h in headers if h not in ("layer", "kind", "output", "RF", "verified"))
    print_fitted(console, report.name, headers, model_rows(report, depth, True, extras), numeric=numeric,
                 wrapped=("layer", "kind"), drop=NARROW_DROPS, sections=tuple(sections), lead=4)
    for key, value in model_footer(report, other):
        console.print(f"[bold]{key}[/bold]: {markup(value)}", highlight=False)
    for note in report.notes:
        console.print(f"[yellow]warning[/yellow]: {markup(note_text(note))}", highlight=False)
