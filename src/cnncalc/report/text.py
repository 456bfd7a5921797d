"""Text helpers every report shares: the output formats, exact numbers, JSON, and tables in
plain text, CSV and markdown. Machine formats carry exact ints; human formats add thousands
separators. rich is imported only by the functions that draw with it."""
from __future__ import annotations

import re
from enum import StrEnum
from typing import TYPE_CHECKING

from cnncalc.analyses.summary import AxisRF

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


# --- user text made safe for the reader ------------------------------------------------------

_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u00ad\u061c\u115f\u1160\u180e\u200b-\u200f\u2028-\u202e\u2060-\u206f"
                     "\u3164\ufeff\ufff9-\ufffb\ud800-\udfff\U000e0000-\U000e007f]")
"""Characters that steer a terminal or hide text: C0/C1 controls (ESC, OSC, BEL, CR), bidi
overrides and isolates (U+202E), invisible format characters, lone surrogates."""


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: object) -> str:
    """``text`` with every control, bidi and invisible character shown as an escape (``\\x1b``,
    ``\\u202e``): what cnncalc applies to user text (names, paths, messages) in every output."""
    text = str(text)
    return _UNSAFE.sub(_escape, text) if _UNSAFE.search(text) else text


def markup(text: object) -> str:
    """User text for a rich string: ``visible`` and its markup escaped (``[/bold]`` stays text)."""
    from rich.markup import escape

    return escape(visible(text))


def one_line(text: str, limit: int) -> str:
    """``visible(text)`` cut in the middle to at most ``limit`` characters (both ends kept)."""
    text = visible(text)
    if len(text) <= limit:
        return text
    keep = (limit - 5) // 2
    return f"{text[:keep]} ... {text[-keep:]}"
