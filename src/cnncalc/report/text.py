"""Text helpers every report shares: the output formats, exact numbers, JSON, and tables in
plain text, CSV and markdown. Machine formats carry exact ints; human formats add thousands
separators. rich is imported only by the functions that draw with it."""
from __future__ import annotations

import re
import unicodedata
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
    of objects on its own line (one layer, one question per line), the rest compact (C encoder).

    Strict JSON that every parser takes: a NaN or an infinity (a window all padding, an average
    that overflows) is written as the string "NaN", "Infinity" or "-Infinity"; controls, bidi
    and invisible characters in text as \\u escapes."""
    try:
        return _json_layout(data)
    except ValueError:  # allow_nan=False met a NaN or an infinity: the slow path, only then
        return _json_layout(_finite(data))


def _json_layout(data: object) -> str:
    import json

    def dumps(v: object) -> str:
        text = json.dumps(v, ensure_ascii=False, allow_nan=False)
        return text if text.isascii() else _SUSPECT.sub(_json_escape, text)

    def value(v: object, pad: str) -> str:
        if isinstance(v, list) and v and all(isinstance(x, dict) for x in v):
            return "[\n" + ",\n".join(f"{pad}  {dumps(x)}" for x in v) + f"\n{pad}]"
        return dumps(v)

    if isinstance(data, dict) and data:
        return "{\n" + ",\n".join(f"  {dumps(k)}: {value(v, '  ')}" for k, v in data.items()) + "\n}"
    return value(data, "")


def _finite(value: object) -> object:
    """``value`` with every NaN and infinity replaced by its name as a string."""
    if isinstance(value, float) and value != value:
        return "NaN"
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, dict):
        return {k: _finite(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_finite(v) for v in value]
    return value


def _json_escape(match: re.Match) -> str:
    """A hidden character inside JSON text as \\uXXXX (a surrogate pair above U+FFFF)."""
    char = match.group()
    if unicodedata.category(char) not in _HIDDEN and ord(char) not in (0xFFFE, 0xFFFF):
        return char
    code = ord(char)
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


# --- tables in plain text -------------------------------------------------------------------

def plain_table(headers: list[str], rows: list[list[str]]) -> str:
    """Aligned columns; a column of numbers only is right-aligned; user text ``visible``."""
    rows = [[visible(c) for c in r] for r in rows]
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
        return visible(text).replace("|", "\\|")

    lines = ["| " + " | ".join(map(cell, headers)) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(map(cell, r)) + " |" for r in rows]
    return "\n".join(lines)


def csv_text(headers: list[str], rows: list[list[str]]) -> str:
    """CSV with every text cell ``visible`` and neutralised as a spreadsheet formula (``csv_cell``)."""
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(headers)
    writer.writerows([csv_cell(c) for c in r] for r in rows)
    return buffer.getvalue().rstrip("\n")


_FORMULA = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")
_CSV_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")


def csv_cell(text: str) -> str:
    """A cell a spreadsheet shows as text: one that starts with =, +, -, @, a tab or a carriage
    return (or their full-width forms) gets a leading ' (OWASP, CSV injection); a number,
    negative ones included, stays a number."""
    if text.startswith(_FORMULA) and not _CSV_NUMBER.fullmatch(text):
        text = "'" + text
    return visible(text)


# --- user text made safe for the reader ------------------------------------------------------

_SUSPECT = re.compile(r"[^\x20-\x7e]")
_HIDDEN = {"Cc", "Cf", "Cs", "Zl", "Zp"}
"""Controls (C0, C1: ESC, OSC, BEL, CR), format characters (bidi overrides such as U+202E,
zero-width characters), lone surrogates (a non-UTF-8 file name) and line separators."""


def _escape_char(match: re.Match) -> str:
    char = match.group()
    code = ord(char)
    if unicodedata.category(char) not in _HIDDEN and code not in (0xFFFE, 0xFFFF):
        return char
    if code <= 0xFF:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def visible(text: object) -> str:
    """``text`` with every control, format and separator character shown as an escape (``\\x1b``,
    ``\\u202e``): what cnncalc applies to user text (names, paths, messages) in every output, so
    what a reader sees is what the file says and nothing steers their terminal."""
    text = str(text)
    return text if text.isascii() and text.isprintable() else _SUSPECT.sub(_escape_char, text)


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
