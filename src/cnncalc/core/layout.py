"""Layouts: a shape as the user writes it ↔ cnncalc's channels-last shape without a batch axis.

``hwc`` (the default, the lesson's ``32x32x3``), ``nhwc`` (TensorFlow's ``(1, 4, 4, 1)``),
``chw`` and ``nchw`` (PyTorch's ``(1, 3, 224, 224)``). Only the network's input and shapes
given on the command line follow the layout; everything inside is channels-last.
"""
from __future__ import annotations

from typing import NamedTuple

from cnncalc.core.choices import Layout
from cnncalc.core.errors import SpecError, parse_choice
from cnncalc.core.literals import parse_shape
from cnncalc.core.shapes import Shape, format_shape


def parse_layout(value: object) -> Layout:
    """A layout by name, case-insensitive."""
    return parse_choice(Layout, value, "layout")


class View(NamedTuple):
    """A layout and batch size: how shapes are read from and shown to the user."""

    layout: Layout = Layout.HWC
    batch: int = 1

    @property
    def batched(self) -> bool:
        return self.layout in (Layout.NHWC, Layout.NCHW)

    @property
    def channels_first(self) -> bool:
        return self.layout in (Layout.CHW, Layout.NCHW)

    def show(self, shape: Shape) -> Shape:
        """A channels-last shape as the user writes it (a flat vector keeps its one axis)."""
        if self.channels_first and len(shape) > 1:
            shape = shape[-1:] + shape[:-1]
        return ((self.batch,) + shape) if self.batched else shape

    def text(self, shape: Shape) -> str:
        return format_shape(self.show(shape))


def read_shape(value: object, layout: Layout = Layout.HWC) -> tuple[Shape, View, str | None]:
    """(channels-last shape without batch, the view, a note on how an ambiguous shape was read)."""
    shape = parse_shape(value)
    batched = layout in (Layout.NHWC, Layout.NCHW)
    if batched:
        if len(shape) < 2:
            raise SpecError(f"{format_shape(shape)} has no batch axis", expected=f"N first in {layout}, such as "
                            f"{'1x4x4x1' if layout is Layout.NHWC else '1x3x224x224'}")
        batch, shape = shape[0], shape[1:]
    else:
        batch = 1
    if layout in (Layout.CHW, Layout.NCHW) and len(shape) > 1:
        shape = shape[1:] + shape[:1]
    note = None
    if layout is Layout.HWC and len(shape) == 4 and shape[0] == 1:
        note = (f"{format_shape(shape)} was read as D×H×W×C (a 3-D volume of depth 1); for TensorFlow's "
                f"batch-first {tuple(shape)} say layout nhwc")
    elif layout is Layout.HWC and len(shape) == 2:
        note = (f"{format_shape(shape)} was read as length × channels (a 1-D sequence of {shape[0]} steps with "
                f"{shape[1]} channels); an image is HxWxC such as {format_shape(shape)}x1")
    return shape, View(layout, batch), note
