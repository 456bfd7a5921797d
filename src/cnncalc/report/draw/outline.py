"""A view as a plain graph for the text forms (DOT, Mermaid): nodes with the input first,
edges labelled with the producer's output shape, and the nesting of blocks as a tree."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator

from cnncalc.report.draw.model import INPUT, DrawNode
from cnncalc.report.draw.view import View


@dataclass
class Cluster:
    """A block instance: the nodes directly inside it and the blocks nested in it."""

    name: str
    members: list[int] = field(default_factory=list)
    children: dict[tuple[str, ...], "Cluster"] = field(default_factory=dict)


@dataclass(frozen=True)
class Outline:
    """Nodes (index 0 is the input), edges as (producer, consumer) indices, and the block tree."""

    nodes: tuple[DrawNode, ...]
    edges: tuple[tuple[int, int], ...]
    root: Cluster


def input_node(view: View) -> DrawNode:
    """The network's input as a node of its own."""
    return DrawNode(INPUT, "input", "input", "", view.input, (), (), 0, 0, None, None)


def outline(view: View) -> Outline:
    """The graph of ``view``, with every node filed under its innermost block."""
    nodes = (input_node(view), *view.nodes)
    index = {node.name: i for i, node in enumerate(nodes)}
    edges = tuple((index[name], i) for i, node in enumerate(nodes) for name in node.inputs if name in index)
    root = Cluster("")
    for i, node in enumerate(nodes):
        cluster = root
        for k in range(1, len(node.block) + 1):
            key = node.block[:k]
            cluster = cluster.children.setdefault(key, Cluster(key[-1]))
        cluster.members.append(i)
    return Outline(nodes, edges, root)


def walk(cluster: Cluster, depth: int = 1, counter: list[int] | None = None) -> Iterator[tuple[str, int, int, str]]:
    """The block tree in writing order as (event, number, depth, name): ``node`` (number = node
    index), then ``open`` and ``close`` around each nested cluster (number = cluster number)."""
    counter = [0] if counter is None else counter
    for i in cluster.members:
        yield "node", i, depth, ""
    for child in cluster.children.values():
        number = counter[0]
        counter[0] += 1
        yield "open", number, depth, child.name
        yield from walk(child, depth + 1, counter)
        yield "close", number, depth, child.name


def second_line(node: DrawNode) -> str:
    """A node's kind and hyperparameters as one line (``conv 5×5, 6``); nothing for the input."""
    return "" if node.name == INPUT and node.kind == "input" else f"{node.kind} {node.detail}".strip()
