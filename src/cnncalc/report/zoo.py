"""The shipped networks (``cnncalc zoo``) → a table in every format: name, network, input,
params, MACs and the convention each spec is written in."""
from __future__ import annotations

from typing import TYPE_CHECKING

from cnncalc.core.shapes import format_shape
from cnncalc.report.text import Format, csv_text, markdown_table, plain_table, to_json

if TYPE_CHECKING:
    from cnncalc.analyses.summary import Report

HEADERS = ["name", "network", "input", "params", "MACs", "convention"]
NUMERIC = ("params", "MACs")


def zoo_data(entries: list[tuple[str, Report]]) -> list[dict]:
    """One object per shipped network: its name (what ``cnncalc model NAME`` takes) and totals."""
    return [{"name": name, "network": r.name, "input": list(r.input), "output": list(r.output),
             "params": r.totals.params, "trainable_params": r.totals.trainable,
             "non_trainable_params": r.totals.non_trainable, "macs": r.totals.macs, "convention": r.convention}
            for name, r in entries]


def zoo_rows(entries: list[tuple[str, Report]], human: bool) -> list[list[str]]:
    fmt = (lambda v: f"{v:,}") if human else str
    return [[name, r.name, format_shape(r.input), fmt(r.totals.params), fmt(r.totals.macs), r.convention]
            for name, r in entries]


def render_zoo(entries: list[tuple[str, Report]], fmt: Format) -> str:
    """Every format but the rich table."""
    if fmt is Format.JSON:
        return to_json(zoo_data(entries))
    rows = zoo_rows(entries, human=fmt is not Format.CSV)
    if fmt is Format.CSV:
        return csv_text(HEADERS, rows)
    if fmt is Format.MARKDOWN:
        return markdown_table(HEADERS, rows)
    return plain_table(HEADERS, rows)


def print_zoo_rich(console, entries: list[tuple[str, Report]]) -> None:
    from cnncalc.report.fit import print_fitted

    print_fitted(console, "shipped networks (cnncalc model NAME)", HEADERS, zoo_rows(entries, human=True),
                 numeric=NUMERIC, wrapped=("name",), drop=("convention", "input", "network"))
