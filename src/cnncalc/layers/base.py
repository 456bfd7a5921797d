"""The layer-kind protocol: a hyperparameter schema plus shape, count and receptive-field rules.

A kind is a small class with class-level data and static rules; ``REGISTRY`` (in
``__init__``) maps spec names to kinds. Nothing here prints or imports numpy.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Callable, ClassVar

from ..arith import PadSpec
from ..conventions import Convention
from ..errors import CnncalcError, ShapeError, SpecError, Where
from ..grammar import Shape, format_shape, parse_matrix, parse_padding, parse_per_axis, spatial, whole

if TYPE_CHECKING:
    from fractions import Fraction

REQUIRED = object()


@dataclass(frozen=True)
class HParam:
    """One hyperparameter: its name, parser, default and a one-line meaning."""

    name: str
    parse: Callable[[object], object]
    default: object = REQUIRED
    help: str = ""


@dataclass(frozen=True)
class Note:
    """A warning attached to a result (never printed by the core)."""

    code: str
    message: str
    where: Where = field(default_factory=Where)


@dataclass(frozen=True)
class LayerOut:
    """What a kind's ``infer`` returns: the output shape, pads applied per axis, notes."""

    output: Shape
    pads: tuple[tuple[int, int], ...] = ()
    notes: tuple[Note, ...] = ()
    exact: tuple[Fraction | None, ...] = ()


@dataclass(frozen=True)
class AxisWindow:
    """How a layer maps positions on one axis, for the receptive field: r += (k − 1)·j, j *= s."""

    kernel: int | Fraction
    stride: int | Fraction
    pad_begin: int | Fraction


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
            from ..errors import did_you_mean

            raise SpecError(f"expected one of {', '.join(options)}, got {v!r}",
                            suggestion=did_you_mean(str(v), options))
        return str(v)
    return parse


def optional(parse: Callable[[object], object]) -> Callable[[object], object]:
    return lambda v: None if v is None else parse(v)


padding_param = HParam("padding", parse_padding, 0, "int, per-axis, [[b, e], ...], same, valid or same_lower")
FUSED_ACTIVATIONS = ("linear", "relu", "relu6", "leaky_relu", "elu", "sigmoid", "hard_sigmoid", "tanh", "softmax",
                     "gelu", "silu", "swish")
activation_param = HParam("activation", optional(choice(*FUSED_ACTIVATIONS)), None,
                          "applied to the output, as Keras' activation= (linear: none); shapes and counts unchanged")


def fused_activation(hp: dict[str, Any]) -> str | None:
    """The activation a weighted layer applies to its output (Keras' activation=), None for linear."""
    name = hp.get("activation")
    return None if name in (None, "linear") else name
matrix = parse_matrix


# --- the kind protocol ------------------------------------------------------------------

class LayerKind:
    """Base of every layer kind. Subclasses set the class data and override the rules."""

    name: ClassVar[str]
    aliases: ClassVar[tuple[str, ...]] = ()
    summary: ClassVar[str] = ""
    schema: ClassVar[tuple[HParam, ...]] = ()
    primary: ClassVar[str | None] = None  # the key that the scalar form `{kind: value}` sets
    merge: ClassVar[bool] = False  # takes a list of inputs
    weighted: ClassVar[bool] = False  # counts toward MACs (DESIGN contract)

    @classmethod
    def parse_hparams(cls, raw: dict[str, Any]) -> dict[str, Any]:
        """Validate a mapping of hyperparameters against the schema; defaults filled in."""
        known = {p.name: p for p in cls.schema}
        for key in raw:
            if key not in known:
                from ..errors import did_you_mean

                valid = ", ".join(known) or "none"
                raise SpecError("unknown key", expected=f"valid: {valid}",
                                suggestion=did_you_mean(key, list(known))).with_where(field=str(key))
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
    def infer(cls, inputs: list[Shape], hp: dict[str, Any], convention: Convention) -> LayerOut:
        """The output shape (override); the default keeps the input shape."""
        return LayerOut(inputs[0])

    @classmethod
    def params(cls, inputs: list[Shape], out: Shape, hp: dict[str, Any]) -> tuple[int, int]:
        """(trainable, non-trainable) parameters; none by default."""
        return 0, 0

    @classmethod
    def params_unshared(cls, inputs: list[Shape], out: Shape, hp: dict[str, Any]) -> int:
        """Parameters if no weight were shared across positions; the same as params by default."""
        trainable, non_trainable = cls.params(inputs, out, hp)
        return trainable + non_trainable

    @classmethod
    def macs(cls, inputs: list[Shape], out: Shape, hp: dict[str, Any]) -> int:
        """Multiply-accumulates, bias excluded; zero for unweighted kinds."""
        return 0

    @classmethod
    def windows(cls, inputs: list[Shape], out: LayerOut, hp: dict[str, Any]) -> list[AxisWindow] | None:
        """Per-axis window for the receptive field; None passes the field through unchanged."""
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


def prod(values: tuple[int, ...] | list[int]) -> int:
    return math.prod(values)


__all__ = ["REQUIRED", "HParam", "Note", "LayerOut", "AxisWindow", "LayerKind", "PadSpec",
           "per_axis", "positive", "boolean", "number", "choice", "optional", "padding_param", "activation_param",
           "FUSED_ACTIVATIONS", "fused_activation", "matrix",
           "need_spatial", "broadcast", "prod", "whole", "parse_padding"]
