"""Each SpecError of the spec language: the exact one-line message (file, line, layer, field)."""
from __future__ import annotations

import pytest

from cnncalc.analyses.summary import summarize
from cnncalc.core.errors import CnncalcError
from cnncalc.io.spec import load_network


def error_of(tmp_path, text: str) -> str:
    path = tmp_path / "net.yaml"
    path.write_text(text)
    with pytest.raises(CnncalcError) as info:
        summarize(load_network(str(path)))
    return str(info.value).replace(str(path), "net.yaml")


def test_unknown_hyperparameter_names_line_layer_field_and_suggests(tmp_path):
    message = error_of(tmp_path, "input: 32x32x3\nlayers:\n  - relu\n  - conv: {filter: 6, kernel: 5}\n")
    assert message == ("net.yaml:4:12: layer 2 'conv_1' (conv), field 'filter': unknown key; valid: filters, "
                       "kernel, stride, padding, dilation, groups, bias, weights, activation; did you mean 'filters'?")


def test_unknown_kind_suggests(tmp_path):
    message = error_of(tmp_path, "input: 32x32x3\nlayers:\n  - conv: {filters: 6, kernel: 5}\n  - rleu\n")
    assert message.startswith("net.yaml:4:5: layer 2: unknown layer kind 'rleu'")
    assert message.endswith("did you mean 'relu'?")


def test_wrong_type_names_the_field(tmp_path):
    message = error_of(tmp_path, "input: 32x32x3\nlayers:\n  - conv: {filters: six, kernel: 5}\n")
    assert message == ("net.yaml:3:21: layer 1 'conv_1' (conv), field 'filters': value must be a whole number, "
                       "got 'six'")


def test_missing_required_hyperparameter(tmp_path):
    message = error_of(tmp_path, "input: 32x32x3\nlayers:\n  - conv: {kernel: 5}\n")
    assert "field 'filters': missing required hyperparameter" in message


