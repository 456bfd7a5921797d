"""Generate golden fixtures for `convention: tensorflow | keras | onnx` by running the real libraries.

Run in a throwaway environment (never project dependencies; Keras 3 comes with TensorFlow):

    python3 -m venv /tmp/fwtf && /tmp/fwtf/bin/pip install tensorflow-cpu onnx numpy
    /tmp/fwtf/bin/python tests/golden/make_convention_golden.py

(about 15 s on two cores; fixed seeds, so a rerun with the same libraries writes the same file).

Writes tests/golden/conventions.jsonl: a first line {"meta": ...} (library versions, ONNX opset,
case counts), then one case per line, sorted, in the format of shapes.jsonl: `op`, `framework`,
`convention`, `input` (channels-last, no batch), `hp` (spec form) and what the library did:
`output`, `params`, `pads` (the [begin, end] split per axis, read off values where it can be
probed; null where it cannot) or `error` (the first line of the refusal). Three families:

- framework "tf.nn", convention "tensorflow": tf.nn.conv1d/2d/3d, depthwise_conv2d,
  separable_conv2d, max_pool/avg_pool (1-D to 3-D), conv1d/2d/3d_transpose with an explicit
  output_shape (hp `output_shape`), eagerly on CPU. `params` is the size of the filter
  tensors (the ops have no bias, so hp `bias` is false).
- framework "keras", convention "keras": Keras 3 layers; `params` is layer.count_params().
- framework "onnx", convention "onnx": the onnx package at its default opset. Each case
  records both strict shape inference (`output_infer` / `error_infer`; `output_infer` null
  when it gives no shape) and a run of onnx.reference.ReferenceEvaluator (`output_ref` /
  `error_ref`). `output` is set where they agree (`output_from` names the one that gave a
  shape when the other gave none: "infer" or "ref"), `error` where both refuse (an error or
  a size below 1), and `disagree: true`, with neither, where one gives a real shape and the
  other refuses or gives another. `pads` are what the reference evaluator applied.

Every case has `output` or `error` (or `disagree`); an output size below 1 (eager TensorFlow
returns an empty tensor there) is a refusal too. `warning` is a UserWarning the library gave
on the way. TensorFlow runs with TF_ENABLE_ONEDNN_OPTS=0: its own kernels, the same on every
machine (with oneDNN, max_pool with an empty VALID output kills the process with SIGFPE,
dilated transposed convs run, and the error texts differ).

Refusals found (CONVENTIONS.md has the table, with example cases):
- tf.nn: a window larger than the input under VALID ("Computed output size would be
  negative"; a size of exactly 0 comes back as an empty tensor); explicit padding on
  conv1d, conv3d, avg_pool, conv1d/3d_transpose (string only) and on a 3-D max_pool;
  max_pool explicit pads not smaller than the window; grouped conv3d; output channels not
  divisible by the groups; depthwise/separable strides that differ between rows and columns;
  a transposed output_shape that does not convolve back to the input size; CPU kernel
  limits: conv3d and the transposed convs with a dilation > 1. Accepted but off the window
  formula: depthwise/separable with stride > 1 and dilation > 1 (space-to-batch; depthwise
  warns). 3-D ops start SAME windows inside the input when the total is negative.
- keras: stride > 1 with dilation > 1 in Conv1D/2D/3D and Conv1D/2D/3DTranspose (Depthwise
  and Separable accept it); output_padding >= stride; `causal` outside Conv1D; filters or
  input channels not divisible by groups; `groups` on transposed layers; unequal strides in
  DepthwiseConv2D/SeparableConv2D; a window larger than the input under valid; transposed
  `same` with an explicit output_padding whose size does not convolve back; dilation > 1 in
  the transposed layers (the CPU kernel limit).
- onnx: strict shape inference seldom raises (it returns sizes below 1, and rounds a
  negative span toward zero to 1); the reference evaluator refuses more and disagrees on
  ConvTranspose SAME with k_eff < stride or an output_padding, on MaxPool SAME_LOWER and
  VALID ceil_mode sizes, and crashes on grouped ConvTranspose, output_padding >= stride,
  output_shape with explicit pads, AveragePool ceil_mode with auto_pad and more (listed
  case by case in CONVENTIONS.md).
"""
from __future__ import annotations

import itertools
import json
import os
import random
import re
import sys
import warnings

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")
warnings.filterwarnings("ignore")

import numpy as np  # noqa: E402

from golden_io import write_jsonl  # noqa: E402

ANSI = re.compile(r"\x1b\[[0-9;]*m")
STR_SET = re.compile(r"\{('[^']*'(?:, '[^']*')*)\}")


def first_line(e: BaseException) -> str:
    """The refusal's first informative line, without Keras' wrapper line, TensorFlow's node
    name, op suffix or terminal colours, and with Python sets of strings sorted (their order
    changes with the hash seed)."""
    lines = [ln.strip() for ln in ANSI.sub("", str(e)).splitlines() if ln.strip()]
    if len(lines) > 1 and lines[0].startswith("Exception encountered when calling"):
        lines = lines[1:]
    line = lines[0] if lines else type(e).__name__
    line = re.sub(r"\{\{function_node [^}]*\}\}\s*", "", line)
    line = re.sub(r"\s*\[Op:.*$", "", line)
    line = STR_SET.sub(lambda m: "{" + ", ".join(sorted(m.group(1).split(", "))) + "}", line)
    return line[:200]


