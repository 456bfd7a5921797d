"""The forward pass's memory estimate is an upper bound: every registered kind, run on the cases
that make its kernel allocate the most, allocates (as tracemalloc counts NumPy's arrays) no more
than ``estimate_peak`` said before the run, in every dtype the forward pass computes in."""
from __future__ import annotations

import tracemalloc

import numpy as np
import pytest

from cnncalc.analyses.summary import summarize
from cnncalc.core.choices import FORWARD_DTYPES
from cnncalc.core.layers import KINDS
from cnncalc.core.layers.memory import ACTIVATION_COPIES
from cnncalc.core.shapes import volume
from cnncalc.engines import kernels
from cnncalc.engines.run import estimate_peak, run_network
from cnncalc.io.spec import load_network


def branches(count: int, merge: str, first: str | None = None) -> list:
    """``count`` relu branches of the input merged by ``merge`` (``first`` a layer ahead of them)."""
    names = [f"b{i}" for i in range(count)]
    head = [{"global_avgpool": {"keepdims": True}, "name": first}] if first else []
    return head + [{"relu": None, "name": n, "from": "input"} for n in names] + [{merge: ([first] if first else []) + names}]


WORST = {
    "conv": [("64x64x4", {"filters": 2, "kernel": 1, "padding": 60}),  # padding far wider than the input
             ("32x32x1", {"filters": 1024, "kernel": 1}),  # an output far wider than the input
             ("64x64x16", {"filters": 16, "kernel": 3, "groups": 4, "padding": 1}),  # the grouped copy
             ("50000x4", {"filters": 8, "kernel": 9, "padding": "causal", "dilation": 4}),
             ("16x32x32x4", {"filters": 8, "kernel": 3, "padding": "same", "stride": 2}),
             ("64x64x4", {"filters": 64, "kernel": 1, "activation": "gelu"})],  # a fused activation
    "depthwise_conv": [("64x64x4", {"kernel": 3, "depth_multiplier": 8, "padding": 4}),
                       ("96x96x32", {"kernel": 3})],
    "separable_conv": [("64x64x4", {"filters": 64, "kernel": 3, "depth_multiplier": 4, "padding": "same"})],
    "locally_connected": [("24x24x8", {"filters": 8, "kernel": 3, "padding": 3})],
    "conv_transpose": [("32x32x2", {"filters": 64, "kernel": 5, "stride": 3, "output_padding": 2}),
                       ("32x32x8", {"filters": 8, "kernel": 3, "stride": 2, "groups": 4}),
                       ("32x32x8", {"filters": 4, "kernel": 3, "stride": 2, "padding": 1})],
    "maxpool": [("16x16x512", {"kernel": 20, "padding": 19}), ("99x99x64", {"kernel": 2, "ceil_mode": True}),
                ("64x64x32", {"kernel": 3, "stride": 1, "dilation": 3})],
    "avgpool": [("16x16x512", {"kernel": 20, "padding": 19, "count_include_pad": True}),
                ("99x99x64", {"kernel": 2, "ceil_mode": True})],
    "global_avgpool": [("96x96x64", None)],
    "global_maxpool": [("96x96x64", None)],
    "adaptive_avgpool": [("3x3x8", {"output": 300}), ("200x200x8", {"output": [7, 300]})],
    "dense": [("4", 2_000_000), ("100000", 20)],
    "flatten": [("96x96x64", None)],
    "reshape": [("96x96x64", {"shape": [9216, 64]})],
    "dropout": [("96x96x64", None)],
    "batchnorm": [("96x96x64", None)],
    "layernorm": [("96x96x64", None)],
    "zero_padding": [("8x8x64", {"padding": 100})],
    "cropping": [("400x400x4", {"cropping": 180})],
    "upsample": [("32x32x4", {"size": 16, "mode": "bilinear"}), ("40x1", {"size": 100000, "mode": "bilinear"}),
                 ("8x8x8x4", {"size": [4, 8, 16]})],
    "lrn": [("64x64x16", {"size": 1_000_000}), ("96x96x64", None)],
    "add": [("100x100x16", branches(40, "add"))],
    "multiply": [("100x100x16", branches(40, "multiply", "squeeze"))],  # 40 inputs broadcast to one shape
    "concat": [("100x100x16", branches(8, "concat"))],
}
"""Per kind, (input, hyperparameters or a list of layers) that make its kernel allocate the most:
wide padding, wide outputs, groups, ceil_mode overhang, growing axes, many broadcast inputs."""
ACTIVATION_INPUT = "96x96x64"


