"""Other tools' multiply-accumulate conventions, reproduced layer by layer (``--macs-as``).

cnncalc's own ``macs`` (DESIGN): weighted layers only, bias excluded. The others, as measured
against the tools themselves (tests/golden/make_macs_golden.py); E is a layer's input
elements, O its output elements, P its output positions:

- torchinfo 1.8 ``total_mult_adds``: conv-like weights·P plus bias·P (a transposed conv
  counts its weights at every *output* position); dense and normalisation layers count
  their parameters; nothing else.
- fvcore 0.1.5 ``FlopCountAnalysis``: MACs without bias; BatchNorm 2E (E without γ, β),
  LayerNorm 5E, adaptive and global average pooling E, upsampling O (bilinear 4O).
- ptflops 0.7.5 (pytorch backend): MACs plus one per output element for the bias;
  BatchNorm 2E; ReLU, ELU, GELU, every pooling and upsampling twice (module hook and
  patched functional both count), LeakyReLU, ReLU6, SiLU, softmax and LayerNorm once;
  sigmoid, tanh and hard-sigmoid not at all.
"""
from __future__ import annotations

from dataclasses import replace
from enum import StrEnum
from typing import Callable

from .analysis import LayerRow, Report
from .grammar import spatial


class MacsConvention(StrEnum):
    """Counting conventions of other tools (``--macs-as``)."""

    CNNCALC = "cnncalc"
    TORCHINFO = "torchinfo"
    FVCORE = "fvcore"
    PTFLOPS = "ptflops"


CONV_LIKE = ("conv", "depthwise_conv", "separable_conv", "locally_connected")


def _elements(shape) -> int:
    total = 1
    for n in shape:
        total *= n
    return total


def _bias_per_output(row: LayerRow, hp: dict) -> int:
    """One addition per output element when the layer has a bias."""
    return _elements(row.output) if hp.get("bias") else 0


def _positions(shape) -> int:
    return _elements(spatial(shape)) if spatial(shape) else 1


def torchinfo(row: LayerRow, hp: dict) -> int:
    if row.kind in CONV_LIKE:
        return row.macs + _bias_per_output(row, hp)
    if row.kind == "conv_transpose":
        kernel = _elements(hp["kernel"]) if len(hp["kernel"]) > 1 else hp["kernel"][0] ** len(spatial(row.output))
        weights = kernel * (row.input[0][-1] // hp["groups"]) * hp["filters"]
        return (weights + (hp["filters"] if hp["bias"] else 0)) * _positions(row.output)
    if row.kind in ("dense", "batchnorm", "layernorm"):
        return row.trainable
    return 0


def fvcore(row: LayerRow, hp: dict) -> int:
    inputs = _elements(row.input[0])
    if row.macs:
        return row.macs
    if row.kind == "batchnorm":
        return inputs * (2 if hp["center"] or hp["scale"] else 1)
    if row.kind == "layernorm":
        return inputs * (5 if hp["center"] or hp["scale"] else 4)
    if row.kind in ("adaptive_avgpool", "global_avgpool"):
        return inputs
    if row.kind == "upsample":
        return _elements(row.output) * (4 if hp["mode"] == "bilinear" else 1)
    return 0


PTFLOPS_ONCE = ("leaky_relu", "relu6", "silu", "softmax", "layernorm")
PTFLOPS_TWICE = ("relu", "elu", "gelu", "maxpool", "avgpool", "global_avgpool", "global_maxpool", "adaptive_avgpool")


def ptflops(row: LayerRow, hp: dict) -> int:
    inputs = _elements(row.input[0])
    if row.macs:
        return row.macs + _bias_per_output(row, hp)
    if row.kind == "batchnorm":
        return inputs * (2 if hp["center"] or hp["scale"] else 1)
    if row.kind in PTFLOPS_ONCE:
        return inputs
    if row.kind in PTFLOPS_TWICE:
        return 2 * inputs
    if row.kind == "upsample":
        return 2 * _elements(row.output)
    return 0


RULES: dict[MacsConvention, Callable[[LayerRow, dict], int]] = {
    MacsConvention.CNNCALC: lambda row, hp: row.macs,
    MacsConvention.TORCHINFO: torchinfo, MacsConvention.FVCORE: fvcore, MacsConvention.PTFLOPS: ptflops}


def macs_as(report: Report, hparams: dict[str, dict], convention: MacsConvention | str) -> list[int]:
    """Each layer's count under ``convention``; ``hparams`` maps layer names to hyperparameters.
    A fused ``activation:`` counts as the separate activation module the tools see in PyTorch."""
    rule = RULES[MacsConvention(convention)]
    return [rule(row, hparams[row.name]) + _fused_activation(rule, row, hparams[row.name]) for row in report.rows]


def _fused_activation(rule: Callable[[LayerRow, dict], int], row: LayerRow, hp: dict) -> int:
    from .layers import lookup
    from .layers.base import fused_activation

    activation = fused_activation(hp)
    if not activation:
        return 0
    alone = replace(row, kind=lookup(activation).name, input=(row.output,), trainable=0, non_trainable=0,
                    params_unshared=0, macs=0)
    return rule(alone, {})
