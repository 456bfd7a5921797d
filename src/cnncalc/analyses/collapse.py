"""Block subtotals for ``--depth`` (torchinfo's ``max_depth``): rows inside blocks nested deeper
than the depth are summed, exactly, into one row per block instance."""
from __future__ import annotations

from cnncalc.analyses.summary import LayerRow, Report, totals


def collapsed_rows(report: Report, depth: int | None) -> list[tuple[LayerRow, list[str]]]:
    """torchinfo's max_depth: rows inside blocks nested deeper than ``depth`` are summed into one.
    Each shown row comes with the names of the layers it stands for."""
    if depth is None:
        return [(row, [row.name]) for row in report.rows]
    result: list[tuple[LayerRow, list[str]]] = []
    group: list[LayerRow] = []
    key = None
    for row in list(report.rows) + [None]:
        row_key = row.block[: depth + 1] if row is not None and len(row.block) > depth else None
        if group and row_key != key:
            result.append((_group_row(group, key), [r.name for r in group]))
            group = []
        key = row_key
        if row is None:
            break
        if row_key is None:
            result.append((row, [row.name]))
        else:
            group.append(row)
    return result


def _group_row(rows: list[LayerRow], key: tuple[str, ...]) -> LayerRow:
    t = totals(rows)
    last = rows[-1]
    return LayerRow(rows[0].index, key[-1], "block", key[:-1], rows[0].input, last.output, (), t.trainable,
                    t.non_trainable, t.params_unshared, t.macs, last.activations, last.rf,
                    tuple(n for r in rows for n in r.notes))
