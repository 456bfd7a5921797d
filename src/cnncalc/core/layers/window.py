"""The window rule shared by convolution and pooling: per-axis sizes, pads and textbook notes."""
from __future__ import annotations

from typing import NamedTuple

from cnncalc.core.shapes import AXIS_NAMES

from cnncalc.core.arith import Causal, PadSpec, axis_pads, effective_kernel, window_dim
from cnncalc.core.conventions import Convention, Facts, check, padding_for
from cnncalc.core.errors import CnncalcError, SpecError
from cnncalc.core.layers.base import AxisWindow, LayerOut, Note, broadcast, need_spatial
from cnncalc.core.layers.working import fraction_text, textbook_text
from cnncalc.core.shapes import Shape, channels, spatial


class Window(NamedTuple):
    """Geometry conv, pool and transposed conv share: kernel, stride, dilation, padding per axis."""

    kernel: tuple[int, ...]
    stride: tuple[int, ...]
    dilation: tuple[int, ...]
    padding: PadSpec

    @classmethod
    def of(cls, hp: dict, rank: int, stride_default: tuple[int, ...] | None = None) -> "Window":
        """Broadcast the per-axis hyperparameters of ``hp`` to ``rank`` spatial axes."""
        kernel = broadcast(hp["kernel"], rank, "kernel")
        stride = hp.get("stride") or stride_default or (1,)
        return cls(kernel, broadcast(stride, rank, "stride"),
                   broadcast(hp.get("dilation") or (1,), rank, "dilation"), hp["padding"])

    @property
    def k_eff(self) -> tuple[int, ...]:
        return tuple(effective_kernel(k, d) for k, d in zip(self.kernel, self.dilation))

    def receptive(self, pads: tuple[tuple[int, int], ...]) -> list[AxisWindow]:
        return [AxisWindow(k, s, p[0]) for k, s, p in zip(self.k_eff, self.stride, pads)]


def spatial_out(in_spatial: Shape, window: Window, ceil_mode: bool = False, notes: bool = True) -> LayerOut:
    """Window counts for every spatial axis, with the applied pads and the exact textbook quotient
    where it is not whole; with ``notes`` (the textbook convention), a note per layer saying so."""
    rank = len(in_spatial)
    names = AXIS_NAMES[rank]
    pads_per_axis = axis_pads(window.padding, rank)
    outs, pads, exacts = [], [], []
    floored: dict[str, list[str]] = {}
    for axis, (size, k, s, d, pad) in enumerate(zip(in_spatial, window.kernel, window.stride,
                                                     window.dilation, pads_per_axis)):
        try:
            result = window_dim(size, k, s, d, pad, ceil_mode)
        except CnncalcError as e:
            raise e.with_where(axis=names[axis], field="kernel") from None
        outs.append(result.out)
        pads.append(result.pads)
        exacts.append(result.exact)
        if result.exact is not None and not ceil_mode and notes:
            text = (f"{textbook_text(size, effective_kernel(k, d), s, result.pads)} = {fraction_text(result.exact)} "
                    f"is not a whole number; floored, {result.out - 1} + 1 = {result.out}")
            floored.setdefault(text, []).append(names[axis])
    notes = tuple(Note("non-integer", f"{'axes' if len(axes) > 1 else 'axis'} {', '.join(axes)}: {text}")
                  for text, axes in floored.items())
    return LayerOut(tuple(outs), tuple(pads), notes, tuple(exacts), window)


def input_window(kind, inputs: list[Shape], hp: dict, convention: Convention) -> tuple[Shape, Window]:
    """The input volume of a windowed ``kind`` (it must have spatial axes) and the window it slides,
    once ``convention`` has accepted the layer."""
    shape = inputs[0]
    need_spatial(shape, kind.name)
    window = kind.window(len(shape) - 1, hp)
    check_causal(window.padding, kind, len(shape) - 1)
    window = window._replace(padding=padding_for(convention, window.padding))
    check(convention, layer_facts(kind, convention, shape, window, hp))
    return shape, window


def layer_facts(kind, convention: Convention, shape: Shape, window: Window, hp: dict) -> Facts:
    """The layer as ``convention``'s refusal rules see it: the framework's op names the kind
    declares (``ops``) and the hyperparameters broadcast to the input's axes."""
    rank = len(window.kernel)
    per_axis = {key: broadcast(hp[key], rank, key) if hp.get(key) is not None else None
                for key in ("output_padding", "output_shape")}
    return Facts(kind.name, kind.ops.get(convention), spatial(shape), channels(shape), window.kernel, window.stride,
                 window.dilation, window.padding, hp.get("groups") or 1, ceil_mode=bool(hp.get("ceil_mode")),
                 **per_axis)


def check_causal(padding: PadSpec, kind, rank: int) -> None:
    """``causal`` padding exists for a plain 1-D conv only, as in Keras (Conv1D alone accepts it):
    a kind that takes it says ``causal = True``."""
    if isinstance(padding, Causal) and (not getattr(kind, "causal", False) or rank != 1):
        raise SpecError(f"causal padding applies to a 1-D conv only, not to a {rank}-D {kind.name}",
                        expected="same, valid or numeric padding").with_where(field="padding")
