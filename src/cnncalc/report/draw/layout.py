"""A layered drawing of a DAG, top to bottom (Sugiyama): layers, order, coordinates, routes.

1. Layers by longest path from the sources; an edge that spans several layers gets one
   dummy vertex per layer it crosses, so it can bend around the nodes in between.
2. Order inside each layer by barycentre sweeps (down, up, ...), keeping the order with the
   fewest crossings.
3. x coordinates: each vertex wants the mean x of its neighbours; a layer's wishes are met
   as closely as the order and the gaps allow (least squares under order constraints,
   solved exactly by pool-adjacent-violators). The spine (the chain of main producers)
   outweighs everything else, so it runs straight and the branches bend around it.
4. y coordinates: each layer's band is as tall as its tallest footprint.

Linear in vertices + edges + dummies per sweep, apart from sorting inside layers.
"""
from __future__ import annotations

from dataclasses import dataclass

Point = tuple[float, float]


@dataclass(frozen=True)
class Footprint:
    """Room a node needs around its anchor: width, and height above and below the anchor line."""

    width: float
    above: float
    below: float


@dataclass(frozen=True)
class Placement:
    """Anchors of the nodes, the polyline of every edge (source first) and the overall size."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    layer: tuple[int, ...]
    routes: tuple[tuple[int, int, tuple[Point, ...]], ...]
    width: float
    height: float



def layered(preds: list[list[int]], feet: list[Footprint], node_gap: float = 24.0, layer_gap: float = 32.0,
            sweeps: int = 6) -> Placement:
    """A placement of nodes ``0..n-1`` given in topological order with their predecessors."""
    n = len(preds)
    layer = layers(preds)
    up, down, vlayer, chains = _with_dummies(preds, layer)
    rows = _rows(vlayer)
    rows = _ordered(rows, up, down, sweeps)
    spine = _spine(preds, layer, chains)
    widths = [feet[v].width if v < n else 0.0 for v in range(len(vlayer))]
    x = _coordinates(rows, up, down, widths, spine, node_gap)
    y, height = _bands(rows, feet, n, layer_gap)
    vy = [y[vlayer[v]] for v in range(len(vlayer))]
    routes = tuple((chain[0], chain[-1], tuple((x[v], vy[v]) for v in chain)) for chain in chains)
    left = min((x[v] - widths[v] / 2 for v in range(len(vlayer))), default=0.0)
    right = max((x[v] + widths[v] / 2 for v in range(len(vlayer))), default=0.0)
    shift = -left
    routes = tuple((a, b, tuple((px + shift, py) for px, py in points)) for a, b, points in routes)
    return Placement(tuple(x[v] + shift for v in range(n)), tuple(vy[v] for v in range(n)), tuple(layer),
                     routes, right - left, height)


def layers(preds: list[list[int]]) -> list[int]:
    """Longest path from a source: 0 for sources, else one more than the deepest predecessor."""
    layer: list[int] = []
    for v, ps in enumerate(preds):
        layer.append(1 + max((layer[p] for p in ps if p < v), default=-1))
    return layer


def _with_dummies(preds: list[list[int]], layer: list[int]):
    """Adjacency over real + dummy vertices, each vertex's layer, and each edge's vertex chain."""
    n = len(preds)
    vlayer = list(layer)
    up: list[list[int]] = [[] for _ in range(n)]
    down: list[list[int]] = [[] for _ in range(n)]
    chains: list[list[int]] = []
    for v, ps in enumerate(preds):
        for p in ps:
            if p >= v:
                continue
            chain = [p]
            for level in range(layer[p] + 1, layer[v]):
                vlayer.append(level)
                up.append([])
                down.append([])
                chain.append(len(vlayer) - 1)
            chain.append(v)
            for a, b in zip(chain, chain[1:]):
                down[a].append(b)
                up[b].append(a)
            chains.append(chain)
    return up, down, vlayer, chains


def _rows(vlayer: list[int]) -> list[list[int]]:
    rows: list[list[int]] = [[] for _ in range(max(vlayer, default=-1) + 1)]
    for v, level in enumerate(vlayer):
        rows[level].append(v)
    return rows


def _ordered(rows: list[list[int]], up: list[list[int]], down: list[list[int]], sweeps: int) -> list[list[int]]:
    """Barycentre sweeps; the order with the fewest crossings seen wins (ties: the earlier)."""
    rows = [list(r) for r in rows]
    best, fewest = [list(r) for r in rows], _crossings(rows, down)
    for sweep in range(sweeps):
        downward = sweep % 2 == 0
        span = range(1, len(rows)) if downward else range(len(rows) - 2, -1, -1)
        for level in span:
            ref = rows[level - 1] if downward else rows[level + 1]
            pos = {v: i for i, v in enumerate(ref)}
            near = up if downward else down
            current = {v: i for i, v in enumerate(rows[level])}

            def key(v: int, pos=pos, near=near, current=current) -> tuple[float, int]:
                ns = [pos[u] for u in near[v] if u in pos]
                return (sum(ns) / len(ns) if ns else current[v] * len(pos) / max(len(current), 1), current[v])
            rows[level].sort(key=key)
        count = _crossings(rows, down)
        if count < fewest:
            best, fewest = [list(r) for r in rows], count
    return best


def _crossings(rows: list[list[int]], down: list[list[int]]) -> int:
    """Edge crossings between consecutive layers (inversions, counted by merge sort)."""
    total = 0
    for top, bottom in zip(rows, rows[1:]):
        pos = {v: i for i, v in enumerate(bottom)}
        ends = [pos[w] for v in top for w in sorted(down[v], key=lambda w: pos.get(w, 0)) if w in pos]
        total += _inversions(ends)
    return total


def _inversions(values: list[int]) -> int:
    if len(values) < 2:
        return 0
    mid = len(values) // 2
    left, right = sorted(values[:mid]), sorted(values[mid:])
    count = _inversions(values[:mid]) + _inversions(values[mid:])
    j = 0
    for a in left:
        while j < len(right) and right[j] < a:
            j += 1
        count += j
    return count


def _spine(preds: list[list[int]], layer: list[int], chains: list[list[int]]) -> set[int]:
    """The spine: from the deepest vertex back through each main producer, with the dummies of
    those edges. The main producer is the first of two (specs list the main path first:
    ``add: [main, input]``) and the middle one of more (an inception's branches centre on it).
    So the residual path of a ResNet, the running concatenation of a DenseNet and the trunk
    around a squeeze-and-excitation branch run straight, and the other branches bend around."""
    if not preds:
        return set()
    v = max(range(len(preds)), key=lambda i: (layer[i], -i))
    on, steps = {v}, set()
    while True:
        earlier = [p for p in preds[v] if p < v]
        if not earlier:
            break
        main = earlier[(len(earlier) - 1) // 2]
        on.add(main)
        steps.add((main, v))
        v = main
    for chain in chains:
        if (chain[0], chain[-1]) in steps:
            on.update(chain)
    return on


def _coordinates(rows, up, down, widths, spine, gap) -> list[float]:
    """x per vertex: neighbour means, met per layer by weighted isotonic regression."""
    x = [0.0] * len(widths)
    for row in rows:
        _place(row, [0.0] * len(row), widths, spine, gap, x)
    for sweep in range(4):
        downward = sweep % 2 == 0
        order = rows[1:] if downward else rows[-2::-1]
        for row in order:
            near = up if downward else down
            wishes = [_mean(v, near[v], spine, x) for v in row]
            _place(row, wishes, widths, spine, gap, x)
    for row in rows[1:]:
        _place(row, [_mean(v, up[v], spine, x) for v in row], widths, spine, gap, x)
    return x


def _mean(v: int, near: list[int], spine: set[int], x: list[float]) -> float:
    """Where ``v`` wants to be: the mean x of its neighbours; on the spine, of its spine neighbours."""
    if v in spine:
        near = [u for u in near if u in spine] or near
    return sum(x[u] for u in near) / len(near) if near else x[v]


def _place(row, wishes, widths, spine, gap, x) -> None:
    """Set x for ``row`` as close to ``wishes`` as order and gaps allow (pool adjacent violators).

    Least squares of (x − wish) under x[i+1] − x[i] ≥ the gap both need; a spine vertex
    weighs infinitely more than the others, so a block holding one sits where it wishes.
    """
    offsets = [0.0]
    for a, b in zip(row, row[1:]):
        offsets.append(offsets[-1] + (widths[a] + widths[b]) / 2 + gap)
    blocks: list[list[float]] = []  # [spine count, spine sum, count, sum, members]
    for v, wish, off in zip(row, wishes, offsets):
        on = v in spine
        blocks.append([1.0 if on else 0.0, wish - off if on else 0.0, 1.0, wish - off, 1])
        while len(blocks) > 1 and _level(blocks[-2]) > _level(blocks[-1]):
            last = blocks.pop()
            for k in range(5):
                blocks[-1][k] += last[k]
    i = 0
    for block in blocks:
        level = _level(block)
        for _ in range(int(block[4])):
            x[row[i]] = level + offsets[i]
            i += 1


def _level(block: list[float]) -> float:
    return block[1] / block[0] if block[0] else block[3] / block[2]


def _bands(rows, feet, n, gap) -> tuple[list[float], float]:
    """The anchor y of each layer and the total height: each band as tall as its tallest node."""
    y, top = [], 0.0
    for row in rows:
        above = max((feet[v].above for v in row if v < n), default=0.0)
        below = max((feet[v].below for v in row if v < n), default=0.0)
        y.append(top + above)
        top += above + below + gap
    return y, max(top - gap, 0.0)
