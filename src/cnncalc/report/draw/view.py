"""What one drawing shows: the diagram's nodes, with blocks deeper than ``--depth`` collapsed.

The cut is torchinfo's ``max_depth``, as the report table applies it: a node inside more
than ``depth`` blocks is drawn as the block instance at level ``depth`` (0 = outermost).
"""
from __future__ import annotations

import heapq
from dataclasses import dataclass, replace

from cnncalc.report.draw.model import BLOCK, Diagram, DrawNode, is_sequential


@dataclass(frozen=True)
class View:
    """Nodes to draw (layers or collapsed blocks) and, per node, the table rows it stands for."""

    name: str
    input: tuple[int, ...]
    nodes: tuple[DrawNode, ...]
    rows: dict[str, tuple[int, ...]]

    @property
    def sequential(self) -> bool:
        """True when the shown nodes form a chain."""
        return is_sequential(self.nodes)


def collapse(diagram: Diagram, depth: int | None = None) -> View:
    """The view of ``diagram`` at ``depth``; None keeps every layer."""
    if depth is None:
        return View(diagram.name, diagram.input, diagram.nodes,
                    {node.name: (i,) for i, node in enumerate(diagram.nodes)})
    groups: dict[tuple[str, ...], list[int]] = {}
    shown: dict[str, str] = {}
    order: list[tuple[str, ...] | str] = []
    for i, node in enumerate(diagram.nodes):
        if len(node.block) > depth:
            key = node.block[: depth + 1]
            if key not in groups:
                groups[key] = []
                order.append(key)
            groups[key].append(i)
            shown[node.name] = key[-1]
        else:
            order.append(node.name)
            shown[node.name] = node.name
    by_name = {node.name: i for i, node in enumerate(diagram.nodes)}
    nodes, rows = [], {}
    for item in order:
        if isinstance(item, str):
            node = diagram.nodes[by_name[item]]
            nodes.append(_renamed(node, shown))
            rows[node.name] = (by_name[item],)
        else:
            group = _group(diagram, item, groups[item], shown)
            nodes.append(group)
            rows[group.name] = tuple(groups[item])
    return View(diagram.name, diagram.input, _in_order(nodes), rows)


def _renamed(node: DrawNode, shown: dict[str, str]) -> DrawNode:
    inputs = tuple(dict.fromkeys(shown.get(name, name) for name in node.inputs))
    return node if inputs == node.inputs else replace(node, inputs=inputs)


def _group(diagram: Diagram, key: tuple[str, ...], members: list[int], shown: dict[str, str]) -> DrawNode:
    inside = [diagram.nodes[i] for i in members]
    names = {node.name for node in inside}
    inputs = tuple(dict.fromkeys(shown.get(name, name) for node in inside for name in node.inputs
                                 if name not in names))
    last = inside[-1]
    count = len(inside)
    return DrawNode(key[-1], BLOCK, BLOCK, f"of {count} layer{'s' if count != 1 else ''}", last.output, inputs,
                    key[:-1], sum(n.params for n in inside), sum(n.macs for n in inside),
                    last.receptive_field, None)


def _in_order(nodes: list[DrawNode]) -> tuple[DrawNode, ...]:
    """``nodes`` with every producer before its consumers, otherwise as given (stable Kahn)."""
    index = {node.name: i for i, node in enumerate(nodes)}
    waiting = [sum(1 for name in node.inputs if name in index and name != node.name) for node in nodes]
    consumers: dict[str, list[int]] = {}
    for i, node in enumerate(nodes):
        for name in node.inputs:
            if name in index and name != node.name:
                consumers.setdefault(name, []).append(i)
    ready = [i for i, w in enumerate(waiting) if w == 0]
    heapq.heapify(ready)
    result = []
    while ready:
        i = heapq.heappop(ready)
        result.append(nodes[i])
        for j in consumers.get(nodes[i].name, ()):
            waiting[j] -= 1
            if waiting[j] == 0:
                heapq.heappush(ready, j)
    placed = {node.name for node in result}
    result.extend(node for node in nodes if node.name not in placed)
    return tuple(result)
