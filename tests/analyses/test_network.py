"""Every reference spec: its published totals (read from its header comment) are matched exactly."""
from __future__ import annotations

import re

import pytest

from cnncalc.analyses.summary import summarize
from cnncalc.io.spec import load_network

from ..conftest import SPECS

SPEC_FILES = sorted(SPECS.glob("*.yaml"))
PUBLISHED = {
    # spec file: (params, trainable, non-trainable) as published (DESIGN.md reference numbers)
    "lenet.yaml": (61706, 61706, 0),
    "tf-cnn.yaml": (3274634, 3274634, 0),
    "alexnet.yaml": (61100840, 61100840, 0),
    "vgg16.yaml": (138357544, 138357544, 0),
    "resnet50.yaml": (25557032 + 53120, 25557032, 53120),
    "resnet50-keras.yaml": (25636712, 25636712 - 53120, 53120),
    "googlenet.yaml": (6624904 + 14560, 6624904, 14560),
    "mobilenetv2.yaml": (3504872 + 34112, 3504872, 34112),
    "mobilenetv2-keras.yaml": (3538984, 3504872, 34112),
    "squeezenet.yaml": (1235496, 1235496, 0),
    "efficientnet-b0.yaml": (5288548 + 42016, 5288548, 42016),
    "densenet121.yaml": (7978856 + 83648, 7978856, 83648),
}


def header_numbers(path) -> set[int]:
    header = "".join(line for line in path.read_text().splitlines(keepends=True) if line.startswith("#"))
    return {int(n.replace(",", "")) for n in re.findall(r"\d{1,3}(?:,\d{3})+", header)}


@pytest.mark.parametrize("path", SPEC_FILES, ids=[p.name for p in SPEC_FILES])
def test_published_totals(path):
    report = summarize(load_network(str(path)))
    expected = PUBLISHED[path.name]
    we_see = (report.totals.params, report.totals.trainable, report.totals.non_trainable)
    assert we_see == expected, f"{path.name}: we see {we_see}, expected {expected}"


@pytest.mark.parametrize("path", SPEC_FILES, ids=[p.name for p in SPEC_FILES])
def test_header_cites_the_totals_it_is_tested_against(path):
    assert max(PUBLISHED[path.name][1], 1000) in header_numbers(path) or PUBLISHED[path.name][1] < 1000


def test_every_spec_is_listed():
    assert {p.name for p in SPEC_FILES} == set(PUBLISHED)


def test_resnet50_macs_match_the_quoted_4_09_giga():
    report = summarize(load_network(str(SPECS / "resnet50.yaml")))
    assert report.totals.macs == 4089184256


def test_lesson_lenet_shapes_layer_by_layer():
    rows = summarize(load_network(str(SPECS / "lenet.yaml"))).rows
    shapes = [r.output for r in rows if r.kind in ("conv", "maxpool", "flatten", "dense")]
    assert shapes == [(28, 28, 6), (14, 14, 6), (10, 10, 16), (5, 5, 16), (400,), (120,), (84,), (10,)]


def test_tf_cnn_walkthrough_shapes():
    rows = summarize(load_network(str(SPECS / "tf-cnn.yaml"))).rows
    assert [r.output for r in rows if r.kind == "maxpool"] == [(14, 14, 32), (7, 7, 64)]


def test_every_layer_is_inferred_exactly_once(monkeypatch):
    """Inference is one pass in order (linear in layers; bench/model measures the time)."""
    from cnncalc.core.layers.conv import Conv

    calls = []
    infer = Conv.infer.__func__
    monkeypatch.setattr(Conv, "infer", classmethod(lambda cls, *a: calls.append(1) or infer(cls, *a)))
    for n in (10, 4000):
        calls.clear()
        summarize(load_network({"input": "32x32x8", "layers": [{"conv": {"filters": 8, "kernel": 3, "padding": 1}}] * n}))
        assert len(calls) == n


def test_vgg16_memory_per_layer_is_the_cs231n_table():
    """CS231n's VGG-16 table: values held after each conv (ReLU in place), pool and FC layer."""
    report = summarize(load_network(str(SPECS / "vgg16.yaml")))
    cs231n = ([224 * 224 * 64] * 2 + [112 * 112 * 64] + [112 * 112 * 128] * 2 + [56 * 56 * 128]
              + [56 * 56 * 256] * 3 + [28 * 28 * 256] + [28 * 28 * 512] * 3 + [14 * 14 * 512]
              + [14 * 14 * 512] * 3 + [7 * 7 * 512] + [4096, 4096, 1000])
    assert [r.activations for r in report.rows if r.kind != "flatten"] == cs231n
    assert report.totals.activations == sum(cs231n) + 7 * 7 * 512  # and the flatten's copy
