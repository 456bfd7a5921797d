"""Element-wise activations: each is its formula, as the NumPy step ``compute(ops, x, hp)``."""
from __future__ import annotations

from cnncalc.core.layers import memory, tools
from cnncalc.core.layers.plain import Plain
from cnncalc.core.layers.base import HParam, number

ALPHA = HParam("alpha", number(), 0.01, "slope for x < 0")


class Activation(Plain):
    """An element-wise function: shape kept, no parameters; ptflops counts some (``ptflops_per_element``)."""

    glyph = "activation"
    other_tools = tools.activation(0)
    temporaries = staticmethod(memory.none)

    @classmethod
    def forward(cls, ops, xs, layer, weights):
        return cls.compute(ops, xs[0], layer.hp)

    @staticmethod
    def compute(ops, x, hp):
        raise NotImplementedError


class Relu(Activation):
    name, summary = "relu", "max(x, 0)"
    other_tools = tools.activation(2)
    compute = staticmethod(lambda ops, x, hp: ops.np.maximum(x, 0))


class Relu6(Activation):
    name, summary = "relu6", "min(max(x, 0), 6)"
    other_tools = tools.activation(1)
    compute = staticmethod(lambda ops, x, hp: ops.np.clip(x, 0, 6))


class LeakyRelu(Activation):
    name, summary = "leaky_relu", "x if x > 0 else alpha·x (alpha 0.01 as PyTorch; Keras 0.3)"
    schema, primary = (ALPHA,), "alpha"
    echo = ("alpha",)
    other_tools = tools.activation(1)
    temporaries = staticmethod(memory.copies(2))  # alpha·x and the mask x > 0
    compute = staticmethod(lambda ops, x, hp: ops.np.where(x > 0, x, hp["alpha"] * x))


class Elu(Activation):
    name, summary = "elu", "x if x > 0 else alpha·(eˣ − 1)"
    schema, primary = (HParam("alpha", number(), 1.0, "scale for x < 0"),), "alpha"
    echo = ("alpha",)
    other_tools = tools.activation(2)
    temporaries = staticmethod(memory.copies(2))  # alpha·(e^min(x, 0) − 1) and the mask x > 0
    compute = staticmethod(lambda ops, x, hp: ops.elu(x, hp["alpha"]))


class Sigmoid(Activation):
    name, summary = "sigmoid", "1/(1 + e⁻ˣ)"
    compute = staticmethod(lambda ops, x, hp: ops.sigmoid(x))


class HardSigmoid(Activation):
    name, summary = "hard_sigmoid", "clip(x/6 + 1/2, 0, 1) (Keras 3)"
    compute = staticmethod(lambda ops, x, hp: ops.np.clip(x / 6 + 0.5, 0, 1))
    temporaries = staticmethod(memory.copies(2))  # x/6 and x/6 + 1/2


class Tanh(Activation):
    name, summary = "tanh", "tanh(x)"
    compute = staticmethod(lambda ops, x, hp: ops.np.tanh(x))


class Softmax(Activation):
    name, summary = "softmax", "eˣ/Σeˣ over the last axis"
    other_tools = tools.activation(1)
    temporaries = staticmethod(memory.per_position(2))  # the maximum and the sum per position
    compute = staticmethod(lambda ops, x, hp: ops.softmax(x))


class Gelu(Activation):
    name, summary = "gelu", "x·Φ(x) (tanh approximation off)"
    other_tools = tools.activation(2)
    temporaries = staticmethod(memory.copies(3))  # x/√2 and two arrays inside erf
    compute = staticmethod(lambda ops, x, hp: ops.gelu(x))


class Silu(Activation):
    name, summary = "silu", "x·sigmoid(x)"
    aliases = ("swish",)
    other_tools = tools.activation(1)
    compute = staticmethod(lambda ops, x, hp: ops.silu(x))


KINDS = (Relu, Relu6, LeakyRelu, Elu, Sigmoid, HardSigmoid, Tanh, Softmax, Gelu, Silu)
