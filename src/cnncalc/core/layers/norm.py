"""Normalisation: batchnorm and layernorm (γ, β per channel), local response normalisation."""
from __future__ import annotations

from cnncalc.core.layers import memory, tools
from cnncalc.core.layers.plain import Plain
from cnncalc.core.layers.working import plain_working
from cnncalc.core.layers.base import HParam, LayerKind, Weight, boolean, number
from cnncalc.core.literals import whole
from cnncalc.core.shapes import channels

NORM_SCHEMA = (HParam("epsilon", number(minimum=0), 1e-3, "added to the variance"),
               HParam("center", boolean, True, "learn β"), HParam("scale", boolean, True, "learn γ"))


def _affine(layer) -> int:
    """Whether γ or β is learnt (fvcore counts one operation per element more when either is)."""
    return 1 if layer.hp["center"] or layer.hp["scale"] else 0


class BatchNorm(LayerKind):
    name = "batchnorm"
    aliases = ("batch_norm", "batchnormalization", "bn", "batchnorm2d")
    summary = "per channel: γ, β trainable; moving mean and variance non-trainable (Keras counts both)"
    schema = NORM_SCHEMA
    glyph = "norm"
    echo = ("epsilon", "center", "scale")
    temporaries = staticmethod(memory.per_channel(3))
    other_tools = tools.OtherTools(tools.trainable, tools.per_input(lambda layer: 1 + _affine(layer)),
                                   tools.per_input(lambda layer: 1 + _affine(layer)))
    working = staticmethod(plain_working)
    values = None

    @classmethod
    def params(cls, layer) -> tuple[int, int]:
        c = channels(layer.input)
        return c * (layer.hp["center"] + layer.hp["scale"]), 2 * c

    @classmethod
    def affine(cls, layer) -> tuple[Weight, Weight]:
        """γ (drawn in [0.5, 1.5) when learnt, else 1) and β (drawn when learnt, else 0)."""
        c = (channels(layer.input),)
        return (Weight(c, "positive" if layer.hp["scale"] else "ones"),
                Weight(c, "uniform" if layer.hp["center"] else "zeros", 3))

    @classmethod
    def weights(cls, layer) -> tuple[Weight, ...]:
        """(moving mean, moving variance, γ, β)."""
        c = (channels(layer.input),)
        return (Weight(c, fan_in=3), Weight(c, "positive")) + cls.affine(layer)

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        """Inference form (x − mean)/√(var + ε)·γ + β, folded per channel into x·scale + shift."""
        mean, var, gamma, beta = weights
        y = xs[0] - mean
        y *= gamma / ops.np.sqrt(var + layer.hp["epsilon"])
        y += beta
        return y


class LayerNorm(BatchNorm):
    name = "layernorm"
    aliases = ("layer_norm", "layernormalization")
    summary = "normalise over the last axis; γ, β per channel"
    other_tools = tools.OtherTools(tools.trainable, tools.per_input(lambda layer: 4 + _affine(layer)),
                                   tools.per_input(1))
    temporaries = staticmethod(memory.layer_norm)

    @classmethod
    def params(cls, layer) -> tuple[int, int]:
        return channels(layer.input) * (layer.hp["center"] + layer.hp["scale"]), 0

    @classmethod
    def weights(cls, layer) -> tuple[Weight, ...]:
        """(γ, β)."""
        return cls.affine(layer)

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        """(x − mean)/√(var + ε)·γ + β over the channel axis (Keras' default axis=-1)."""
        x, (gamma, beta) = xs[0], weights
        y = x - x.mean(axis=-1, keepdims=True)
        spread = (y * y).mean(axis=-1, keepdims=True)  # the variance
        spread += layer.hp["epsilon"]
        y /= ops.np.sqrt(spread, out=spread)
        y *= gamma
        y += beta
        return y


class LRN(Plain):
    name = "lrn"
    aliases = ("local_response_norm",)
    summary = "local response normalisation across `size` neighbouring channels (AlexNet)"
    schema = (HParam("size", lambda v: whole(v, "size"), 5, "channels in the sum"),
              HParam("alpha", number(), 1e-4, "scale"), HParam("beta", number(), 0.75, "exponent"),
              HParam("k", number(), 1.0, "additive constant"))
    glyph = "norm"
    echo = ("size", "alpha", "beta", "k")
    temporaries = staticmethod(memory.lrn)

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        """x / (k + α/n · Σ x² over n neighbouring channels)^β (PyTorch LocalResponseNorm)."""
        return ops.local_response_norm(xs[0], layer.hp["size"], layer.hp["alpha"], layer.hp["beta"], layer.hp["k"])


KINDS = (BatchNorm, LayerNorm, LRN)
