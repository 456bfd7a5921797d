"""What each convention refuses, as the framework does; textbook refuses only impossible shapes.
(The framework-run cases are in test_conventions_golden.py; these name each rule.)"""
from __future__ import annotations

import pytest

from cnncalc import infer_layer
from cnncalc.core.choices import Convention
from cnncalc.core.conventions import TABLES
from cnncalc.core.errors import ShapeError


def out(shape, kind, hp, convention):
    return infer_layer(shape, kind, hp, convention).row.output


def pads(shape, kind, hp, convention):
    return [list(p) for p in infer_layer(shape, kind, hp, convention).row.pads]


def refused(shape, kind, hp, convention, match):
    with pytest.raises(ShapeError, match=match):
        out(shape, kind, hp, convention)


def test_every_refusal_names_where_the_framework_says_so():
    for convention, rules in TABLES.items():
        for rule in rules:
            assert rule.rule and rule.source and rule.field, (convention, rule.rule)


def test_pytorch_refuses_same_with_stride():
    refused("32x32x3", "conv", {"filters": 4, "kernel": 3, "stride": 2, "padding": "same"}, "pytorch",
            "not supported for strided convolutions")
    assert out("32x32x3", "conv", {"filters": 4, "kernel": 3, "padding": "same"}, "pytorch") == (32, 32, 4)


def test_pytorch_refuses_pool_padding_over_half_the_plain_kernel():
    refused("10x10x1", "maxpool", {"kernel": 3, "padding": 2}, "pytorch", "half of kernel size")
    with pytest.raises(ShapeError):
        out("19x10x2", "maxpool", {"kernel": 4, "stride": 3, "padding": [1, 3], "dilation": 3}, "pytorch")
    assert out("10x10x1", "maxpool", {"kernel": 3, "padding": 1}, "pytorch") == (4, 4, 1)


def test_pytorch_refuses_output_padding_not_below_stride_or_dilation():
    refused("5x5x1", "conv_transpose", {"filters": 1, "kernel": 3, "stride": 2, "output_padding": 2}, "pytorch",
            "smaller than either stride or dilation")
    # allowed when below the dilation
    assert out("5x5x1", "conv_transpose", {"filters": 1, "kernel": 3, "stride": 2, "dilation": 3,
                                           "output_padding": 2}, "pytorch") == (17, 17, 1)


def test_keras_refuses_stride_with_dilation_in_conv_but_not_in_depthwise():
    refused("10x10x3", "conv", {"filters": 4, "kernel": 3, "stride": 2, "dilation": 2}, "keras", "dilation_rate")
    assert out("10x10x3", "depthwise_conv", {"kernel": 3, "stride": 2, "dilation": 2}, "keras") == (3, 3, 3)
    assert out("10x10x3", "conv", {"filters": 4, "kernel": 3, "stride": 2, "dilation": 2}, "textbook") == (3, 3, 4)


def test_tf_nn_takes_stride_with_dilation_in_conv2d_but_not_in_depthwise():
    """tf.nn.conv2d runs it by the window formula; depthwise_conv2d through space_to_batch, off it."""
    assert out("9x9x2", "conv", {"filters": 2, "kernel": 3, "stride": 2, "dilation": 2, "padding": "same"},
               "tensorflow") == (5, 5, 2)
    refused("11x11x2", "depthwise_conv", {"kernel": 1, "stride": 3, "dilation": 3, "padding": "same"}, "tensorflow",
            "space_to_batch")


def test_keras_refuses_output_padding_not_below_stride():
    refused("5x5x3", "conv_transpose", {"filters": 4, "kernel": 3, "stride": 2, "output_padding": 2}, "keras",
            "strictly less than `strides`")


def test_tf_nn_sizes_a_transposed_conv_by_output_shape_not_output_padding():
    refused("5x5x3", "conv_transpose", {"filters": 4, "kernel": 3, "stride": 2, "output_padding": 1}, "tensorflow",
            "no output_padding")


def test_tensorflow_and_keras_have_no_ceil_mode_or_same_lower():
    for convention in ("tensorflow", "keras"):
        refused("5x5x1", "maxpool", {"kernel": 2, "ceil_mode": True}, convention, "ceil_mode")
        refused("5x5x1", "conv", {"filters": 1, "kernel": 2, "padding": "same_lower"}, convention, "same_lower")


def test_a_layer_without_padding_is_valid_under_tensorflow_and_keras():
    """The one place 0 and valid differ: a transposed conv with k_eff < s (Keras' in·s)."""
    layer = {"filters": 2, "kernel": 1, "stride": 2}
    assert out("4x4x2", "conv_transpose", layer, "keras")[:2] == (8, 8)
    assert out("4x4x2", "conv_transpose", layer, "tensorflow")[:2] == (8, 8)
    assert out("4x4x2", "conv_transpose", layer, "textbook")[:2] == (7, 7)


def test_tf_nn_takes_numbers_as_padding_only_where_its_op_does():
    """avg_pool, conv1d and conv3d take 'SAME' or 'VALID' only, even [[0, 0]]; no padding at all is VALID."""
    refused("5x2", "avgpool", {"kernel": 1, "padding": [[0, 0]]}, "tensorflow", "Expected string")
    refused("5x5x5x2", "conv", {"filters": 1, "kernel": 3, "padding": 1}, "tensorflow", "Expected string")
    assert out("5x2", "avgpool", {"kernel": 1}, "tensorflow") == (5, 2)
    assert out("9x9x2", "conv", {"filters": 1, "kernel": 3, "padding": [[1, 2], [0, 1]]}, "tensorflow") == (10, 8, 1)
    refused("9x9x2", "maxpool", {"kernel": 3, "stride": 2, "padding": [[1, 3], [0, 0]]}, "tensorflow",
            "smaller than the window")


