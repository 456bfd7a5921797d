"""Pure parsers of the literals flags, specs and quizzes share: shapes, per-axis ints, padding, matrices.

Each parser takes what a user wrote (a string from a flag, or a YAML/JSON value) and
returns normalised data, or raises ``SpecError`` with what would be valid. Callers add
the location (a flag name, or a file/line/layer/field).
"""
from __future__ import annotations

import re

from cnncalc.core import limits
from cnncalc.core.arith import Causal, Explicit, PadSpec, Same, Valid
from cnncalc.core.errors import SpecError
from cnncalc.core.shapes import Shape


SHAPE_HELP = "expected HxWxC such as 32x32x3 (also LxC, DxHxWxC, or a flat size such as 400)"
PADDING_HELP = ("expected same, valid, same_lower, causal (1-D conv), an int, one int per axis such as 2x1, "
                "or [[top, bottom], [left, right]]")
_SEP = re.compile(r"\s*[x×X,]\s*")
_INT = re.compile(r"\s*[+-]?[0-9]+\s*")
_LEADING_ZERO = re.compile(r"\s*[+-]?0[0-9]")
_PLAIN_SHAPE = re.compile(r"[1-9][0-9]{0,9}(?:x[1-9][0-9]{0,9}){0,3}")
"""The common spelling ``32x32x3``: parsed without the general path."""


class NumberLike(str):
    """A plain YAML scalar that YAML 1.1 reads as a number in another base or form (``0x1F``,
    ``0o7``, ``0b11``, ``010``, ``1_000``, ``1:30``), kept as its text: a per-axis field reads
    ``0x3`` as ``[0, 3]``; every other field refuses it, never guessing the base."""


def not_decimal(value: object, what: str) -> SpecError:
    """The error for a number not written in plain decimal digits."""
    return SpecError(f"{what} {shown(str(value))} is not a plain decimal number",
                     expected="write decimal digits without a leading zero, base prefix, _ or :")


def whole(value: object, what: str, minimum: int = 1, maximum: int = limits.MAX_DIM) -> int:
    """An int within [minimum, maximum] written in decimal digits; bools, floats, other bases
    (``0x1F``, ``010``, ``1_000``) and digits of other scripts are refused."""
    if type(value) is int and minimum <= value <= maximum:
        return value
    if isinstance(value, NumberLike) or isinstance(value, str) and _LEADING_ZERO.match(value):
        raise not_decimal(value, what)
    if isinstance(value, str) and _INT.fullmatch(value):
        if len(value.strip()) > limits.MAX_LITERAL_DIGITS:
            raise SpecError(f"{what} has more than {limits.MAX_LITERAL_DIGITS} digits",
                            expected=f"at most {maximum:,}")
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int):
        raise SpecError(f"{what} must be a whole number, got {shown(value)}")
    if value < minimum:
        raise SpecError(f"{what} must be at least {minimum}, got {value}")
    if value > maximum:
        raise SpecError(f"{what} must be at most {maximum:,}, got {value:,}")
    return value


def shown(value: object) -> str:
    import json

    text = json.dumps(value) if not isinstance(value, str) else repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _split_axes(text: str) -> list[str]:
    text = text.strip().strip("[]()")
    return [p for p in _SEP.split(text.strip())] if text.strip() else []


def parse_shape(value: object) -> Shape:
    """``32x32x3``, ``[32, 32, 3]``, ``100x8`` (LxC), ``16x112x112x3`` (DxHxWxC) or ``400`` (flat)."""
    if isinstance(value, str):
        parts = [int(p) for p in value.split("x")] if _PLAIN_SHAPE.fullmatch(value) else _split_axes(value)
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        parts = [value]
    if not 1 <= len(parts) <= limits.MAX_RANK + 1:
        raise SpecError(f"{shown(value)} is not a shape", expected=SHAPE_HELP)
    try:
        return tuple(whole(p, "every axis") for p in parts)
    except SpecError as e:
        raise SpecError(f"{shown(value)} is not a shape: {e.message}", expected=SHAPE_HELP) from None


def parse_per_axis(value: object, what: str, minimum: int = 1) -> tuple[int, ...]:
    """An int for every axis, or one per axis: ``3``, ``3x5``, ``[3, 5]``."""
    if isinstance(value, str):
        parts = _split_axes(value)
    elif isinstance(value, (list, tuple)):
        parts = list(value)
    else:
        parts = [value]
    if not 1 <= len(parts) <= limits.MAX_RANK:
        raise SpecError(f"{what} {shown(value)} must be one int or one per spatial axis",
                        expected="such as 3 or 3x5")
    return tuple(whole(p, what, minimum) for p in parts)


