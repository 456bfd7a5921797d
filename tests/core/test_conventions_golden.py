"""Every case tf.nn, Keras 3 and ONNX produced (tests/golden/conventions.jsonl, written by
make_convention_golden.py; CONVENTIONS.md has the rules): zero mismatches.

Each case runs through ``explain(layer_network(input, op, hp, convention))``; a refusal
(``error``, or a size below 1) must be refused, anything else must match ``output``, ``params``
and the ``pads`` the library applied (None where they could not be read off). Where the
library's result is not cnncalc's answer, the expectation below says why, decided from the
case's own fields, never from a list of cases:

(a) tf.nn.depthwise_conv2d and separable_conv2d with a stride > 1 and a dilation > 1 run
    through space_to_batch, with sizes off the window formula (depthwise_conv2d warns "When
    dilation rate is greater than 1, then all values of strides must be 1"): `tensorflow`
    refuses them, as that warning asks (30 cases).
(b) ONNX cases marked ``disagree`` (shape inference and the reference evaluator differ):
    where both give a size and the sizes differ, ONNX has no single answer and `onnx` refuses,
    saying why (DESIGN); a SAME ConvTranspose whose sizes differ so is refused also where the
    reference's grouped path crashes before it gets there. Where the reference evaluator only
    crashes, `onnx` takes shape inference's size, the spec's own definition, but for three
    models: a ConvTranspose output_padding ≥ stride and a Conv group that does not divide the
    channels (invalid: the reference evaluator, onnxruntime and every framework refuse them),
    and a ConvTranspose with numeric pads and an output_shape (ONNX's spec ignores the pads and
    derives them, the reference evaluator applies them: refused even where the sizes happen to
    agree). Two defects are not disagreements about ONNX: the reference's pools with numeric
    pads and all strides 1 ("unstrided path": other sizes than the spec's floor((in + pads −
    k_eff)/s) + 1; shape inference's size is taken), and shape inference dropping the spatial
    axis of a 1-D output_shape of 1 or 2 (the reference's shape is taken).
(c) pads of a forward window are DESIGN's: total max((out − 1)·s + k_eff − in, 0), never
    negative. TensorFlow's 3-D ops (and Keras' 3-D layers, which run them) and ONNX's reference
    MaxPool with a stride or dilation do not clamp that total: with a stride larger than the
    window needs they start the windows inside the input (pads [-1, -1]). The output size is the
    same; cnncalc's pads stay [0, 0], as 1-D and 2-D TensorFlow apply and ONNX's spec says; the
    reference MaxPool's split also ignores SAME_LOWER there, where the spec puts the larger half
    first. For these the expected pads are the library's total clamped at 0, split by the rule.
(d) pads of an ONNX ConvTranspose with output_shape and no SAME: ONNX's spec derives them, the
    larger half first (onnxruntime agrees); the reference evaluator keeps the start at 0. The
    expected pads are the reference's total split as the spec says.
"""
from __future__ import annotations

import pytest

from cnncalc.analyses.explain import explain
from cnncalc.core.errors import CnncalcError
from cnncalc.io.spec import layer_network

from ..conftest import load_jsonl

META, CASES = load_jsonl("conventions.jsonl")
REFUSED = "refused"


def case_id(case: dict) -> str:
    hp = case["hp"]
    parts = [f"{k}{'x'.join(map(str, v)) if isinstance(v, list) else v}" for k, v in sorted(hp.items())
             if k != "bias" and v is not None]
    return f"{case['op']}-{case['framework']}-in{'x'.join(map(str, case['input']))}-{'-'.join(map(str, parts))}"


def real(shape) -> bool:
    return shape is not None and all(n >= 1 for n in shape)


def space_to_batch(case: dict) -> bool:
    """(a): a tf.nn depthwise or separable conv with a stride > 1 and a dilation > 1."""
    hp = case["hp"]
    return (case["framework"] == "tf.nn" and case["op"] in ("depthwise_conv", "separable_conv")
            and max(hp["stride"]) > 1 and max(hp.get("dilation", [1])) > 1)


def invalid_onnx_model(case: dict) -> bool:
    """(b): output_padding ≥ stride in a ConvTranspose, or a Conv group dividing the input or output channels
    unevenly (shape inference takes it; the reference evaluator and onnxruntime refuse it: "Output channels M
    is not divisible by group")."""
    hp = case["hp"]
    if case["op"] == "conv_transpose":
        return any(p >= s for p, s in zip(hp.get("output_padding") or [], hp["stride"]))
    groups = hp.get("groups", 1)
    return case["op"] == "conv" and (case["input"][-1] % groups != 0 or hp["filters"] % groups != 0)


