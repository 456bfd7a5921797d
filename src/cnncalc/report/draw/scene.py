"""Pieces every SVG style draws the same way: the caption, a layer's hover group, the legend."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from .model import DrawNode
from .palette import legend
from .svg import Canvas, Drawing
from .text import count_text, shape_text
from .view import View

CAPTION = 14.0
LEGEND = 11.0


def caption(canvas: Canvas, view: View, x: float, y: float) -> None:
    """The network's name and totals as one line with its baseline at ``y``."""
    params = sum(n.params for n in view.nodes)
    macs = sum(n.macs for n in view.nodes)
    canvas.text(x, y, f"{view.name}: {count_text(params)} params, {count_text(macs)} MACs", CAPTION, cls="title")


def tooltip(node: DrawNode) -> tuple[str, ...]:
    """Lines describing ``node``: name, kind, output, counts and receptive field."""
    lines = [node.name, f"{node.kind} {node.detail}".strip(), f"output {shape_text(node.output)}",
             f"params {count_text(node.params)}", f"MACs {count_text(node.macs)}"]
    if node.receptive_field:
        lines.append(f"receptive field {shape_text(node.receptive_field)}")
    return tuple(lines)


@contextmanager
def layer_group(canvas: Canvas, node: DrawNode, rows: tuple[int, ...]) -> Iterator[None]:
    """A hoverable group for one node, naming the table rows it stands for and its receptive field."""
    rf = shape_text(node.receptive_field) if node.receptive_field else ""
    with canvas.group("layer", tooltip(node), rows=" ".join(str(r) for r in rows), rf=rf, name=node.name):
        yield


def finish(canvas: Canvas, glyphs: set[str], x: float, y: float, width: float) -> Drawing:
    """Draws the legend of ``glyphs`` from (x, y) and returns the finished drawing."""
    legend(canvas, sorted(glyphs), x, y, max(width, 360.0), LEGEND)
    return canvas.drawing()
