"""The ``blocks`` style (the AlexNet paper's figure, as NN-SVG draws it): each feature map a
cuboid, H tall, W deep (oblique) and C thick, labelled ``H×W×C``; kernels as small cubes on
a map's side with rays to the unit they make; dense layers as thin bars."""
from __future__ import annotations

from cnncalc.report.draw.sequence import Face, Point, Volume, drawing as chain_drawing, scaler, scales
from cnncalc.report.draw.svg import Canvas, Drawing
from cnncalc.report.draw.text import shape_text
from cnncalc.report.draw.view import View

OBLIQUE = 0.45
"""Receding axis: drawn at 45° and shortened to this fraction (cabinet-like projection)."""

BAR = 10.0
KERNEL_DEPTH = 6.0


class Cuboids:
    """Feature maps as cuboids; sides, thickness and bar lengths scaled over the whole network."""

    def __init__(self, chain: list[Volume]) -> None:
        self.side, self.length = scales(chain, (24.0, 160.0), (40.0, 200.0))
        self.thick = scaler([v.shape[-1] for v in chain if not v.flat], 4.0, 56.0)

    def label(self, volume: Volume) -> str:
        return shape_text(volume.shape)

    def _box(self, volume: Volume) -> tuple[float, float, float]:
        """(thickness, height, receding offset) of the cuboid."""
        if volume.flat:
            return BAR, self.length(volume.shape[0]), BAR * OBLIQUE
        height, width = volume.height_width
        return self.thick(volume.shape[-1]), self.side(height), self.side(width) * OBLIQUE

    def size(self, volume: Volume) -> tuple[float, float]:
        w, h, d = self._box(volume)
        return w + d, h + d

    def draw(self, canvas: Canvas, volume: Volume, x: float, y: float) -> Face:
        w, h, d = self._box(volume)
        cls = f"box g-{volume.glyph}"
        front = (x, y + d)
        canvas.rect(front[0], front[1], w, h, cls)
        top = [front, (x + d, y), (x + d + w, y), (x + w, y + d)]
        side = [(x + w, y + d), (x + w + d, y), (x + w + d, y + h), (x + w, y + d + h)]
        for face, shade in ((top, "lit"), (side, "shade")):
            canvas.polygon(face, cls)
            canvas.polygon(face, shade)
        if volume.flat:
            return Face.rect(x, y + d, w, h)
        return Face((x + w, y + d), (d, -d), (0.0, h))

    def window(self, canvas: Canvas, corners: list[Point]) -> list[Point]:
        """A kernel cube: the window on the side face, extruded into the volume."""
        back = [(px - KERNEL_DEPTH, py) for px, py in corners]
        canvas.polygon([back[0], corners[0], corners[1], back[1]], "window")
        canvas.polygon([back[0], corners[0], corners[3], back[3]], "window")
        canvas.polygon(corners, "window")
        return corners


def drawing(view: View) -> Drawing:
    """The blocks-style SVG of a sequential ``view``."""
    return chain_drawing(view, Cuboids)
