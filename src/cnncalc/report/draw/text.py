"""User text made safe and measurable: visible escapes, XML escaping, monospace widths.

Layer names come from spec files and may hold anything: ``<script>``, ``&``, quotes, terminal
escapes, bidi overrides. ``visible`` turns every invisible or control character into a
``\\xNN``-style escape, so what a drawing shows is what the spec says; ``xml`` adds entity
escaping on top. Widths assume a monospace font whose advance is 0.6 em (DejaVu Sans Mono,
Menlo, Consolas, Liberation Mono); east-Asian wide characters take two cells.
"""
from __future__ import annotations

import unicodedata

from cnncalc.report.text import visible

ADVANCE = 0.61
"""Width of one monospace cell in em, rounded up from the common 0.600–0.602."""

ASCENT = 0.95
DESCENT = 0.27
"""Extent of a text line above and below its baseline in em (DejaVu's 0.93/0.24, rounded up)."""

_XML = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"})


def xml(text: str) -> str:
    """``visible(text)`` escaped for XML text and attribute values (quotes included)."""
    return visible(text).translate(_XML)


def cells(text: str) -> int:
    """Monospace cells ``text`` takes once made visible: wide characters 2, combining marks 0."""
    shown = visible(text)
    if shown.isascii():
        return len(shown)
    total = 0
    for char in shown:
        if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me"):
            continue
        total += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return total


def text_width(text: str, size: float) -> float:
    """Estimated width in px of ``text`` at font size ``size`` px in a monospace font."""
    return cells(text) * size * ADVANCE


def shape_text(shape: tuple[int, ...]) -> str:
    """A shape as the lesson writes it: ``28×28×6``, a flat vector as ``120``."""
    return "×".join(str(n) for n in shape)


def count_text(n: int) -> str:
    """An exact count with thousands separators: ``61,706``."""
    return f"{n:,}"
