"""NumPy forward kernels against values PyTorch and TensorFlow computed (tests/golden/forward.jsonl),
to 1e-4 relative; and --verify over every reference spec."""
from __future__ import annotations

import numpy as np
import pytest

from cnncalc.analyses.summary import summarize
from cnncalc.core.layers import KINDS, REGISTRY, missing_capabilities
from cnncalc.engines import kernels
from cnncalc.io.spec import layer_network

from ..conftest import SPECS, load_jsonl

META, CASES = load_jsonl("forward.jsonl")
HP_META, HP_CASES = load_jsonl("forward_hparams.jsonl")
MERGES = ("add", "multiply", "concat")


def compute(case):
    """The case's layer through the kernel --verify runs, with the framework's inputs and weights."""
    xs = [np.asarray(x, dtype=np.float32) for x in case.get("xs", [case.get("x")])]
    if "weights" in case:
        weights = tuple(None if w is None else np.asarray(w, dtype=np.float32) for w in case["weights"])
    else:  # the conv and pool cases: a kernel "w" and an optional bias "b"
        weights = tuple(np.asarray(case[k], dtype=np.float32) if k in case else None for k in ("w", "b"))
    if case["op"] in MERGES:
        return REGISTRY[case["op"]].forward(kernels, xs, None, weights)
    network = layer_network(list(xs[0].shape[1:]), case["op"], case["hp"], case["convention"])
    layer = summarize(network).rows[0].layer
    return layer.kind.forward(kernels, xs, layer, weights)


def test_fixture_covers_every_kind_with_real_math():
    assert {(c["op"], c["framework"]) for c in CASES} >= {
        ("conv", "torch"), ("conv", "tensorflow"), ("maxpool", "torch"), ("avgpool", "torch"),
        ("avgpool", "tensorflow"), ("conv_transpose", "torch"), ("conv_transpose", "keras"),
        ("depthwise_conv", "tensorflow"), ("upsample", "torch"), ("upsample", "keras")}
    reshaping = {"flatten", "reshape", "dropout", "locally_connected"}  # no framework layer, or no arithmetic
    assert {c["op"] for c in CASES} == set(REGISTRY) - reshaping


@pytest.mark.parametrize("case", CASES, ids=[f"{c['op']}-{c['framework']}-{i}" for i, c in enumerate(CASES)])
def test_values_match_framework(case):
    expected = np.asarray(case["y"], dtype=np.float32)
    got = compute(case)
    assert got.shape == expected.shape, f"shape: cnncalc {got.shape}, {case['framework']} {expected.shape}"
    np.testing.assert_allclose(got, expected, rtol=1e-4, atol=1e-5)


def test_hparam_fixture_covers_pool_dilation_and_output_shape():
    kinds = {(c["op"], c["framework"]) for c in HP_CASES}
    assert kinds == {(op, fw) for op in ("maxpool", "avgpool", "conv_transpose") for fw in ("onnx", "tf.nn")}
    assert any("output_shape" in c["hp"] and min(map(min, compute_pads(c))) < 0 for c in HP_CASES)


def compute_pads(case):
    network = layer_network(list(np.asarray(case["x"]).shape[1:]), case["op"], case["hp"], case["convention"])
    return summarize(network).rows[0].pads


@pytest.mark.parametrize("case", HP_CASES, ids=[f"{c['op']}-{c['framework']}-{i}" for i, c in enumerate(HP_CASES)])
def test_dilated_pools_and_output_shapes_match_framework(case):
    """tf.nn.pool and ONNX's dilated pools; tf.nn and ONNX transposed convs cropped (or padded) to output_shape."""
    test_values_match_framework(case)


