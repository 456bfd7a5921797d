"""A weighted layer's activation: (Keras' activation=): no change to shapes or counts, applied in
--verify, counted by other tools as its own module, named in the report."""
from __future__ import annotations

import pytest

from cnncalc.analyses.summary import summarize
from cnncalc.io.spec import load_network

from ..io.test_spec import error_of


FUSED = """input: 12x12x3
layers:
  - conv: {filters: 4, kernel: 3, activation: relu}
  - depthwise_conv: {kernel: 3, activation: relu6}
  - separable_conv: {filters: 4, kernel: 3, activation: swish}
  - conv_transpose: {filters: 2, kernel: 2, stride: 2, activation: elu}
  - flatten
  - dense: {units: 5, activation: softmax}
"""
SEPARATE = """input: 12x12x3
layers:
  - conv: {filters: 4, kernel: 3}
  - relu
  - depthwise_conv: {kernel: 3}
  - relu6
  - separable_conv: {filters: 4, kernel: 3}
  - silu
  - conv_transpose: {filters: 2, kernel: 2, stride: 2}
  - elu
  - flatten
  - dense: 5
  - softmax
"""


def _report(tmp_path, text, name):
    path = tmp_path / name
    path.write_text(text)
    network = load_network(str(path))
    return network, summarize(network)


def test_a_fused_activation_changes_no_shape_or_count(tmp_path):
    _, fused = _report(tmp_path, FUSED, "fused.yaml")
    _, separate = _report(tmp_path, SEPARATE, "separate.yaml")
    weighted = [r for r in separate.rows if r.params]
    assert [(r.output, r.params, r.macs) for r in fused.rows if r.params] == [
        (r.output, r.params, r.macs) for r in weighted]
    assert (fused.totals.params, fused.totals.macs, fused.output) == (
        separate.totals.params, separate.totals.macs, separate.output)


@pytest.mark.parametrize("convention", ["torchinfo", "fvcore", "ptflops"])
def test_other_tools_count_a_fused_activation_as_its_own_module(tmp_path, convention):
    from cnncalc.analyses.counting import macs_as

    counts = []
    for text, name in ((FUSED, "fused.yaml"), (SEPARATE, "separate.yaml")):
        network, report = _report(tmp_path, text, name)
        counts.append(sum(macs_as(report, convention)))
    assert counts[0] == counts[1]


def test_the_forward_pass_applies_a_fused_activation(run, tmp_path, monkeypatch):
    from cnncalc.core.layers import REGISTRY

    calls = []
    relu = REGISTRY["relu"].forward
    monkeypatch.setattr(REGISTRY["relu"], "forward", classmethod(lambda cls, *a: calls.append(1) or relu(*a)))
    (tmp_path / "fused.yaml").write_text(FUSED)
    assert run("model", str(tmp_path / "fused.yaml"), "--verify").exit_code == 0
    assert calls == [1]


def test_an_unknown_activation_suggests_the_near_name(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nlayers:\n  - conv: {filters: 4, kernel: 3, activation: rlu}\n")
    assert "field 'activation'" in message and message.endswith("did you mean 'relu'?")


def test_fused_activation_names_are_activation_kinds():
    from cnncalc.core.layers import REGISTRY, lookup
    from cnncalc.core.layers.activations import Activation
    from cnncalc.core.layers.base import FUSED_ACTIVATIONS

    assert all(issubclass(lookup(name), Activation) for name in FUSED_ACTIVATIONS if name != "linear")
    assert {k for k, kind in REGISTRY.items() if issubclass(kind, Activation)} <= set(FUSED_ACTIVATIONS)


def test_the_report_names_a_fused_activation(tmp_path, run):
    import json

    (tmp_path / "fused.yaml").write_text(FUSED)
    _, report = _report(tmp_path, FUSED, "fused.yaml")
    assert [r.activation for r in report.rows if r.params] == ["relu", "relu6", "swish", "elu", "softmax"]
    data = json.loads(run("model", str(tmp_path / "fused.yaml"), "--format", "json").stdout)
    assert data["layers"][0]["activation"] == "relu" and data["layers"][0]["kind"] == "conv"
    assert "conv+relu" in run("model", str(tmp_path / "fused.yaml")).stdout
