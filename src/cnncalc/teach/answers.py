"""Typed answers read as the lesson writes them: ``14x14x20``, ``3860`` or ``3,860``,
``[[1, 2], [1, 2]]``, ``2.5,10,15,6``. A text that cannot be read raises ``Malformed``,
whose message is a one-line hint; a readable answer is compared with the key.
"""
from __future__ import annotations

import json
import operator
import re
from dataclasses import dataclass
from fractions import Fraction
from typing import Callable

TOLERANCE = Fraction(1, 10**6)
_VOLUME = re.compile(r"[\[(]?\s*([0-9]+(?:\s*[x×X*,]\s*[0-9]+|\s+[0-9]+)*)\s*[\])]?")
_PADS = re.compile(r"[\s\[\](),;+0-9]*")


class Malformed(ValueError):
    """A typed answer that cannot be read; the message is the hint."""


def read_volume(text: str, want: object = None) -> tuple[int, ...]:
    """``14x14x20``, ``14 x 14 x 20``, ``(14, 14, 20)`` or ``10`` for a flat vector."""
    match = _VOLUME.fullmatch(text.strip())
    if not match:
        raise Malformed("type a volume as HxWxD, such as 14x14x20 (a flat vector as its length, such as 10)")
    return tuple(int(p) for p in re.split(r"[x×X*,\s]+", match.group(1)))


def read_count(text: str, want: object = None) -> int:
    """``3860``, ``3,860`` or ``3 860``."""
    digits = re.sub(r"[,_\s]", "", text)
    if not re.fullmatch(r"[0-9]+", digits):
        raise Malformed("type a whole number, such as 3860 or 3,860")
    return int(digits)


def read_pads(text: str, want: list) -> tuple[tuple[int, int], ...]:
    """Two numbers per axis, before and after: ``[[1, 2], [1, 2]]``, ``1 2 1 2`` or ``1+2, 1+2``."""
    numbers = [int(n) for n in re.findall(r"[0-9]+", text)]
    if not _PADS.fullmatch(text) or len(numbers) != 2 * len(want):
        raise Malformed(f"type {2 * len(want)} whole numbers, before and after on each axis"
                        f" (top, bottom, left, right), such as [[1, 2], [1, 2]]")
    return tuple(zip(numbers[::2], numbers[1::2]))


def read_values(text: str, want: list) -> tuple[Fraction, ...]:
    """The numbers left to right, top to bottom: ``2.5,10,15,6`` or ``[[2.5, 10], [15, 6]]``."""
    count = len(_flat(want))
    hint = f"type the {count} numbers left to right, top to bottom, such as {','.join(map(str, range(1, count + 1)))}"
    try:
        numbers = tuple(Fraction(t) for t in re.split(r"[\s,;\[\]()]+", text) if t)
    except (ValueError, ZeroDivisionError):
        raise Malformed(hint) from None
    if len(numbers) != count:
        raise Malformed(hint)
    return numbers


def read_size(text: str, want: object = None) -> tuple[int, ...]:
    """A receptive field: ``7``, or ``7x5`` per axis (``7x7`` is 7)."""
    try:
        sizes = read_volume(text)
    except Malformed:
        raise Malformed("type a size in input pixels, such as 7 (or 7x5 when the axes differ)") from None
    return sizes[:1] if len(set(sizes)) == 1 else sizes


def _flat(value: object) -> list:
    return [x for item in value for x in _flat(item)] if isinstance(value, list) else [value]


def _close(typed: tuple, want: tuple) -> bool:
    return len(typed) == len(want) and all(abs(a - b) <= TOLERANCE for a, b in zip(typed, want))


@dataclass(frozen=True)
class Field:
    """How one ``expect`` field is asked, read, compared and shown."""

    prompt: str
    read: Callable[[str, object], object]
    show: Callable[[object], str]
    same: Callable[[object, object], bool] = operator.eq


FIELDS = {
    "output": Field("output volume (HxWxD)", read_volume, str),
    "params": Field("parameters with weight sharing", read_count, lambda n: f"{n:,}"),
    "params_unshared": Field("parameters without weight sharing", read_count, lambda n: f"{n:,}"),
    "macs": Field("multiply-accumulates", read_count, lambda n: f"{n:,}"),
    "padding": Field("padding applied, [[top, bottom], [left, right]]", read_pads, json.dumps),
    "values": Field("pooled values, left to right, top to bottom", read_values,
                    lambda m: ", ".join(map(str, _flat(m))), _close),
    "receptive_field": Field("receptive field (input pixels)", read_size, str),
}


def prompt(field: str) -> str:
    return FIELDS[field].prompt


def check(field: str, text: str, want: object) -> bool:
    """Whether a typed answer is the key; ``Malformed`` when it cannot be read."""
    spec = FIELDS[field]
    typed = spec.read(text, want)
    key = spec.read(want if isinstance(want, str) else json.dumps(want), want)
    return spec.same(typed, key)


def show(field: str, want: object) -> str:
    """The key as a learner would type it."""
    return FIELDS[field].show(want)
