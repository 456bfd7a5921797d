"""One small palette, a colour per glyph, and the legend that names the colours in use."""
from __future__ import annotations

from typing import Protocol

from cnncalc.report.draw.model import BLOCK, GLYPHS
from cnncalc.report.draw.text import text_width

COLOURS: dict[str, str] = {
    "input": "#d9d9d9",
    "conv": "#9ecae1",
    "pool": "#fdd49e",
    "dense": "#a1d99b",
    "norm": "#dadaeb",
    "activation": "#fcbba1",
    "merge": "#fee391",
    "reshape": "#c6dbef",
    "regularizer": "#f0f0f0",
    "other": "#ffffff",
    BLOCK: "#f7f7f7",
}
"""Light fills (ColorBrewer sequential tints) under dark text; every glyph and ``block``."""

NAMES: dict[str, str] = {glyph: glyph for glyph in GLYPHS} | {BLOCK: "block (collapsed)"}

INK = "#252525"
LINE = "#636363"
SWATCH = 12.0


def css() -> str:
    """CSS rules filling ``.g-<glyph>`` shapes with the glyph's colour."""
    return "".join(f".g-{glyph}{{fill:{colour}}}" for glyph, colour in COLOURS.items())


class Surface(Protocol):
    """What a legend is drawn on: a ``Canvas``."""

    def rect(self, x: float, y: float, w: float, h: float, cls: str, rx: float = 0) -> None: ...

    def text(self, x: float, y: float, text: str, size: float, anchor: str = "start", cls: str = "") -> object: ...


def placed(glyphs: set[str] | list[str], width: float, size: float) -> list[tuple[str, float, int]]:
    """(glyph, x offset, row) of each legend entry, in palette order, in rows no wider than ``width``."""
    result, x, row = [], 0.0, 0
    for glyph in (g for g in (*GLYPHS, BLOCK) if g in glyphs):
        item = SWATCH + 6 + text_width(NAMES[glyph], size)
        if x > 0 and x + item > width:
            x, row = 0.0, row + 1
        result.append((glyph, x, row))
        x += item + 18
    return result


def legend_height(glyphs: set[str] | list[str], width: float, size: float) -> float:
    """The height the legend of ``glyphs`` takes."""
    entries = placed(glyphs, width, size)
    return (entries[-1][2] + 1) * size * 1.6 if entries else 0.0


def legend(canvas: Surface, glyphs: set[str] | list[str], x: float, y: float, width: float, size: float) -> None:
    """Draws a swatch and a name per glyph from (x, y) in rows no wider than ``width``."""
    for glyph, dx, row in placed(glyphs, width, size):
        top = y + row * size * 1.6
        canvas.rect(x + dx, top, SWATCH, SWATCH, f"box g-{glyph}", 2)
        canvas.text(x + dx + SWATCH + 6, top + SWATCH - 1, NAMES[glyph], size)
