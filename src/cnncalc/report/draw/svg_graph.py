"""The ``graph`` style: one box per layer (name; kind and hyperparameters) with its output shape
on the outgoing edge, branches and merges laid out as a layered DAG, blocks as frames."""
from __future__ import annotations

from cnncalc.report.draw.frames import draw_frames, frames_of, room, starts
from cnncalc.report.draw.layout import Footprint, Point, layered, layers
from cnncalc.report.draw.model import BLOCK, DrawNode
from cnncalc.report.draw.outline import input_node, second_line
from cnncalc.report.draw.scene import heading, layer_group
from cnncalc.report.draw.svg import Box, Canvas, Drawing, num, text_box
from cnncalc.report.draw.text import shape_text, text_width
from cnncalc.report.draw.view import View

NAME, DETAIL, SHAPE = 12.0, 11.0, 10.5
PAD, LINE = 8.0, 1.35
BOX_H = 2 * PAD + (1 + LINE) * NAME
LABEL_GAP = 4.0
ARROW = 6.0


def drawing(view: View) -> Drawing:
    """The graph-style SVG of ``view``."""
    nodes = (input_node(view), *view.nodes)
    index = {node.name: i for i, node in enumerate(nodes)}
    preds = [[index[name] for name in node.inputs if name in index] for node in nodes]
    lines = [(node.name, second_line(node)) for node in nodes]
    widths = [max(text_width(a, NAME), text_width(b, DETAIL)) + 2 * PAD for a, b in lines]
    frames = frames_of(nodes)
    stacks = starts(frames, layers(preds), len(nodes))
    feet = [_footprint(node, widths[i], room(stacks[i])) for i, node in enumerate(nodes)]
    place = layered(preds, feet)
    boxes = [Box(x - w / 2, y - BOX_H / 2, x + w / 2, y + BOX_H / 2) for x, y, w in zip(place.x, place.y, widths)]
    shapes = [text_box((b.x0 + b.x1) / 2, _shape_baseline(b), shape_text(n.output), SHAPE, "middle")
              for b, n in zip(boxes, nodes)]
    canvas = Canvas()
    heading(canvas, view, {node.glyph for node in nodes}, place.width)
    draw_frames(canvas, frames, stacks, boxes, place, feet, boxes + shapes)
    _edges(canvas, place.routes, boxes)
    for node, text, box in zip(nodes, lines, boxes):
        _node(canvas, node, text, box, view.rows.get(node.name, ()))
    return canvas.drawing()


def _footprint(node: DrawNode, width: float, headers: tuple[float, float]) -> Footprint:
    shape = text_width(shape_text(node.output), SHAPE)
    return Footprint(max(width, shape, headers[1]), BOX_H / 2 + headers[0],
                     BOX_H / 2 + LABEL_GAP + 1.25 * SHAPE)


def _shape_baseline(box: Box) -> float:
    return box.y1 + LABEL_GAP + 0.95 * SHAPE


def _node(canvas: Canvas, node: DrawNode, lines: tuple[str, str], box: Box, rows: tuple[int, ...]) -> None:
    cx = (box.x0 + box.x1) / 2
    with layer_group(canvas, node, rows):
        cls = f"box g-{node.glyph}" + (" collapsed" if node.glyph == BLOCK else "")
        canvas.rect(box.x0, box.y0, box.x1 - box.x0, box.y1 - box.y0, cls, 4)
        canvas.text(cx, box.y0 + PAD + 0.95 * NAME, lines[0], NAME, "middle", "title")
        if lines[1]:
            canvas.text(cx, box.y0 + PAD + (0.95 + LINE) * NAME, lines[1], DETAIL, "middle")
    canvas.text(cx, _shape_baseline(box), shape_text(node.output), SHAPE, "middle", "halo muted")


def _edges(canvas: Canvas, routes, boxes: list[Box]) -> None:
    """Every edge as smooth vertical S-curves through its bends, arriving at a port on the target."""
    arriving: dict[int, list[tuple[float, int]]] = {}
    for k, (_, target, points) in enumerate(routes):
        arriving.setdefault(target, []).append((points[-2][0], k))
    ports: dict[int, float] = {}
    for target, items in arriving.items():
        box = boxes[target]
        spacing = min(14.0, (box.x1 - box.x0 - 2 * PAD) / max(len(items) - 1, 1))
        centre = (box.x0 + box.x1) / 2
        for j, (_, k) in enumerate(sorted(items)):
            ports[k] = centre + (j - (len(items) - 1) / 2) * spacing
    for k, (source, target, points) in enumerate(routes):
        x, below = points[0][0], boxes[source].y1
        end = (ports[k], boxes[target].y0)
        _curve(canvas, [(x, below), (x, below + LABEL_GAP + 1.25 * SHAPE), *points[1:-1], (end[0], end[1] - ARROW)])
        canvas.polygon([(end[0] - ARROW / 2, end[1] - ARROW), (end[0] + ARROW / 2, end[1] - ARROW), end], "arrow")


def _curve(canvas: Canvas, points: list[Point]) -> None:
    """A straight stub through the output-shape label, then S-curves with vertical tangents."""
    d = [f"M{num(points[0][0])} {num(points[0][1])}L{num(points[1][0])} {num(points[1][1])}"]
    for (ax, ay), (bx, by) in zip(points[1:], points[2:]):
        mid = (ay + by) / 2
        d.append(f"C{num(ax)} {num(mid)} {num(bx)} {num(mid)} {num(bx)} {num(by)}")
    canvas.path("".join(d), points, "edge")
