"""One test per rule of arith.py, each with its accept and reject side; the lesson's numbers."""
from __future__ import annotations

from fractions import Fraction

import pytest

from cnncalc.core.arith import (Causal, Same, Valid, ceil_div, effective_kernel, pool_ceil_window_count, same_pads,
                           same_pads_onnx, textbook_exact, transposed_dim, valid_dim, window_count, window_dim)
from cnncalc.core.errors import ShapeError


def test_effective_kernel_spreads_taps_by_dilation():
    assert effective_kernel(3, 1) == 3
    assert effective_kernel(3, 2) == 5
    assert effective_kernel(1, 7) == 1


def test_ceil_div_is_exact_for_huge_and_negative_numbers():
    assert ceil_div(10**30 + 1, 2) == 5 * 10**29 + 1
    assert ceil_div(-1, 2) == 0
    assert ceil_div(6, 3) == 2


def test_window_count_is_the_textbook_formula_floored():
    # (32 − 8 + 2·1)/2 + 1 = 14, the lesson's first quiz
    assert window_count(32 + 2, 8, 2) == 14
    # (7 − 3)/2 + 1 = 3
    assert window_count(7, 3, 2) == 3


def test_window_count_refuses_a_kernel_larger_than_the_padded_input():
    with pytest.raises(ShapeError, match="kernel 5 is larger than the padded input 3"):
        window_count(3, 5, 1)


def test_same_puts_odd_pixel_at_end():
    # 10x10, kernel 5, stride 2: out 5, total pad (5−1)·2 + 5 − 10 = 3 → 1 before, 2 after
    assert same_pads(10, 5, 2) == (5, (1, 2))


def test_same_lower_puts_odd_pixel_at_start():
    assert same_pads(10, 5, 2, lower=True) == (5, (2, 1))


def test_same_is_ceil_of_input_over_stride_for_the_lesson():
    assert same_pads(32, 8, 2) == (16, (3, 3))
    assert same_pads(4, 2, 2) == (2, (0, 0))


def test_same_pads_never_negative_when_kernel_smaller_than_stride():
    assert same_pads(7, 1, 3) == (3, (0, 0))


def test_onnx_same_total_agrees_with_tensorflow():
    for n in range(1, 30):
        for k in range(1, 8):
            for s in range(1, 5):
                out, (b, e) = same_pads(n, k, s)
                assert same_pads_onnx(n, k, s) == b + e


def test_valid_is_ceil_of_in_minus_kernel_plus_one_over_stride():
    # the lesson: ceil((32 − 8 + 1)/2) = 13; LeNet pooling ceil((28 − 2 + 1)/2) = 14
    assert valid_dim(32, 8, 2) == 13
    assert valid_dim(28, 2, 2) == 14


def test_valid_refuses_a_kernel_larger_than_the_input():
    with pytest.raises(ShapeError):
        valid_dim(3, 5, 1)


def test_textbook_exact_reports_the_fraction_only_when_not_whole():
    # 28x28, 3x3, stride 2, valid: (28 − 3)/2 = 12.5
    assert textbook_exact(28, 3, 2, (0, 0)) == Fraction(25, 2)
    assert textbook_exact(32, 8, 2, (1, 1)) is None


def test_window_dim_returns_pads_and_fraction():
    result = window_dim(28, 3, 2, 1, (0, 0))
    assert (result.out, result.pads, result.exact) == (13, (0, 0), Fraction(25, 2))
    assert window_dim(32, 8, 2, 1, Same()).pads == (3, 3)
    assert window_dim(32, 8, 2, 1, Valid()).out == 13


def test_ceil_mode_keeps_a_last_partial_window():
    # 5 with kernel 2, stride 2: floor gives 2, ceil gives 3
    assert window_dim(5, 2, 2, 1, (0, 0)).out == 2
    assert pool_ceil_window_count(5, 2, 2, 0, 0) == 3


def test_ceil_mode_drops_window_starting_in_right_padding():
    # in 5, k 2, s 2, pad 1: ceil((7 − 2)/2) + 1 = 4, but window 4 would start at 6 ≥ 5 + 1
    assert pool_ceil_window_count(5, 2, 2, 1, 1) == 3


def test_ceil_mode_allows_a_window_larger_than_the_padded_input():
    # PyTorch: MaxPool1d(4, 2, ceil_mode=True) on length 3 gives 1 (div_rtn of a negative)
    assert pool_ceil_window_count(3, 4, 2, 0, 0) == 1


def test_transposed_pytorch_formula():
    # (5 − 1)·2 − 1 − 1 + 3 + 1 = 10
    assert transposed_dim(5, 3, 2, 1, (1, 1), 1).out == 10


def test_transposed_keras_same_and_valid_without_output_padding():
    assert transposed_dim(5, 3, 2, 1, Same(), None).out == 10
    assert transposed_dim(5, 3, 2, 1, Valid(), None).out == 11
    assert transposed_dim(5, 1, 3, 1, Valid(), None).out == 15


def test_transposed_keras_with_output_padding_uses_half_kernel_pad():
    # (5 − 1)·2 + 3 − 2·1 + 1 = 10
    assert transposed_dim(5, 3, 2, 1, Same(), 1).out == 10


def test_transposed_refuses_an_output_below_one():
    with pytest.raises(ShapeError, match="below 1"):
        transposed_dim(1, 1, 1, 1, (1, 1), 0)


@pytest.mark.parametrize("n, k, s, d, out, pads", [
    (10, 3, 1, 1, 10, (2, 0)), (10, 3, 2, 1, 5, (2, 0)), (10, 3, 1, 2, 10, (4, 0)), (7, 1, 3, 1, 3, (0, 0)),
    (1, 5, 1, 1, 1, (4, 0)),
])
def test_causal_pads_k_eff_minus_one_before_and_keeps_ceil_in_over_s(n, k, s, d, out, pads):
    result = window_dim(n, k, s, d, Causal())
    assert (result.out, result.pads) == (out, pads)