def attempt(case: dict, run, key: str = "error") -> dict:
    """Record into ``case`` what ``run`` measured (output, params, pads), or the library's
    refusal, as the first line of its message, under ``key``; a UserWarning it gave on the
    way (tf.nn's depthwise ops warn and go on) under ``key``'s warning twin."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("ignore")
        warnings.simplefilter("always", UserWarning)
        try:
            run(case)
        except Exception as e:  # any refusal is data here
            case[key] = first_line(e)
    if caught:
        case[key.replace("error", "warning")] = first_line(caught[0].message)
    return case


def k_eff(k: int, d: int) -> int:
    return (k - 1) * d + 1


def ceil_div(a: int, b: int) -> int:
    return -(-a // b)


def forward_total(n: int, out: int, k: int, s: int, d: int) -> int:
    """The padding a forward window spans for ``out`` positions: (out − 1)·s + k_eff − n
    (negative when the last window ends inside the input)."""
    return (out - 1) * s + k_eff(k, d) - n


def transposed_total(n: int, out: int, k: int, s: int, d: int, output_padding: int = 0) -> int:
    """What a transposed conv crops from its full (n − 1)·s + k_eff (+ output_padding) output."""
    return (n - 1) * s + k_eff(k, d) + output_padding - out


def crop(y: np.ndarray, pads: list[list[int]], fill: float = 0.0) -> np.ndarray:
    """Cut [begin, end] cells from each spatial axis of a channels-last batch; a negative
    amount adds ``fill`` cells instead."""
    widths = [(0, 0)] + [(max(-b, 0), max(-e, 0)) for b, e in pads] + [(0, 0)]
    y = np.pad(y, widths, constant_values=fill)
    return y[(slice(None),) + tuple(slice(max(b, 0), y.shape[a + 1] - max(e, 0)) for a, (b, e) in enumerate(pads))]


# --- reading the applied padding off values -----------------------------------------------

def probe_input(size: list[int]) -> np.ndarray:
    """A batch of three channels-last inputs with one channel: random values (for convs),
    ascending and descending ramps (a max pool then shows where each window ends and starts)."""
    ramp = np.arange(1, int(np.prod(size)) + 1, dtype=np.float32).reshape(size)
    noise = np.random.default_rng(5).standard_normal(size).astype(np.float32)
    return np.stack([noise, ramp, -ramp])[..., None]


def fit_pads(target: np.ndarray, candidate, totals: list[int], limit: int = 1500) -> list:
    """Per axis, the [begin, end] split of ``totals[axis]`` that reproduces ``target`` value for
    value when given explicitly (``candidate(pads)``), or None where no split or several fit
    (a search over at most ``limit`` combinations). A negative total is split into two
    non-positive parts: windows that start inside the input (a stride larger than the
    kernel), or a transposed output longer than the full one."""
    options = [range(min(t, 0), max(t, 0) + 1) for t in totals]
    if int(np.prod([len(o) for o in options])) > limit:
        return [None] * len(totals)
    fits = []
    for begins in itertools.product(*options):
        pads = [[b, t - b] for b, t in zip(begins, totals)]
        try:
            y = np.asarray(candidate(pads))
        except Exception:  # a split the library refuses fits nothing
            continue
        if y.shape == target.shape and np.allclose(y, target, atol=1e-4):
            fits.append(pads)
    return [fits[0][a] if fits and all(f[a] == fits[0][a] for f in fits) else None for a in range(len(totals))]


def forward_pads(pads: list) -> list:
    """A forward window's split as reported: [0, e < 0] (the last cells are simply never
    reached) is [0, 0]; a negative begin (windows that start inside the input) stays."""
    return [p if p is None or p[0] != 0 else [0, max(p[1], 0)] for p in pads]


def padded_candidate(run_unpadded, x: np.ndarray, op: str, count_pads: bool = False):
    """Explicit pads for a forward op: pad (or, negative, trim) the input with zeros (-inf
    for a max pool) and run without padding; an average that does not count the padding
    is divided by the same pool of ones."""
    def candidate(pads):
        grow = [[-b, -e] for b, e in pads]
        y = run_unpadded(crop(x, grow, -np.inf if op == "maxpool" else 0.0))
        if op == "avgpool" and not count_pads:
            y = y / run_unpadded(crop(np.ones_like(x), grow))
        return y
    return candidate


def transposed_candidate(y_full: np.ndarray, output_padding: list[int]):
    """Explicit pads for a transposed conv as a crop of its full output: the output_padding
    cells come after the full output, so the end crop is end − output_padding."""
    return lambda pads: crop(y_full, [[b, e - op] for (b, e), op in zip(pads, output_padding)])


# --- drawing cases ---------------------------------------------------------------------------

def one_axis(rank: int, axis: int, value: int, rest: int = 1) -> list[int]:
    """A per-axis list: ``value`` on ``axis``, ``rest`` elsewhere."""
    return [value if a == axis else rest for a in range(rank)]


REGIMES = ["random"] * 11 + ["k_gt_in"] * 2 + ["odd_same"] * 3 + ["stride_gt_kernel"] * 2 + \
          ["stride_dilation"] * 2 + ["unequal_stride"]


class Draw:
    """Random hyperparameters from one seeded generator, with edge regimes: a window larger
    than the input, SAME with an odd total, stride > kernel, stride and dilation both > 1,
    unequal strides."""

    def __init__(self, seed: int):
        self.rng = random.Random(seed)

    def sizes(self, rank: int, low: int, high: int) -> list[int]:
        return [self.rng.randint(low, high) for _ in range(rank)]

    def per_axis(self, rank: int, low: int, high: int, square: float = 0.6) -> list[int]:
        if self.rng.random() < square:
            return [self.rng.randint(low, high)] * rank
        return self.sizes(rank, low, high)

    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def choice(self, seq):
        return self.rng.choice(seq)

    def window(self, rank: int, dilate: bool = True, high: int | None = None):
        """(regime, size, kernel, stride, dilation) for one layer."""
        rng = self.rng
        regime = rng.choice(REGIMES)
        high = high or (14 if rank < 3 else 7)
        size, k, s = self.sizes(rank, 1, high), self.per_axis(rank, 1, 5), self.per_axis(rank, 1, 3)
        d = [1] * rank
        if dilate and rng.random() < 0.3:
            d = self.per_axis(rank, 1, 3, square=0.8)
            if rng.random() < 0.6:
                s = [1] * rank
        if regime == "k_gt_in":
            axis = rng.randrange(rank)
            size[axis] = rng.randint(1, 4)
            k[axis] = size[axis] + rng.randint(1, 3)
            d[axis] = 1
        elif regime == "odd_same":
            for axis in range(rank):
                while True:
                    n, kk, ss = rng.randint(2, high), rng.randint(2, 6), rng.randint(1, 3)
                    if max(forward_total(n, ceil_div(n, ss), kk, ss, d[axis]), 0) % 2 == 1:
                        size[axis], k[axis], s[axis] = n, kk, ss
                        break
        elif regime == "stride_gt_kernel":
            k = self.per_axis(rank, 1, 3)
            s = [kk + rng.randint(1, 2) for kk in k]
            d = [1] * rank
        elif regime == "stride_dilation" and dilate:
            s, d = self.per_axis(rank, 2, 3), self.per_axis(rank, 2, 3)
            if rank > 1 and rng.random() < 0.3:  # stride on one axis, dilation on another
                s, d = one_axis(rank, 0, s[0]), one_axis(rank, rank - 1, d[0])
        elif regime == "unequal_stride" and rank > 1:
            s = rng.sample([1, 2, 3], 2) + [rng.randint(1, 3) for _ in range(rank - 2)]
        else:
            regime = "random"
        return regime, size, k, s, d

    def explicit_pads(self, k: list[int], d: list[int], over: float = 0.1) -> list[list[int]]:
        """[[begin, end], ...], mostly below the effective kernel, sometimes not."""
        top = [k_eff(kk, dd) - 1 for kk, dd in zip(k, d)]
        return [[self.rng.randint(0, t + (1 if self.rng.random() < over else 0)),
                 self.rng.randint(0, t + (1 if self.rng.random() < over else 0))] for t in top]


def equal_strides(op: str, regime: str, s: list[int]) -> None:
    """Depthwise and separable convs get one stride for every axis (TensorFlow's kernel refuses
    others), except in the unequal-stride regime that records the refusal."""
    if op in ("depthwise_conv", "separable_conv") and regime != "unequal_stride":
        s[:] = [s[0]] * len(s)


# --- tf.nn -----------------------------------------------------------------------------------

TF_OPS = ["conv"] * 7 + ["depthwise_conv"] * 3 + ["separable_conv"] * 2 + ["maxpool"] * 3 + ["avgpool"] * 3 + \
         ["conv_transpose"] * 5


def tf_padding(padding, rank: int):
    if isinstance(padding, str):
        return padding.upper()
    return [[0, 0]] + [list(p) for p in padding] + [[0, 0]]


def tf_call(op: str, x, weights: list, k: list[int], s: list[int], d: list[int], padding, out_shape=None):
    """One tf.nn op, channels-last, padding in spec form."""
    import tensorflow as tf

    rank = len(x.shape) - 2
    pad = tf_padding(padding, rank)
    if op == "conv":
        if rank == 1:
            return tf.nn.conv1d(x, weights[0], s[0], pad, dilations=d[0])
        if rank == 2:
            return tf.nn.conv2d(x, weights[0], s, pad, dilations=d)
        return tf.nn.conv3d(x, weights[0], [1, *s, 1], pad, dilations=[1, *d, 1])
    if op == "depthwise_conv":
        return tf.nn.depthwise_conv2d(x, weights[0], [1, *s, 1], pad, dilations=d)
    if op == "separable_conv":
        return tf.nn.separable_conv2d(x, weights[0], weights[1], [1, *s, 1], pad, dilations=d)
    if op in ("maxpool", "avgpool"):
        return (tf.nn.max_pool if op == "maxpool" else tf.nn.avg_pool)(x, k, s, pad)
    transpose = {1: tf.nn.conv1d_transpose, 2: tf.nn.conv2d_transpose, 3: tf.nn.conv3d_transpose}[rank]
    return transpose(x, weights[0], [x.shape[0], *out_shape, weights[0].shape[-2]], s, pad, dilations=d)


def tf_weight_shapes(op: str, k: list[int], c: int, hp: dict) -> list[list[int]]:
    """Filter shapes: TensorFlow reads the groups off C_in / the filter's input depth."""
    if op == "conv":
        return [[*k, c // hp["groups"], hp["filters"]]]
    if op == "depthwise_conv":
        return [[*k, c, hp["depth_multiplier"]]]
    if op == "separable_conv":
        return [[*k, c, hp["depth_multiplier"]], [1, 1, c * hp["depth_multiplier"], hp["filters"]]]
    if op == "conv_transpose":
        return [[*k, hp["filters"], c]]
    return []


def tf_probe_pads(op: str, size, k, s, d, padding, out, out_shape=None) -> list:
    """The split TensorFlow applied on each axis: the same op, with one channel, on probe
    inputs, against VALID runs on explicitly padded input (forward ops; TensorFlow's SAME
    average counts only the real cells) or crops of the full output (transposed)."""
    nrng = np.random.default_rng(5)
    x = probe_input(size)
    hp1 = {"groups": 1, "filters": 1, "depth_multiplier": 1}
    weights = [nrng.standard_normal(w).astype(np.float32) for w in tf_weight_shapes(op, k, 1, hp1)]
    try:
        target = tf_call(op, x, weights, k, s, d, padding, out_shape).numpy()
        if op == "conv_transpose":
            full = [(n - 1) * ss + k_eff(kk, dd) for n, kk, ss, dd in zip(size, k, s, d)]
            y_full = tf_call(op, x, weights, k, s, d, "valid", full).numpy()
            return fit_pads(target, transposed_candidate(y_full, [0] * len(size)),
                            [transposed_total(*a) for a in zip(size, out, k, s, d)])
    except Exception:  # the probe itself refused (e.g. a dilated transposed conv on CPU)
        return [None] * len(size)

    candidate = padded_candidate(lambda xp: tf_call(op, xp, weights, k, s, d, "valid").numpy(), x, op)
    return forward_pads(fit_pads(target, candidate, [forward_total(*a) for a in zip(size, out, k, s, d)]))


def tf_transpose_out_shapes(draw: Draw, size, k, s, d, padding) -> list[int]:
    """An output_shape for tf.nn.conv*_transpose: mostly the Keras-style size for the padding
    (same: in·s; valid: in·s + max(k_eff − s, 0); explicit: (in − 1)·s + k_eff − pads),
    sometimes moved by a few cells to see which sizes TensorFlow accepts."""
    outs = []
    for axis, n in enumerate(size):
        ke = k_eff(k[axis], d[axis])
        if padding == "same":
            o = n * s[axis]
        elif padding == "valid":
            o = n * s[axis] + max(ke - s[axis], 0)
        else:
            o = (n - 1) * s[axis] + ke - sum(padding[axis])
        if draw.chance(0.35):
            o += draw.choice([-s[axis], -2, -1, 1, 2, s[axis]])
        outs.append(max(o, draw.choice([0, 1])))
    return outs


def tf_nn_case(op: str, shape: list[int], hp: dict) -> dict:
    """Run one tf.nn op on zeros (batch 1, channels-last) and record what happened."""
    import tensorflow as tf

    size, c = shape[:-1], shape[-1]
    k, s, padding = hp["kernel"], hp["stride"], hp["padding"]
    d = hp.get("dilation", [1] * len(size))
    case = dict(op=op, framework="tf.nn", convention="tensorflow", input=shape, hp=hp)

    def run(case):
        shapes = tf_weight_shapes(op, k, c, hp)
        y = tf_call(op, tf.zeros([1, *shape]), [tf.zeros(w) for w in shapes], k, s, d, padding, hp.get("output_shape"))
        case["output"] = list(y.shape[1:])
        case["params"] = sum(int(np.prod(w)) for w in shapes)
        if isinstance(padding, str) and all(o > 0 for o in case["output"]) and (
                padding == "same" or op == "conv_transpose"):
            case["pads"] = tf_probe_pads(op, size, k, s, d, padding, case["output"][:-1], hp.get("output_shape"))
    return attempt(case, run)


def conv_hp(kernel, stride, padding, dilation=None, **extra) -> dict:
    """Spec-form hyperparameters of a targeted case (per-axis lists)."""
    hp = {"kernel": kernel, "stride": stride, "padding": padding, **extra}
    if dilation is not None:
        hp["dilation"] = dilation
    return hp


# Targeted cases, so each rule shows up whatever the random draws give.
TF_EDGES = [
    ("conv", [9, 9, 2], conv_hp([3, 3], [2, 2], "same", [2, 2], filters=2, groups=1, bias=False)),
    ("conv", [9, 9, 2], conv_hp([3, 3], [2, 2], "valid", [2, 2], filters=2, groups=1, bias=False)),
    ("conv", [9, 2], conv_hp([3], [2], "same", [2], filters=2, groups=1, bias=False)),
    ("conv", [9, 4], conv_hp([3], [1], "same", [1], filters=4, groups=2, bias=False)),
    ("conv", [5, 5, 5, 4], conv_hp([3, 3, 3], [1, 1, 1], "same", [1, 1, 1], filters=4, groups=2, bias=False)),
    ("conv", [5, 5, 5, 2], conv_hp([3, 3, 3], [1, 1, 1], "same", [2, 2, 2], filters=2, groups=1, bias=False)),
    ("conv", [9, 2], conv_hp([3], [1], [[1, 2]], [1], filters=2, groups=1, bias=False)),
    ("conv", [5, 5, 5, 2], conv_hp([3, 3, 3], [1, 1, 1], [[1, 1]] * 3, [1, 1, 1], filters=2, groups=1, bias=False)),
    ("conv", [6, 6, 6, 1], conv_hp([1, 1, 1], [3, 3, 3], "same", [1, 1, 1], filters=1, groups=1, bias=False)),
    ("conv", [2, 2, 1], conv_hp([3, 3], [2, 2], "valid", [1, 1], filters=1, groups=1, bias=False)),
    ("conv", [6, 6, 1], conv_hp([4, 4], [1, 1], "same", [1, 1], filters=1, groups=1, bias=False)),
    ("depthwise_conv", [11, 11, 2], conv_hp([1, 1], [3, 3], "same", [3, 3], depth_multiplier=1, bias=False)),
    ("depthwise_conv", [9, 9, 2], conv_hp([3, 3], [2, 1], "same", [1, 1], depth_multiplier=1, bias=False)),
    ("separable_conv", [9, 9, 2], conv_hp([3, 3], [2, 2], "same", [2, 2], depth_multiplier=1, filters=2, bias=False)),
    ("maxpool", [9, 9, 9, 2], conv_hp([3, 3, 3], [2, 2, 2], [[1, 1]] * 3)),
    ("maxpool", [9, 9, 2], conv_hp([3, 3], [2, 2], [[1, 3], [0, 0]])),
    ("maxpool", [9, 2], conv_hp([3], [2], [[1, 2]])),
    ("maxpool", [4, 4, 1], conv_hp([6, 6], [2, 2], "same")),
    ("maxpool", [4, 4, 1], conv_hp([5, 5], [2, 2], "valid")),
    ("avgpool", [6, 6, 6, 1], conv_hp([1, 1, 1], [3, 3, 3], "same")),
    ("maxpool", [6, 6, 6, 1], conv_hp([1, 1, 1], [3, 3, 3], "same")),
    ("maxpool", [6, 6, 1], conv_hp([1, 1], [3, 3], "same")),
    ("conv", [6, 1], conv_hp([1], [3], "same", [1], filters=1, groups=1, bias=False)),
    ("avgpool", [9, 9, 2], conv_hp([3, 3], [2, 2], [[1, 1], [1, 1]])),
    ("conv_transpose", [4, 4, 2], conv_hp([1, 1], [2, 2], "same", [1, 1], filters=2, bias=False, output_shape=[8, 8])),
    ("conv_transpose", [4, 4, 2], conv_hp([1, 1], [2, 2], "valid", [1, 1], filters=2, bias=False, output_shape=[7, 7])),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [2, 2], "same", [1, 1], filters=2, bias=False, output_shape=[7, 7])),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [2, 2], "same", [1, 1], filters=2, bias=False, output_shape=[9, 9])),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [1, 1], "same", [2, 2], filters=2, bias=False, output_shape=[4, 4])),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [2, 2], [[1, 1], [0, 1]], [1, 1], filters=2, bias=False,
                                          output_shape=[7, 8])),
]


