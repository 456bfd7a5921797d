"""What the commands say: the flag a mistake is on, the README's terms for shapes, singular and
plural, what "largest" is by, [required] in --help, --macs-as per layer, solve's truncation,
shell completion and --version."""
from __future__ import annotations

import json
import re

import pytest

from cnncalc.core.frameworks import GOLDEN_COUNTERS, GOLDEN_FRAMEWORKS, ONNX_OPSET

from ..conftest import GOLDEN, load_jsonl


def error_line(result) -> str:
    assert result.exit_code == 2, result.stdout
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    return lines[0]


def test_conv_blames_the_weights_not_a_kernel_flag_it_does_not_have(run):
    line = error_line(run("conv", "--values", "[[1,2],[3,4]]", "--weights", "[[1,0,1],[0,1,0],[1,0,1]]"))
    assert line == "Error: --weights (a 3x3 matrix): kernel 3 is larger than the padded input 2 on axis H"


def test_conv_blames_the_values_for_what_the_input_gives(run):
    line = error_line(run("conv", "--values", "[[1,2],[3,4]]", "--weights", "[[1]]", "--s", "3", "--strict"))
    assert line.startswith("Error: --values (a 2x2 matrix): axes H, W: (2 − 1 + 2·0)/3 = 1/3 ≈ 0.3333 is not")


def test_a_kernel_of_another_rank_than_the_values_is_refused_naming_the_weights(run):
    line = error_line(run("conv", "--values", "[[1,2],[3,4]]", "--weights", "[1,2]"))
    assert line == ("Error: --weights (a list of 2 values): the weights are 1-D but the input has 2 spatial axes; "
                    "a 2-D kernel matrix")


@pytest.mark.parametrize("shape,term", [("30x30x6", "30x30x6, an H×W×C volume"), ("196x768", "196x768, an L×C sequence"),
                                        ("4x8x8x3", "4x8x8x3, a D×H×W×C volume")])
def test_shapes_are_named_in_the_readme_terms(run, shape, term):
    line = error_line(run("model", "-", input=f"input: {shape}\nlayers:\n  - dense: 10\n"))
    assert f"input is {term}; add 'flatten'" in line


def test_one_solution_and_one_channel_are_singular(run):
    assert run("solve", "--input", "4x4x1", "--output", "2x2x3", "--k", "3", "--s", "1", "--p", "0"
               ).stdout.splitlines()[0] == "4x4x1 → 2x2x3: 1 solution"
    assert run("solve", "--input", "4x4x1", "--output", "2x2x3", "--kind", "pool").stdout.strip() == (
        "4x4x1 → 2x2x3: pooling keeps the depth: it cannot turn 1 channel into 3")


def test_solve_says_when_the_limit_cut_the_list(run):
    assert run("solve", "--input", "4x4x1", "--output", "2x2x3", "--limit", "5").stdout.splitlines()[0] == (
        "4x4x1 → 2x2x3: showing 5 of 44 solutions")
    assert run("solve", "--input", "4x4x1", "--output", "2x2x3").stdout.splitlines()[0] == "4x4x1 → 2x2x3: 44 solutions"
    data = json.loads(run("solve", "--input", "4x4x1", "--output", "2x2x3", "--limit", "5", "--format", "json").stdout)
    assert (data["total"], data["truncated"], data["total_exact"], len(data["solutions"])) == (44, True, True, 5)
    whole = json.loads(run("solve", "--input", "4x4x1", "--output", "2x2x3", "--format", "json").stdout)
    assert (whole["total"], whole["truncated"], len(whole["solutions"])) == (44, False, 44)


def test_solve_counts_past_the_limit_only_up_to_its_bound(monkeypatch):
    from cnncalc.analyses import solve

    monkeypatch.setattr(solve.limits, "MAX_SOLVE_COUNT", 10)
    result = solve.solve((4, 4, 1), (2, 2, 3), limit=5)
    assert (len(result.solutions), result.total, result.total_exact, result.truncated) == (5, 10, False, True)
    from cnncalc.report.solve import count_text

    assert count_text(result) == "showing 5 of more than 10 solutions"


def test_largest_layer_says_it_is_by_activations(run):
    lines = run("model", "lenet").stdout.splitlines()
    assert "largest layer by activations: conv_1 (4,704 values)" in lines


