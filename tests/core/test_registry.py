"""The registry is the whole dispatch: every kind declares every capability and goes through
each (report, JSON, explanation, forward pass, --macs-as, catalogue), and a kind registered
inside a test flows through all of them without a line changed elsewhere."""
from __future__ import annotations

import json

import pytest

from cnncalc.analyses.counting import count
from cnncalc.analyses.explain import explain
from cnncalc.analyses.summary import summarize
from cnncalc.core.choices import MacsConvention
from cnncalc.core.layers import KINDS, REGISTRY, lookup, missing_capabilities, register, unregister
from cnncalc.core.layers.activations import Activation
from cnncalc.core.layers.base import GLYPHS, Step
from cnncalc.core.layers.pool import AvgPool
from cnncalc.core.shapes import volume
from cnncalc.engines.run import run_network
from cnncalc.io.spec import load_network
from cnncalc.report.catalogue import catalogue_rows
from cnncalc.report.layer import layer_data
from cnncalc.report.model import model_data


def example_network(kind):
    """A small network whose last layer is ``kind`` (a merge joins two branches of the input)."""
    if kind.merge:
        layers = [{"relu": {}, "name": "a"}, {"relu": {}, "name": "b", "from": "input"}, {kind.name: ["a", "b"]}]
    else:
        layers = [{kind.name: dict(kind.example)}]
    return load_network({"name": kind.name, "input": kind.example_input, "layers": layers})


def walk(kind) -> list[str]:
    """Every capability of ``kind`` exercised; the list of what failed, each naming the piece."""
    failures = [f"undeclared {name}" for name in missing_capabilities(kind)]
    if failures:
        return failures
    network = example_network(kind)
    report = summarize(network)
    row = report.rows[-1]
    layer = row.layer
    if row.kind != kind.name or layer.kind is not kind:
        failures.append("report")
    data = json.loads(json.dumps(model_data(report)))
    if data["layers"][-1]["kind"] != kind.name or data["layers"][-1]["output"] != list(row.output):
        failures.append("model JSON")
    steps = kind.working(layer)
    if not steps or not all(isinstance(s, Step) for s in steps) or steps[0].label != "output volume" \
            and not any(s.label == "output volume" for s in steps):
        failures.append("working")
    if not kind.merge:
        echoed = layer_data(explain(network))
        schema = {p.name for p in kind.schema}
        if any(key not in echoed or key not in schema for key in kind.echo) or echoed["kind"] != kind.name:
            failures.append("layer JSON echo")
    shapes, _ = run_network(network, [r.layer for r in report.rows])
    if shapes.get(row.name) != row.output:
        failures.append(f"forward ({shapes.get(row.name)} for {row.output})")
    for tool in MacsConvention:
        value = count(layer, tool)
        if not isinstance(value, int) or value < 0:
            failures.append(f"macs-as {tool}")
    if kind.counts(layer) != (*kind.params(layer), kind.params_unshared(layer), kind.macs(layer)):
        failures.append("counts disagree with params, params_unshared and macs")
    if kind.temporaries(layer) < 0 or any(w is not None and volume(w.shape) < 1 for w in kind.weights(layer)):
        failures.append("weights or temporaries")
    if kind.glyph not in GLYPHS:
        failures.append(f"glyph {kind.glyph!r}")
    if kind.name not in [r[0] for r in catalogue_rows()[1]]:
        failures.append("catalogue")
    return failures


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_kind_goes_through_every_capability(kind):
    assert walk(kind) == [], f"{kind.name}: {', '.join(walk(kind))}"


class Square(Activation):
    name, summary = "square_test", "x² (a kind registered by a test)"
    compute = staticmethod(lambda ops, x, hp: x * x)


class LpPool(AvgPool):
    """A pooling kind as a subclass: everything but its arithmetic comes from its declarations."""

    name, summary = "lppool_test", "(Σ x²)^½ over each window (a kind registered by a test)"

    @classmethod
    def values(cls, ops, x, layer):
        return ops.np.sqrt(ops.pool(x * x, "avg", layer.pads, layer.output[:-1], layer.window.kernel,
                                    layer.window.stride, layer.window.dilation, True)
                           * ops.np.prod(layer.window.kernel))


@pytest.fixture(params=[Square, LpPool], ids=lambda k: k.name)
def throwaway(request):
    register(request.param)
    yield request.param
    unregister(request.param)
    assert request.param.name not in REGISTRY


def test_a_kind_registered_in_a_test_flows_through_everything(throwaway):
    assert lookup(throwaway.name.upper()) is throwaway
    assert walk(throwaway) == []


def test_a_new_pooling_kind_inherits_the_window_rule_with_its_stride_default():
    register(LpPool)
    try:
        network = load_network({"input": "8x8x1", "layers": [{"lppool_test": {"kernel": 2}}]})
        explanation = explain(network)
    finally:
        unregister(LpPool)
    data = layer_data(explanation)
    assert data["output"] == [4, 4, 1] and data["stride"] == [2, 2] and data["kernel"] == [2, 2]
    assert explanation.steps[0].expression == "(8 − 2 + 2·0)/2 + 1 = 4"


def test_unregister_leaves_the_registry_as_it_was():
    before = (list(KINDS), dict(REGISTRY))
    register(Square)
    unregister(Square)
    assert (list(KINDS), dict(REGISTRY)) == before
