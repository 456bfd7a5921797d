"""Inputs mean what the user meant: PyTorch's padding='same', ONNX's SAME_LOWER in a transposed
conv, and the floor warning only where the textbook division is the user's own."""
from __future__ import annotations

import json

from cnncalc.analyses.summary import summarize
from cnncalc.io.spec import layer_network, load_network


def test_the_pytorch_row_of_a_same_layer_is_pytorch_padding_same(run):
    result = run("layer", "--input", "28x28x1", "--filters", "8", "--k", "3", "--p", "same", "--format", "json")
    assert json.loads(result.stdout)["alternatives"]["PyTorch, padding 'same'"] == "28x28x8"
    strided = run("layer", "--input", "28x28x1", "--filters", "8", "--k", "3", "--s", "2", "--p", "same",
                  "--format", "json")
    assert json.loads(strided.stdout)["alternatives"]["PyTorch, padding 'same'"].startswith("refused")


def test_a_transposed_same_lower_crops_the_odd_pixel_at_the_start():
    lower = summarize(layer_network("4x4x2", "conv_transpose", {"filters": 2, "kernel": 3, "stride": 2,
                                                                "padding": "same_lower"})).rows[0]
    upper = summarize(layer_network("4x4x2", "conv_transpose", {"filters": 2, "kernel": 3, "stride": 2,
                                                                "padding": "same"})).rows[0]
    assert lower.output == upper.output == (8, 8, 2)
    assert lower.pads == ((1, 0), (1, 0)) and upper.pads == ((0, 1), (0, 1))


def test_valid_padding_never_warns_of_a_floor():
    row = summarize(layer_network("28x28x1", "conv", {"filters": 2, "kernel": 3, "stride": 2,
                                                      "padding": "valid"})).rows[0]
    assert row.output == (13, 13, 2) and row.notes == ()


def test_numeric_padding_warns_per_layer_under_the_textbook():
    row = summarize(layer_network("28x28x1", "conv", {"filters": 2, "kernel": 3, "stride": 2})).rows[0]
    assert len(row.notes) == 1 and "12.5 is not a whole number" in row.notes[0].message


def test_a_framework_convention_gives_one_note_per_network_counting_the_layers():
    spec = {"input": "28x28x1", "convention": "pytorch",
            "layers": [{"conv": {"filters": 2, "kernel": 3, "stride": 2}}, {"maxpool": {"kernel": 2}},
                       {"conv": {"filters": 2, "kernel": 2, "stride": 2}}]}
    report = summarize(load_network(spec))
    assert all(r.notes == () for r in report.rows)
    assert [n.message.split(" floor")[0] for n in report.notes] == ["2 layers"]
    assert "as pytorch does (conv_1, maxpool_1)" in report.notes[0].message
