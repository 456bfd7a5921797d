"""Generate golden values for the NumPy forward kernels by running PyTorch and TensorFlow.

Run in a throwaway environment with both frameworks (see make_golden.py):

    /tmp/fw/bin/python tests/golden/make_forward_golden.py

Writes tests/golden/forward.jsonl: small random inputs (batch 1, channels-last), the
weights in cnncalc's layout (*kernel, C_in/groups, C_out), the layer in spec form, and
the framework's output (channels-last), for conv, transposed conv, depthwise conv and
pooling, including TensorFlow SAME with an odd padding pixel and SAME average pooling,
then every other kind with real math: separable conv, upsample (nearest and bilinear,
PyTorch and Keras), adaptive and global pooling, batchnorm, layernorm, LRN, dense,
zero padding, every activation and the merges.
"""
from __future__ import annotations

import os
import random

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

import numpy as np  # noqa: E402
import torch  # noqa: E402

from golden_io import write_jsonl  # noqa: E402

rng = random.Random(7)
nrng = np.random.default_rng(7)


def arr(shape):
    return nrng.standard_normal(shape).astype(np.float32)


def to_last(t: torch.Tensor) -> np.ndarray:
    return t.detach().numpy().transpose(0, 2, 3, 1)


def torch_cases(cases):
    F = torch.nn.functional
    for _ in range(40):
        h, w = rng.randint(4, 11), rng.randint(4, 11)
        groups = rng.choice([1, 1, 2])
        c_in, c_out = groups * rng.randint(1, 3), groups * rng.randint(1, 3)
        k, s, d, p = rng.randint(1, 4), rng.randint(1, 3), rng.randint(1, 2), rng.randint(0, 2)
        if (h + 2 * p) < (k - 1) * d + 1 or (w + 2 * p) < (k - 1) * d + 1:
            continue
        x, wt, b = arr((1, c_in, h, w)), arr((c_out, c_in // groups, k, k)), arr((c_out,))
        y = F.conv2d(torch.from_numpy(x), torch.from_numpy(wt), torch.from_numpy(b), stride=s, padding=p,
                     dilation=d, groups=groups)
        cases.append({"op": "conv", "framework": "torch", "convention": "pytorch",
                      "hp": {"filters": c_out, "kernel": k, "stride": s, "padding": p, "dilation": d, "groups": groups},
                      "x": x.transpose(0, 2, 3, 1).tolist(), "w": wt.transpose(2, 3, 1, 0).tolist(), "b": b.tolist(),
                      "y": to_last(y).tolist()})
    for _ in range(40):
        h, w = rng.randint(3, 10), rng.randint(3, 10)
        k, s = rng.randint(1, 4), rng.randint(1, 3)
        p = rng.randint(0, k // 2)
        ceil = rng.random() < 0.5
        op = rng.choice(["max", "avg"])
        include = rng.random() < 0.5
        x = arr((1, 2, h, w))
        try:
            if op == "max":
                y = F.max_pool2d(torch.from_numpy(x), k, s, p, ceil_mode=ceil)
            else:
                y = F.avg_pool2d(torch.from_numpy(x), k, s, p, ceil_mode=ceil, count_include_pad=include)
        except RuntimeError:
            continue
        hp = {"kernel": k, "stride": s, "padding": p, "ceil_mode": ceil}
        if op == "avg":
            hp["count_include_pad"] = include
        cases.append({"op": f"{op}pool", "framework": "torch", "convention": "pytorch", "hp": hp,
                      "x": x.transpose(0, 2, 3, 1).tolist(), "y": to_last(y).tolist()})
    for _ in range(30):
        h, w = rng.randint(2, 7), rng.randint(2, 7)
        groups = rng.choice([1, 1, 2])
        c_in, c_out = groups * rng.randint(1, 3), groups * rng.randint(1, 3)
        k, s, d, p = rng.randint(1, 4), rng.randint(1, 3), rng.randint(1, 2), rng.randint(0, 2)
        op = rng.randint(0, max(s, d) - 1)
        x, wt = arr((1, c_in, h, w)), arr((c_in, c_out // groups, k, k))
        try:
            y = F.conv_transpose2d(torch.from_numpy(x), torch.from_numpy(wt), None, stride=s, padding=p,
                                   output_padding=op, groups=groups, dilation=d)
        except RuntimeError:
            continue
        # (C_in, C_out/g, k, k) → (k, k, C_in/g, C_out): group g's inputs feed its own outputs
        wg = wt.reshape(groups, c_in // groups, c_out // groups, k, k).transpose(3, 4, 1, 0, 2)
        cases.append({"op": "conv_transpose", "framework": "torch", "convention": "pytorch",
                      "hp": {"filters": c_out, "kernel": k, "stride": s, "padding": p, "dilation": d, "groups": groups,
                             "output_padding": op, "bias": False},
                      "x": x.transpose(0, 2, 3, 1).tolist(), "w": wg.reshape(k, k, c_in // groups, c_out).tolist(),
                      "y": to_last(y).tolist()})


def tf_cases(cases):
    import tensorflow as tf

    for _ in range(30):
        h, w = rng.randint(3, 11), rng.randint(3, 11)
        c_in, c_out = rng.randint(1, 3), rng.randint(1, 3)
        k, s = rng.randint(1, 5), rng.randint(1, 3)
        x, wt = arr((1, h, w, c_in)), arr((k, k, c_in, c_out))
        y = tf.nn.conv2d(x, wt, strides=s, padding="SAME").numpy()
        cases.append({"op": "conv", "framework": "tensorflow", "convention": "tensorflow",
                      "hp": {"filters": c_out, "kernel": k, "stride": s, "padding": "same", "bias": False},
                      "x": x.tolist(), "w": wt.tolist(), "y": y.tolist()})
    for _ in range(30):
        h, w = rng.randint(3, 10), rng.randint(3, 10)
        k, s = rng.randint(1, 4), rng.randint(1, 3)
        op = rng.choice(["max", "avg"])
        x = arr((1, h, w, 2))
        fn = tf.nn.max_pool2d if op == "max" else tf.nn.avg_pool2d
        y = fn(x, k, s, "SAME").numpy()
        cases.append({"op": f"{op}pool", "framework": "tensorflow", "convention": "tensorflow",
                      "hp": {"kernel": k, "stride": s, "padding": "same"}, "x": x.tolist(), "y": y.tolist()})
    for _ in range(20):
        h, w = rng.randint(3, 10), rng.randint(3, 10)
        c, m, k, s = rng.randint(1, 3), rng.randint(1, 2), rng.randint(1, 4), rng.randint(1, 2)
        x, wt = arr((1, h, w, c)), arr((k, k, c, m))
        y = tf.nn.depthwise_conv2d(x, wt, [1, s, s, 1], "SAME").numpy()
        cases.append({"op": "depthwise_conv", "framework": "tensorflow", "convention": "tensorflow",
                      "hp": {"kernel": k, "stride": s, "padding": "same", "depth_multiplier": m, "bias": False},
                      "x": x.tolist(), "w": wt.reshape(k, k, 1, c * m).tolist(), "y": y.tolist()})
    import keras

    keras.utils.set_random_seed(7)  # the layer draws its own kernel: seed it so a rerun writes the same file
    for _ in range(20):
        h, w = rng.randint(2, 7), rng.randint(2, 7)
        c_in, c_out, k, s = rng.randint(1, 3), rng.randint(1, 3), rng.randint(1, 4), rng.randint(1, 3)
        padding = rng.choice(["same", "valid"])
        layer = keras.layers.Conv2DTranspose(c_out, k, strides=s, padding=padding, use_bias=False)
        x = arr((1, h, w, c_in))
        y = layer(x).numpy()
        kernel = layer.get_weights()[0]  # (k, k, C_out, C_in)
        cases.append({"op": "conv_transpose", "framework": "keras", "convention": "keras",
                      "hp": {"filters": c_out, "kernel": k, "stride": s, "padding": padding, "bias": False},
                      "x": x.tolist(), "w": kernel.transpose(0, 1, 3, 2).tolist(), "y": y.tolist()})


def kind_cases(cases):
    """Every other layer kind with real math, one framework run each (a separate RNG, so the
    cases above stay as they were): weights are stored in cnncalc's layout under "weights"."""
    import keras
    import tensorflow as tf

    F = torch.nn.functional
    krng = random.Random(11)

    def t(x):  # channels-last numpy → NCHW tensor
        return torch.from_numpy(np.ascontiguousarray(x.transpose(0, 3, 1, 2)))

    def add(op, hp, x, y, weights=None, framework="torch", convention="pytorch", xs=None):
        case = {"op": op, "framework": framework, "convention": convention, "hp": hp, "y": y.tolist()}
        if xs is not None:
            case["xs"] = [v.tolist() for v in xs]
        else:
            case["x"] = x.tolist()
        if weights is not None:
            case["weights"] = [None if w is None else w.tolist() for w in weights]
        cases.append(case)

    def shape():
        return (1, krng.randint(2, 7), krng.randint(2, 7), krng.randint(1, 4))

    for _ in range(6):
        f, mode = krng.randint(2, 3), krng.choice(["nearest", "bilinear"])
        x = arr(shape())
        y = F.interpolate(t(x), scale_factor=f, mode=mode, **({"align_corners": False} if mode == "bilinear" else {}))
        add("upsample", {"size": f, "mode": mode}, x, to_last(y))
        add("upsample", {"size": f, "mode": mode}, x, keras.layers.UpSampling2D(f, interpolation=mode)(x).numpy(),
            framework="keras", convention="keras")
    for _ in range(6):
        x = arr((1, krng.randint(3, 11), krng.randint(3, 11), 2))
        out = [krng.randint(1, x.shape[1]), krng.randint(1, x.shape[2])]
        add("adaptive_avgpool", {"output": out}, x, to_last(F.adaptive_avg_pool2d(t(x), out)))
    for op, fn in (("global_avgpool", torch.mean), ("global_maxpool", torch.amax)):
        x = arr(shape())
        add(op, {}, x, fn(t(x), dim=(2, 3)).numpy())
    for _ in range(3):
        x = arr(shape())
        c, eps = x.shape[-1], krng.choice([1e-5, 1e-3])
        mean, var, gamma, beta = arr((c,)), np.abs(arr((c,))) + 0.5, arr((c,)), arr((c,))
        y = F.batch_norm(t(x), *map(torch.from_numpy, (mean, var, gamma, beta)), training=False, eps=eps)
        add("batchnorm", {"epsilon": eps}, x, to_last(y), [mean, var, gamma, beta])
        y = F.layer_norm(torch.from_numpy(x), (c,), torch.from_numpy(gamma), torch.from_numpy(beta), eps=eps)
        add("layernorm", {"epsilon": eps}, x, y.numpy(), [gamma, beta])
    for size in (1, 2, 3, 5):
        x = arr((1, 3, 4, krng.randint(3, 8)))
        alpha, beta, k = krng.choice([1e-4, 0.5]), krng.choice([0.75, 0.5]), krng.choice([1.0, 2.0])
        y = F.local_response_norm(t(x), size, alpha, beta, k)
        add("lrn", {"size": size, "alpha": alpha, "beta": beta, "k": k}, x, to_last(y))
    activations = {
        "relu": ({}, F.relu), "relu6": ({}, F.relu6), "sigmoid": ({}, torch.sigmoid), "tanh": ({}, torch.tanh),
        "hard_sigmoid": ({}, F.hardsigmoid), "gelu": ({}, F.gelu), "silu": ({}, F.silu),
        "softmax": ({}, lambda v: F.softmax(v, dim=1)),
        "leaky_relu": ({"alpha": 0.2}, lambda v: F.leaky_relu(v, 0.2)), "elu": ({"alpha": 0.7}, lambda v: F.elu(v, 0.7)),
    }
    for op, (hp, fn) in activations.items():
        x = arr(shape()) * 4
        add(op, hp, x, to_last(fn(t(x))))
    for _ in range(3):
        x = arr((1, krng.randint(1, 20)))
        units = krng.randint(1, 6)
        w, b = arr((units, x.shape[1])), arr((units,))
        y = F.linear(torch.from_numpy(x), torch.from_numpy(w), torch.from_numpy(b))
        add("dense", {"units": units}, x, y.numpy(), [w.T.copy(), b])
    for _ in range(3):
        x = arr(shape())
        pads = [[krng.randint(0, 2), krng.randint(0, 2)], [krng.randint(0, 2), krng.randint(0, 2)]]
        y = F.pad(t(x), (pads[1][0], pads[1][1], pads[0][0], pads[0][1]))
        add("zero_padding", {"padding": pads}, x, to_last(y))
    for _ in range(6):
        x = arr((1, krng.randint(4, 9), krng.randint(4, 9), krng.randint(1, 3)))
        c, m, f, k, s = x.shape[-1], krng.randint(1, 2), krng.randint(1, 4), krng.randint(1, 3), krng.randint(1, 2)
        padding = krng.choice(["same", "valid"])
        depthwise, pointwise, b = arr((k, k, c, m)), arr((1, 1, c * m, f)), arr((f,))
        y = tf.nn.separable_conv2d(x, depthwise, pointwise, [1, s, s, 1], padding.upper()).numpy() + b
        add("separable_conv", {"filters": f, "kernel": k, "stride": s, "padding": padding, "depth_multiplier": m},
            x, y, [depthwise.reshape(k, k, 1, c * m), pointwise.reshape(c * m, f), b],
            framework="tensorflow", convention="tensorflow")
    for _ in range(6):  # Keras Conv1D causal: the only layer that takes padding="causal"
        length, c, f = krng.randint(3, 12), krng.randint(1, 3), krng.randint(1, 3)
        k, s, d = krng.randint(1, 4), krng.randint(1, 2), krng.randint(1, 3)
        d = 1 if s > 1 else d
        layer = keras.layers.Conv1D(f, k, strides=s, padding="causal", dilation_rate=d)
        x = arr((1, length, c))
        y = layer(x).numpy()
        kernel, bias = layer.get_weights()
        add("conv", {"filters": f, "kernel": k, "stride": s, "dilation": d, "padding": "causal"}, x, y,
            [kernel, bias], framework="keras", convention="keras")
    for _ in range(3):
        x = arr(shape())
        pairs = [[krng.randint(0, (x.shape[1] - 1) // 2), krng.randint(0, (x.shape[1] - 1) // 2)],
                 [krng.randint(0, (x.shape[2] - 1) // 2), krng.randint(0, (x.shape[2] - 1) // 2)]]
        add("cropping", {"cropping": pairs}, x, keras.layers.Cropping2D(pairs)(x).numpy(), framework="keras",
            convention="keras")
    a, b = arr((1, 3, 4, 5)), arr((1, 3, 4, 5))
    scale = arr((1, 1, 1, 5))
    add("add", {}, None, to_last(t(a) + t(b)), xs=[a, b])
    add("multiply", {}, None, to_last(t(a) * t(scale)), xs=[a, scale])
    add("concat", {}, None, to_last(torch.cat([t(a), t(b)[:, :2]], dim=1)), xs=[a, b[..., :2]])


def main():
    cases = []
    torch_cases(cases)
    tf_cases(cases)
    kind_cases(cases)
    import tensorflow as tf

    meta = {"torch": torch.__version__, "tensorflow": tf.__version__, "cases": len(cases)}
    write_jsonl("forward.jsonl", meta, cases)


if __name__ == "__main__":
    main()
