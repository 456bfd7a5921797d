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


SHAPE_TERMS = {1: "a flat vector", 2: "an L×C sequence", 3: "an H×W×C volume", 4: "a D×H×W×C volume"}
"""What a shape of each rank is called, in the README's terms (channels-last, no batch)."""


def describe_shape(shape: Shape) -> str:
    """``30x30x6, an H×W×C volume``; ``196x768, an L×C sequence``."""
    return f"{format_shape(shape)}, {SHAPE_TERMS.get(len(shape), f'a shape of {len(shape)} axes')}"


def format_shape(shape: Shape) -> str:
    """``(32, 32, 3)`` → ``32x32x3``."""
    return "x".join(str(d) for d in shape)


def volume(sizes: Shape | list[int]) -> int:
    """∏ sizes, an exact int (1 for no sizes): the one product helper."""
    total = 1
    for n in sizes:
        total *= n
    return total