def pads_with_output_shape(case: dict) -> bool:
    """(b): a ConvTranspose with numeric pads and an output_shape: ONNX's spec ignores the pads and derives
    them, the reference evaluator applies them (and fails where they do not give output_shape)."""
    hp = case["hp"]
    return (case["op"] == "conv_transpose" and bool(hp.get("output_shape")) and isinstance(hp.get("padding"), list)
            and any(map(any, hp["padding"])))


def transposed_same_disagrees(case: dict) -> bool:
    """(b): a SAME ConvTranspose without output_shape where shape inference's size, (in − 1)·s + k_eff +
    output_padding − max(k_eff − s, 0), is not the reference evaluator's in·s: two sizes, also where the
    reference's grouped path crashes first."""
    hp = case["hp"]
    if case["op"] != "conv_transpose" or hp.get("padding") not in ("same", "same_lower") or hp.get("output_shape"):
        return False
    rank = len(hp["kernel"])
    spans = [(k - 1) * d + 1 for k, d in zip(hp["kernel"], hp.get("dilation") or [1] * rank)]
    extra = hp.get("output_padding") or [0] * rank
    return any(p + min(span - s, 0) != 0 for span, s, p in zip(spans, hp["stride"], extra))


def unstrided_pool_path(case: dict) -> bool:
    """(b): a pool with numeric pads and all strides 1, where the reference evaluator's sizes are its own."""
    hp = case["hp"]
    return case["op"] in ("maxpool", "avgpool") and isinstance(hp.get("padding"), list) and max(hp["stride"]) == 1


def onnx_expected(case: dict):
    """(b): what `onnx` gives for a case where shape inference and the reference evaluator disagree."""
    infer, ref = case.get("output_infer"), case.get("output_ref")
    if transposed_same_disagrees(case):
        return REFUSED
    if infer is not None and len(infer) != len(case["input"]):  # shape inference lost the spatial axis
        return ref
    if ref is None or unstrided_pool_path(case):  # the reference evaluator crashed, or is off the spec
        return infer if real(infer) else REFUSED
    return REFUSED  # two sizes: no single ONNX answer


def expected_output(case: dict):
    """The output shape cnncalc must give, or REFUSED."""
    if "error" in case or space_to_batch(case):
        return REFUSED
    if case["framework"] == "onnx" and (invalid_onnx_model(case) or pads_with_output_shape(case)):
        return REFUSED
    output = onnx_expected(case) if case.get("disagree") else case["output"]
    return output if output is REFUSED or real(output) else REFUSED


def unclamped(case: dict) -> bool:
    """(c): TensorFlow's 3-D forward ops, and ONNX's reference MaxPool with a stride or dilation > 1."""
    hp = case["hp"]
    if case["framework"] == "tf.nn":
        return case["op"] != "conv_transpose" and len(case["input"]) == 4
    return (case["framework"] == "onnx" and case["op"] == "maxpool"
            and max(hp["stride"] + hp.get("dilation", [1])) > 1)


def underived(case: dict) -> bool:
    """(d): an ONNX ConvTranspose with output_shape and pads not SAME: the reference evaluator keeps the
    pads given (0 when none) at the start, where ONNX's spec derives them (and onnxruntime follows it)."""
    hp = case["hp"]
    return (case["framework"] == "onnx" and case["op"] == "conv_transpose" and bool(hp.get("output_shape"))
            and hp.get("padding") not in ("same", "same_lower"))


def expected_pads(case: dict) -> list:
    """The pads the library applied; (c) where it does not clamp: its total clamped at 0, split as the spec says;
    (d) where it does not derive them: its total split as ONNX's spec says (the larger half first)."""
    pads = case.get("pads") or []
    lower = case["hp"].get("padding") == "same_lower"
    result = []
    for pair in pads:
        if pair is None or not unclamped(case) and not underived(case):
            result.append(pair)
            continue
        total = sum(pair) if underived(case) else max(sum(pair), 0)
        result.append([total - total // 2, total // 2] if lower or underived(case) else
                      [total // 2, total - total // 2])
    return result


def test_fixture_covers_every_framework():
    per_framework = {name: sum(c["framework"] == name for c in CASES) for name in ("tf.nn", "keras", "onnx")}
    assert META["cases"] == len(CASES) >= 1900 and per_framework == META["per_framework"]
    assert all(n >= 600 for n in per_framework.values())


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_matches_framework(case):
    def compute():
        return explain(layer_network(case["input"], case["op"], case["hp"], case["convention"]))

    expected = expected_output(case)
    if expected is REFUSED:
        with pytest.raises(CnncalcError):
            compute()
        return
    row = compute().row
    assert list(row.output) == expected, f"inferred {row.output}, {case['framework']} gave {expected}"
    if "params" in case:
        assert row.params == case["params"]
    for axis, pads in enumerate(expected_pads(case)):
        if pads is not None:
            assert list(row.pads[axis]) == pads, f"axis {axis}: applied {row.pads[axis]}, {case['framework']} {pads}"
