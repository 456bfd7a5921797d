"""Generate golden values for the windows only some frameworks have: pool ``dilation`` and a
transposed conv's ``output_shape``, from tf.nn, onnxruntime and ONNX's reference evaluator.

Run in the throwaway environment of make_convention_golden.py, with onnxruntime added:

    /tmp/fwtf/bin/pip install onnxruntime
    /tmp/fwtf/bin/python tests/golden/make_forward_hparams_golden.py

Writes tests/golden/forward_hparams.jsonl in the format of forward.jsonl (batch 1,
channels-last ``x``, weights in cnncalc's layout (*kernel, C_in/groups, C_out), the layer in
spec form, the library's output ``y``, and ``run_by``):

- ONNX AveragePool and MaxPool with dilations, numeric pads below the kernel (onnxruntime
  refuses others), strides 2–3, with and without ceil_mode, run by onnxruntime: the
  reference evaluator's average with ceil_mode and a dilation moves windows ceil_mode does
  not touch (``defects`` in the meta line counts the cases where it differs);
- tf.nn.pool with dilation_rate (VALID and stride 1: all it takes);
- tf.nn.conv2d_transpose with an output_shape that convolves back (SAME, VALID, numeric);
- ONNX ConvTranspose with SAME_UPPER/SAME_LOWER and an output_shape around the full size,
  cropping or padding at either end (and SAME without one: in·s), run by the reference
  evaluator, which splits a negative total as ONNX's spec writes it (total // 2 first for
  SAME_UPPER); onnxruntime clamps it to 0 and pads at the end, or refuses an output_shape
  longer than that reaches ("Explicit output_shape is inconsistent with input spatial
  dimensions"): ``defects`` counts those cases under "onnxruntime".
"""
from __future__ import annotations

import os
import random
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402

from golden_io import write_jsonl  # noqa: E402
from make_convention_golden import onnx_model, onnx_ref  # noqa: E402

rng = random.Random(11)
nrng = np.random.default_rng(11)


def arr(shape):
    return nrng.standard_normal(shape).astype(np.float32)


DEFECTS = {"reference": 0, "onnxruntime": 0}


def onnx_run(op: str, x: np.ndarray, attrs: dict, weights: list, runtime: bool) -> np.ndarray:
    """A one-node model on a channels-last ``x`` by onnxruntime (``runtime``) or the reference evaluator;
    the output channels-last. Where the other one fails or gives other values, its count in DEFECTS goes up."""
    import onnxruntime

    xc = np.ascontiguousarray(np.moveaxis(x, -1, 1))
    model = onnx_model(op, list(xc.shape), attrs, weights)
    model.opset_import[0].version = min(model.opset_import[0].version, 22)  # onnxruntime's newest for these ops
    runs = {"onnxruntime": lambda: onnxruntime.InferenceSession(
        model.SerializeToString(), providers=["CPUExecutionProvider"]).run(None, {"X": xc})[0],
            "reference": lambda: onnx_ref(model, xc)}
    results = {}
    for name, run in runs.items():
        try:
            results[name] = run()
        except Exception:  # that runner's own limits
            results[name] = None
    chosen, other = ("onnxruntime", "reference") if runtime else ("reference", "onnxruntime")
    y, check = results[chosen], results[other]
    if y is None:
        raise ValueError(f"{chosen} did not run it")
    if check is None or check.shape != y.shape or not np.allclose(check, y, atol=1e-5):
        DEFECTS[other] += 1
    return np.moveaxis(y, 1, -1)


def onnx_pools(cases: list) -> None:
    while sum(c["framework"] == "onnx" and c["op"].endswith("pool") for c in cases) < 30:
        op = rng.choice(["avgpool", "avgpool", "maxpool"])
        h, w = rng.randint(5, 11), rng.randint(5, 11)
        k, s, d = [rng.randint(2, 3) for _ in range(2)], [rng.randint(2, 3) for _ in range(2)], \
            [rng.randint(1, 3) for _ in range(2)]
        d[rng.randrange(2)] = rng.randint(2, 3)
        pads = [[rng.randint(0, kk - 1), rng.randint(0, kk - 1)] for kk in k]
        hp = {"kernel": k, "stride": s, "dilation": d, "padding": pads, "ceil_mode": rng.random() < 0.4}
        if op == "avgpool":
            hp["count_include_pad"] = rng.random() < 0.5
        attrs = {"kernel_shape": k, "strides": s, "dilations": d, "pads": [p[0] for p in pads] + [p[1] for p in pads],
                 "ceil_mode": int(hp["ceil_mode"])}
        if op == "avgpool":
            attrs["count_include_pad"] = int(hp["count_include_pad"])
        x = arr((1, h, w, 2))
        try:
            y = onnx_run(op, x, attrs, [], runtime=True)
        except Exception:  # onnxruntime's own limits
            continue
        if min(y.shape) < 1:
            continue
        cases.append({"op": op, "framework": "onnx", "convention": "onnx", "run_by": "onnxruntime", "hp": hp,
                      "x": x.tolist(), "y": y.tolist()})