def tf_nn_cases(cases: list, n: int) -> None:
    draw = Draw(20261201)
    for _ in range(n):
        op = draw.choice(TF_OPS)
        rank = 2 if op in ("depthwise_conv", "separable_conv") else draw.choice([1, 2, 2, 2, 3])
        is_pool = op in ("maxpool", "avgpool")
        regime, size, k, s, d = draw.window(rank, dilate=not is_pool, high=10 if op == "conv_transpose" else None)
        equal_strides(op, regime, s)
        mode = draw.rng.random()
        padding = "same" if mode < 0.4 else "valid" if mode < 0.7 else draw.explicit_pads(k, d)
        c = draw.rng.randint(1, 4)
        hp: dict = {"kernel": k, "stride": s, "padding": padding}
        if not is_pool:
            hp.update(dilation=d, bias=False)
        if op in ("conv", "separable_conv", "conv_transpose"):
            hp["filters"] = draw.rng.randint(1, 5)
        if op == "conv":
            # tf.nn has no groups argument: they are C_in / the filter's input depth, so C_in is
            # always a multiple here (anything else is another group count, not a refusal)
            hp["groups"] = draw.choice([1] * 6 + [2, 3]) if rank == 2 or draw.chance(0.1) else 1
            if hp["groups"] > 1:
                c = hp["groups"] * draw.rng.randint(1, 2)
                if draw.chance(0.85):
                    hp["filters"] = hp["groups"] * draw.rng.randint(1, 2)
        if op in ("depthwise_conv", "separable_conv"):
            hp["depth_multiplier"] = draw.rng.randint(1, 3)
        if op == "conv_transpose":
            hp["output_shape"] = tf_transpose_out_shapes(draw, size, k, s, d, padding)
        cases.append(tf_nn_case(op, size + [c], hp))
    cases.extend(tf_nn_case(*edge) for edge in TF_EDGES)


