"""The closed sets of names a user chooses from (contract strings), in one light module: the
CLI builds its choices from these, case-insensitively, and the modules that act on them import
them from here."""
from __future__ import annotations

from enum import StrEnum


class Convention(StrEnum):
    """The rule sets cnncalc knows: what each framework accepts (``core.conventions``); ``tensorflow``
    is TensorFlow's own ops (tf.nn), ``keras`` Keras 3's layers, ``onnx`` the current ONNX opset."""

    TEXTBOOK = "textbook"
    TENSORFLOW = "tensorflow"
    KERAS = "keras"
    PYTORCH = "pytorch"
    ONNX = "onnx"


class Layout(StrEnum):
    """How a shape the user writes is ordered: channels last or first, with or without a batch axis."""

    HWC = "hwc"
    NHWC = "nhwc"
    CHW = "chw"
    NCHW = "nchw"


class MacsConvention(StrEnum):
    """Multiply-accumulate counts: cnncalc's own and other tools' (``--macs-as``)."""

    CNNCALC = "cnncalc"
    TORCHINFO = "torchinfo"
    FVCORE = "fvcore"
    PTFLOPS = "ptflops"


class SolveKind(StrEnum):
    """The layers ``cnncalc solve`` searches, and the kind each stands for."""

    CONV = "conv"
    POOL = "pool"
    TRANSPOSE = "transpose"

    @property
    def kind(self) -> str:
        return {"conv": "conv", "pool": "maxpool", "transpose": "conv_transpose"}[self.value]


DTYPE_BYTES = {"float32": 4, "float64": 8, "float16": 2, "bfloat16": 2, "int8": 1, "uint8": 1}
"""Bytes per value of each dtype memory figures can be given in."""

FORWARD_DTYPES = ("float32", "float64", "float16")
"""The dtypes the forward pass computes in; bfloat16 and the integer types only size memory figures."""

FORMATS = ("table", "json", "csv", "markdown")
"""Output formats; ``table`` is rich on a terminal, plain text otherwise (``report.text.Format``)."""

DRAW_STYLES = ("auto", "graph", "lenet", "blocks")
"""Diagram styles: ``auto`` is ``lenet`` for a sequential network and ``graph`` for a branching one."""

QUIZ_TOPICS = ("conv", "pool", "params", "padding", "tf", "transpose", "receptive_field", "model")
"""What ``cnncalc quiz new`` and ``cnncalc drill`` ask about."""

QUIZ_LEVELS = (1, 2, 3)
"""Difficulties: 1 divides evenly; 2 adds SAME's odd pixel, floors and dilation; 3 ceil_mode and non-square kernels."""