def cases():
    for kind in KINDS:
        for input_shape, hp in WORST.get(kind.name, [(ACTIVATION_INPUT, None)] if kind.glyph == "activation" else []):
            layers = hp if isinstance(hp, list) else [{kind.name: hp}]
            yield pytest.param({"input": input_shape, "layers": layers}, id=f"{kind.name}-{input_shape}")


def test_every_kind_has_a_worst_case():
    covered = {kind.name for kind in KINDS if kind.name in WORST or kind.glyph == "activation"}
    assert covered == {kind.name for kind in KINDS}


@pytest.fixture(scope="module", autouse=True)
def warm():
    """NumPy's first matmul and einsum set up caches once; they are not the run's memory."""
    network = load_network({"input": "8x8x4", "layers": [{"conv": {"filters": 4, "kernel": 3, "groups": 2}}]})
    run_network(network, [row.layer for row in summarize(network).rows])


@pytest.mark.parametrize("dtype", FORWARD_DTYPES)
@pytest.mark.parametrize("spec", list(cases()))
def test_a_run_stays_inside_its_estimate(spec, dtype):
    network = load_network(spec)
    layers = [row.layer for row in summarize(network).rows]
    estimate, at = estimate_peak(network.input, layers, 2, np.dtype(dtype).itemsize)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        run_network(network, layers, batch=2, dtype=dtype, max_memory=2**40)
        peak = tracemalloc.get_traced_memory()[1] - before
    finally:
        tracemalloc.stop()
    assert peak <= estimate, f"{peak:,} bytes allocated, {estimate:,} estimated (peak at {at})"


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_computes_in_the_runs_dtype(kind):
    """An output in a wider dtype than its input would be copied back, outside the estimate."""
    if kind.merge:
        spec = {"input": "8x8x4", "layers": branches(3, kind.name)}
    else:
        spec = {"input": kind.example_input, "layers": [{kind.name: kind.example or None}]}
    network = load_network(spec)
    arrays = {"input": np.ones((1,) + network.input, dtype=np.float16)}
    for row in summarize(network).rows:
        layer = row.layer
        weights = tuple(None if w is None else np.ones(w.shape, np.float16) for w in layer.kind.weights(layer))
        arrays[layer.name] = layer.kind.forward(kernels, [arrays[n] for n in layer.node.inputs], layer, weights)
        assert arrays[layer.name].dtype == np.float16, layer.name


def test_every_activation_stays_within_the_fused_bound():
    """A fused activation is estimated at ACTIVATION_COPIES arrays without looking its kind up."""
    for kind in KINDS:
        if kind.glyph == "activation":
            network = load_network({"input": "8x8x4", "layers": [kind.name]})
            layer = summarize(network).rows[0].layer
            assert kind.temporaries(layer) <= ACTIVATION_COPIES * volume(layer.input), kind.name


def test_a_values_computation_is_refused_before_it_runs(run, tmp_path):
    values, weights = tmp_path / "values.csv", tmp_path / "weights.csv"
    values.write_text("\n".join([",".join(["1"] * 600)] * 600))
    weights.write_text("\n".join([",".join(["1"] * 300)] * 300))  # 301² windows of 90,000 taps: 65 GB
    result = run("conv", "--values", f"@{values}", "--weights", f"@{weights}")
    assert result.exit_code == 2 and "computing these values needs up to 65," in result.stderr
    assert "at most 268,435,456 (MAX_VALUES_BYTES)" in result.stderr
