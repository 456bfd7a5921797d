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
_BREAK = re.compile(r"(?<=[._+\-/ ])")


def cell_width(text: str) -> int:
    """Terminal cells ``text`` takes on its widest line (wide characters count 2)."""
    from rich.cells import cell_len

    return max((cell_len(line) for line in text.split("\n")), default=0)


def wrap(text: str, width: int) -> str:
    """``text`` broken into lines of at most ``width`` cells, after ``.``, ``_``, ``+``, ``-``, ``/`` or a
    space where it can (``layer1.0.`` / ``downsample.0``), inside a word only where it must."""
    lines, line = [], ""
    for piece in _BREAK.split(text):
        while cell_width(piece) > width:  # one piece longer than the column: cut it where it must
            room = width - cell_width(line)
            if room <= 0:
                lines.append(line.rstrip())
                line, room = "", width
            line, piece = line + piece[:room], piece[room:]
        if cell_width(line + piece.rstrip()) > width and line:
            lines.append(line.rstrip())
            line = ""
        line += piece
    lines.append(line.rstrip())
    return "\n".join(lines)


def longest_word(text: str) -> int:
    return max((cell_width(p.rstrip()) for p in _BREAK.split(text)), default=0)


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
    """The widest table that fits ``width``: ``wrapped`` columns may narrow to ``WRAP_MIN`` (or their
    header's longest word), then the ``drop`` columns go, in order; stacked when even that is too wide."""
    natural = [max([cell_width(r[i]) for r in rows] + [longest_word(h) if h in wrapped else cell_width(h)])
               for i, h in enumerate(headers)]
    least = [min(n, max(WRAP_MIN, longest_word(h))) if h in wrapped else n for n, h in zip(natural, headers)]
    shown = list(range(len(headers)))
    dropped: list[str] = []
    for name in drop:
        if table_width([least[i] for i in shown]) <= width:
            break
        if name in headers and headers.index(name) in shown:
            shown.remove(headers.index(name))
            dropped.append(name)
    if table_width([least[i] for i in shown]) > width:
        return Plan(tuple(range(len(headers))), tuple(natural), (), stacked=True)
    widths = {i: least[i] for i in shown}
    spare = width - table_width(list(widths.values()))
    for i in shown:  # the wrapped columns widen back, in order, as far as the room allows
        grow = min(spare, natural[i] - widths[i])
        widths[i] += grow
        spare -= grow
    return Plan(tuple(shown), tuple(widths[i] for i in shown), tuple(dropped))


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

    chosen = plan(headers, rows, console.width, wrapped, drop)
    if chosen.stacked:
        if title:
            console.print(Text(title, style="italic"))
        for row in rows:
            for i, line in enumerate(stacked_lines(headers, row, console.width, lead)):
                console.print(Text(line, style="bold" if i == 0 else ""), overflow="ignore", crop=False)
        return
    table = Table(title=title, title_justify="left")
    for i, w in zip(chosen.shown, chosen.widths):
        table.add_column(wrap(headers[i], w), justify="right" if headers[i] in numeric else "left", width=w,
                         no_wrap=headers[i] not in wrapped, overflow="fold")
    for n, row in enumerate(rows):
        if n in sections:
            table.add_section()
        table.add_row(*(wrap(row[i], w) if headers[i] in wrapped else row[i] for i, w in zip(chosen.shown, chosen.widths)))
    console.print(table)
    if chosen.dropped:
        console.print(Text(f"left out at {console.width} columns: {', '.join(chosen.dropped)} (--format csv has all)",
                           style="dim"))
