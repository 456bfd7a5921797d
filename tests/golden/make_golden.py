"""Generate golden shape fixtures by running the real frameworks.

Run in a throwaway environment that has PyTorch and TensorFlow (never project dependencies):

    python -m venv /tmp/fw && /tmp/fw/bin/pip install torch==2.13.0 tensorflow-cpu
    /tmp/fw/bin/python tests/golden/make_golden.py

Writes tests/golden/shapes.jsonl: one case per line with the framework, the convention
cnncalc should apply, the input (channels-last, no batch), the hyperparameters in spec
form, and what the framework did: the output shape, the padding TensorFlow applied
(probed from values), the parameter count, or that it raised.
"""
from __future__ import annotations

import os
import random
import sys

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from golden_io import write_jsonl  # noqa: E402

torch.set_num_threads(1)
rng = random.Random(20261128)


def spatial_sizes(rank: int, low: int, high: int) -> list[int]:
    return [rng.randint(low, high) for _ in range(rank)]


def per_axis(rank: int, low: int, high: int, square: float = 0.6) -> list[int]:
    if rng.random() < square:
        return [rng.randint(low, high)] * rank
    return spatial_sizes(rank, low, high)


def attempt(cases: list, case: dict, run, errors=Exception) -> None:
    """Record one case: what ``run`` measured into it (output, params, pads), or the
    framework's refusal as the first line of its message."""
    try:
        run(case)
    except errors as e:  # any refusal is data here
        case["error"] = str(e).splitlines()[0][:160]
    cases.append(case)


# --- PyTorch -------------------------------------------------------------------------------

TORCH_CONV = {1: torch.nn.Conv1d, 2: torch.nn.Conv2d, 3: torch.nn.Conv3d}
TORCH_CONVT = {1: torch.nn.ConvTranspose1d, 2: torch.nn.ConvTranspose2d, 3: torch.nn.ConvTranspose3d}
TORCH_MAX = {1: torch.nn.MaxPool1d, 2: torch.nn.MaxPool2d, 3: torch.nn.MaxPool3d}
TORCH_AVG = {1: torch.nn.AvgPool1d, 2: torch.nn.AvgPool2d, 3: torch.nn.AvgPool3d}


def torch_run(module, size: list[int], channels: int):
    x = torch.zeros((1, channels, *size))
    with torch.no_grad():
        y = module(x)
    return list(y.shape[2:]) + [y.shape[1]]


def torch_conv_cases(cases: list, n: int) -> None:
    for _ in range(n):
        rank = rng.choice([1, 2, 2, 2, 3])
        size = spatial_sizes(rank, 1, 24 if rank < 3 else 10)
        k, s, d = per_axis(rank, 1, 7), per_axis(rank, 1, 4), per_axis(rank, 1, 3, square=0.8)
        if rng.random() < 0.5:
            d = [1] * rank
        groups = rng.choice([1, 1, 1, 2, 3, 4])
        c_in = groups * rng.randint(1, 3) if rng.random() < 0.9 else rng.randint(1, 5)
        filters = groups * rng.randint(1, 3) if rng.random() < 0.9 else rng.randint(1, 5)
        mode = rng.random()
        padding = "same" if mode < 0.15 else "valid" if mode < 0.25 else per_axis(rank, 0, 4)
        bias = rng.random() < 0.8
        hp = {"filters": filters, "kernel": k, "stride": s, "dilation": d, "groups": groups, "bias": bias,
              "padding": padding}
        case = dict(op="conv", framework="torch", convention="pytorch", input=size + [c_in], hp=hp)

        def run(case):
            m = TORCH_CONV[rank](c_in, filters, k, stride=s, padding=padding, dilation=d, groups=groups, bias=bias)
            case["params"] = sum(p.numel() for p in m.parameters())
            case["output"] = torch_run(m, size, c_in)
        attempt(cases, case, run, (RuntimeError, ValueError))