# --- Keras -----------------------------------------------------------------------------------

KERAS_OPS = ["conv"] * 8 + ["depthwise_conv"] * 3 + ["separable_conv"] * 3 + ["conv_transpose"] * 6 + \
            ["maxpool"] * 2 + ["avgpool"] * 2


def keras_layer(op: str, rank: int, hp: dict):
    import keras

    L = keras.layers
    common = dict(strides=hp["stride"], padding=hp["padding"])
    if op in ("maxpool", "avgpool"):
        cls = {"maxpool": [L.MaxPooling1D, L.MaxPooling2D, L.MaxPooling3D],
               "avgpool": [L.AveragePooling1D, L.AveragePooling2D, L.AveragePooling3D]}[op][rank - 1]
        return cls(hp["kernel"], **common)
    common.update(dilation_rate=hp["dilation"], use_bias=hp["bias"])
    if op == "conv":
        return [L.Conv1D, L.Conv2D, L.Conv3D][rank - 1](hp["filters"], hp["kernel"], groups=hp["groups"], **common)
    if op == "depthwise_conv":
        return [L.DepthwiseConv1D, L.DepthwiseConv2D][rank - 1](hp["kernel"], depth_multiplier=hp["depth_multiplier"],
                                                                **common)
    if op == "separable_conv":
        return [L.SeparableConv1D, L.SeparableConv2D][rank - 1](hp["filters"], hp["kernel"],
                                                                depth_multiplier=hp["depth_multiplier"], **common)
    extra = {"groups": hp["groups"]} if "groups" in hp else {}
    return [L.Conv1DTranspose, L.Conv2DTranspose, L.Conv3DTranspose][rank - 1](
        hp["filters"], hp["kernel"], output_padding=hp["output_padding"], **common, **extra)