@pytest.mark.parametrize("path", sorted(SPECS.glob("*.yaml")), ids=lambda p: p.name)
def test_verify_passes_on_every_reference_spec(run, path):
    import json

    result = run("model", str(path), "--verify", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["verified"] is True and all(layer["verified"] for layer in data["layers"])


def test_memory_guard_refuses_before_allocating(run):
    result = run("model", str(SPECS / "vgg16.yaml"), "--verify", "--batch", "64", "--max-memory", "1000000000")
    assert result.exit_code == 2
    assert "the forward pass needs up to" in result.stderr and "GiB" in result.stderr


def test_every_kind_has_a_forward_kernel():
    assert [k.name for k in KINDS if "forward" in missing_capabilities(k)] == []


@pytest.mark.parametrize("dtype", ["float32", "float64", "float16"])
def test_verify_runs_every_kind_in_a_small_network(run, tmp_path, monkeypatch, dtype):
    seen = set()
    for kind in KINDS:
        def spy(cls, ops, inputs, *args, kernel=kind.forward):
            seen.update(str(x.dtype) for x in inputs)
            return kernel(ops, inputs, *args)
        monkeypatch.setattr(kind, "forward", classmethod(spy))
    spec = tmp_path / "all.yaml"
    spec.write_text("""input: 12x12x4
layers:
  - {conv: {filters: 4, kernel: 3, padding: same}, name: a}
  - depthwise_conv: {kernel: 3, depth_multiplier: 2, padding: 1}
  - separable_conv: {filters: 4, kernel: 3, padding: same}
  - {conv_transpose: {filters: 4, kernel: 2, stride: 2}}
  - {maxpool: {kernel: 3, stride: 2, ceil_mode: true}}
  - {avgpool: {kernel: 2, padding: 1}}
  - zero_padding: [[0, 1], [1, 0]]
  - upsample: {size: 2, mode: bilinear}
  - locally_connected: {filters: 2, kernel: 3, stride: 2}
  - batchnorm
  - layernorm
  - lrn
  - {leaky_relu: 0.1}
  - elu
  - gelu
  - silu
  - relu6
  - hard_sigmoid
  - tanh
  - sigmoid
  - {conv: {filters: 2, kernel: 1}, name: b}
  - {multiply: [b, b]}
  - {add: [multiply_1, b]}
  - {concat: [add_1, b]}
  - adaptive_avgpool: 3
  - {global_maxpool: {}, from: concat_1}
  - {reshape: [1, 1, 4]}
  - global_avgpool
  - dense: 3
  - dropout: 0.2
  - softmax
""")
    result = run("model", str(spec), "--verify", "--dtype", dtype, "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert seen == {dtype}
    assert f"NumPy {dtype} forward pass" in result.stderr


def test_verify_refuses_a_dtype_numpy_cannot_compute_in(run):
    result = run("model", str(SPECS / "lenet.yaml"), "--verify", "--dtype", "int8")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: --dtype: the forward pass cannot compute in int8")
    assert run("model", str(SPECS / "lenet.yaml"), "--dtype", "int8").exit_code == 0


def test_memory_estimate_scales_with_the_dtype():
    """VGG-16 peaks while its weights are drawn: every weight in the run's dtype, plus the largest
    layer's float32 draft (8 bytes a value at most) and its copy in the run's dtype."""
    from cnncalc.analyses.summary import summarize
    from cnncalc.core.layers.memory import OVERHEAD_BYTES, weight_values
    from cnncalc.engines.run import POOL, estimate_peak
    from cnncalc.io.spec import load_network

    network = load_network(str(SPECS / "vgg16.yaml"), None)
    layers = [row.layer for row in summarize(network).rows]
    weights = [weight_values(layer) for layer in layers]
    for itemsize in (2, 4, 8):
        peak, at = estimate_peak(network.input, layers, 1, itemsize)
        assert at == "the weights"
        assert peak == sum(weights) * itemsize + max(weights) * (8 + itemsize) + 4 * POOL + OVERHEAD_BYTES
        assert max(weights) > POOL  # fc6's 102,764,544 weights repeat a pool of draws


def test_timings_add_a_time_per_layer_and_imply_verify(run):
    import json

    data = json.loads(run("model", str(SPECS / "lenet.yaml"), "--timings", "--format", "json").stdout)
    assert data["verified"] is True
    seconds = [layer["seconds"] for layer in data["layers"]]
    assert all(s > 0 for s in seconds) and sum(seconds) <= data["verify_seconds"]
    table = run("model", str(SPECS / "resnet50.yaml"), "--timings", "--depth", "0").stdout.splitlines()
    assert table[1].split()[-2:] == ["verified", "ms"]
    blocks = [line for line in table if " block " in line]
    assert blocks and all(line.split()[-2] == "✓" and float(line.split()[-1]) > 0 for line in blocks)


def test_a_shape_mismatch_exits_1_naming_the_layer(run, monkeypatch):
    monkeypatch.setattr(REGISTRY["flatten"], "forward", classmethod(lambda cls, ops, xs, layer, w: xs[0][:, :1, 0, 0]))
    result = run("model", str(SPECS / "lenet.yaml"), "--verify", "--format", "json")
    assert result.exit_code == 1
    assert "Error: layer 7 'flatten_1' (flatten): inferred 400, NumPy produced 1" in result.stderr


def test_the_progress_bar_appears_only_once_a_run_has_taken_its_delay():
    from cnncalc.cli.progress import LazyBar

    quick = LazyBar(3, "work", after=60)
    quick.advance()
    assert quick.progress is None
    quick.stop()
    slow = LazyBar(3, "work", after=0)
    slow.advance()
    slow.advance()
    assert slow.progress is not None and slow.progress.tasks[0].completed == 2
    slow.stop()


def test_the_spinner_starts_only_for_a_step_longer_than_its_delay():
    import time

    from cnncalc.cli.progress import delayed_status

    with delayed_status(False, "work") as state:
        assert state is None
    with delayed_status(True, "work", after=60) as state:
        pass
    assert state["done"] and state["status"] is None
    with delayed_status(True, "work", after=0.01) as state:
        time.sleep(0.3)
        assert state["status"] is not None
    assert state["done"]


@pytest.mark.parametrize("stride", [(1, 1), (2, 2), (2, 1)])
def test_a_pointwise_conv_takes_the_matmul_path_and_equals_the_window_path(stride):
    rng = np.random.default_rng(1)
    x = rng.standard_normal((2, 7, 6, 5)).astype(np.float32)
    w = rng.standard_normal((1, 1, 5, 3)).astype(np.float32)
    outs = tuple((n - 1) // s + 1 for n, s in zip((7, 6), stride))
    fast = kernels.conv(x, w, None, ((0, 0), (0, 0)), outs, stride, (1, 1))
    view = kernels.windows(x, outs, (1, 1), stride, (1, 1))  # (N, *outs, C, 1, 1): the general path's windows
    expected = np.einsum("nhwcij,ijco->nhwo", view, w)
    assert fast.shape == expected.shape
    np.testing.assert_allclose(fast, expected, rtol=1e-5, atol=1e-5)
