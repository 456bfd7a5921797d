"""Parameter and MAC counts per kind, against the lesson and published per-layer figures."""
from __future__ import annotations

import pytest

from cnncalc import infer_layer
from cnncalc.core.errors import ShapeError, SpecError


def row(shape, kind, hp, convention="textbook"):
    return infer_layer(shape, kind, hp, convention).row


def test_lesson_conv_params_shared_and_unshared():
    r = row("32x32x3", "conv", {"filters": 20, "kernel": 8, "stride": 2, "padding": 1})
    assert r.output == (14, 14, 20)
    assert (r.params, r.params_unshared) == (3860, 756560)
    assert r.macs == 14 * 14 * 20 * 8 * 8 * 3


def test_unshared_is_per_position_params_times_output_positions():
    r = row("10x12x4", "conv", {"filters": 6, "kernel": [3, 5], "padding": 1, "groups": 2})
    per_position = 3 * 5 * (4 // 2) * 6 + 6
    assert r.params == per_position
    assert r.params_unshared == per_position * r.output[0] * r.output[1]


def test_conv_without_bias():
    assert row("32x32x3", "conv", {"filters": 3, "kernel": 5, "padding": 2, "bias": False}).params == 225


def test_grouped_conv_divides_input_channels():
    assert row("8x8x64", "conv", {"filters": 128, "kernel": 3, "groups": 32, "padding": 1}).params == 3 * 3 * 2 * 128 + 128


def test_groups_must_divide_channels():
    with pytest.raises(ShapeError, match="groups 4 does not divide the 6 input channels"):
        row("8x8x6", "conv", {"filters": 8, "kernel": 3, "groups": 4})


def test_depthwise_counts_one_filter_per_channel_times_multiplier():
    r = row("16x16x8", "depthwise_conv", {"kernel": 3, "depth_multiplier": 2, "padding": "same"})
    assert r.output == (16, 16, 16)
    assert r.params == 3 * 3 * 16 + 16
    assert r.macs == 16 * 16 * 16 * 9


def test_separable_is_depthwise_without_bias_plus_pointwise():
    r = row("16x16x8", "separable_conv", {"filters": 32, "kernel": 3, "padding": "same"})
    assert r.params == 3 * 3 * 8 + 8 * 32 + 32
    assert r.macs == 16 * 16 * (9 * 8 + 8 * 32)


def test_locally_connected_has_no_weight_sharing():
    r = row("32x32x3", "locally_connected", {"filters": 20, "kernel": 8, "stride": 2, "padding": 1})
    assert r.params == r.params_unshared == 756560


def test_transposed_conv_counts_macs_over_input_positions():
    r = row("7x7x16", "conv_transpose", {"filters": 8, "kernel": 3, "stride": 2})
    assert r.output == (15, 15, 8)
    assert r.params == 3 * 3 * 16 * 8 + 8
    assert r.macs == 7 * 7 * 16 * 9 * 8


def test_dense_needs_a_flat_input():
    assert row(400, "dense", {"units": 120}).params == 48120
    with pytest.raises(ShapeError, match="add 'flatten'"):
        row("5x5x16", "dense", {"units": 120})


def test_batchnorm_counts_keras_style():
    r = row("7x7x64", "batchnorm", {})
    assert (r.trainable, r.non_trainable) == (128, 128)


def test_pooling_has_no_params_and_keeps_depth():
    r = row("4x4x5", "maxpool", {"kernel": 2, "stride": 2})
    assert (r.output, r.params, r.macs) == ((2, 2, 5), 0, 0)


def test_pool_stride_defaults_to_kernel():
    assert row("28x28x6", "maxpool", {"kernel": 2}).output == (14, 14, 6)


def test_global_pool_outputs_flat_channels_and_flatten_of_flat_is_unchanged():
    assert row("7x7x512", "global_avgpool", {}).output == (512,)
    assert row(400, "flatten", {}).output == (400,)


def test_reshape_infers_minus_one_and_refuses_wrong_sizes():
    assert row(3136, "reshape", {"shape": [7, 7, -1]}).output == (7, 7, 64)
    with pytest.raises(ShapeError, match="cannot reshape"):
        row(3136, "reshape", {"shape": [7, 7, 7]})


def test_conv_1d_and_3d_by_input_rank():
    assert row("100x8", "conv", {"filters": 4, "kernel": 5}).output == (96, 4)
    assert row("16x112x112x3", "conv", {"filters": 64, "kernel": 3, "padding": 1}).output == (16, 112, 112, 64)


def test_huge_layer_counts_stay_exact_integers():
    r = row([10**9, 10**9, 3], "conv", {"filters": 10**6, "kernel": 1})
    assert r.macs == 10**9 * 10**9 * 10**6 * 3
    assert isinstance(r.macs, int)


def test_unknown_hyperparameter_suggests_the_near_name():
    with pytest.raises(SpecError) as info:
        row("32x32x3", "conv", {"filter": 6, "kernel": 5})
    assert info.value.suggestion == "filters"


@pytest.mark.parametrize("kind", ["relu", "tanh", "dropout", "layernorm", "lrn", "softmax"])
def test_elementwise_kinds_keep_the_shape(kind):
    assert row("8x8x3", kind, {}).output == (8, 8, 3)


@pytest.mark.parametrize("kind", ["global_avgpool", "global_maxpool"])
def test_global_pooling_keeps_size_1_axes_when_asked(kind):
    assert row("7x7x512", kind, {}).output == (512,)
    assert row("7x7x512", kind, {"keepdims": True}).output == (1, 1, 512)
    assert row("9x7x7x8", kind, {"keepdims": True}).output == (1, 1, 1, 8)


def test_cropping_removes_margins_and_refuses_to_crop_everything():
    assert row("5x6x2", "cropping", {"cropping": [[1, 2], [0, 3]]}).output == (2, 3, 2)
    assert row("5x6x2", "cropping", {"cropping": 1}).output == (3, 4, 2)
    assert row("10x4", "cropping", {"cropping": [[2, 3]]}).output == (5, 4)
    with pytest.raises(ShapeError, match="leaves nothing of the 5 on axis H"):
        row("5x6x2", "cropping", {"cropping": [[2, 3], [0, 0]]})
    with pytest.raises(SpecError, match="cropping 'same' needs a window"):
        row("5x6x2", "cropping", {"cropping": "same"})