def keras_case(op: str, shape: list[int], hp: dict) -> dict:
    """Build one Keras layer on zeros (batch 1) and record its output and parameter count."""
    import tensorflow as tf

    case = dict(op=op, framework="keras", convention="keras", input=shape, hp=hp)

    def run(case):
        layer = keras_layer(op, len(shape) - 1, hp)
        y = layer(tf.zeros([1] + shape))
        case["output"], case["params"] = list(y.shape[1:]), layer.count_params()
    return attempt(case, run)


KERAS_EDGES = [
    ("conv", [12, 2], conv_hp([3], [2], "causal", [1], filters=2, groups=1, bias=True)),
    ("conv", [12, 2], conv_hp([3], [1], "causal", [2], filters=2, groups=1, bias=True)),
    ("conv", [12, 2], conv_hp([3], [2], "causal", [2], filters=2, groups=1, bias=True)),
    ("conv", [9, 9, 2], conv_hp([3, 3], [2, 2], "same", [2, 2], filters=2, groups=1, bias=True)),
    ("conv", [9, 9, 2], conv_hp([3, 3], [2, 1], "same", [1, 2], filters=2, groups=1, bias=True)),
    ("conv", [9, 9, 3], conv_hp([3, 3], [1, 1], "same", [1, 1], filters=4, groups=2, bias=True)),
    ("conv", [9, 9, 4], conv_hp([3, 3], [1, 1], "same", [1, 1], filters=3, groups=2, bias=True)),
    ("conv", [9, 9, 4], conv_hp([3, 3], [1, 1], "causal", [1, 1], filters=4, groups=1, bias=True)),
    ("depthwise_conv", [9, 9, 2], conv_hp([3, 3], [2, 2], "same", [2, 2], depth_multiplier=2, bias=True)),
    ("depthwise_conv", [9, 2], conv_hp([3], [2], "same", [2], depth_multiplier=2, bias=True)),
    ("depthwise_conv", [9, 2], conv_hp([3], [1], "causal", [1], depth_multiplier=1, bias=True)),
    ("depthwise_conv", [9, 9, 2], conv_hp([3, 3], [2, 1], "same", [1, 1], depth_multiplier=1, bias=True)),
    ("separable_conv", [9, 9, 2], conv_hp([3, 3], [2, 2], "valid", [2, 2], depth_multiplier=1, filters=3, bias=True)),
    ("separable_conv", [9, 2], conv_hp([3], [2], "same", [2], depth_multiplier=1, filters=3, bias=True)),
    ("conv_transpose", [4, 4, 2], conv_hp([1, 1], [2, 2], "valid", [1, 1], filters=2, bias=True, output_padding=None)),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [2, 2], "same", [1, 1], filters=2, bias=True, output_padding=[2, 2])),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [1, 1], "same", [1, 1], filters=2, bias=True, output_padding=[1, 0])),
    ("conv_transpose", [4, 4, 2], conv_hp([2, 2], [2, 2], "same", [1, 1], filters=2, bias=True, output_padding=[0, 0])),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [2, 2], "same", [2, 2], filters=2, bias=True, output_padding=None)),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [1, 1], "same", [2, 2], filters=2, bias=True, output_padding=None)),
    ("conv_transpose", [9, 2], conv_hp([3], [1], "causal", [1], filters=2, bias=True, output_padding=None)),
    ("maxpool", [9, 2], conv_hp([3], [1], "causal")),
    ("avgpool", [9, 2], conv_hp([3], [1], "causal")),
    ("conv", [5, 5, 5, 2], conv_hp([3, 3, 3], [1, 1, 1], "causal", [1, 1, 1], filters=2, groups=1, bias=True)),
    ("avgpool", [4, 4, 1], conv_hp([6, 6], [1, 1], "valid")),
    ("maxpool", [4, 4, 1], conv_hp([5, 5], [2, 2], "valid")),
]


