"""Rich tables that fit the terminal without cutting a number.

A number or a shape is never truncated, folded or ellipsised: when the table is wider than the
console, text columns (names, kinds) wrap at ``.``, ``_``, ``+`` and spaces, then the
lower-priority columns are left out (and named under the table), and when even the essential
columns do not fit, each row is stacked as lines of ``header value`` items instead.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

WRAP_MIN = 10
"""A wrapped text column is never narrower than this (nor than its header's longest word)."""
_BREAK = re.compile(r"(?<=[./ ])")
_BREAK_INSIDE = re.compile(r"(?<=[_+\-])")
"""Where a name breaks: after a dot, slash or space; inside a part, after ``_``, ``+`` or ``-``."""


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes on its widest line (wide characters count 2)."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` cells: after a ``.``, ``/`` or space where it
    can (``denseblock1.0.`` / ``batchnorm_1``), then after ``_``, ``+`` or ``-``, inside a word only where it must."""
    pieces = []
    for part in _BREAK.split(text):
        pieces += _BREAK_INSIDE.split(part) if cell_width(part.rstrip()) > width else [part]
    lines, line = [], ""
    for piece in pieces:
        if line and cell_width(line + piece.rstrip()) > width:
            lines.append(line.rstrip())
            line = ""
        while cell_width(piece.rstrip()) > width:  # longer than the column: cut where it must
            lines.append(piece[:width])
            piece = piece[width:]
        line += piece
    lines.append(line.rstrip())
    return "\n".join(lines)


def longest_word(text: str) -> int:
    """The widest part ``wrap`` can keep whole."""
    return max((cell_width(p.rstrip()) for part in _BREAK.split(text) for p in _BREAK_INSIDE.split(part)),
               default=0)


@dataclass(frozen=True)
class Plan:
    """Which columns a table shows, each one's width, what was left out, or a stacked layout."""

    shown: tuple[int, ...]
    widths: tuple[int, ...]
    dropped: tuple[str, ...]
    stacked: bool = False


def table_width(widths: list[int] | tuple[int, ...]) -> int:
    """A boxed rich table's width: each column padded by one cell a side, a rule between and around."""
    return sum(widths) + 3 * len(widths) + 1


def plan(headers: list[str], rows: list[list[str]], width: int, wrapped: tuple[str, ...] = (),
         drop: tuple[str, ...] = ()) -> Plan:
    """The table that fits ``width``: the ``drop`` columns go, in order, until every column fits
    whole; when even the rest is too wide, headers wrap between words, the ``wrapped`` columns
    narrow (to ``WRAP_MIN`` or their header's longest word at least) and share the room left;
    stacked when nothing fits. A column of numbers is never narrower than its widest number."""
    cells = [max([cell_width(r[i]) for r in rows], default=0) for i in range(len(headers))]
    natural = [max(c, cell_width(h)) for c, h in zip(cells, headers)]
    least = [max(min(c, WRAP_MIN) if h in wrapped else c, longest_word(h)) for c, h in zip(cells, headers)]
    shown, dropped = _dropped_to_fit(headers, natural, width, drop)
    widths = natural
    if table_width([natural[i] for i in shown]) > width:  # names wrap, in all the room the rest leave
        widths = least
        if table_width([least[i] for i in shown]) > width:
            return Plan(tuple(range(len(headers))), tuple(natural), (), stacked=True)
    chosen = {i: widths[i] for i in shown}
    spare = width - table_width(list(chosen.values()))
    for i in shown:  # wrapped columns widen back, in order, as far as the room allows
        grow = min(spare, natural[i] - chosen[i])
        chosen[i] += grow
        spare -= grow
    return Plan(tuple(shown), tuple(chosen[i] for i in shown), tuple(dropped))


def _dropped_to_fit(headers: list[str], widths: list[int], width: int, drop: tuple[str, ...]
                    ) -> tuple[list[int], list[str]]:
    shown, dropped = list(range(len(headers))), []
    for name in drop:
        if table_width([widths[i] for i in shown]) <= width:
            break
        if name in headers and headers.index(name) in shown:
            shown.remove(headers.index(name))
            dropped.append(name)
    return shown, dropped


def stacked_lines(headers: list[str], row: list[str], width: int, lead: int) -> list[str]:
    """One row as lines: its first ``lead`` cells, then ``header value`` items packed two spaces
    apart into lines of ``width``, indented by two."""
    lines = [wrap("  ".join(c for c in row[:lead] if c), width)]
    line = ""
    for header, cell in zip(headers[lead:], row[lead:]):
        item = f"{header} {cell}" if header else cell
        if line and cell_width(line + "  " + item) > width:
            lines.append(line)
            line = ""
        line = f"{line}  {item}" if line else f"  {item}"
    if line:
        lines.append(line)
    return lines


def print_fitted(console, title: str | None, headers: list[str], rows: list[list[str]], numeric: tuple[str, ...] = (),
                 wrapped: tuple[str, ...] = (), drop: tuple[str, ...] = (), sections: tuple[int, ...] = (),
                 lead: int = 1) -> None:
    """``rows`` as a rich table that fits ``console.width`` (see ``plan``); ``sections`` are the row
    indices a rule goes above; ``lead`` cells open each row of the stacked layout."""
    from rich.table import Table
    from rich.text import Text

    from cnncalc.report.text import visible

    rows = [[visible(cell) for cell in row] for row in rows]  # user text shown, never steering the terminal
    title = visible(title) if title else title
    chosen = plan(headers, rows, console.width, wrapped, drop)
    if chosen.stacked:
        if title:
            console.print(Text(title, style="italic"))
        for row in rows:
            for i, line in enumerate(stacked_lines(headers, row, console.width, lead)):
                console.print(Text(line, style="bold" if i == 0 else ""), overflow="ignore", crop=False)
        return
    table = Table(title=Text(title) if title else None, title_justify="left")  # Text: never read as markup
    for i, w in zip(chosen.shown, chosen.widths):
        table.add_column(wrap(headers[i], w), justify="right" if headers[i] in numeric else "left", width=w,
                         no_wrap=headers[i] not in wrapped, overflow="fold")
    for n, row in enumerate(rows):
        if n in sections:
            table.add_section()
        table.add_row(*(Text(wrap(row[i], w) if headers[i] in wrapped else row[i])
                        for i, w in zip(chosen.shown, chosen.widths)))
    console.print(table)
    if chosen.dropped:
        console.print(Text(f"left out at {console.width} columns: {', '.join(chosen.dropped)} (--format csv has all)",
                           style="dim"))
