"""--macs-as: torchinfo's, fvcore's and ptflops' totals for the same networks, as the tools report them."""
from __future__ import annotations

import pytest

from cnncalc.analyses.summary import summarize
from cnncalc.analyses.counting import macs_as
from cnncalc.io.spec import load_network

from ..conftest import SPECS, load_jsonl

META, CASES = load_jsonl("macs.jsonl")


@pytest.mark.parametrize("case", CASES, ids=[c["spec"]["name"] for c in CASES])
@pytest.mark.parametrize("tool", ["torchinfo", "fvcore", "ptflops"])
def test_reproduces_the_tool_total(case, tool):
    network = load_network(case["spec"])
    report = summarize(network)
    assert report.totals.trainable == case["params"]
    total = sum(macs_as(report, tool))
    assert total == case[tool], f"{tool}: cnncalc says {total}, {tool} {META[tool]} says {case[tool]}"


def test_cnncalc_convention_is_the_report_macs():
    network = load_network(str(SPECS / "resnet50.yaml"))
    report = summarize(network)
    assert sum(macs_as(report, "cnncalc")) == report.totals.macs


def test_model_json_carries_the_chosen_convention(run):
    import json

    data = json.loads(run("model", str(SPECS / "lenet.yaml"), "--macs-as", "torchinfo", "--format", "json").stdout)
    assert data["macs_as"] == {"convention": "torchinfo", "total": 423038}
    assert sum(layer["macs_as"] for layer in data["layers"]) == 423038
