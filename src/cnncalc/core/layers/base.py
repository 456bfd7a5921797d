"""The layer-kind protocol: one class per kind declares everything about it.

A kind declares its hyperparameter schema, its shape rule (``infer``), its counts (params,
MACs), its receptive-field window, and every capability the rest of cnncalc reads from the
registry (``CAPABILITIES``): its glyph for diagrams, the hyperparameters its JSON echoes,
its NumPy forward step and weight shapes, the temporaries that step allocates, how other
tools count it, its worked explanation, and whether it computes ``--values``. A capability a
kind does not have is declared as such (``None``); ``UNDECLARED`` is a missing declaration,
which a test catches. Nothing here prints or imports numpy: forward steps receive the
engine's array operations as an argument.
"""
from __future__ import annotations

import math
from typing import Any, Callable, ClassVar, NamedTuple, TYPE_CHECKING

from cnncalc.core.arith import NO_PADDING
from cnncalc.core.errors import CnncalcError, ShapeError, SpecError, Where, did_you_mean, reject_unknown
from cnncalc.core.literals import parse_matrix, parse_padding, parse_per_axis, whole
from cnncalc.core.shapes import Shape, format_shape, spatial

if TYPE_CHECKING:
    from fractions import Fraction

REQUIRED = object()


class _Undeclared:
    """The value of a capability a kind has not declared (a test fails on it)."""

    def __repr__(self) -> str:
        return "UNDECLARED"

    def __bool__(self) -> bool:
        return False


UNDECLARED: Any = _Undeclared()

ENDS_FIELD: Any = "ends"
"""What ``receptive`` returns for a layer whose output mixes the spatial axes: the field ends."""

GLYPHS = ("input", "conv", "pool", "dense", "norm", "activation", "merge", "reshape", "regularizer", "other")
"""Drawing categories: each has one colour in the diagrams' palette."""


class HParam(NamedTuple):
    """One hyperparameter: its name, parser, default and a one-line meaning."""

    name: str
    parse: Callable[[object], object]
    default: object = REQUIRED
    help: str = ""


class Note(NamedTuple):
    """A warning attached to a result (never printed by the core)."""

    code: str
    message: str
    where: Where = Where()


class LayerOut(NamedTuple):
    """What a kind's ``infer`` returns: the output shape, pads applied per axis, notes, the exact
    textbook quotient per axis, and the window it slid (broadcast to the input's axes)."""

    output: Shape
    pads: tuple[tuple[int, int], ...] = ()
    notes: tuple[Note, ...] = ()
    exact: tuple[Fraction | None, ...] = ()
    window: Window | None = None


class AxisWindow(NamedTuple):
    """How a layer maps positions on one axis, for the receptive field: r += (k − 1)·j, j *= s."""

    kernel: int | Fraction
    stride: int | Fraction
    pad_begin: int | Fraction


class Step(NamedTuple):
    """One line of worked arithmetic: a label, the expression with numbers, and its value
    (an exact int where it is a count, formatted by the report)."""

    label: str
    expression: str
    value: int | str


class Weight(NamedTuple):
    """One array a layer holds for the forward pass: its shape and how to draw it
    (``uniform`` scaled by 1/√fan_in, ``positive`` in [0.5, 1.5), ``ones``, ``zeros``)."""

    shape: Shape
    init: str = "uniform"
    fan_in: int = 1


class OtherTools(NamedTuple):
    """How torchinfo 1.8, fvcore 0.1.5 and ptflops 0.7.5 count a layer (``--macs-as``): a rule each,
    layer → int (see ``core.layers.tools``)."""

    torchinfo: Callable[[Inferred], int]
    fvcore: Callable[[Inferred], int]
    ptflops: Callable[[Inferred], int]


CAPABILITIES = ("glyph", "echo", "forward", "weights", "temporaries", "other_tools", "working", "values")
"""What every kind declares beyond its shape and counts; ``None`` declares that it has none."""


