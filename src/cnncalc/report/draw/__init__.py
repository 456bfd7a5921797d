"""Pictures of a network: SVG in three styles, Graphviz DOT, Mermaid, and a self-contained HTML page.

``render(diagram, fmt, style, depth)`` returns the text of one form; ``write(diagram, path)``
picks the form from the file's suffix; ``draw(spec, path)`` is what ``cnncalc draw`` runs.
"""
from __future__ import annotations

from pathlib import Path

from cnncalc.core.choices import DRAW_STYLES as STYLES
from cnncalc.core.errors import FlagError, Loc, Where
from cnncalc.report.draw.model import GLYPHS, Diagram, DrawNode, is_sequential
from cnncalc.report.draw.svg import Drawing
from cnncalc.report.draw.view import View, collapse

FORMATS = {".svg": "svg", ".dot": "dot", ".mmd": "mermaid", ".html": "html"}
XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'


def style_for(diagram: Diagram, view: View, style: str) -> str:
    """The style to draw: ``auto`` is lenet for a sequential network and graph for a branching one."""
    _known(style)
    if style == "auto":
        return "lenet" if is_sequential(diagram.nodes) and view.sequential else "graph"
    if style != "graph" and not view.sequential:
        node, before = _first_branch(view)
        reads = " and ".join(repr(name) for name in node.inputs) or "nothing"
        raise FlagError(f"style {style} draws a chain of layers, but {node.name!r} reads {reads}, not {before!r}",
                        Where(Loc("--style")), "--style graph, or a --depth that collapses the branches")
    return style


def _first_branch(view: View) -> tuple[DrawNode, str]:
    """The first node that does not read just the node before it, and that node's name."""
    before = "input"
    for node in view.nodes:
        if node.inputs != (before,):
            return node, before
        before = node.name
    raise AssertionError("a sequential view has no branch")


def drawing(diagram: Diagram, style: str = "auto", depth: int | None = None) -> Drawing:
    """The SVG drawing of ``diagram`` in ``style`` at ``depth``, with the boxes of its texts."""
    view = collapse(diagram, _depth(depth))
    chosen = style_for(diagram, view, style)
    if chosen == "graph":
        from cnncalc.report.draw.svg_graph import drawing as draw
    elif chosen == "lenet":
        from cnncalc.report.draw.svg_lenet import drawing as draw
    else:
        from cnncalc.report.draw.svg_blocks import drawing as draw
    return draw(view)


def render(diagram: Diagram, fmt: str = "svg", style: str = "auto", depth: int | None = None) -> str:
    """The text of ``diagram`` as ``fmt``: ``svg``, ``dot``, ``mermaid`` or ``html``."""
    if fmt == "svg":
        return XML_DECLARATION + drawing(diagram, style, depth).svg
    if fmt == "html":
        from cnncalc.report.draw.html import page

        return page(diagram, drawing(diagram, style, depth))
    if fmt not in ("dot", "mermaid"):
        raise FlagError(f"unknown format {fmt!r}", Where(Loc("--format")), "svg, dot, mermaid or html")
    if _known(style) not in ("auto", "graph"):
        raise FlagError(f"style {style} is drawn as SVG; a .dot or .mmd file is always a graph",
                        Where(Loc("--style")), "--style graph or auto, or an .svg or .html file")
    view = collapse(diagram, _depth(depth))
    if fmt == "dot":
        from cnncalc.report.draw.dot import dot

        return dot(view)
    from cnncalc.report.draw.mermaid import mermaid

    return mermaid(view)


def format_of(path: str | Path) -> str:
    """The form a file's suffix asks for: ``.svg``, ``.dot``, ``.mmd`` or ``.html``."""
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise FlagError(f"cannot tell the picture's form from {str(path)!r}", Where(Loc("-o")),
                        "a file name ending in .svg, .dot, .mmd or .html")
    return FORMATS[suffix]


def write(diagram: Diagram, path: str | Path, style: str = "auto", depth: int | None = None) -> Path:
    """Writes ``diagram`` to ``path`` in the form its suffix names; returns the path."""
    text = render(diagram, format_of(path), style, depth)
    target = Path(path)
    target.write_text(text, encoding="utf-8")
    return target


def draw(spec: str | dict, path: str | Path, style: str = "auto", depth: int | None = None,
         convention: str | None = None) -> Path:
    """``cnncalc draw SPEC -o PATH [--style S] [--depth N]``: reads the spec, writes the picture."""
    from cnncalc.report.draw.adapter import diagram_of_spec

    format_of(path)
    _known(style)
    return write(diagram_of_spec(spec, convention), path, style, depth)


def _known(style: str) -> str:
    if style not in STYLES:
        from cnncalc.core.errors import did_you_mean

        raise FlagError(f"unknown style {style!r}", Where(Loc("--style")), f"one of {', '.join(STYLES)}",
                        did_you_mean(style, STYLES))
    return style


def _depth(depth: int | None) -> int | None:
    if depth is not None and (isinstance(depth, bool) or not isinstance(depth, int) or depth < 0):
        raise FlagError(f"--depth {depth!r}: expected a whole number, 0 or more", Where(Loc("--depth")))
    return depth


__all__ = ["Diagram", "DrawNode", "Drawing", "GLYPHS", "STYLES", "render", "write", "draw", "drawing",
           "format_of", "style_for"]
