"""Receptive field, jump and start (Araujo et al. 2019); rows sum exactly to totals."""
from __future__ import annotations

from fractions import Fraction


from cnncalc.analyses.summary import summarize
from cnncalc.io.spec import load_network

from ..conftest import SPECS


def rf(spec) -> list:
    return [(a.size, a.jump, a.start) for a in summarize(load_network(spec)).receptive_field]


def test_stacked_3x3_convs_see_5_then_7():
    spec = {"input": "32x32x1", "layers": [{"conv": {"filters": 1, "kernel": 3}}] * 3}
    assert rf(spec)[0][0] == 7


def test_stride_multiplies_the_jump():
    spec = {"input": "32x32x1", "layers": [{"conv": {"filters": 1, "kernel": 3, "stride": 2}},
                                           {"conv": {"filters": 1, "kernel": 3}}]}
    assert rf(spec)[0] == (7, 2, 3)


def test_padding_shifts_the_start():
    spec = {"input": "32x32x1", "layers": [{"conv": {"filters": 1, "kernel": 3, "padding": 1}}]}
    assert rf(spec)[0] == (3, 1, 0)


def test_even_kernel_start_is_a_half_pixel():
    spec = {"input": "32x32x1", "layers": [{"maxpool": 2}]}
    assert rf(spec)[0] == (2, 2, Fraction(1, 2))


def test_vgg16_last_conv_sees_212_pixels():
    report = summarize(load_network(str(SPECS / "vgg16.yaml")))
    last_conv = [r for r in report.rows if r.kind == "conv"][-1]
    assert last_conv.rf[0].size == 196 and last_conv.rf[0].jump == 16
    last_pool = [r for r in report.rows if r.kind == "maxpool"][-1]
    assert last_pool.rf[0].size == 212


def test_merge_keeps_the_widest_field():
    spec = {"input": "16x16x1", "layers": [
        {"conv": {"filters": 1, "kernel": 5, "padding": 2}, "name": "wide"},
        {"conv": {"filters": 1, "kernel": 1}, "from": "input", "name": "narrow"},
        {"add": ["wide", "narrow"]}]}
    assert rf(spec)[0][0] == 5


def test_largest_layer_is_the_one_with_most_activations():
    report = summarize(load_network(str(SPECS / "vgg16.yaml")))
    assert report.totals.largest == max(report.rows, key=lambda r: r.activations).name


def test_cropping_moves_the_receptive_field_start_by_the_cropped_margin():
    from cnncalc.analyses.summary import summarize
    from cnncalc.io.spec import load_network

    report = summarize(load_network({"input": "8x8x1", "layers": [{"conv": {"filters": 1, "kernel": 3, "stride": 2}},
                                                                   {"cropping": [[1, 0], [0, 0]]}]}))
    conv, crop = report.rows
    (h, w), (h0, w0) = crop.rf, conv.rf
    assert (h.size, h.jump) == (h0.size, h0.jump) and h.start == h0.start + 1 * h0.jump and w == w0


def test_a_network_of_huge_layers_counts_exactly(tmp_path):
    path = tmp_path / "net.yaml"
    path.write_text("input: 100000x100000x100000\nlayers: [{conv: {filters: 1000000000, kernel: 3}}]\n")
    report = summarize(load_network(str(path)))
    assert report.totals.params == (3 * 3 * 100000 + 1) * 10**9
    assert report.totals.macs == 99998 * 99998 * 10**9 * 9 * 100000
