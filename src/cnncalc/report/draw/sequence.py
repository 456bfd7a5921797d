"""The skeleton the ``lenet`` and ``blocks`` styles share: a chain of volumes, left to right.

Each volume is a feature map (or a flat vector) with the layers folded into it that keep its
shape (activations, normalisations, dropout). Above each volume its label; between two
volumes, at the bottom, the operation (``conv+relu`` / ``5×5, 6``); a kernel window on a
volume with rays to the unit it makes in the next; a fan of rays into a flat vector. How a
volume looks (a stack of planes, a cuboid) is the style's ``Look``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable, Protocol

from cnncalc.report.draw.model import DrawNode
from cnncalc.report.draw.outline import input_node
from cnncalc.report.draw.scene import caption, finish, layer_group
from cnncalc.report.draw.svg import Canvas, Drawing
from cnncalc.report.draw.text import text_width
from cnncalc.report.draw.view import View

FOLDED = ("activation", "norm", "regularizer")
"""Glyphs of layers drawn as part of the volume before them when they keep its shape."""

LABEL, OP = 12.0, 11.0
GAP = 44.0
WINDOW_AT = (0.62, 0.3)
"""Where a kernel window sits on a face, as fractions of its free width and height."""

Point = tuple[float, float]


@dataclass(frozen=True)
class Volume:
    """A drawn tensor: its shape and glyph, the layers it stands for (producer first), their rows."""

    shape: tuple[int, ...]
    glyph: str
    nodes: tuple[DrawNode, ...]
    rows: tuple[int, ...]

    @property
    def flat(self) -> bool:
        """True for a vector (one axis), drawn as a column."""
        return len(self.shape) == 1

    @property
    def height_width(self) -> tuple[int, int]:
        """The two spatial sizes a face shows: (H, W), (L, 1) for 1-D, the last two for 3-D."""
        return pair(self.shape[:-1])

    @property
    def operation(self) -> tuple[str, str]:
        """The two lines under the gap before this volume: kinds joined by ``+``, then the detail."""
        if not self.nodes:
            return "", ""
        return "+".join(node.kind for node in self.nodes), self.nodes[0].detail


@dataclass(frozen=True)
class Face:
    """The side of a volume that windows and rays attach to: a parallelogram from ``origin``
    spanned by ``u`` (along the map's width) and ``v`` (along its height)."""

    origin: Point
    u: Point
    v: Point

    @classmethod
    def rect(cls, x: float, y: float, w: float, h: float) -> "Face":
        """An upright rectangle as a face."""
        return cls((x, y), (w, 0.0), (0.0, h))

    def at(self, fx: float, fy: float) -> Point:
        """The point at fractions (fx, fy) of the face."""
        return (self.origin[0] + fx * self.u[0] + fy * self.v[0], self.origin[1] + fx * self.u[1] + fy * self.v[1])

    def quad(self, fx: float, fy: float, fw: float, fh: float) -> list[Point]:
        """The corners of the part of the face from (fx, fy) spanning (fw, fh), clockwise."""
        return [self.at(fx, fy), self.at(fx + fw, fy), self.at(fx + fw, fy + fh), self.at(fx, fy + fh)]

    def fractions(self, px: float, map_w: int, map_h: int) -> tuple[float, float]:
        """The fractions of the face that one map pixel spans, made at least ``px`` wide and tall."""
        return (min(1.0, max(1 / map_w, px / max(math.hypot(*self.u), 1e-9))),
                min(1.0, max(1 / map_h, px / max(math.hypot(*self.v), 1e-9))))


class Look(Protocol):
    """How one style draws a volume."""

    def label(self, volume: Volume) -> str:
        """The text above the volume."""

    def size(self, volume: Volume) -> tuple[float, float]:
        """(width, height) of the drawn volume."""

    def draw(self, canvas: Canvas, volume: Volume, x: float, y: float) -> Face:
        """Draws the volume with its top-left corner at (x, y); returns the face rays attach to."""

    def window(self, canvas: Canvas, corners: list[Point]) -> list[Point]:
        """Draws the kernel window whose face corners are given; returns the points rays leave from."""


def pair(space: tuple[int, ...]) -> tuple[int, int]:
    """The two sizes a face shows: (H, W); (L, 1) in 1-D; the last two in 3-D."""
    return (space[-2], space[-1]) if len(space) >= 2 else (space[0], 1) if space else (1, 1)


def volumes(view: View) -> list[Volume]:
    """The chain of volumes of a sequential view, starting with the input."""
    result = [Volume(view.input, "input", (), ())]
    for node in view.nodes:
        last = result[-1]
        rows = view.rows.get(node.name, ())
        if node.glyph in FOLDED and node.output == last.shape and last.nodes:
            result[-1] = Volume(last.shape, last.glyph, last.nodes + (node,), last.rows + rows)
        else:
            result.append(Volume(node.output, node.glyph, (node,), rows))
    return result


def scaler(values: list[int], low: float, high: float) -> Callable[[int], float]:
    """Sizes in px from ``low`` to ``high``: linear, or logarithmic when the values span over 10×."""
    small, large = min(values, default=1), max(values, default=1)
    if large == small:
        return lambda v: high if large > 1 else low
    if large / small <= 10:
        return lambda v: max(low, high * v / large)
    span = math.log(large / small)
    return lambda v: low + (high - low) * math.log(v / small) / span


def scales(chain: list[Volume], sides: tuple[float, float],
           lengths: tuple[float, float]) -> tuple[Callable[[int], float], Callable[[int], float]]:
    """Scalers over the whole chain: for a map's H and W, and for a flat vector's length."""
    return (scaler([n for v in chain if not v.flat for n in v.height_width], *sides),
            scaler([v.shape[0] for v in chain if v.flat], *lengths))


def drawing(view: View, looks: Callable[[list[Volume]], Look]) -> Drawing:
    """The chain drawn left to right in the look ``looks(chain)`` makes, with labels, operations,
    windows, rays and the legend."""
    chain = volumes(view)
    look = looks(chain)
    sizes = [look.size(v) for v in chain]
    labels = [look.label(v) for v in chain]
    ops = [v.operation for v in chain]
    slots = [max(w, text_width(t, LABEL)) for (w, _), t in zip(sizes, labels)]
    gaps = [max(GAP, max(text_width(a, OP), text_width(b, OP)) + 14) for a, b in ops[1:]]
    lowest = max(h for _, h in sizes) / 2
    canvas = Canvas()
    faces, x = [], 0.0
    for i, (volume, (w, h)) in enumerate(zip(chain, sizes)):
        left = x + (slots[i] - w) / 2
        with layer_group(canvas, volume.nodes[0] if volume.nodes else input_node(view), volume.rows):
            faces.append(look.draw(canvas, volume, left, -h / 2))
            canvas.text(x + slots[i] / 2, -h / 2 - 9, labels[i], LABEL, "middle", "title halo")
        if i:
            centre = x - gaps[i - 1] / 2
            canvas.text(centre, lowest + 24, ops[i][0], OP, "middle")
            canvas.text(centre, lowest + 24 + 1.4 * OP, ops[i][1], OP, "middle", "muted")
        x += slots[i] + (gaps[i] if i < len(gaps) else 0)
    for i in range(1, len(chain)):
        _connect(canvas, look, chain[i - 1], chain[i], faces[i - 1], faces[i])
    caption(canvas, view, 0.0, -max(h for _, h in sizes) / 2 - 40)
    return finish(canvas, {v.glyph for v in chain}, 0.0, lowest + 30 + 2.4 * OP, x)


def _connect(canvas: Canvas, look: Look, before: Volume, after: Volume, a: Face, b: Face) -> None:
    """A kernel window with rays to its output unit, or a fan into a flat vector."""
    kernel = after.nodes[0].kernel if after.nodes else None
    if kernel and not before.flat and not after.flat:
        (height, width), (kh, kw) = before.height_width, pair(kernel)
        one_w, one_h = a.fractions(3.0, width, height)
        fw, fh = min(1.0, max(one_w, kw / width)), min(1.0, max(one_h, kh / height))
        fx, fy = WINDOW_AT[0] * (1 - fw), WINDOW_AT[1] * (1 - fh)
        sources = look.window(canvas, a.quad(fx, fy, fw, fh))
        out_h, out_w = after.height_width
        uw, uh = b.fractions(3.0, out_w, out_h)
        cx, cy = fx + fw / 2, fy + fh / 2
        canvas.polygon(b.quad(cx - uw / 2, cy - uh / 2, uw, uh), "window")
        target = b.at(cx, cy)
        for point in sources:
            canvas.line(point, target, "ray")
    else:
        canvas.line(a.at(1, 0), b.at(0, 0), "fan")
        canvas.line(a.at(1, 1), b.at(0, 1), "fan")
