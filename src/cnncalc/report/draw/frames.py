"""Block frames of the graph style: a dashed box around each block instance, named at its top.

A frame's name sits in a header row reserved above the frame's first layer (one row per
frame that starts there, outermost on top); nested frames get wider margins than the frames
inside them, so borders never coincide.
"""
from __future__ import annotations

from dataclasses import dataclass

from cnncalc.report.draw.layout import Footprint, Placement
from cnncalc.report.draw.model import DrawNode
from cnncalc.report.draw.svg import Box, Canvas, text_box
from cnncalc.report.draw.text import text_width

HEADER = 11.0
STEP = HEADER * 1.3 + 7.0
"""Height of one header row: the text plus a margin."""

SIDE, NEST = 5.0, 6.0


@dataclass(frozen=True)
class Frame:
    """A block instance: its name, nesting level (0 = outermost) and member node indices."""

    name: str
    level: int
    members: tuple[int, ...]
    inner: int
    """How many levels of frames nest inside this one."""


def frames_of(nodes: tuple[DrawNode, ...] | list[DrawNode]) -> list[Frame]:
    """One frame per block instance that some node sits in, outermost first."""
    members: dict[tuple[str, ...], list[int]] = {}
    for i, node in enumerate(nodes):
        for k in range(1, len(node.block) + 1):
            members.setdefault(node.block[:k], []).append(i)
    frames = [Frame(key[-1], len(key) - 1, tuple(ms), max(len(nodes[m].block) for m in ms) - len(key))
              for key, ms in members.items()]
    return sorted(frames, key=lambda f: f.level)


def starts(frames: list[Frame], layer: list[int], n: int) -> list[list[Frame]]:
    """Per node, the frames whose header sits above it (outermost first): those starting on its layer."""
    result: list[list[Frame]] = [[] for _ in range(n)]
    for frame in frames:
        top = min(layer[m] for m in frame.members)
        for m in frame.members:
            if layer[m] == top:
                result[m].append(frame)
    return result


def room(stack: list[Frame]) -> tuple[float, float]:
    """(height above, width) the headers of ``stack`` need over a node."""
    width = max((text_width(f.name, HEADER) + 2 * (SIDE + NEST * f.inner) + 8 for f in stack), default=0.0)
    return len(stack) * STEP, width


def draw_frames(canvas: Canvas, frames: list[Frame], stacks: list[list[Frame]], boxes: list[Box],
                place: Placement, feet: list[Footprint], blocked: list[Box]) -> None:
    """Draws every frame around its members and the bends, level with them, of the edges that
    touch them, outermost first; a header that would touch another text is left out."""
    for frame in frames:
        margin = SIDE + NEST * frame.inner
        members = set(frame.members)
        top, bottom = min(place.y[m] for m in members), max(place.y[m] for m in members)
        bends = [x for a, b, points in place.routes if a in members or b in members
                 for x, y in points[1:-1] if top <= y <= bottom]
        x0 = min([place.x[m] - feet[m].width / 2 for m in frame.members] + bends) - margin
        x1 = max([place.x[m] + feet[m].width / 2 for m in frame.members] + bends) + margin
        y1 = max(place.y[m] + feet[m].below for m in frame.members) + 3 + 4 * frame.inner
        y0 = min(boxes[m].y0 - (len(stacks[m]) - stacks[m].index(frame)) * STEP
                 for m in frame.members if frame in stacks[m])
        canvas.rect(x0, y0, x1 - x0, y1 - y0, "frame", 6)
        header = text_box(x0 + 6, y0 + 4 + HEADER * 0.95, frame.name, HEADER)
        if not any(header.overlaps(b) for b in blocked):
            canvas.text(x0 + 6, y0 + 4 + HEADER * 0.95, frame.name, HEADER, cls="muted")
            blocked.append(header)
