"""Receptive fields: a reshape that mixes axes ends the field; merges of unaligned branches have
none (a warning with "align"); aligned branches give the widest field per axis."""
from __future__ import annotations

from cnncalc.analyses.summary import summarize
from cnncalc.io.spec import load_network


def report(layers, shape="224x224x3"):
    return summarize(load_network({"input": shape, "layers": layers}))


def test_a_reshape_that_mixes_axes_ends_the_field_and_says_why():
    r = report([{"conv": {"filters": 8, "kernel": 3}}, {"reshape": [-1, 8]}, "flatten", {"dense": 4}])
    assert r.rows[0].rf is not None and r.rows[1].rf is None and r.receptive_field is None
    assert any("receptive field ends" in n.message for n in r.rows[1].notes)


def test_a_reshape_of_the_channels_alone_keeps_the_field():
    r = report([{"conv": {"filters": 8, "kernel": 3}}, {"reshape": [222, 222, 8]}])
    assert [a.size for a in r.receptive_field] == [3, 3]


def test_branches_with_different_jumps_have_no_field_and_a_warning():
    r = report([{"conv": {"filters": 4, "kernel": 3, "stride": 2, "padding": 1}, "name": "a"},
                {"conv": {"filters": 4, "kernel": 113}, "name": "b", "from": "input"},
                {"add": ["a", "b"]}])
    assert r.receptive_field is None
    assert any("align" in n.message for n in r.notes)


def test_aligned_branches_give_the_widest_field_on_each_axis():
    r = report([{"conv": {"filters": 4, "kernel": [7, 1], "padding": [3, 0]}, "name": "tall"},
                {"conv": {"filters": 4, "kernel": [1, 5], "padding": [0, 2]}, "name": "wide", "from": "input"},
                {"add": ["tall", "wide"]}], "32x32x3")
    assert [a.size for a in r.receptive_field] == [7, 5]
