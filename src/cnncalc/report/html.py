"""Reports as HTML fragments for notebooks (``_repr_html_``): the same rows and totals as the text
table, every piece of user text escaped, numbers right-aligned and never abbreviated."""
from __future__ import annotations

from html import escape as _escape
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cnncalc.analyses.explain import Explanation
    from cnncalc.analyses.summary import Report
    from cnncalc.engines.values import WindowValues
    from cnncalc.engines.verify import Verification

NUMBER_STYLE = "text-align:right;font-variant-numeric:tabular-nums"


def escape(text: object) -> str:
    """User text for HTML: ``visible`` (control and bidi characters shown as escapes), then escaped."""
    from cnncalc.report.text import visible

    return _escape(visible(text))


def html_table(headers: list[str], rows: list[list[str]], numeric: tuple[str, ...] = (),
               caption: str | None = None) -> str:
    """A ``<table>``: a header row, one row per ``rows`` entry; ``numeric`` columns right-aligned."""
    right = [h in numeric for h in headers]
    head = "".join(f"<th style=\"{NUMBER_STYLE if r else 'text-align:left'}\">{escape(h)}</th>"
                   for h, r in zip(headers, right))
    body = "".join("<tr>" + "".join(f"<td style=\"{NUMBER_STYLE if r else 'text-align:left'}\">{escape(c)}</td>"
                                    for c, r in zip(row, right)) + "</tr>" for row in rows)
    title = f"<caption style=\"text-align:left\"><b>{escape(caption)}</b></caption>" if caption else ""
    return f"<table>{title}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def pairs_list(pairs: list[tuple[str, str]]) -> str:
    """``key: value`` lines as a compact two-column table without a header."""
    rows = "".join(f"<tr><th style=\"text-align:left\">{escape(k)}</th><td style=\"text-align:left\">{escape(v)}</td>"
                   "</tr>" for k, v in pairs)
    return f"<table>{rows}</table>"


def model_html(report: Report, depth: int | None = None, verification: Verification | None = None,
               other: tuple[str, list[int]] | None = None) -> str:
    """The layer table (with the ``--macs-as`` and ``--verify`` columns when given) and the totals."""
    from cnncalc.report.model import HEADERS, extra_columns, model_footer, model_rows, note_text

    extras = extra_columns(verification, False, other, report)
    headers = list(HEADERS) + [h for h, _ in extras]
    numeric = tuple(h for h in headers if h not in ("layer", "kind", "output", "RF", "verified"))
    notes = [("warning", note_text(n)) for n in report.notes]
    return (html_table(headers, model_rows(report, depth, True, extras), numeric, report.name)
            + pairs_list(model_footer(report, other) + notes))


def layer_html(explanation: Explanation, values: list | None = None,
               windows: tuple[WindowValues, ...] | None = None) -> str:
    """The worked arithmetic as a two-column table, then the values as a grid."""
    from cnncalc.report.layer import layer_lines, value_text

    html = pairs_list([(k, v) for k, v in layer_lines(explanation, values, windows) if k != "values"])
    if values is None:
        return html
    rows = values if values and isinstance(values[0], list) else [values]
    grid = [[value_text(v) for v in r] for r in rows]
    return html + html_table([""] * len(grid[0]), grid, ("",), "values")
