"""One small palette, a colour per glyph, and the legend that names the colours in use."""
from __future__ import annotations

from typing import Protocol

from .model import BLOCK, GLYPHS

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
    def rect(self, x: float, y: float, w: float, h: float, cls: str, rx: float = 0) -> None: ...

    def text(self, x: float, y: float, text: str, size: float, anchor: str = "start", cls: str = "") -> object: ...


def legend(canvas: Surface, glyphs: list[str], x: float, y: float, width: float, size: float) -> float:
    """Draws a swatch and a name per glyph in rows no wider than ``width``; returns the height used."""
    from .text import text_width

    shown = [g for g in (*GLYPHS, BLOCK) if g in glyphs]
    step = size * 1.6
    cx, cy = x, y
    for glyph in shown:
        item = SWATCH + 6 + text_width(NAMES[glyph], size)
        if cx > x and cx + item > x + width:
            cx, cy = x, cy + step
        canvas.rect(cx, cy, SWATCH, SWATCH, f"box g-{glyph}", 2)
        canvas.text(cx + SWATCH + 6, cy + SWATCH - 1, NAMES[glyph], size)
        cx += item + 18
    return cy + step - y if shown else 0.0
