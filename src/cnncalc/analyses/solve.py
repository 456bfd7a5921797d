"""Inverse search: every kernel, stride, padding and dilation within bounds that maps one shape
to another, checked through the same shape rules and convention refusals as ``cnncalc layer``.

The search is per axis and aimed at the target (the numeric paddings that can give it are solved
for), so its cost is the number of kernel/stride/dilation triples, whatever the bounds; axes are
combined from the simplest candidates of each, at most ``MAX_SOLVE_COMBOS`` combinations."""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Iterator, NamedTuple

from cnncalc.core import limits
from cnncalc.core.arith import AxisPad, Causal, Explicit, Same, Valid, transposed_dim, window_out
from cnncalc.core.choices import SolveKind
from cnncalc.core.errors import CnncalcError, ShapeError
from cnncalc.analyses.explain import Explanation, explain_layer
from cnncalc.core.shapes import Shape, channels, format_shape, spatial
from cnncalc.core.layers import lookup
from cnncalc.core.layers.window import check_causal
from cnncalc.core.network import infer
from cnncalc.io.spec import layer_network



@dataclass(frozen=True)
class Bounds:
    """The search space per axis; a fixed value narrows one dimension to that value."""

    max_kernel: int = 7
    max_stride: int = 4
    max_dilation: int = 1
    max_padding: int | None = None
    kernel: tuple[int, ...] | None = None
    stride: tuple[int, ...] | None = None
    padding: object = None
    dilation: tuple[int, ...] | None = None


class AxisCandidate(NamedTuple):
    """One axis' kernel, stride, dilation and padding (a tuple: millions are made in a wide search)."""

    kernel: int
    stride: int
    dilation: int
    pad: AxisPad


@dataclass(frozen=True)
class Solution:
    """A layer that gives exactly the target, with its worked report."""

    explanation: Explanation
    exact: bool | None
    """Whether (W − K + 2P)/S divides evenly on every axis; None for same and valid (TensorFlow's ceil rules)."""


@dataclass(frozen=True)
class SolveResult:
    solutions: tuple[Solution, ...]
    nearest: tuple[tuple[int, ...], ...]
    reason: str | None
    total: int = 0
    """How many layers fit in all; more than ``solutions`` holds when the limit cut the list."""
    total_exact: bool = True
    """False when counting stopped at ``limits.MAX_SOLVE_COUNT``: ``total`` is then a lower bound."""

    @property
    def truncated(self) -> bool:
        return self.total > len(self.solutions)


def _options(fixed: tuple[int, ...] | None, axis: int, upper: int) -> range | tuple[int, ...]:
    if fixed is None:
        return range(1, upper + 1)
    return (fixed[axis] if len(fixed) > 1 else fixed[0],)


def _windows(bounds: Bounds, axis: int) -> Iterator[tuple[int, int, int, int]]:
    """(kernel, stride, dilation, k_eff) within the bounds, small kernels first."""
    for k in _options(bounds.kernel, axis, bounds.max_kernel):
        for d in _options(bounds.dilation, axis, bounds.max_dilation):
            for s in _options(bounds.stride, axis, bounds.max_stride):
                yield k, s, d, (k - 1) * d + 1


def _out(in_size: int, kind: SolveKind, k: int, s: int, d: int, k_eff: int, pad: AxisPad) -> int | None:
    """The output size one candidate gives, None where the layer is impossible."""
    try:
        if kind is SolveKind.TRANSPOSE:
            return transposed_dim(in_size, k, s, d, pad, None).out
        if isinstance(pad, tuple) and in_size + pad[0] + pad[1] < k_eff:
            return None  # the window does not fit: window_out would refuse
        return window_out(in_size, k_eff, s, pad)
    except CnncalcError:
        return None


