"""The ``lenet`` style (LeCun 1998, as NN-SVG draws it): each feature map a stack of planes sized
by H×W and labelled ``C@H×W``, the kernel window on a map with rays to the unit it makes,
dense layers as thin columns labelled with their units."""
from __future__ import annotations

from cnncalc.report.draw.sequence import Face, Point, Volume, drawing as chain_drawing, scales
from cnncalc.report.draw.svg import Canvas, Drawing
from cnncalc.report.draw.text import shape_text
from cnncalc.report.draw.view import View

PLANES = 16
"""At most this many planes per stack; the label gives the true count."""

DEPTH = 48.0
COLUMN = 12.0


class Planes:
    """Feature maps as stacks of planes; sizes scaled over the whole network."""

    def __init__(self, chain: list[Volume]) -> None:
        self.side, self.length = scales(chain, (16.0, 150.0), (36.0, 200.0))

    def label(self, volume: Volume) -> str:
        if volume.flat:
            return str(volume.shape[0])
        return f"{volume.shape[-1]}@{shape_text(volume.shape[:-1])}"

    def _stack(self, volume: Volume) -> tuple[int, float, float, float]:
        count = min(volume.shape[-1], PLANES)
        step = min(8.0, DEPTH / (count - 1)) if count > 1 else 0.0
        height, width = volume.height_width
        return count, step, self.side(width), self.side(height)

    def size(self, volume: Volume) -> tuple[float, float]:
        if volume.flat:
            return COLUMN, self.length(volume.shape[0])
        count, step, w, h = self._stack(volume)
        return w + (count - 1) * step, h + (count - 1) * step

    def draw(self, canvas: Canvas, volume: Volume, x: float, y: float) -> Face:
        cls = f"box g-{volume.glyph}"
        if volume.flat:
            h = self.length(volume.shape[0])
            canvas.rect(x, y, COLUMN, h, cls)
            return Face.rect(x, y, COLUMN, h)
        count, step, w, h = self._stack(volume)
        for j in range(count):
            canvas.rect(x + j * step, y + j * step, w, h, cls)
        return Face.rect(x + (count - 1) * step, y + (count - 1) * step, w, h)

    def window(self, canvas: Canvas, corners: list[Point]) -> list[Point]:
        canvas.polygon(corners, "window")
        return corners


def drawing(view: View) -> Drawing:
    """The lenet-style SVG of a sequential ``view``."""
    return chain_drawing(view, Planes)
