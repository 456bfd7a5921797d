"""Shapes are channels-last tuples of exact ints without a batch axis: ``(32, 32, 3)`` is H×W×C,
``(100, 8)`` L×C, ``(16, 112, 112, 3)`` D×H×W×C, ``(400,)`` a flat vector."""
from __future__ import annotations

Shape = tuple[int, ...]

AXIS_NAMES = {1: ("L",), 2: ("H", "W"), 3: ("D", "H", "W")}
"""The names of the spatial axes by their number."""


def spatial(shape: Shape) -> Shape:
    """The spatial axes of a channels-last shape (none for a flat vector)."""
    return shape[:-1] if len(shape) > 1 else ()


def channels(shape: Shape) -> int:
    """The channel count (last axis) of a channels-last shape; a flat vector's length."""
    return shape[-1]


def format_shape(shape: Shape) -> str:
    """``(32, 32, 3)`` → ``32x32x3``."""
    return "x".join(str(d) for d in shape)


def volume(sizes: Shape | list[int]) -> int:
    """∏ sizes, an exact int (1 for no sizes): the one product helper."""
    total = 1
    for n in sizes:
        total *= n
    return total