# --- parsers for schemas ---------------------------------------------------------------

def per_axis(minimum: int = 1) -> Callable[[object], tuple[int, ...]]:
    return lambda v: parse_per_axis(v, "value", minimum)


def positive(v: object) -> int:
    return whole(v, "value")


def boolean(v: object) -> bool:
    if not isinstance(v, bool):
        raise SpecError(f"expected true or false, got {v!r}")
    return v


def number(minimum: float | None = None, below: float | None = None) -> Callable[[object], float]:
    def parse(v: object) -> float:
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise SpecError(f"expected a number, got {v!r}")
        if minimum is not None and v < minimum:
            raise SpecError(f"must be at least {minimum}, got {v}")
        if below is not None and v >= below:
            raise SpecError(f"must be below {below}, got {v}")
        return float(v)
    return parse


def choice(*options: str) -> Callable[[object], str]:
    def parse(v: object) -> str:
        if v not in options:
            raise SpecError(f"expected one of {', '.join(options)}, got {v!r}",
                            suggestion=did_you_mean(str(v), options))
        return str(v)
    return parse


def optional(parse: Callable[[object], object]) -> Callable[[object], object]:
    return lambda v: None if v is None else parse(v)


padding_param = HParam("padding", parse_padding, NO_PADDING, "int, per-axis, [[b, e], ...], same, valid or same_lower")
FUSED_ACTIVATIONS = ("linear", "relu", "relu6", "leaky_relu", "elu", "sigmoid", "hard_sigmoid", "tanh", "softmax",
                     "gelu", "silu", "swish")
activation_param = HParam("activation", optional(choice(*FUSED_ACTIVATIONS)), None,
                          "applied to the output, as Keras' activation= (linear: none); shapes and counts unchanged")
matrix = parse_matrix


def fused_activation(hp: dict[str, Any]) -> str | None:
    """The activation a weighted layer applies to its output (Keras' activation=), None for linear."""
    name = hp.get("activation")
    return None if name in (None, "linear") else name


# --- the kind protocol ------------------------------------------------------------------