def keras_cases(cases: list, n: int) -> None:
    draw = Draw(20261202)
    for _ in range(n):
        op = draw.choice(KERAS_OPS)
        rank = draw.choice([1, 2, 2]) if op in ("depthwise_conv", "separable_conv") else draw.choice([1, 2, 2, 3])
        is_pool = op in ("maxpool", "avgpool")
        regime, size, k, s, d = draw.window(rank, dilate=not is_pool, high=10 if op == "conv_transpose" else None)
        equal_strides(op, regime, s)
        causal_ok = rank == 1 and op == "conv"
        padding = "causal" if draw.chance(0.3 if causal_ok else 0.04) else draw.choice(["same", "valid"])
        c = draw.rng.randint(1, 4)
        hp: dict = {"kernel": k, "stride": s, "padding": padding}
        if not is_pool:
            hp.update(dilation=d, bias=draw.chance(0.8))
        if op in ("conv", "separable_conv", "conv_transpose"):
            hp["filters"] = draw.rng.randint(1, 5)
        if op == "conv":
            hp["groups"] = draw.choice([1] * 6 + [2, 3])
            if hp["groups"] > 1:  # multiples of the groups, or one of the two off by one (a refusal)
                c, hp["filters"] = hp["groups"] * draw.rng.randint(1, 2), hp["groups"] * draw.rng.randint(1, 2)
                if draw.chance(0.2):
                    c += 1
                elif draw.chance(0.2):
                    hp["filters"] += 1
        if op in ("depthwise_conv", "separable_conv"):
            hp["depth_multiplier"] = draw.rng.randint(1, 3)
        if op == "conv_transpose":
            hp["output_padding"] = None if draw.chance(0.45) else [
                draw.rng.randint(0, ss if draw.chance(0.2) else ss - 1) for ss in s]
            if draw.chance(0.03):
                hp["groups"] = 2
        cases.append(keras_case(op, size + [c], hp))
    cases.extend(keras_case(*edge) for edge in KERAS_EDGES)


# --- ONNX ------------------------------------------------------------------------------------

ONNX_OPS = ["conv"] * 6 + ["conv_transpose"] * 6 + ["maxpool"] * 4 + ["avgpool"] * 4
ONNX_TYPE = {"conv": "Conv", "conv_transpose": "ConvTranspose", "maxpool": "MaxPool", "avgpool": "AveragePool"}
AUTO_PAD = {"same": "SAME_UPPER", "same_lower": "SAME_LOWER", "valid": "VALID"}


def onnx_model(op: str, x_shape: list[int], attrs: dict, weights: list[np.ndarray]):
    """A one-node model: X (NCHW, static shape) → Y (no declared shape), weights as initializers."""
    import onnx
    from onnx import TensorProto, helper, numpy_helper

    names = ["X"] + ["W", "B"][:len(weights)]
    node = helper.make_node(ONNX_TYPE[op], names, ["Y"], **attrs)
    graph = helper.make_graph(
        [node], op, [helper.make_tensor_value_info("X", TensorProto.FLOAT, x_shape)],
        [helper.make_tensor_value_info("Y", TensorProto.FLOAT, None)],
        initializer=[numpy_helper.from_array(w, name) for w, name in zip(weights, names[1:])])
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", onnx.defs.onnx_opset_version())])


def onnx_attrs(op: str, hp: dict) -> dict:
    """The node's attributes from spec-form hyperparameters."""
    attrs = {"kernel_shape": hp["kernel"], "strides": hp["stride"]}
    if "dilation" in hp:
        attrs["dilations"] = hp["dilation"]
    padding = hp.get("padding")
    if isinstance(padding, str):
        attrs["auto_pad"] = AUTO_PAD[padding]
    elif padding is not None:
        attrs["pads"] = [p[0] for p in padding] + [p[1] for p in padding]
    for key, name in (("groups", "group"), ("output_padding", "output_padding"), ("output_shape", "output_shape")):
        if hp.get(key) is not None:
            attrs[name] = hp[key]
    for key in ("ceil_mode", "count_include_pad"):
        if key in hp:
            attrs[key] = int(hp[key])
    return attrs