def test_macs_as_adds_a_column_per_layer_that_sums_to_its_total(run):
    text = run("model", "lenet", "--macs-as", "torchinfo", "--format", "csv").stdout
    header, *rows = [line.split(",") for line in text.splitlines()]
    column = header.index("MACs (torchinfo)")
    total = json.loads(run("model", "lenet", "--macs-as", "torchinfo", "--format", "json").stdout)["macs_as"]["total"]
    assert sum(int(r[column]) for r in rows) == total == 423038
    plain = run("model", "resnet50", "--macs-as", "fvcore", "--depth", "0").stdout.splitlines()
    assert "MACs (fvcore)" in plain[1]
    assert "MACs as fvcore counts: " in "\n".join(plain)


@pytest.mark.parametrize("command,flag,mark", [("layer", "--kernel, --k PER-AXIS", "[required]"),
                                               ("layer", "--input SHAPE", "[required]"),
                                               ("layer", "--filters INTEGER", "[required unless --depthwise]"),
                                               ("pool", "--kernel, --k PER-AXIS", "[required]"),
                                               ("pool", "--input SHAPE", "[required unless --values]"),
                                               ("conv", "--weights MATRIX", "[required]")])
def test_required_flags_say_so_in_help(run, command, flag, mark):
    text = " ".join(run(command, "--help").stdout.split())
    entry = text.split(f" {flag} ", 1)[1].split(" --", 1)[0] if mark.endswith("unless") else text.split(f" {flag} ", 1)[1]
    assert re.match(r"[^\[]*" + re.escape(mark), entry), entry[:120]


def test_a_flag_help_calls_required_is_required(run):
    assert "--kernel: is required" in error_line(run("layer", "--input", "8x8x3", "--filters", "2"))
    assert "--kernel: is required" in error_line(run("pool", "--input", "8x8x3"))


@pytest.mark.parametrize("command", ["model", "draw"])
def test_depth_is_documented_against_torchinfo(run, command):
    text = " ".join(run(command, "--help").stdout.split())
    assert "Collapse blocks nested deeper than N: torchinfo's depth=N+1 (0: each top-level block one row)." in text


def cnncalc(*args: str, env: dict | None = None) -> str:
    """The real entry point in a subprocess (the completion variable is named after the program)."""
    import os
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "cnncalc", *args], capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_shell_completion_is_click_s():
    assert "_cnncalc_completion()" in cnncalc(env={"_CNNCALC_COMPLETE": "bash_source"})
    assert "compdef _cnncalc_completion cnncalc" in cnncalc(env={"_CNNCALC_COMPLETE": "zsh_source"})
    commands = cnncalc(env={"_CNNCALC_COMPLETE": "bash_complete", "COMP_WORDS": "cnncalc mo", "COMP_CWORD": "1"})
    assert commands.split() == ["plain,model"]
    names = cnncalc(env={"_CNNCALC_COMPLETE": "bash_complete", "COMP_WORDS": "cnncalc model res", "COMP_CWORD": "2"})
    assert names.split() == ["plain,resnet50", "plain,resnet50-keras", "file,res"]


def test_version_names_the_frameworks_the_goldens_were_made_with():
    lines = cnncalc("--version").splitlines()
    assert re.fullmatch(r"cnncalc \d+\.\d+\.\d+", lines[0])
    assert lines[1] == ("conventions checked against PyTorch 2.13.0, TensorFlow 2.21.0, Keras 3.15.1, ONNX 1.23.2 "
                        "(opset 28)")
    assert lines[2] == "--macs-as reproduces torchinfo 1.8.0, fvcore 0.1.5, ptflops 0.7.5"


META_KEYS = {"torch": "PyTorch", "tensorflow": "TensorFlow", "keras": "Keras", "onnx": "ONNX"}


def test_the_version_constants_are_the_golden_files_meta():
    seen = {}
    for name in ("shapes.jsonl", "forward.jsonl", "conventions.jsonl", "macs.jsonl"):
        meta, _ = load_jsonl(name)
        for key, value in meta.items():
            label = META_KEYS.get(key, key)
            if label in GOLDEN_FRAMEWORKS or label in GOLDEN_COUNTERS:
                seen[label] = value.split("+")[0]  # 2.13.0+cpu is PyTorch 2.13.0
        if "onnx_opset" in meta:
            assert meta["onnx_opset"] == ONNX_OPSET
    models = json.loads((GOLDEN / "models.json").read_text())
    for source in {entry["source"].split(" applications")[0] for entry in models.values()}:
        tool, version = source.split()
        seen[META_KEYS.get(tool, tool)] = version
    for label, version in {**GOLDEN_FRAMEWORKS, **GOLDEN_COUNTERS}.items():
        assert seen[label].startswith(version), (label, seen[label], version)  # fvcore 0.1.5.post20221221