class LayerKind:
    """Base of every layer kind. Subclasses set the class data, the rules and the capabilities."""

    name: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    summary: ClassVar[str] = ""
    schema: ClassVar[tuple[HParam, ...]] = ()
    primary: ClassVar[str | None] = None  # the key that the scalar form `{kind: value}` sets
    merge: ClassVar[bool] = False  # takes a list of inputs
    weighted: ClassVar[bool] = False  # counts toward MACs (DESIGN contract)
    example: ClassVar[dict[str, Any]] = {}
    """Hyperparameters of a small valid layer of this kind on ``example_input`` (docs and tests)."""
    example_input: ClassVar[str] = "8x8x4"

    # capabilities (CAPABILITIES): every kind declares each, None where it has none
    glyph: ClassVar[str] = UNDECLARED
    """The drawing category, one of ``GLYPHS``."""
    echo: ClassVar[tuple[str, ...]] = UNDECLARED
    """The hyperparameters ``cnncalc layer --format json`` echoes besides the window."""
    forward: Any = UNDECLARED
    """``forward(ops, xs, layer, weights) → array``: the NumPy step; ``ops`` is the engine's kernels module."""
    weights: Any = UNDECLARED
    """``weights(layer) → tuple[Weight | None, ...]``: the arrays ``forward`` receives, in order."""
    temporaries: Any = UNDECLARED
    """``temporaries(layer) → int``: values ``forward`` allocates besides its output, per image (an upper bound)."""
    other_tools: ClassVar[OtherTools] = UNDECLARED
    working: Any = UNDECLARED
    """``working(layer) → list[Step]``: the arithmetic a learner would write out."""
    values: Any = UNDECLARED
    """``values(ops, x, layer) → array`` for ``--values``/quiz ``values:`` (one channel), or None."""
    window_op: ClassVar[str | None] = None
    """How ``values`` combines one window, for its worked lines: ``max``, ``mean`` or ``dot`` (with the weights)."""

    @classmethod
    def parse_hparams(cls, raw: dict[str, Any]) -> dict[str, Any]:
        """Validate a mapping of hyperparameters against the schema; defaults filled in."""
        reject_unknown(raw, [p.name for p in cls.schema])
        hp: dict[str, Any] = {}
        for p in cls.schema:
            if p.name in raw:
                try:
                    hp[p.name] = p.parse(raw[p.name])
                except CnncalcError as e:
                    raise e.with_where(field=p.name) from None
            elif p.default is REQUIRED:
                raise SpecError("missing required hyperparameter",
                                expected=f"{p.name}: {p.help}").with_where(field=p.name)
            else:
                hp[p.name] = None if p.default is None else p.parse(p.default)
        cls.validate(hp)
        return hp

    @classmethod
    def validate(cls, hp: dict[str, Any]) -> None:
        """Cross-field checks after parsing (override)."""

    @classmethod
    def infer(cls, inputs: list[Shape], hp: dict[str, Any], convention) -> LayerOut:
        """The output shape (override); the default keeps the input shape."""
        return LayerOut(inputs[0])

    @classmethod
    def params(cls, layer: Inferred) -> tuple[int, int]:
        """(trainable, non-trainable) parameters; none by default."""
        return 0, 0

    @classmethod
    def params_unshared(cls, layer: Inferred) -> int:
        """Parameters if no weight were shared across positions; the same as params by default."""
        trainable, non_trainable = cls.params(layer)
        return trainable + non_trainable

    @classmethod
    def macs(cls, layer: Inferred) -> int:
        """Multiply-accumulates, bias excluded; zero for unweighted kinds."""
        return 0

    @classmethod
    def counts(cls, layer: Inferred) -> tuple[int, int, int, int]:
        """(trainable, non-trainable, params_unshared, macs) at once: what a report row needs."""
        trainable, non_trainable = cls.params(layer)
        return trainable, non_trainable, cls.params_unshared(layer), cls.macs(layer)

    @classmethod
    def receptive(cls, layer: Inferred) -> list[AxisWindow] | None:
        """Per-axis window for the receptive field; None passes the field through unchanged;
        ``ENDS_FIELD`` ends it (the layer mixes the spatial axes)."""
        return None


# --- helpers the kinds share ------------------------------------------------------------

def need_spatial(shape: Shape, kind: str, what: str = "a spatial input such as 32x32x3") -> None:
    if not spatial(shape):
        raise ShapeError(f"{kind} needs {what}; got the flat vector {format_shape(shape)}",
                         expected="remove the flatten/dense before it or give an HxWxC input").with_where(field="input")


def broadcast(values: tuple[int, ...], rank: int, what: str) -> tuple[int, ...]:
    """One value per spatial axis: a single value applies to every axis."""
    if len(values) == 1:
        return values * rank
    if len(values) != rank:
        raise ShapeError(f"{what} has {len(values)} values but the input has {rank} spatial axes",
                         expected=f"one value or {rank}").with_where(field=what)
    return values


def no_weights(layer: Inferred) -> tuple:
    """The weights of a kind that holds none."""
    return ()


def input_copy(layer: Inferred) -> int:
    """Temporaries of an element-wise step: at most one array the size of its input."""
    from cnncalc.core.shapes import volume

    return volume(layer.inputs[0])


__all__ = ["REQUIRED", "UNDECLARED", "ENDS_FIELD", "GLYPHS", "CAPABILITIES", "HParam", "Note", "LayerOut", "AxisWindow", "Step",
           "Weight", "OtherTools", "LayerKind", "per_axis", "positive", "boolean", "number", "choice", "optional",
           "padding_param", "activation_param", "FUSED_ACTIVATIONS", "fused_activation", "matrix", "need_spatial",
           "broadcast", "no_weights", "input_copy", "whole", "parse_padding"]
