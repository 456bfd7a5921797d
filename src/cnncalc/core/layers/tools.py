"""Rules for other tools' multiply-accumulate counts, which kinds compose into ``OtherTools``.

As measured against the tools themselves (tests/golden/make_macs_golden.py); E is a layer's
input elements, O its output elements:

- torchinfo 1.8 ``total_mult_adds``: conv-like weights·positions plus bias·positions (a
  transposed conv counts its weights at every *output* position); dense and normalisation
  layers count their parameters; nothing else.
- fvcore 0.1.5 ``FlopCountAnalysis``: MACs without bias; BatchNorm 2E (E without γ, β),
  LayerNorm 5E, adaptive and global average pooling E, upsampling O (bilinear 4O).
- ptflops 0.7.5 (pytorch backend): MACs plus one per output element for the bias;
  BatchNorm 2E; ReLU, ELU, GELU, every pooling and upsampling twice (module hook and
  patched functional both count), LeakyReLU, ReLU6, SiLU, softmax and LayerNorm once;
  sigmoid, tanh and hard-sigmoid not at all.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from cnncalc.core.layers.base import OtherTools
from cnncalc.core.shapes import volume

if TYPE_CHECKING:
    from cnncalc.core.layers.resolved import Inferred

Rule = Callable[["Inferred"], int]


def zero(layer: Inferred) -> int:
    return 0


def macs(layer: Inferred) -> int:
    """MACs, bias excluded (cnncalc's own count)."""
    return layer.kind.macs(layer)


def macs_and_bias(layer: Inferred) -> int:
    """MACs plus one addition per output element when the layer has a bias."""
    return layer.kind.macs(layer) + (volume(layer.output) if layer.hp.get("bias") else 0)


def trainable(layer: Inferred) -> int:
    """The layer's trainable parameters (torchinfo's count for dense and normalisation)."""
    return layer.kind.params(layer)[0]


def per_input(times: int | Callable[[Inferred], int]) -> Rule:
    """``times``·E (``times`` may depend on the layer)."""
    return lambda layer: volume(layer.input) * (times(layer) if callable(times) else times)


def per_output(times: int | Callable[[Inferred], int]) -> Rule:
    """``times``·O."""
    return lambda layer: volume(layer.output) * (times(layer) if callable(times) else times)


def activation(ptflops: int) -> OtherTools:
    """An element-wise activation: ptflops counts it ``ptflops`` times per element, the others never."""
    return OtherTools(zero, zero, per_input(ptflops) if ptflops else zero)


NONE = OtherTools(zero, zero, zero)
"""A kind no tool counts."""
CONV = OtherTools(macs_and_bias, macs, macs_and_bias)
"""Convolutions: torchinfo and ptflops add the bias per output element, fvcore does not."""
POOL = OtherTools(zero, zero, per_input(2))
"""Max and average pooling over windows: ptflops alone, twice per input element."""
