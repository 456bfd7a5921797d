"""SVG primitives the three styles share: a canvas that measures what it draws.

Every text goes through ``Canvas.text``, which escapes it and records its box, so a test
can check that no two labels overlap; every shape widens the extent, so the viewBox holds
everything drawn.
"""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass
from typing import Iterator

from . import palette
from cnncalc.report.draw.text import ASCENT, DESCENT, text_width, xml

FONT = "DejaVu Sans Mono, Menlo, Consolas, Liberation Mono, monospace"
MARGIN = 12.0
STYLE = (f"text{{fill:{palette.INK}}}"
         f".box{{stroke:{palette.LINE};stroke-width:1}}"
         f".edge{{fill:none;stroke:{palette.LINE};stroke-width:1.2}}"
         f".ray{{fill:none;stroke:{palette.INK};stroke-width:0.7}}"
         f".fan{{fill:none;stroke:{palette.LINE};stroke-width:0.8;stroke-dasharray:3 2}}"
         f".halo{{paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}}"
         f".frame{{fill:#fafafa;fill-opacity:0.6;stroke:#bdbdbd;stroke-dasharray:4 3}}"
         f".window{{fill:#fff;fill-opacity:0.55;stroke:{palette.INK};stroke-width:1}}"
         f".arrow{{fill:{palette.LINE}}}.collapsed{{stroke-dasharray:5 2;stroke-width:1.5}}"
         ".lit{fill:#fff;fill-opacity:0.35}.shade{fill:#000;fill-opacity:0.15}"
         ".title{font-weight:bold}.muted{fill:#636363}"
         ".layer:hover .box,.layer.hl .box{stroke:#d94801;stroke-width:2.5}"
         + palette.css())


@dataclass(frozen=True)
class Box:
    """An axis-aligned box: left, top, right, bottom."""

    x0: float
    y0: float
    x1: float
    y1: float

    def overlaps(self, other: "Box", slack: float = 0.01) -> bool:
        """True when the two boxes share more than ``slack`` on both axes."""
        return (self.x0 < other.x1 - slack and other.x0 < self.x1 - slack
                and self.y0 < other.y1 - slack and other.y0 < self.y1 - slack)

    def within(self, other: "Box") -> bool:
        """True when this box lies inside ``other``."""
        return self.x0 >= other.x0 and self.y0 >= other.y0 and self.x1 <= other.x1 and self.y1 <= other.y1


@dataclass(frozen=True)
class Label:
    """A text as drawn: the string and its estimated box."""

    text: str
    box: Box


@dataclass(frozen=True)
class Drawing:
    """An SVG document, its viewBox and the box of every text in it."""

    svg: str
    view: Box
    labels: tuple[Label, ...]


def num(value: float) -> str:
    """A coordinate with at most one decimal."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def text_box(x: float, y: float, text: str, size: float, anchor: str = "start") -> Box:
    """The box of ``text`` drawn with its baseline at ``y`` and anchored at ``x``."""
    width = text_width(text, size)
    left = x - width / 2 if anchor == "middle" else x - width if anchor == "end" else x
    return Box(left, y - ASCENT * size, left + width, y + DESCENT * size)


class Canvas:
    """Collects SVG elements, the boxes of texts, and the extent of everything drawn."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.labels: list[Label] = []
        self.extent = [float("inf"), float("inf"), float("-inf"), float("-inf")]

    def cover(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """Widens the extent of the drawing to hold the box (x0, y0)–(x1, y1)."""
        e = self.extent
        e[0], e[1], e[2], e[3] = min(e[0], x0, x1), min(e[1], y0, y1), max(e[2], x0, x1), max(e[3], y0, y1)

    def rect(self, x: float, y: float, w: float, h: float, cls: str, rx: float = 0) -> None:
        self.cover(x, y, x + w, y + h)
        corner = f' rx="{num(rx)}"' if rx else ""
        self.parts.append(f'<rect x="{num(x)}" y="{num(y)}" width="{num(w)}" height="{num(h)}"{corner} class="{cls}"/>')

    def polygon(self, points: list[tuple[float, float]], cls: str) -> None:
        for px, py in points:
            self.cover(px, py, px, py)
        coords = " ".join(f"{num(px)},{num(py)}" for px, py in points)
        self.parts.append(f'<polygon points="{coords}" class="{cls}"/>')

    def line(self, a: tuple[float, float], b: tuple[float, float], cls: str) -> None:
        self.cover(a[0], a[1], b[0], b[1])
        self.parts.append(f'<line x1="{num(a[0])}" y1="{num(a[1])}" x2="{num(b[0])}" y2="{num(b[1])}" class="{cls}"/>')

    def path(self, d: str, points: list[tuple[float, float]], cls: str) -> None:
        """A path; ``points`` are the ones that bound it (end and control points)."""
        for px, py in points:
            self.cover(px, py, px, py)
        self.parts.append(f'<path d="{d}" class="{cls}"/>')

    def text(self, x: float, y: float, text: str, size: float, anchor: str = "start", cls: str = "") -> Box:
        """Draws ``text`` (nothing when empty) and records its box."""
        box = text_box(x, y, text, size, anchor)
        if not text:
            return box
        self.cover(box.x0, box.y0, box.x1, box.y1)
        self.labels.append(Label(text, box))
        attrs = f' text-anchor="{anchor}"' if anchor != "start" else ""
        attrs += f' class="{cls}"' if cls else ""
        self.parts.append(f'<text x="{num(x)}" y="{num(y)}" font-size="{num(size)}"{attrs}>{xml(text)}</text>')
        return box

    @contextmanager
    def group(self, cls: str = "", title: tuple[str, ...] = (), **data: str) -> Iterator[None]:
        """A ``<g>`` with a class, ``data-*`` attributes and a tooltip ``<title>`` of ``title``'s lines."""
        attrs = f' class="{cls}"' if cls else ""
        attrs += "".join(f' data-{key}="{xml(value)}"' for key, value in data.items())
        self.parts.append(f"<g{attrs}>")
        if title:
            self.parts.append(f"<title>{'&#10;'.join(xml(line) for line in title)}</title>")
        yield
        self.parts.append("</g>")

    def drawing(self) -> Drawing:
        """The SVG document: a viewBox around everything drawn, plus a margin."""
        x0, y0, x1, y1 = self.extent if self.parts else (0.0, 0.0, 0.0, 0.0)
        view = Box(x0 - MARGIN, y0 - MARGIN, x1 + MARGIN, y1 + MARGIN)
        w, h = view.x1 - view.x0, view.y1 - view.y0
        svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{num(view.x0)} {num(view.y0)} {num(w)} '
               f'{num(h)}" width="{num(w)}" height="{num(h)}" font-family="{FONT}">'
               f'<style>{STYLE}</style><rect x="{num(view.x0)}" y="{num(view.y0)}" width="{num(w)}" '
               f'height="{num(h)}" fill="#fff"/>' + "".join(self.parts) + "</svg>\n")
        return Drawing(svg, view, tuple(self.labels))
