"""A convention as data: ``Facts`` (a layer as the framework would receive it) and ``Refusal``
(one thing the framework refuses, in its own words, with where it says so)."""
from __future__ import annotations

from typing import Callable, NamedTuple

from cnncalc.core.arith import (Causal, Explicit, PadSpec, Same, Valid, axis_pads, effective_kernel, transposed_dim,
                               window_out)
from cnncalc.core.errors import ShapeError


def ranked(pattern: str, ranks: tuple[int, ...] = (1, 2, 3)) -> tuple[str | None, ...]:
    """A framework's op names for 1-, 2- and 3-D inputs, None where it has none: ``ranked("Conv{}D")``."""
    return tuple(pattern.format(r) if r in ranks else None for r in (1, 2, 3))


def ops(*names: str) -> frozenset[str]:
    """A set of op names, each pattern with ``{}`` standing for ranks 1 to 3."""
    return frozenset(name.format(r) for name in names for r in (1, 2, 3))


class Facts(NamedTuple):
    """One layer as a framework receives it: the framework's ops for the kind at ranks 1–3
    (``names``, None when the kind declares none for this convention) and the hyperparameters
    broadcast to the input's spatial axes."""

    kind: str
    names: tuple[str | None, ...] | None
    in_spatial: tuple[int, ...]
    channels: int
    kernel: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    padding: PadSpec
    groups: int = 1
    output_padding: tuple[int, ...] | None = None
    output_shape: tuple[int, ...] | None = None
    ceil_mode: bool = False

    @property
    def rank(self) -> int:
        return len(self.in_spatial)

    @property
    def op(self) -> str | None:
        """The framework's op for this layer ('tf.nn.conv2d', 'Conv2D', 'MaxPool'), None where it has none."""
        return self.names[self.rank - 1] if self.names else None

    @property
    def no_op(self) -> bool:
        """The kind has ops in this framework, but none of this rank."""
        return self.names is not None and self.op is None

    @property
    def k_eff(self) -> tuple[int, ...]:
        return tuple(effective_kernel(k, d) for k, d in zip(self.kernel, self.dilation))

    @property
    def written(self) -> bool:
        """Numeric padding the user wrote (not the zeros of a layer that gives none)."""
        return isinstance(self.padding, Explicit) and self.padding.written

    @property
    def pairs(self) -> tuple[tuple[int, int], ...]:
        """The (begin, end) pads per axis: the numbers written, zeros for valid; () for same and causal."""
        if isinstance(self.padding, Valid):
            return ((0, 0),) * self.rank
        return tuple(axis_pads(self.padding, self.rank)) if isinstance(self.padding, Explicit) else ()

    @property
    def same(self) -> bool:
        return isinstance(self.padding, Same)

    @property
    def same_lower(self) -> bool:
        return isinstance(self.padding, Same) and self.padding.lower

    @property
    def causal(self) -> bool:
        return isinstance(self.padding, Causal)

    @property
    def strided(self) -> bool:
        return any(s > 1 for s in self.stride)

    @property
    def dilated(self) -> bool:
        return any(d > 1 for d in self.dilation)


class Refusal(NamedTuple):
    """One thing a framework refuses: the ``rule`` (for the README), ``when`` it applies, ``what``
    is wrong with this layer, the framework's own ``words`` for it, the ``field`` to blame, what
    is ``expected`` instead, and the ``source`` that says so."""

    rule: str
    when: Callable[[Facts], bool]
    what: Callable[[Facts], str]
    words: str
    field: str
    expected: str
    source: str

    def check(self, facts: Facts) -> None:
        if self.when(facts):
            reason = self.what(facts) + (f" ('{self.words}')" if self.words else "")
            raise ShapeError(reason, expected=self.expected).with_where(field=self.field)


def first_refusal(rules: tuple[Refusal, ...], facts: Facts) -> None:
    """Raise the first of ``rules`` that refuses ``facts``."""
    for rule in rules:
        rule.check(facts)


def shown(values: tuple[int, ...]) -> str:
    return "x".join(map(str, values))


def transposed_outs(facts: Facts) -> tuple[int, ...]:
    """The output size of a transposed layer on each axis: its output_shape, else the formula's."""
    if facts.output_shape is not None:
        return facts.output_shape
    ops = facts.output_padding or (None,) * facts.rank
    return tuple(transposed_dim(n, k, s, d, pad, op).out for n, k, s, d, pad, op in
                 zip(facts.in_spatial, facts.kernel, facts.stride, facts.dilation, axis_pads(facts.padding, facts.rank),
                     ops))


def not_convolving_back(facts: Facts) -> tuple[int, int, int] | None:
    """TensorFlow runs a transposed conv as the gradient of the forward conv of its output, which must
    give back the input: the first axis where it does not, as (output, what it convolves to, input)."""
    for n, out, k, s, pad in zip(facts.in_spatial, transposed_outs(facts), facts.k_eff, facts.stride,
                                 axis_pads(facts.padding, facts.rank)):
        try:
            back = window_out(out, k, s, pad)
        except ShapeError:
            back = 0
        if back != n:
            return out, back, n
    return None
