"""Solve results → text: a table of solutions, or the nearest outputs when none fits."""
from __future__ import annotations

from cnncalc.core.layout import View
from cnncalc.core.shapes import Shape

from cnncalc.core.literals import padding_to_data
from cnncalc.report.layer import layer_data
from cnncalc.report.text import csv_text, markdown_table, plain_table, to_json
from cnncalc.analyses.solve import SolveResult

HEADERS = ["#", "kernel", "stride", "padding", "dilation", "padding applied", "params", "MACs", "textbook exact"]


def _axes(values) -> str:
    values = list(values)
    return str(values[0]) if len(set(values)) == 1 else "x".join(map(str, values))


def solution_rows(result: SolveResult, human: bool) -> list[list[str]]:
    fmt = (lambda v: f"{v:,}") if human else str
    rows = []
    for i, s in enumerate(result.solutions, start=1):
        hp, row, window = s.explanation.node.hparams, s.explanation.row, s.explanation.layer.window
        rows.append([str(i), _axes(window.kernel), _axes(window.stride),
                     str(padding_to_data(hp["padding"])), _axes(window.dilation),
                     ", ".join(f"{b}+{e}" for b, e in row.pads), fmt(row.params), fmt(row.macs),
                     f"n/a ({hp['padding']})" if s.exact is None else "yes" if s.exact else "no (floored)"])
    return rows


def nearest_text(result: SolveResult) -> str:
    axes = "; ".join(", ".join(map(str, sizes)) for sizes in result.nearest)
    return f"{result.reason}; nearest sizes per axis: {axes}" if result.nearest else str(result.reason)


def count_text(result: SolveResult) -> str:
    """``1 solution``, ``44 solutions``, ``showing 5 of 44 solutions``, ``showing 50 of more than 10,000 solutions``."""
    total = f"{result.total:,}" if result.total_exact else f"more than {result.total:,}"
    noun = "solution" if result.total == 1 and result.total_exact else "solutions"
    return f"showing {len(result.solutions):,} of {total} {noun}" if result.truncated else f"{total} {noun}"


def render_solutions(result: SolveResult, fmt: str, input_shape: Shape, output_shape: Shape,
                     view: View = View()) -> str:
    if fmt == "json":
        return to_json({"input": list(input_shape), "output": list(output_shape),
                        "total": result.total, "total_exact": result.total_exact, "truncated": result.truncated,
                        "solutions": [dict(layer_data(s.explanation), textbook_exact=s.exact)
                                      for s in result.solutions],
                        "reason": result.reason, "nearest": [list(n) for n in result.nearest]})
    title = f"{view.text(input_shape)} → {view.text(output_shape)}"
    if not result.solutions:
        return f"{title}: {nearest_text(result)}"
    rows = solution_rows(result, human=fmt == "table")
    if fmt == "csv":
        return csv_text(HEADERS, rows)
    table = markdown_table(HEADERS, rows) if fmt == "markdown" else plain_table(HEADERS, rows)
    return f"{title}: {count_text(result)}\n{table}"


def print_solutions_rich(console, result: SolveResult, input_shape: Shape, output_shape: Shape,
                         view: View = View()) -> None:
    from cnncalc.report.fit import print_fitted

    title = f"{view.text(input_shape)} → {view.text(output_shape)}"
    if not result.solutions:
        console.print(f"[yellow]{title}: {nearest_text(result)}[/yellow]", highlight=False)
        return
    print_fitted(console, f"{title}: {count_text(result)}", HEADERS, solution_rows(result, human=True),
                 numeric=("#", "params", "MACs"), wrapped=("textbook exact",),
                 drop=("textbook exact", "padding applied", "dilation", "#"), lead=1)