def onnx_weights(op: str, c: int, hp: dict, nrng) -> list[np.ndarray]:
    if op not in ("conv", "conv_transpose"):
        return []
    g, f = hp.get("groups", 1), hp["filters"]
    shape = [f, max(c // g, 1)] if op == "conv" else [c, max(f // g, 1)]
    weights = [nrng.standard_normal(shape + hp["kernel"]).astype(np.float32)]
    if hp["bias"]:
        weights.append(nrng.standard_normal([f]).astype(np.float32))
    return weights


def onnx_infer(model) -> list[int] | None:
    """Y's shape from strict shape inference (NCHW), None when it gives none."""
    import onnx

    inferred = onnx.shape_inference.infer_shapes(model, strict_mode=True)
    ttype = inferred.graph.output[0].type.tensor_type
    if not ttype.HasField("shape") or not all(dim.HasField("dim_value") for dim in ttype.shape.dim):
        return None
    return [dim.dim_value for dim in ttype.shape.dim]


def onnx_ref(model, x: np.ndarray) -> np.ndarray:
    from onnx.reference import ReferenceEvaluator

    return ReferenceEvaluator(model).run(None, {"X": x})[0]


def channels_last(shape: list[int]) -> list[int]:
    return list(shape[2:]) + [shape[1]]


def onnx_probe_pads(op: str, size: list[int], hp: dict, out: list[int]) -> list:
    """The split ONNX's reference evaluator applied on each axis: the case with one channel
    on probe inputs against runs without padding on explicitly padded input (forward ops;
    the reference's own explicit-pads path has defects of its own, see CONVENTIONS.md) or
    crops of the full output (ConvTranspose)."""
    nrng = np.random.default_rng(6)
    rank = len(size)
    x = probe_input(size)
    hp1 = dict(hp, filters=1, groups=1, bias=False) if "filters" in hp else dict(hp)
    weights = onnx_weights(op, 1, hp1, nrng)
    dilation = hp.get("dilation", [1] * rank)
    unpadded = {key: v for key, v in hp1.items() if key not in ("padding", "output_padding", "output_shape")}

    def run(hp2, x):  # channels-last in and out
        x = np.moveaxis(x, -1, 1)
        return np.moveaxis(onnx_ref(onnx_model(op, list(x.shape), onnx_attrs(op, hp2), weights), x), 1, -1)
    try:
        target = run(hp1, x)
        if op == "conv_transpose":
            output_padding = hp.get("output_padding") or [0] * rank
            totals = [transposed_total(*a)
                      for a in zip(size, out, hp["kernel"], hp["stride"], dilation, output_padding)]
            return fit_pads(target, transposed_candidate(run(unpadded, x), output_padding), totals)
    except Exception:  # the reference evaluator refused the probe
        return [None] * rank
    totals = [forward_total(*a) for a in zip(size, out, hp["kernel"], hp["stride"], dilation)]
    candidate = padded_candidate(lambda xp: run(unpadded, xp), x, op, hp.get("count_include_pad", False))
    return forward_pads(fit_pads(target, candidate, totals))


def onnx_verdict(case: dict) -> None:
    """`output` where shape inference and the reference evaluator agree, `error` where both
    refuse (an error or a size below 1), `disagree` where one gives a real shape and the
    other does not or gives another."""
    infer, ref = case.get("output_infer"), case.get("output_ref")

    def real(shape):
        return shape is not None and all(v > 0 for v in shape)
    if infer is not None and infer == ref:
        case["output"] = infer
    elif infer is None and "error_infer" not in case and ref is not None:
        case["output"], case["output_from"] = ref, "ref"
    elif ref is None and "error_ref" not in case and infer is not None:
        case["output"], case["output_from"] = infer, "infer"
    elif real(infer) or real(ref):
        case["disagree"] = True
    else:  # both refuse, by an error or a size below 1; shape inference's words name the rule
        case["error"] = case.get("error_infer") or case.get("error_ref") or "output size below 1"


def onnx_draw_padding(draw: Draw, op: str, k, d):
    mode = draw.rng.random()
    if mode < 0.2:
        return "same"
    if mode < 0.38:
        return "same_lower"
    if mode < 0.5:
        return "valid"
    if mode < 0.57:
        return None  # no pads attribute: NOTSET, all zero
    return draw.explicit_pads(k, d, over=0.15 if op in ("maxpool", "avgpool") else 0.05)


def onnx_ceil_edge(draw: Draw, size, k, s, d, padding) -> None:
    """Make one axis a ceil_mode case whose extra last window would start in the end padding
    (opset 22 drops it): (in + pads − k_eff) % s != 0 and the window start ≥ in + pad_begin."""
    for _ in range(50):
        n, kk, ss, pb, pe = (draw.rng.randint(2, 10), draw.rng.randint(1, 3), draw.rng.randint(2, 3),
                             draw.rng.randint(0, 2), draw.rng.randint(1, 2))
        span = n + pb + pe - kk
        if span >= 0 and span % ss and pe < kk and pb < kk and (span // ss + 1) * ss >= n + pb:
            size[0], k[0], s[0], d[0], padding[0] = n, kk, ss, 1, [pb, pe]
            return


def onnx_case(op: str, shape: list[int], hp: dict, nrng) -> dict:
    """A one-node model for the case, through strict shape inference and the reference
    evaluator; the verdict, the parameter count and the pads the reference applied."""
    size, c = shape[:-1], shape[-1]
    case = dict(op=op, framework="onnx", convention="onnx", input=shape, hp=hp)
    weights = onnx_weights(op, c, hp, nrng)
    if weights:
        case["params"] = sum(w.size for w in weights)
    x = nrng.standard_normal([1, c, *size]).astype(np.float32)
    model = onnx_model(op, list(x.shape), onnx_attrs(op, hp), weights)

    def infer(case):
        shape = onnx_infer(model)
        case["output_infer"] = None if shape is None else channels_last(shape)

    def ref(case):
        case["output_ref"] = channels_last(list(onnx_ref(model, x).shape))
    attempt(case, infer, "error_infer")
    attempt(case, ref, "error_ref")
    onnx_verdict(case)
    if "error" in case:
        case.pop("params", None)
    padding = hp.get("padding")
    probe = isinstance(padding, str) and padding != "valid" or "output_shape" in hp
    if probe and all(v > 0 for v in case.get("output", [0])):
        case["pads"] = onnx_probe_pads(op, size, hp, case["output"][:-1])
    return case


ONNX_EDGES = [
    ("conv_transpose", [4, 2], conv_hp([1], [2], "same", [1], filters=2, bias=False, groups=1)),
    ("conv_transpose", [4, 2], conv_hp([1], [2], "same_lower", [1], filters=2, bias=False, groups=1)),
    ("conv_transpose", [4, 2], conv_hp([1], [2], "valid", [1], filters=2, bias=False, groups=1)),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [2, 2], "same", [1, 1], filters=2, bias=False, groups=1,
                                          output_padding=[1, 1])),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [2, 2], "same_lower", [1, 1], filters=2, bias=False, groups=1)),
    ("conv_transpose", [4, 4, 2], conv_hp([4, 4], [2, 2], "same", [1, 1], filters=2, bias=False, groups=1,
                                          output_shape=[7, 9])),
    ("conv_transpose", [4, 4, 2], conv_hp([3, 3], [2, 2], [[1, 1], [1, 1]], [1, 1], filters=2, bias=False,
                                          groups=1, output_padding=[1, 1])),
    ("conv_transpose", [4, 4, 4], conv_hp([3, 3], [2, 2], [[1, 1], [1, 1]], [1, 1], filters=4, bias=False,
                                          groups=2)),
    ("conv", [7, 7, 2], conv_hp([4, 4], [1, 1], "same_lower", [1, 1], filters=2, bias=True, groups=1)),
    ("conv", [7, 7, 2], conv_hp([3, 3], [2, 2], "same", [2, 2], filters=2, bias=True, groups=1)),
    ("maxpool", [6, 6, 1], conv_hp([2, 2], [2, 2], [[1, 1], [1, 1]], [1, 1], ceil_mode=True)),
    ("maxpool", [5, 5, 1], conv_hp([3, 3], [2, 2], [[1, 1], [1, 1]], [1, 1], ceil_mode=True)),
    ("avgpool", [6, 6, 1], conv_hp([2, 2], [2, 2], [[1, 1], [1, 1]], [1, 1], ceil_mode=True, count_include_pad=True)),
    ("avgpool", [9, 9, 1], conv_hp([3, 3], [2, 2], [[1, 1], [1, 1]], [2, 2], ceil_mode=False,
                                   count_include_pad=False)),
    ("maxpool", [9, 9, 1], conv_hp([3, 3], [2, 2], "same_lower", [1, 1], ceil_mode=False)),
    ("maxpool", [9, 9, 1], conv_hp([2, 2], [1, 1], [[2, 2], [2, 2]], [1, 1], ceil_mode=False)),
]


