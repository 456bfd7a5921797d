"""A Mermaid flowchart: one node per layer, output shapes on the edges, blocks as subgraphs.

Ids are ``n3`` / ``g2``; every label is a quoted string in which user text is made visible and
the characters Mermaid would read (quotes, ``<``, ``>``, ``&``, ``#``, backticks) are written
as Mermaid's ``#name;`` / ``#code;`` entities.
"""
from __future__ import annotations

from cnncalc.report.draw.model import BLOCK
from cnncalc.report.draw.outline import outline, second_line, walk
from cnncalc.report.draw.palette import COLOURS, LINE
from cnncalc.report.draw.text import shape_text, visible
from cnncalc.report.draw.view import View

_ENTITIES = str.maketrans({"#": "#35;", '"': "#quot;", "&": "#amp;", "<": "#lt;", ">": "#gt;", "`": "#96;"})


def quoted(*lines: str) -> str:
    """A Mermaid quoted label showing ``lines`` literally, one under the other."""
    return '"' + "<br/>".join(visible(line).translate(_ENTITIES) for line in lines) + '"'


def mermaid(view: View) -> str:
    """The Mermaid flowchart text of ``view``."""
    graph = outline(view)
    lines = ["flowchart TB"]
    for event, number, depth, name in walk(graph.root):
        indent = "  " * depth
        if event == "node":
            node = graph.nodes[number]
            lines.append(f"{indent}n{number}[{quoted(node.name, second_line(node))}]")
        elif event == "open":
            lines.append(f"{indent}subgraph g{number} [{quoted(name)}]")
        else:
            lines.append(f"{indent}end")
    for source, target in graph.edges:
        lines.append(f"  n{source} -- {quoted(shape_text(graph.nodes[source].output))} --> n{target}")
    used: dict[str, list[str]] = {}
    for i, node in enumerate(graph.nodes):
        used.setdefault(node.glyph, []).append(f"n{i}")
    for glyph, ids in used.items():
        dashed = ",stroke-dasharray:5" if glyph == BLOCK else ""
        lines.append(f"  classDef {glyph} fill:{COLOURS[glyph]},stroke:{LINE}{dashed}")
        lines.append(f"  class {','.join(ids)} {glyph}")
    return "\n".join(lines) + "\n"