def _pads_for(in_size: int, target: int, kind: SolveKind, bounds: Bounds, axis: int, k_eff: int, s: int
              ) -> list[AxisPad]:
    """The paddings worth trying for one window: the fixed one, or valid, same and the numeric
    paddings that can give ``target`` (solved for, not enumerated: out is monotonic in p)."""
    fixed = bounds.padding
    if isinstance(fixed, (Same, Valid, Causal)):
        return [fixed]
    if isinstance(fixed, Explicit):
        pairs = fixed.pairs
        return [pairs[axis] if len(pairs) > 1 else pairs[0]]
    upper = bounds.max_padding if bounds.max_padding is not None else k_eff - 1
    if kind is SolveKind.TRANSPOSE:  # out = (in − 1)·s − 2p + k_eff
        low = high = ((in_size - 1) * s + k_eff - target) // 2
    else:  # out = floor((in + 2p − k_eff)/s) + 1
        low = -(-((target - 1) * s + k_eff - in_size) // 2)
        high = (target * s - 1 + k_eff - in_size) // 2
    return [Valid(), Same()] + [(p, p) for p in range(max(low, 1), min(high, upper) + 1)]


def axis_candidates(in_size: int, target: int, kind: SolveKind, bounds: Bounds, axis: int, per_mode: int
                    ) -> list[AxisCandidate]:
    """The candidates on one axis that give ``target``, simplest first, at most ``per_mode`` of
    each padding mode (valid, same, causal, numeric): a search per axis, never a product of
    every bound."""
    found: list[AxisCandidate] = []
    counts: dict[str, int] = {}
    for k, s, d, k_eff in _windows(bounds, axis):
        for pad in _pads_for(in_size, target, kind, bounds, axis, k_eff, s):
            mode = _mode(pad) + ("v" if isinstance(pad, Valid) else "")
            if counts.get(mode, 0) < per_mode and _out(in_size, kind, k, s, d, k_eff, pad) == target:
                counts[mode] = counts.get(mode, 0) + 1
                found.append(AxisCandidate(k, s, d, pad))
    return found


def nearest_outputs(in_size: int, target: int, kind: SolveKind, bounds: Bounds, axis: int) -> tuple[int, ...]:
    """The five outputs closest to ``target`` that one axis can give (for a search without solutions)."""
    outs: set[int] = set()
    for k, s, d, k_eff in _windows(bounds, axis):
        pads = _pads_for(in_size, target, kind, bounds, axis, k_eff, s)
        if bounds.padding is None:  # the numeric paddings around the target, and the widest
            upper = bounds.max_padding if bounds.max_padding is not None else k_eff - 1
            middle = [p for p in pads if isinstance(p, tuple)]
            around = {1, upper} | ({middle[0][0] - 1, middle[-1][0] + 1} if middle else set())
            pads += [(p, p) for p in around if 1 <= p <= upper]
        outs.update(o for o in (_out(in_size, kind, k, s, d, k_eff, pad) for pad in pads) if o is not None)
    return tuple(sorted(outs, key=lambda o: (abs(o - target), o))[:5])


def _fixed_per_axis(bounds: Bounds) -> bool:
    """Whether a fixed kernel, stride, dilation or padding differs between axes."""
    fixed = [v for v in (bounds.kernel, bounds.stride, bounds.dilation) if v is not None]
    pairs = bounds.padding.pairs if isinstance(bounds.padding, Explicit) else ()
    return any(len(set(v)) > 1 for v in fixed) or len(set(pairs)) > 1


def _mode(pad: AxisPad) -> str:
    return str(pad) if isinstance(pad, (Same, Causal)) else "numeric"


def _padding_of(cands: tuple[AxisCandidate, ...]):
    first = cands[0].pad
    if isinstance(first, (Same, Causal)):
        return str(first)
    pairs = [(0, 0) if isinstance(c.pad, Valid) else c.pad for c in cands]
    if all(p == (0, 0) for p in pairs) and all(isinstance(c.pad, Valid) for c in cands):
        return "valid"
    sizes = [p[0] for p in pairs]
    return sizes[0] if len(set(sizes)) == 1 else list(sizes)


def _per_axis(values: list[int]) -> int | list[int]:
    return values[0] if len(set(values)) == 1 else values


def solve(input_shape: Shape, output_shape: Shape, kind: SolveKind | str = "conv", convention: str = "textbook",
          bounds: Bounds = Bounds(), limit: int = 50) -> SolveResult:
    """Solutions ranked by simplicity: no padding first, then small kernels, strides, dilations, params."""
    if len(input_shape) != len(output_shape) or not spatial(input_shape):
        raise ShapeError(f"input {format_shape(input_shape)} and output {format_shape(output_shape)} need the "
                         "same number of spatial axes", expected="such as --input 4x4x1 --output 2x2x3")
    kind = SolveKind(kind)
    check_causal(bounds.padding, lookup(kind.kind), len(spatial(input_shape)))
    if kind is SolveKind.POOL and channels(input_shape) != channels(output_shape):
        c_in = channels(input_shape)
        return SolveResult((), (), f"pooling keeps the depth: it cannot turn {c_in} channel{'s' * (c_in != 1)} "
                                   f"into {channels(output_shape)}")
    rank = len(spatial(input_shape))
    # axes that pose the same question get the same answer (a square problem, square layers)
    square = len({(n, m) for n, m in zip(spatial(input_shape), spatial(output_shape))}) == 1
    per_mode = limits.MAX_SOLVE_COMBOS if square else max(1, int(limits.MAX_SOLVE_COMBOS ** (1 / rank)))
    per_size: dict[tuple[int, int, int], list[AxisCandidate]] = {}  # one search per distinct question
    targets, apart = [], _fixed_per_axis(bounds)
    for axis, (n, m) in enumerate(zip(spatial(input_shape), spatial(output_shape))):
        key = (n, m, axis if apart else 0)
        if key not in per_size:
            per_size[key] = axis_candidates(n, m, kind, bounds, axis, per_mode)
        targets.append(per_size[key])
    combos = []
    for cands in ([(c,) * len(targets) for c in targets[0]] if square else itertools.product(*targets)):
        if len({_mode(c.pad) for c in cands}) == 1 and len({isinstance(c.pad, Valid) for c in cands}) == 1:
            combos.append(cands)
    combos.sort(key=_simplicity)
    solutions, seen, total, exact = [], set(), 0, len(combos) <= limits.MAX_SOLVE_COMBOS
    for cands in combos[:limits.MAX_SOLVE_COMBOS]:
        hp = {"kernel": _per_axis([c.kernel for c in cands]), "stride": _per_axis([c.stride for c in cands]),
              "dilation": _per_axis([c.dilation for c in cands]), "padding": _padding_of(cands)}
        if kind is not SolveKind.POOL:
            hp["filters"] = channels(output_shape)
        key = repr(sorted(hp.items(), key=lambda kv: kv[0]))
        if key in seen:
            continue
        seen.add(key)
        if len(solutions) >= limit:  # past the limit the rest are only counted, to say how many were left out
            if total >= limits.MAX_SOLVE_COUNT:
                exact = False
                break
            total += _fits(input_shape, output_shape, kind, hp, convention)
            continue
        try:
            explanation = explain_layer(input_shape, kind.kind, hp, convention)
        except CnncalcError:
            continue
        if explanation.row.output != tuple(output_shape):
            continue
        divides = None if isinstance(explanation.node.hparams["padding"], (Same, Valid, Causal)) else not explanation.row.notes
        solutions.append(Solution(explanation, divides))
        total += 1
    solutions.sort(key=lambda s: (_simplicity_of(s), s.exact is False, s.explanation.row.params))
    nearest = () if solutions else tuple(
        nearest_outputs(n, m, kind, bounds, axis) for axis, (n, m) in enumerate(zip(spatial(input_shape),
                                                                                    spatial(output_shape))))
    return SolveResult(tuple(solutions), nearest, None if solutions else "no layer within the bounds fits", total, exact)


def _fits(input_shape: Shape, output_shape: Shape, kind: SolveKind, hp: dict, convention: str) -> bool:
    """Whether the layer ``hp`` maps ``input_shape`` to ``output_shape`` under ``convention`` (no working)."""
    try:
        return infer(layer_network(input_shape, kind.kind, hp, convention))[0].output == tuple(output_shape)
    except CnncalcError:
        return False


def _simplicity(cands: tuple[AxisCandidate, ...]) -> tuple:
    padded = any(not isinstance(c.pad, Valid) for c in cands)
    return (padded, max(c.kernel for c in cands), max(c.stride for c in cands), max(c.dilation for c in cands),
            isinstance(cands[0].pad, Same))


def _simplicity_of(solution: Solution) -> tuple:
    window = solution.explanation.layer.window
    padded = any(b or e for b, e in solution.explanation.row.pads)
    return (padded, max(window.kernel), max(window.stride), max(window.dilation))
