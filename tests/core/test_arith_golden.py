"""Every golden case the real frameworks produced (tests/golden/make_golden.py): zero mismatches.

Shapes, the SAME split TensorFlow applied, parameter counts, and the cases a framework
refuses (or where it would produce an empty output, which cnncalc refuses everywhere).
"""
from __future__ import annotations

import pytest

from cnncalc.core.errors import CnncalcError
from cnncalc.analyses.explain import explain
from cnncalc.io.spec import layer_network

from ..conftest import load_jsonl

META, CASES = load_jsonl("shapes.jsonl")


def case_id(case: dict) -> str:
    hp = case["hp"]
    parts = [f"{k}{'x'.join(map(str, v)) if isinstance(v, list) else v}" for k, v in sorted(hp.items())
             if k not in ("bias",)]
    return f"{case['op']}-{case['framework']}-in{'x'.join(map(str, case['input']))}-{'-'.join(parts)}"


def framework_refused(case: dict) -> bool:
    return "error" in case or any(n < 1 for n in case.get("output", [1]))


def test_fixture_covers_thousands_of_cases():
    assert META["cases"] == len(CASES) >= 1000
    refusals = sum(framework_refused(c) for c in CASES)
    assert 0 < refusals < len(CASES) / 2


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_matches_framework(case):
    def compute():
        return explain(layer_network(case["input"], case["op"], case["hp"], case["convention"]))

    if framework_refused(case):
        with pytest.raises(CnncalcError):
            compute()
        return
    result = compute()
    row = result.row
    assert list(row.output) == case["output"], f"inferred {row.output}, {case['framework']} gave {case['output']}"
    if "params" in case:
        assert row.params == case["params"]
    for axis, pads in enumerate(case.get("pads") or []):
        if pads is not None:
            assert list(row.pads[axis]) == pads, f"axis {axis}: applied {row.pads[axis]}, TensorFlow {pads}"