def test_keras_layers_take_no_numeric_padding():
    refused("9x9x2", "conv", {"filters": 1, "kernel": 3, "padding": 1}, "keras", "'valid'` or `'same'")
    assert out("9x9x2", "conv", {"filters": 1, "kernel": 3}, "keras") == (7, 7, 1)


def test_keras_has_no_3d_depthwise_and_tf_nn_no_1d_depthwise():
    refused("5x5x5x2", "depthwise_conv", {"kernel": 3}, "keras", "no 3-D depthwise_conv")
    refused("9x2", "depthwise_conv", {"kernel": 3}, "tensorflow", "no 1-D depthwise_conv")
    assert out("9x2", "depthwise_conv", {"kernel": 3}, "keras") == (7, 2)


def test_pool_dilation_where_the_framework_has_it():
    layer = {"kernel": 3, "stride": 1, "dilation": 2}
    for convention in ("textbook", "onnx"):
        assert out("9x9x2", "avgpool", layer, convention) == (5, 5, 2)
        assert out("9x9x2", "maxpool", layer, convention) == (5, 5, 2)
    assert out("9x9x2", "maxpool", layer, "pytorch") == (5, 5, 2)
    refused("9x9x2", "avgpool", layer, "pytorch", "AvgPool2d has no dilation")
    refused("9x9x2", "maxpool", layer, "keras", "MaxPooling2D has no dilation")
    assert out("9x9x2", "maxpool", layer, "tensorflow") == (5, 5, 2)  # tf.nn.pool, VALID, stride 1
    refused("9x9x2", "maxpool", dict(layer, stride=2), "tensorflow", "strides > 1")
    refused("9x9x2", "avgpool", dict(layer, padding="same"), "tensorflow", "'SAME' padding is not implemented")
    refused("9x9x2", "maxpool", dict(layer, padding=1), "tensorflow", "with zeros")


def test_output_shape_derives_output_padding_under_textbook_and_pytorch():
    layer = {"filters": 1, "kernel": 3, "stride": 2, "padding": 1}
    for convention in ("textbook", "pytorch"):
        assert out("4x4x1", "conv_transpose", dict(layer, output_shape=8), convention) == (8, 8, 1)
        steps = infer_layer("4x4x1", "conv_transpose", dict(layer, output_shape=8), convention).steps
        assert steps[0].expression == "(4 − 1)·2 − 1 − 1 + 3 + 1 = 8 (output_shape)"
        refused("4x4x1", "conv_transpose", dict(layer, output_shape=9), convention, "out of reach")
    refused("4x4x1", "conv_transpose", dict(layer, output_shape=8, output_padding=1), "textbook", "derived")


def test_output_shape_under_tf_nn_must_convolve_back_to_the_input():
    layer = {"filters": 2, "kernel": 3, "stride": 2, "padding": "same"}
    assert out("4x4x2", "conv_transpose", dict(layer, output_shape=7), "tensorflow") == (7, 7, 2)
    assert pads("4x4x2", "conv_transpose", dict(layer, output_shape=7), "tensorflow") == [[1, 1], [1, 1]]
    refused("4x4x2", "conv_transpose", dict(layer, output_shape=9), "tensorflow", "does not convolve back")
    assert pads("4x4x2", "conv_transpose", {"filters": 2, "kernel": 1, "stride": 2, "padding": "same",
                                            "output_shape": 8}, "tensorflow") == [[0, -1], [0, -1]]
    refused("4x4x2", "conv_transpose", dict(layer, output_shape=8), "keras", "no output_shape")


def test_output_shape_under_onnx_derives_the_pads_as_its_spec_does():
    layer = {"filters": 1, "kernel": 6, "stride": 2, "output_shape": 7}
    assert pads("3x1", "conv_transpose", dict(layer, padding="same"), "onnx") == [[1, 2]]
    assert pads("3x1", "conv_transpose", dict(layer, padding="same_lower"), "onnx") == [[2, 1]]
    assert pads("3x1", "conv_transpose", layer, "onnx") == [[2, 1]]


def test_onnx_transposed_valid_is_no_padding_at_all():
    layer = {"filters": 2, "kernel": 1, "stride": 2, "padding": "valid"}
    assert out("4x2", "conv_transpose", layer, "onnx") == (7, 2)
    assert out("4x2", "conv_transpose", layer, "keras") == (8, 2)


def test_onnx_refuses_where_its_shape_inference_and_reference_evaluator_disagree():
    refused("4x2", "conv_transpose", {"filters": 2, "kernel": 1, "stride": 2, "padding": "same"}, "onnx",
            "7 by shape inference, 8 by the reference")
    refused("9x9x1", "maxpool", {"kernel": 3, "stride": 2, "padding": "same_lower"}, "onnx", "floor")
    assert out("8x8x1", "maxpool", {"kernel": 3, "stride": 2, "padding": "same_lower"}, "onnx") == (4, 4, 1)


def test_onnx_ceil_mode_drops_a_last_window_that_starts_in_the_padding():
    assert out("6x6x1", "maxpool", {"kernel": 2, "stride": 2, "padding": 1, "ceil_mode": True}, "onnx") == (4, 4, 1)
    assert out("5x5x1", "maxpool", {"kernel": 2, "stride": 2, "padding": 1, "ceil_mode": True}, "onnx") == (3, 3, 1)


def test_output_below_one_is_an_error_everywhere():
    for convention in Convention:
        with pytest.raises(ShapeError):
            out("3x3x1", "conv", {"filters": 1, "kernel": 5}, convention)
        with pytest.raises(ShapeError):
            out("3x3x1", "maxpool", {"kernel": 5, "padding": "valid"}, convention)