def tf_pools(cases: list) -> None:
    import tensorflow as tf

    for _ in range(12):
        op = rng.choice(["maxpool", "avgpool"])
        h, w = rng.randint(6, 11), rng.randint(6, 11)
        k, d = [rng.randint(2, 3) for _ in range(2)], [rng.randint(1, 3) for _ in range(2)]
        d[rng.randrange(2)] = rng.randint(2, 3)
        x = arr((1, h, w, 2))
        y = tf.nn.pool(x, k, "MAX" if op == "maxpool" else "AVG", strides=[1, 1], padding="VALID", dilations=d).numpy()
        cases.append({"op": op, "framework": "tf.nn", "convention": "tensorflow", "run_by": "tensorflow",
                      "hp": {"kernel": k, "stride": 1, "dilation": d, "padding": "valid"}, "x": x.tolist(),
                      "y": y.tolist()})


def tf_transposed(cases: list) -> None:
    """tf.nn.conv2d_transpose with every output_shape that convolves back for the padding drawn."""
    import tensorflow as tf

    while sum(c["framework"] == "tf.nn" and c["op"] == "conv_transpose" for c in cases) < 20:
        h, w = rng.randint(2, 6), rng.randint(2, 6)
        c_in, c_out = rng.randint(1, 3), rng.randint(1, 3)
        k, s = [rng.randint(1, 4) for _ in range(2)], [rng.randint(1, 3) for _ in range(2)]
        padding = rng.choice(["same", "valid", [[rng.randint(0, k[0] - 1)] * 2, [0, rng.randint(0, k[1] - 1)]]])
        outs = []
        for n, kk, ss, axis in zip((h, w), k, s, range(2)):
            if padding == "same":
                options = range((n - 1) * ss + 1, n * ss + 1)
            elif padding == "valid":
                options = range((n - 1) * ss + kk, (n - 1) * ss + kk + ss)
            else:
                b, e = padding[axis]
                options = range((n - 1) * ss + kk - b - e, (n - 1) * ss + kk - b - e + ss)
            outs.append(rng.choice([o for o in options if o >= 1]))
        x, wt = arr((1, h, w, c_in)), arr((k[0], k[1], c_out, c_in))
        pad = padding.upper() if isinstance(padding, str) else [[0, 0]] + padding + [[0, 0]]
        try:
            y = tf.nn.conv2d_transpose(x, wt, [1, *outs, c_out], s, pad).numpy()
        except Exception:  # an output_shape that does not convolve back under numeric padding
            continue
        cases.append({"op": "conv_transpose", "framework": "tf.nn", "convention": "tensorflow", "run_by": "tensorflow",
                      "hp": {"filters": c_out, "kernel": k, "stride": s, "padding": padding, "output_shape": outs,
                             "bias": False},
                      "x": x.tolist(), "w": wt.transpose(0, 1, 3, 2).tolist(), "y": y.tolist()})


def onnx_transposed(cases: list) -> None:
    """ConvTranspose SAME_UPPER/SAME_LOWER with output_shape (full size ± 2), or SAME alone with k_eff ≥ s."""
    while sum(c["framework"] == "onnx" and c["op"] == "conv_transpose" for c in cases) < 24:
        h, w = rng.randint(2, 6), rng.randint(2, 6)
        c_in, c_out = rng.randint(1, 3), rng.randint(1, 3)
        k, s, d = [rng.randint(1, 4) for _ in range(2)], [rng.randint(1, 3) for _ in range(2)], \
            [rng.choice([1, 1, 2]) for _ in range(2)]
        padding = rng.choice(["same", "same_lower"])
        full = [(n - 1) * ss + (kk - 1) * dd + 1 for n, kk, ss, dd in zip((h, w), k, s, d)]
        hp = {"filters": c_out, "kernel": k, "stride": s, "dilation": d, "padding": padding, "groups": 1, "bias": True}
        if rng.random() < 0.75:
            hp["output_shape"] = [max(f + rng.choice([-2, -1, 0, 1, 2]), 1) for f in full]
        elif any((kk - 1) * dd + 1 < ss for kk, ss, dd in zip(k, s, d)):
            continue  # SAME with k_eff < s: shape inference and the reference evaluator disagree
        x, wt, b = arr((1, h, w, c_in)), arr((c_in, c_out, *k)), arr((c_out,))
        attrs = {"kernel_shape": k, "strides": s, "dilations": d,
                 "auto_pad": "SAME_UPPER" if padding == "same" else "SAME_LOWER"}
        if "output_shape" in hp:
            attrs["output_shape"] = hp["output_shape"]
        try:
            y = onnx_run("conv_transpose", x, attrs, [wt, b], runtime=False)
        except Exception:  # the reference evaluator's own limits
            continue
        cases.append({"op": "conv_transpose", "framework": "onnx", "convention": "onnx", "run_by": "reference",
                      "hp": hp, "x": x.tolist(),
                      "w": wt.transpose(2, 3, 0, 1).tolist(), "b": b.tolist(), "y": y.tolist()})


def main() -> None:
    import onnx
    import onnxruntime
    import tensorflow as tf

    cases: list = []
    onnx_pools(cases)
    tf_pools(cases)
    tf_transposed(cases)
    onnx_transposed(cases)
    meta = {"tensorflow": tf.__version__, "onnx": onnx.__version__, "onnx_opset": onnx.defs.onnx_opset_version(),
            "onnxruntime": onnxruntime.__version__, "numpy": np.__version__, "defects": DEFECTS, "cases": len(cases)}
    write_jsonl("forward_hparams.jsonl", meta, cases)


if __name__ == "__main__":
    main()
