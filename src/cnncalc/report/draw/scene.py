"""Pieces every SVG style draws the same way: the caption, a layer's hover group, the legend."""
from __future__ import annotations

from contextlib import contextmanager
from typing import Iterator

from cnncalc.report.draw.model import DrawNode
from cnncalc.report.draw.palette import legend, legend_height
from cnncalc.report.draw.svg import Canvas, Drawing
from cnncalc.report.draw.text import count_text, shape_text
from cnncalc.report.draw.view import View

CAPTION = 14.0
LEGEND = 11.0
MIN_WIDTH = 360.0


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
    legend(canvas, glyphs, x, y, max(width, MIN_WIDTH), LEGEND)
    return canvas.drawing()


def heading(canvas: Canvas, view: View, glyphs: set[str], width: float) -> None:
    """The caption and under it the legend, both above y = 0: a tall drawing shows them first."""
    height = legend_height(glyphs, max(width, MIN_WIDTH), LEGEND)
    legend(canvas, glyphs, 0.0, -12.0 - height, max(width, MIN_WIDTH), LEGEND)
    caption(canvas, view, 0.0, -12.0 - height - 12.0)
