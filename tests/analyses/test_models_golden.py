"""Per-layer summaries of whole published networks, matched against Keras and torchinfo.

tests/golden/models.json holds, for each spec, the (output shape, parameter count) of every
layer with parameters, as keras.applications' model.summary() or torchinfo report them
(made by tests/golden/make_model_golden.py). Layer order differs between frameworks
(Keras lists a ResNet shortcut before the main path), so rows compare as multisets.
"""
from __future__ import annotations

import json
from collections import Counter

import pytest

from cnncalc.analyses.summary import summarize
from cnncalc.io.spec import load_network

from ..conftest import GOLDEN, SPECS

GOLDEN_MODELS = json.loads((GOLDEN / "models.json").read_text())


def our_rows(spec: str, trainable_only: bool) -> Counter:
    report = summarize(load_network(str(SPECS / spec), None), False, "float32")
    counts = ((row.output, row.trainable if trainable_only else row.params) for row in report.rows)
    return Counter((tuple(shape), n) for shape, n in counts if n)


@pytest.mark.parametrize("spec", sorted(GOLDEN_MODELS))
def test_every_layer_with_parameters_matches_the_framework(spec):
    golden = GOLDEN_MODELS[spec]
    expected = Counter((tuple(shape), n) for shape, n in golden["rows"])
    got = our_rows(spec, golden.get("trainable_only", False))
    assert got - expected == Counter() and expected - got == Counter(), golden["source"]



def test_the_golden_rows_include_batchnorm_as_torchinfo_counts_it():
    """torchinfo's trainable column holds γ and β (2C) of a BatchNorm; its running statistics are buffers."""
    report = summarize(load_network(str(SPECS / "resnet50.yaml"), None), False, "float32")
    bn = [row for row in report.rows if row.kind == "batchnorm"]
    assert bn and all(row.trainable == row.non_trainable == 2 * row.output[-1] for row in bn)
    golden = Counter((tuple(shape), n) for shape, n in GOLDEN_MODELS["resnet50.yaml"]["rows"])
    assert all(golden[(tuple(row.output), row.trainable)] for row in bn)
