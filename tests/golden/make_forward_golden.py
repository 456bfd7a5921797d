"""Generate golden values for the NumPy forward kernels by running PyTorch and TensorFlow.

Run in a throwaway environment with both frameworks (see make_golden.py):

    /tmp/fw/bin/python tests/golden/make_forward_golden.py

Writes tests/golden/forward.jsonl: small random inputs (batch 1, channels-last), the
weights in cnncalc's layout (*kernel, C_in/groups, C_out), the layer in spec form, and
the framework's output (channels-last), for conv, transposed conv, depthwise conv and
pooling, including TensorFlow SAME with an odd padding pixel and SAME average pooling.
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
        cases.append({"op": "conv_transpose", "framework": "keras", "convention": "tensorflow",
                      "hp": {"filters": c_out, "kernel": k, "stride": s, "padding": padding, "bias": False},
                      "x": x.tolist(), "w": kernel.transpose(0, 1, 3, 2).tolist(), "y": y.tolist()})


def main():
    cases = []
    torch_cases(cases)
    tf_cases(cases)
    import tensorflow as tf

    meta = {"torch": torch.__version__, "tensorflow": tf.__version__, "cases": len(cases)}
    write_jsonl("forward.jsonl", meta, cases)


if __name__ == "__main__":
    main()
