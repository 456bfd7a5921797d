"""One layer worked out as data: the kind's steps (exact ints) and the other conventions' outputs."""
from __future__ import annotations

from cnncalc.analyses.explain import explain
from cnncalc.io.spec import layer_network


def test_the_lesson_layer_is_worked_out_with_exact_counts():
    steps = {s.label: s for s in explain(layer_network("32x32x3", "conv", {"filters": 20, "kernel": 8, "stride": 2,
                                                                          "padding": 1})).steps}
    assert steps["H, W"].expression == "(32 − 8 + 2·1)/2 + 1 = 14"
    assert steps["params, shared weights"].value == 3860 and steps["params, no sharing"].value == 756560
    assert steps["sharing saves"].value == "196× fewer"


def test_a_floored_division_says_so_with_the_exact_fraction():
    step = explain(layer_network("28x28x1", "conv", {"filters": 8, "kernel": 3, "stride": 2})).steps[0]
    assert step.expression == "(28 − 3 + 2·0)/2 + 1 = 12.5 + 1, floored to 13"


def test_alternatives_give_tensorflow_and_pytorch_outputs():
    explanation = explain(layer_network("32x32x3", "conv", {"filters": 20, "kernel": 8, "stride": 2, "padding": 1}))
    assert {s.label: s.value for s in explanation.alternatives} == {
        "TensorFlow SAME": "16x16x20", "TensorFlow VALID": "13x13x20", "PyTorch, padding 1": "14x14x20"}


def test_a_pool_in_ceil_mode_is_compared_without_it_under_tensorflow():
    explanation = explain(layer_network("5x5x1", "maxpool", {"kernel": 2, "padding": 1, "ceil_mode": True}))
    alternatives = {s.label: s.value for s in explanation.alternatives}
    assert alternatives["TensorFlow SAME"] == "3x3x1" and not alternatives["TensorFlow VALID"].startswith("refused")


def test_a_layer_without_a_window_has_no_alternatives_and_plain_counts():
    explanation = explain(layer_network("16", "dense", {"units": 4}))
    assert explanation.alternatives == ()
    assert [(s.label, s.value) for s in explanation.steps] == [("output volume", 4), ("params", 68), ("MACs", 64)]


def test_valid_is_worked_out_as_the_lessons_ceiling_under_tensorflow_and_keras():
    """The lesson: out_height = ceil(float(4 - 2 + 1) / float(2)) = ceil(1.5) = 2."""
    for convention in ("tensorflow", "keras"):
        for padding in ({"padding": "valid"}, {}):  # no padding at all is VALID there
            layer = {"filters": 3, "kernel": 2, "stride": 2, **padding}
            step = explain(layer_network("4x4x1", "conv", layer, convention)).steps[0]
            assert step.expression == "ceil((4 − 2 + 1)/2) = ceil(1.5) = 2"
    step = explain(layer_network("32x32x3", "conv", {"filters": 20, "kernel": 8, "stride": 2, "padding": "valid"},
                                 "keras")).steps[0]
    assert step.expression == "ceil((32 − 8 + 1)/2) = ceil(12.5) = 13"