def test_from_must_name_an_earlier_layer(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nlayers:\n  - {relu: {}, from: later}\n  - {relu: {}, name: later}\n")
    assert "no earlier layer is named 'later'" in message and message.startswith("net.yaml:3:")


def test_add_of_different_shapes_names_both(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nlayers:\n  - {conv: {filters: 4, kernel: 3}, name: a}\n"
                                 "  - {relu: {}, from: input, name: b}\n  - add: [a, b]\n")
    assert "cannot add 6x6x4 and 8x8x3" in message and "layer 3 'add_1' (add)" in message


def test_concat_needs_matching_spatial_sizes(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nlayers:\n  - {conv: {filters: 4, kernel: 3}, name: a}\n"
                                 "  - concat: [a, input]\n")
    assert "cannot concatenate 6x6x4 and 8x8x3" in message


def test_dense_after_volume_says_add_flatten(tmp_path):
    message = error_of(tmp_path, "input: 5x5x16\nlayers:\n  - dense: 120\n")
    assert message == ("net.yaml:3:5: layer 1 'dense_1' (dense): input is 5x5x16, an H×W×C volume; "
                       "add 'flatten' (or a global pooling) before it")


def test_shrinking_below_one_names_the_layer(tmp_path):
    message = error_of(tmp_path, "input: 8x8x1\nlayers:\n  - maxpool: 2\n  - maxpool: 2\n  - maxpool: 2\n"
                                 "  - maxpool: 2\n")
    assert "layer 4 'maxpool_4' (maxpool), field 'kernel'" in message and "larger than the padded input 1" in message


def test_undefined_block_parameter(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nblocks:\n  b:\n    params: {f: 4}\n    layers:\n"
                                 "      - conv: {filters: $g, kernel: 3}\nlayers:\n  - block: b\n")
    assert "block parameter 'g' is never defined" in message and "net.yaml:6:" in message


def test_unknown_top_level_key(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nlayer:\n  - relu\n")
    assert message.startswith("net.yaml:2:1: field 'layer': unknown key")


def test_duplicate_layer_names(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nlayers:\n  - {relu: {}, name: a}\n  - {relu: {}, name: a}\n")
    assert "layer name 'a' is used twice" in message


def test_recursive_block_is_refused(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nblocks:\n  b:\n    layers:\n      - block: b\nlayers:\n  - block: b\n")
    assert "uses itself" in message


def test_blocks_repeat_with_predictable_names():
    network = load_network({"input": "8x8x3", "blocks": {"unit": {"params": {"f": None}, "layers": [
        {"conv": {"filters": "$f", "kernel": 3, "padding": 1}}, "relu"]}},
        "layers": [{"block": "unit", "with": {"f": 4}, "repeat": 2, "name": "stage"}]})
    assert [n.name for n in network.nodes] == ["stage.0.conv_1", "stage.0.relu_1", "stage.1.conv_1", "stage.1.relu_1"]
    assert network.nodes[2].inputs == ("stage.0.relu_1",)


def test_defaults_apply_unless_overridden():
    network = load_network({"input": "8x8x3", "defaults": {"conv": {"bias": False}},
                            "layers": [{"conv": {"filters": 4, "kernel": 3}},
                                       {"conv": {"filters": 4, "kernel": 3, "bias": True}}]})
    rows = summarize(network).rows
    assert (rows[0].params, rows[1].params) == (3 * 3 * 3 * 4, 3 * 3 * 4 * 4 + 4)


def test_scalar_forms_set_the_primary_key():
    network = load_network({"input": "28x28x1", "layers": [{"maxpool": 2}, "flatten", {"dense": 10},
                                                            {"dropout": 0.5}]})
    assert summarize(network).output == (10,)


# --- hostile specs: refused early, within bounded time, naming where --------------------------

def test_a_block_repeated_a_million_times_is_refused_at_the_repeat(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nblocks:\n  b: {layers: [relu]}\nlayers:\n"
                                 "  - {block: b, repeat: 1000000}\n")
    assert message.startswith("net.yaml:5:24: ") and "repeat must be at most 200,000, got 1,000,000" in message


def test_nested_repeats_beyond_the_layer_limit_are_refused(tmp_path, monkeypatch):
    from cnncalc.core import limits

    monkeypatch.setattr(limits, "MAX_LAYERS", 1000)
    message = error_of(tmp_path, "input: 8x8x3\nblocks:\n  b: {layers: [relu, relu, relu, relu]}\n"
                                 "  c: {layers: [{block: b, repeat: 100}]}\nlayers:\n  - {block: c, repeat: 100}\n")
    assert "more than 1,000 layers" in message


def test_a_layer_list_beyond_the_limit_is_refused_before_any_layer_is_built(tmp_path, monkeypatch):
    from cnncalc.core import limits
    from cnncalc.io.spec import build as spec

    monkeypatch.setattr(limits, "MAX_LAYERS", 1000)
    built = []
    monkeypatch.setattr(spec.Builder, "add_layer", lambda self, *a: built.append(a))
    message = error_of(tmp_path, "input: 8x8x3\nlayers:\n" + "  - relu\n" * 1001)
    assert message.startswith("net.yaml:1003:5: ") and "more than 1,000 layers" in message
    assert built == []


def test_an_empty_block_is_an_error_not_nothing(tmp_path):
    message = error_of(tmp_path, "input: 8x8x3\nblocks:\n  b:\n    layers: []\nlayers:\n  - block: b\n")
    assert "block 'b' needs a non-empty list of layers" in message


@pytest.mark.parametrize("text, field", [
    ("input: 1000000000000x8x3\nlayers: [relu]\n", "field 'input'"),
    ("input: 8x8x3\nlayers: [{conv: {filters: 1000000000000, kernel: 1}}]\n", "field 'filters'"),
    ("input: 8x8x3\nlayers: [{maxpool: {kernel: 2, stride: 10000000000}}]\n", "field 'stride'"),
])
def test_dimensions_beyond_a_billion_are_refused_naming_the_field(tmp_path, text, field):
    message = error_of(tmp_path, text)
    assert field in message and "at most 1,000,000,000" in message