def onnx_cases(cases: list, n: int) -> None:
    draw = Draw(20261203)
    nrng = np.random.default_rng(20261203)
    for _ in range(n):
        op = draw.choice(ONNX_OPS)
        rank = draw.choice([1, 2, 2, 2, 3])
        is_pool = op in ("maxpool", "avgpool")
        regime, size, k, s, d = draw.window(rank, high=6 if rank == 3 else 10)
        padding = onnx_draw_padding(draw, op, k, d)
        c = draw.rng.randint(1, 3)
        hp: dict = {"kernel": k, "stride": s}
        if padding is not None:
            hp["padding"] = padding
        if not is_pool or draw.chance(0.6):
            hp["dilation"] = d
        if not is_pool:
            hp.update(filters=draw.rng.randint(1, 4), bias=draw.chance(0.7), groups=draw.choice([1] * 6 + [2, 3]))
            if hp["groups"] > 1 and draw.chance(0.85):
                c, hp["filters"] = hp["groups"] * draw.rng.randint(1, 2), hp["groups"] * draw.rng.randint(1, 2)
        if op == "conv_transpose":
            # ConvTranspose's output channels are W's second axis times the groups: always a multiple
            hp["filters"] = max(hp["filters"] // hp["groups"], 1) * hp["groups"]
            if draw.chance(0.4):
                hp["output_padding"] = [draw.rng.randint(0, max(ss, dd) if draw.chance(0.2) else ss - 1)
                                        for ss, dd in zip(s, d)]
            if draw.chance(0.2):
                full = [(nn - 1) * ss + k_eff(kk, dd) for nn, kk, ss, dd in zip(size, k, s, d)]
                hp["output_shape"] = [f + draw.choice([-2, -1, 0, 0, 1, 2]) for f in full]
        if is_pool:
            hp["ceil_mode"] = draw.chance(0.55 if isinstance(padding, list) else 0.2)
            if hp["ceil_mode"] and isinstance(padding, list) and draw.chance(0.5):
                hp["dilation"] = hp.get("dilation", [1] * rank)
                onnx_ceil_edge(draw, size, k, s, hp["dilation"], padding)
        if op == "avgpool":
            hp["count_include_pad"] = draw.chance(0.5)
        cases.append(onnx_case(op, size + [c], hp, nrng))
    cases.extend(onnx_case(*edge, nrng) for edge in ONNX_EDGES)


def main() -> None:
    scale = float(sys.argv[1]) if len(sys.argv) > 1 else 1.0
    cases: list = []
    tf_nn_cases(cases, int(600 * scale))
    keras_cases(cases, int(600 * scale))
    onnx_cases(cases, int(700 * scale))
    cases.sort(key=lambda case: json.dumps(case, sort_keys=True))

    import keras
    import onnx
    import tensorflow as tf

    per_framework: dict = {}
    for case in cases:
        per_framework[case["framework"]] = per_framework.get(case["framework"], 0) + 1
    meta = {"tensorflow": tf.__version__, "keras": keras.__version__, "onnx": onnx.__version__,
            "onnx_opset": onnx.defs.onnx_opset_version(), "numpy": np.__version__,
            "TF_ENABLE_ONEDNN_OPTS": os.environ["TF_ENABLE_ONEDNN_OPTS"], "per_framework": per_framework,
            "cases": len(cases)}
    write_jsonl("conventions.jsonl", meta, cases, sort_keys=True)


if __name__ == "__main__":
    main()
