"""Graphviz DOT: one box per layer, output shapes on the edges, blocks as nested clusters.

Ids are quoted (``"n3"``); every label is a quoted string in which user text is made visible
and its backslashes and quotes escaped, so no name can end a string or start an escape.
"""
from __future__ import annotations

from cnncalc.report.draw.model import BLOCK
from cnncalc.report.draw.outline import outline, second_line, walk
from cnncalc.report.draw.palette import COLOURS, LINE
from cnncalc.report.draw.svg import FONT
from cnncalc.report.draw.text import shape_text, visible
from cnncalc.report.draw.view import View


def quoted(*lines: str) -> str:
    """A DOT quoted string showing ``lines`` literally, one under the other."""
    return '"' + "\\n".join(visible(line).replace("\\", "\\\\").replace('"', '\\"') for line in lines) + '"'


def dot(view: View) -> str:
    """The DOT text of ``view``."""
    graph = outline(view)
    font = quoted(FONT.split(",")[0])
    lines = [f"digraph {quoted(view.name)} {{",
             f"  graph [rankdir=TB, fontname={font}, label={quoted(view.name)}, labelloc=t];",
             f'  node [shape=box, style="rounded,filled", fontname={font}, fontsize=10, color="{LINE}"];',
             f'  edge [fontname={font}, fontsize=9, color="{LINE}"];']
    for event, number, depth, name in walk(graph.root):
        indent = "  " * depth
        if event == "node":
            node = graph.nodes[number]
            dashed = ', style="rounded,filled,dashed"' if node.glyph == BLOCK else ""
            lines.append(f'{indent}"n{number}" [label={quoted(node.name, second_line(node))}, '
                         f'fillcolor="{COLOURS[node.glyph]}"{dashed}];')
        elif event == "open":
            lines.append(f'{indent}subgraph "cluster_{number}" {{')
            lines.append(f'{indent}  label={quoted(name)}; style="dashed,rounded"; color="#bdbdbd";')
        else:
            lines.append(f"{indent}}}")
    for source, target in graph.edges:
        lines.append(f'  "n{source}" -> "n{target}" [label={quoted(shape_text(graph.nodes[source].output))}];')
    lines.append("}")
    return "\n".join(lines) + "\n"