def torch_pool_cases(cases: list, n: int) -> None:
    for _ in range(n):
        rank = rng.choice([1, 2, 2, 3])
        size = spatial_sizes(rank, 1, 20 if rank < 3 else 9)
        k = per_axis(rank, 1, 6)
        s = per_axis(rank, 1, 4)
        op = rng.choice(["max", "avg"])
        d = per_axis(rank, 1, 3) if op == "max" and rng.random() < 0.3 else [1] * rank
        p = [rng.randint(0, max(kk // 2 + (1 if rng.random() < 0.15 else 0), 0)) for kk in k]
        ceil_mode = rng.random() < 0.5
        c = rng.randint(1, 4)
        hp = {"kernel": k, "stride": s, "padding": p, "ceil_mode": ceil_mode}
        if op == "max":
            hp["dilation"] = d
        case = dict(op=f"{op}pool", framework="torch", convention="pytorch", input=size + [c], hp=hp)

        def run(case):
            if op == "max":
                m = TORCH_MAX[rank](k, stride=s, padding=p, dilation=d, ceil_mode=ceil_mode)
            else:
                m = TORCH_AVG[rank](k, stride=s, padding=p, ceil_mode=ceil_mode)
            case["output"] = torch_run(m, size, c)
        attempt(cases, case, run, (RuntimeError, ValueError))


def torch_transpose_cases(cases: list, n: int) -> None:
    for _ in range(n):
        rank = rng.choice([1, 2, 2, 3])
        size = spatial_sizes(rank, 1, 12 if rank < 3 else 6)
        k, s, d = per_axis(rank, 1, 6), per_axis(rank, 1, 4), per_axis(rank, 1, 3)
        if rng.random() < 0.5:
            d = [1] * rank
        p = per_axis(rank, 0, 4)
        op = [rng.randint(0, max(ss, dd)) for ss, dd in zip(s, d)]
        groups = rng.choice([1, 1, 2])
        c_in, filters = groups * rng.randint(1, 3), groups * rng.randint(1, 3)
        bias = rng.random() < 0.8
        hp = {"filters": filters, "kernel": k, "stride": s, "dilation": d, "padding": p, "output_padding": op,
              "groups": groups, "bias": bias}
        case = dict(op="conv_transpose", framework="torch", convention="pytorch", input=size + [c_in], hp=hp)

        def run(case):
            m = TORCH_CONVT[rank](c_in, filters, k, stride=s, padding=p, output_padding=op, groups=groups,
                                  dilation=d, bias=bias)
            case["params"] = sum(q.numel() for q in m.parameters())
            case["output"] = torch_run(m, size, c_in)
        attempt(cases, case, run, (RuntimeError, ValueError))


# --- TensorFlow / Keras --------------------------------------------------------------------

def keras_cases(cases: list, n_conv: int, n_pool: int, n_transpose: int, n_other: int) -> None:
    import keras
    import tensorflow as tf

    L = keras.layers
    conv = {1: L.Conv1D, 2: L.Conv2D, 3: L.Conv3D}
    convt = {1: L.Conv1DTranspose, 2: L.Conv2DTranspose, 3: L.Conv3DTranspose}
    maxp = {1: L.MaxPooling1D, 2: L.MaxPooling2D, 3: L.MaxPooling3D}
    avgp = {1: L.AveragePooling1D, 2: L.AveragePooling2D, 3: L.AveragePooling3D}

    def build(layer, shape):
        y = layer(tf.zeros([1] + shape))
        return list(y.shape[1:]), layer.count_params()

    def same_split(size: int, k: int, s: int, d: int) -> list[int] | None:
        """TF's SAME split on one axis, read off a conv of arange with one-hot taps."""
        x = tf.reshape(tf.range(1, size + 1, dtype=tf.float32), (1, size, 1, 1))
        w = np.zeros((k, 1, 1, k), dtype=np.float32)
        for tap in range(k):
            w[tap, 0, 0, tap] = 1.0
        y = tf.nn.conv2d(x, w, strides=[1, s, 1, 1], padding="SAME", dilations=[1, d, 1, 1]).numpy()
        out = y.shape[1]
        total = max((out - 1) * s + (k - 1) * d + 1 - size, 0)
        for tap in range(k):
            v = y[0, 0, 0, tap]
            if v != 0:
                begin = int(round(tap * d + 1 - v))
                return [begin, total - begin]
        return None

    for _ in range(n_conv):
        rank = rng.choice([1, 2, 2, 3])
        size = spatial_sizes(rank, 1, 24 if rank < 3 else 10)
        k, s, d = per_axis(rank, 1, 7), per_axis(rank, 1, 4), per_axis(rank, 1, 3)
        if rng.random() < 0.6:
            d = [1] * rank
        elif rng.random() < 0.7:
            s = [1] * rank
        padding = rng.choice(["same", "valid"])
        c, filters = rng.randint(1, 4), rng.randint(1, 6)
        bias = rng.random() < 0.8
        hp = {"filters": filters, "kernel": k, "stride": s, "dilation": d, "padding": padding, "bias": bias}
        case = dict(op="conv", framework="keras", convention="keras", input=size + [c], hp=hp)

        def run(case):
            layer = conv[rank](filters, k, strides=s, padding=padding, dilation_rate=d, use_bias=bias)
            case["output"], case["params"] = build(layer, size + [c])
            if padding == "same" and all(o > 0 for o in case["output"]):
                case["pads"] = [same_split(n, kk, ss, dd) for n, kk, ss, dd in zip(size, k, s, d)]
        attempt(cases, case, run)

    for _ in range(n_pool):
        rank = rng.choice([1, 2, 2, 3])
        size = spatial_sizes(rank, 1, 20 if rank < 3 else 9)
        k, s = per_axis(rank, 1, 6), per_axis(rank, 1, 4)
        padding = rng.choice(["same", "valid"])
        op = rng.choice(["max", "avg"])
        c = rng.randint(1, 4)
        hp = {"kernel": k, "stride": s, "padding": padding}
        case = dict(op=f"{op}pool", framework="keras", convention="keras", input=size + [c], hp=hp)

        def run(case):
            layer = (maxp if op == "max" else avgp)[rank](pool_size=k, strides=s, padding=padding)
            case["output"], case["params"] = build(layer, size + [c])
        attempt(cases, case, run)

    for _ in range(n_transpose):
        rank = rng.choice([1, 2, 2, 3])
        size = spatial_sizes(rank, 1, 12 if rank < 3 else 6)
        k, s, d = per_axis(rank, 1, 6), per_axis(rank, 1, 4), per_axis(rank, 1, 3)
        if rng.random() < 0.6:
            d = [1] * rank
        padding = rng.choice(["same", "valid"])
        op = None if rng.random() < 0.5 else [rng.randint(0, ss) for ss in s]
        c, filters = rng.randint(1, 4), rng.randint(1, 5)
        hp = {"filters": filters, "kernel": k, "stride": s, "dilation": d, "padding": padding,
              "output_padding": op}
        case = dict(op="conv_transpose", framework="keras", convention="keras", input=size + [c], hp=hp)

        def run(case):
            layer = convt[rank](filters, k, strides=s, padding=padding, output_padding=op, dilation_rate=d)
            case["output"], case["params"] = build(layer, size + [c])
        attempt(cases, case, run)

    for _ in range(n_other):
        size = spatial_sizes(2, 1, 16)
        k, s, d = per_axis(2, 1, 5), per_axis(2, 1, 3), per_axis(2, 1, 3)
        if rng.random() < 0.5:
            d = [1, 1]
        padding = rng.choice(["same", "valid"])
        c, m, filters = rng.randint(1, 4), rng.randint(1, 3), rng.randint(1, 5)
        bias = rng.random() < 0.8
        if rng.random() < 0.5:
            hp = {"kernel": k, "stride": s, "dilation": d, "padding": padding, "depth_multiplier": m, "bias": bias}
            op, layer_fn = "depthwise_conv", lambda: L.DepthwiseConv2D(k, strides=s, padding=padding,
                                                                        depth_multiplier=m, dilation_rate=d,
                                                                        use_bias=bias)
        else:
            hp = {"filters": filters, "kernel": k, "stride": s, "dilation": d, "padding": padding,
                  "depth_multiplier": m, "bias": bias}
            op, layer_fn = "separable_conv", lambda: L.SeparableConv2D(filters, k, strides=s, padding=padding,
                                                                        depth_multiplier=m, dilation_rate=d,
                                                                        use_bias=bias)
        case = dict(op=op, framework="keras", convention="keras", input=size + [c], hp=hp)

        def run(case):
            case["output"], case["params"] = build(layer_fn(), size + [c])
        attempt(cases, case, run)


def keras_causal_cases(cases: list, n: int) -> None:
    """Keras' causal padding: accepted by Conv1D alone. Drawn from their own RNG, after every
    other case, so the cases above are unchanged."""
    import keras
    import tensorflow as tf

    L = keras.layers
    crng = random.Random(31)
    for _ in range(n):
        size, k, s, d = crng.randint(1, 24), crng.randint(1, 7), crng.randint(1, 4), crng.randint(1, 4)
        if crng.random() < 0.5:
            d = 1
        elif crng.random() < 0.7:
            s = 1
        c, filters = crng.randint(1, 4), crng.randint(1, 5)
        kind = crng.choice(["conv"] * 6 + ["conv2d", "depthwise_conv", "separable_conv", "maxpool", "conv_transpose"])
        rank = 2 if kind == "conv2d" else 1
        shape = [size] * rank + [c]
        hp = {"kernel": k, "stride": s, "padding": "causal"}
        if kind in ("conv", "conv2d", "separable_conv", "conv_transpose"):
            hp.update(filters=filters, dilation=d)
        make = {
            "conv": lambda: L.Conv1D(filters, k, strides=s, padding="causal", dilation_rate=d),
            "conv2d": lambda: L.Conv2D(filters, k, strides=s, padding="causal", dilation_rate=d),
            "depthwise_conv": lambda: L.DepthwiseConv1D(k, strides=s, padding="causal"),
            "separable_conv": lambda: L.SeparableConv1D(filters, k, strides=s, padding="causal", dilation_rate=d),
            "maxpool": lambda: L.MaxPooling1D(k, strides=s, padding="causal"),
            "conv_transpose": lambda: L.Conv1DTranspose(filters, k, strides=s, padding="causal", dilation_rate=d),
        }[kind]
        case = dict(op="conv" if kind == "conv2d" else kind, framework="keras", convention="keras",
                    input=shape, hp=hp)

        def run(case):
            layer = make()
            y = layer(tf.zeros([1] + shape))
            case["output"], case["params"] = list(y.shape[1:]), layer.count_params()

        attempt(cases, case, run)


def keras_cropping_cases(cases: list, n: int) -> None:
    """Keras Cropping1D/2D/3D, including crops that leave nothing (refused). Own RNG, appended last."""
    import keras
    import tensorflow as tf

    crop_layer = {1: keras.layers.Cropping1D, 2: keras.layers.Cropping2D, 3: keras.layers.Cropping3D}
    crng = random.Random(47)
    for _ in range(n):
        rank = crng.choice([1, 2, 2, 3])
        size = [crng.randint(1, 12) for _ in range(rank)]
        pairs = [[crng.randint(0, 4), crng.randint(0, 4)] for _ in range(rank)]
        shape = size + [crng.randint(1, 3)]
        case = dict(op="cropping", framework="keras", convention="keras", input=shape, hp={"cropping": pairs})

        def run(case):
            y = crop_layer[rank](pairs[0] if rank == 1 else pairs)(tf.zeros([1] + shape))
            case["output"], case["params"] = list(y.shape[1:]), 0

        attempt(cases, case, run)


def main() -> None:
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    cases: list = []
    torch_conv_cases(cases, int(1500 * scale))
    torch_pool_cases(cases, int(1500 * scale))
    torch_transpose_cases(cases, int(800 * scale))
    keras_cases(cases, int(900 * scale), int(700 * scale), int(500 * scale), int(400 * scale))
    keras_causal_cases(cases, int(200 * scale))
    keras_cropping_cases(cases, int(100 * scale))
    import tensorflow as tf

    meta = {"torch": torch.__version__, "tensorflow": tf.__version__, "cases": len(cases)}
    write_jsonl("shapes.jsonl", meta, cases, sort_keys=True)


if __name__ == "__main__":
    main()