def parse_padding(value: object) -> PadSpec:
    """Normalise every padding form once: same, valid, same_lower, int, per-axis, begin/end pairs."""
    if isinstance(value, (Explicit, Same, Valid, Causal)):
        return value
    if isinstance(value, str):
        text = value.strip().lower()
        if text == "same":
            return Same()
        if text == "same_lower":
            return Same(lower=True)
        if text == "valid":
            return Valid()
        if text == "causal":
            return Causal()
        if text.startswith("[["):
            import json

            try:
                value = json.loads(text)
            except json.JSONDecodeError:
                raise SpecError(f"padding {shown(value)} is not valid JSON", expected=PADDING_HELP) from None
        elif not re.fullmatch(r"[0-9\sx×,\[\]()+-]+", text):
            from cnncalc.core.errors import did_you_mean
            raise SpecError(f"unknown padding {shown(value)}", expected=PADDING_HELP,
                            suggestion=did_you_mean(text, ["same", "valid", "same_lower", "causal"]))
    if isinstance(value, (list, tuple)) and value and all(isinstance(p, (list, tuple)) for p in value):
        if len(value) > limits.MAX_RANK or any(len(p) != 2 for p in value):
            raise SpecError(f"padding {shown(value)} must have one [begin, end] pair per axis",
                            expected=PADDING_HELP)
        return Explicit(tuple((whole(b, "padding", 0), whole(e, "padding", 0)) for b, e in value))
    try:
        per_axis = parse_per_axis(value, "padding", minimum=0)
    except SpecError as e:
        raise SpecError(e.message, expected=PADDING_HELP) from None
    return Explicit(tuple((p, p) for p in per_axis))


def padding_to_data(padding: PadSpec) -> object:
    """The inverse of ``parse_padding``: what a spec or flag would say."""
    if isinstance(padding, Explicit):
        if all(b == e for b, e in padding.pairs):
            values = [b for b, _ in padding.pairs]
            return values[0] if len(set(values)) == 1 else values
        return [list(p) for p in padding.pairs]
    return str(padding)


def parse_matrix(value: object) -> list:
    """A rectangular 1-D or 2-D matrix of numbers (nested lists) → nested lists of floats;
    text and ``@file`` forms are read by ``io.matrix``. One channel written 3-deep, as the lesson
    writes it (``[[[0, 1], [2, 3]]]``, 1×H×W) or channels-last (``[[[0], [1]], [[2], [3]]]``), is that matrix."""
    value = _one_channel(value)
    if not isinstance(value, list) or not value:
        raise SpecError(f"{shown(value)} is not a matrix", expected="a list of rows such as [[1, 2], [3, 4]]")
    if all(_is_number(v) for v in value):
        return [float(v) for v in value]
    if not all(isinstance(row, list) for row in value):
        raise SpecError("a matrix must be a list of numbers or a list of rows",
                        expected="such as [[1, 2], [3, 4]]")
    width = len(value[0])
    if len(value) * width > limits.MAX_MATRIX_ELEMENTS:  # before any row is walked (aliased rows cost nothing to write)
        raise SpecError(f"the matrix has {len(value) * width:,} values",
                        expected=f"at most {limits.MAX_MATRIX_ELEMENTS:,}")
    for i, row in enumerate(value, start=1):
        if not row:
            raise SpecError(f"row {i} of the matrix is empty", expected="such as [[1, 2], [3, 4]]")
        if len(row) != width:
            raise SpecError(f"the matrix is ragged: row {i} has {len(row)} values, row 1 has {width}",
                            expected="every row the same length")
        for v in row:
            if not _is_number(v):
                raise SpecError(f"row {i} holds {shown(v)}, not a number", expected="numbers only")
    return [[float(v) for v in row] for row in value]


def _one_channel(value: object) -> object:
    """A 3-deep list holding one channel → its 2-D matrix; any other value unchanged."""
    if not (isinstance(value, list) and value and all(isinstance(r, list) and r for r in value)
            and all(isinstance(c, list) for r in value for c in r)):
        return value
    if len(value) == 1:
        return value[0]
    if {len(c) for r in value for c in r} == {1}:
        return [[c[0] for c in r] for r in value]
    raise SpecError(f"the matrix is {len(value)}x{len(value[0])}x{len(value[0][0])}, more than one channel",
                    expected="one channel: [[1, 2], [3, 4]], [[[1, 2], [3, 4]]] or [[[1], [2]], [[3], [4]]]")


def _is_number(v: object) -> bool:
    """A finite int or float; an int too long to be a float is refused like a longer literal."""
    import math

    if isinstance(v, int) and not isinstance(v, bool) and v.bit_length() > 100:
        raise SpecError(f"a number of the matrix has more than {limits.MAX_LITERAL_DIGITS} digits",
                        expected="numbers a float can hold")
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def matrix_shape(matrix: list) -> tuple[int, ...]:
    """The input shape of a one-channel matrix: a 2-D matrix is HxWx1, a 1-D list Lx1."""
    if matrix and isinstance(matrix[0], list):
        return (len(matrix), len(matrix[0]), 1)
    return (len(matrix), 1)
