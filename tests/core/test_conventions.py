"""What each convention refuses, as the framework does; textbook refuses only impossible shapes."""
from __future__ import annotations

import pytest

from cnncalc import infer_layer
from cnncalc.core.errors import ShapeError


def out(shape, kind, hp, convention):
    return infer_layer(shape, kind, hp, convention).row.output


def test_pytorch_refuses_same_with_stride():
    with pytest.raises(ShapeError, match="stride > 1"):
        out("32x32x3", "conv", {"filters": 4, "kernel": 3, "stride": 2, "padding": "same"}, "pytorch")
    assert out("32x32x3", "conv", {"filters": 4, "kernel": 3, "padding": "same"}, "pytorch") == (32, 32, 4)


def test_pytorch_refuses_pool_padding_over_half_the_plain_kernel():
    with pytest.raises(ShapeError, match="half of kernel size"):
        out("10x10x1", "maxpool", {"kernel": 3, "padding": 2}, "pytorch")
    with pytest.raises(ShapeError):
        out("19x10x2", "maxpool", {"kernel": 4, "stride": 3, "padding": [1, 3], "dilation": 3}, "pytorch")
    assert out("10x10x1", "maxpool", {"kernel": 3, "padding": 1}, "pytorch") == (4, 4, 1)


def test_pytorch_refuses_output_padding_not_below_stride_or_dilation():
    with pytest.raises(ShapeError, match="smaller than either stride or dilation"):
        out("5x5x1", "conv_transpose", {"filters": 1, "kernel": 3, "stride": 2, "output_padding": 2}, "pytorch")
    # allowed when below the dilation
    assert out("5x5x1", "conv_transpose", {"filters": 1, "kernel": 3, "stride": 2, "dilation": 3,
                                           "output_padding": 2}, "pytorch") == (17, 17, 1)


def test_keras_refuses_stride_with_dilation_in_conv_but_not_in_depthwise():
    with pytest.raises(ShapeError, match="dilation_rate"):
        out("10x10x3", "conv", {"filters": 4, "kernel": 3, "stride": 2, "dilation": 2}, "tensorflow")
    assert out("10x10x3", "depthwise_conv", {"kernel": 3, "stride": 2, "dilation": 2}, "tensorflow") == (3, 3, 3)
    assert out("10x10x3", "conv", {"filters": 4, "kernel": 3, "stride": 2, "dilation": 2}, "textbook") == (3, 3, 4)


def test_keras_refuses_output_padding_not_below_stride():
    with pytest.raises(ShapeError, match="strictly less than strides"):
        out("5x5x3", "conv_transpose", {"filters": 4, "kernel": 3, "stride": 2, "output_padding": 2}, "tensorflow")


def test_tensorflow_has_no_ceil_mode_or_same_lower():
    with pytest.raises(ShapeError, match="ceil_mode"):
        out("5x5x1", "maxpool", {"kernel": 2, "ceil_mode": True}, "tensorflow")
    with pytest.raises(ShapeError, match="same_lower"):
        out("5x5x1", "conv", {"filters": 1, "kernel": 2, "padding": "same_lower"}, "tensorflow")


def test_output_below_one_is_an_error_everywhere():
    for convention in ("textbook", "tensorflow", "pytorch"):
        with pytest.raises(ShapeError):
            out("3x3x1", "conv", {"filters": 1, "kernel": 5}, convention)
        with pytest.raises(ShapeError):
            out("3x3x1", "maxpool", {"kernel": 5, "padding": "valid" if convention == "tensorflow" else 0}, convention)
