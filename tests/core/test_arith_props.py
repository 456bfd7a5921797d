"""Properties of the window arithmetic, over random sizes (hypothesis)."""
from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from cnncalc.core.arith import (Same, Valid, ceil_div, effective_kernel, transposed_dim, window_dim)

sizes = st.integers(1, 500)
kernels = st.integers(1, 11)
strides = st.integers(1, 6)
dilations = st.integers(1, 4)


@given(sizes, kernels, strides, dilations)
def test_same_output_is_ceil_in_over_stride_with_balanced_pads(n, k, s, d):
    result = window_dim(n, k, s, d, Same())
    begin, end = result.pads
    assert result.out == ceil_div(n, s)
    assert begin >= 0 and end >= 0 and end - begin in (0, 1)


@given(sizes, kernels, strides, dilations)
def test_valid_never_exceeds_same(n, k, s, d):
    if n >= effective_kernel(k, d):
        assert window_dim(n, k, s, d, Valid()).out <= window_dim(n, k, s, d, Same()).out


@given(sizes, kernels, strides, st.integers(0, 5))
def test_numeric_padding_equals_padding_the_input_first(n, k, s, p):
    if n + 2 * p >= k:
        assert window_dim(n, k, s, 1, (p, p)).out == window_dim(n + 2 * p, k, s, 1, (0, 0)).out


@given(sizes, kernels, strides, dilations)
def test_transposed_conv_restores_the_size_of_an_exact_conv(n, k, s, d):
    k_eff = effective_kernel(k, d)
    if n >= k_eff and (n - k_eff) % s == 0:
        out = window_dim(n, k, s, d, (0, 0)).out
        assert transposed_dim(out, k, s, d, (0, 0), 0).out == n


@given(sizes, kernels, strides)
def test_keras_same_transpose_inverts_same_conv(n, k, s):
    up = transposed_dim(n, k, s, 1, Same(), None).out
    assert window_dim(up, k, s, 1, Same()).out == n
