"""The command line through click's runner: stdout vs stderr, exit codes 0/1/2, one error line."""
from __future__ import annotations

import json

import pytest

from ..conftest import SPECS

BAD_FLAGS = [
    (["layer", "--input", "32x", "--filters", "3", "--k", "3"], "--input '32x'"),
    (["layer", "--input", "axb", "--filters", "3", "--k", "3"], "--input 'axb'"),
    (["layer", "--input", "0x5x3", "--filters", "3", "--k", "3"], "at least 1"),
    (["layer", "--input", "-1", "--filters", "3", "--k", "3"], "--input '-1'"),
    (["layer", "--input", "1e99", "--filters", "3", "--k", "3"], "whole number"),
    (["layer", "--input", "32x32x3", "--filters", "3", "--k", "40"], "--kernel 40: kernel 40 is larger"),
    (["layer", "--input", "32x32x3", "--filters", "3", "--k", "3", "--s", "0"], "--stride '0'"),
    (["layer", "--input", "32x32x6", "--filters", "3", "--k", "3", "--groups", "4"], "--groups 4"),
    (["layer", "--input", "32x32x3", "--filters", "3", "--k", "3", "--p", "sam"], "did you mean 'same'?"),
    (["pool", "--values", "[[1,2],[3]]", "--k", "2"], "ragged"),
    (["layer", "--input", "32x32x3", "--k", "3"], "--filters: is required"),
    (["layer", "--input", "32x32x3", "--filters", "3", "--k", "3", "--bogus"], "No such option"),
    (["layer", "--input", "32x32x3", "--filters", "3", "--k", "3", "--convention", "caffe"], "--convention"),
    (["model", "no/such/spec.yaml"], "no such file"),
    (["conv", "--values", "[[1,2],[3,4]]", "--weights", "[[1,2,3]]"], "larger than the padded input"),
]


@pytest.mark.parametrize("args,fragment", BAD_FLAGS, ids=[" ".join(a) for a, _ in BAD_FLAGS])
def test_bad_input_is_one_line_on_stderr_and_exit_2(run, args, fragment):
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: ") and fragment in lines[0]
    assert result.exception is None or isinstance(result.exception, SystemExit)


def test_layer_json_has_the_contract_keys_and_lesson_numbers(run):
    result = run("layer", "--input", "32x32x3", "--filters", "20", "--k", "8", "--s", "2", "--p", "1",
                 "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    for key in ("input", "output", "params", "params_unshared", "macs", "padding", "warnings", "kernel", "stride",
                "dilation", "filters", "convention"):
        assert key in data
    assert data["output"] == [14, 14, 20]
    assert (data["params"], data["params_unshared"]) == (3860, 756560)
    assert data["padding"] == [[1, 1], [1, 1]]
    assert data["alternatives"] == {"TensorFlow SAME": "16x16x20", "TensorFlow VALID": "13x13x20",
                                    "PyTorch, padding 1": "14x14x20"}


def test_layer_plain_text_shows_the_worked_arithmetic(run):
    result = run("layer", "--input", "32x32x3", "--filters", "20", "--k", "8", "--s", "2", "--p", "1")
    assert "(32 − 8 + 2·1)/2 + 1 = 14" in result.stdout
    assert "(8·8·3 + 1)·20 = 3,860" in result.stdout
    assert "(8·8·3 + 1)·14·14·20 = 756,560" in result.stdout
    assert "\x1b[" not in result.stdout  # no colour when piped


def test_same_padding_json_reports_the_split(run):
    data = json.loads(run("layer", "--input", "10x10x3", "--filters", "64", "--kernel", "5", "--stride", "2",
                          "--padding", "same", "--format", "json").stdout)
    assert data["output"] == [5, 5, 64] and data["padding"] == [[1, 2], [1, 2]] and data["params"] == 4864


def test_non_integer_division_warns_and_strict_refuses(run):
    data = json.loads(run("layer", "--input", "28x28x1", "--filters", "1", "--k", "3", "--s", "2",
                          "--format", "json").stdout)
    assert data["output"] == [13, 13, 1]
    assert any("12.5" in w and "13" in w for w in data["warnings"])
    strict = run("layer", "--input", "28x28x1", "--filters", "1", "--k", "3", "--s", "2", "--strict")
    assert strict.exit_code == 2 and "12.5" in strict.stderr


def test_transpose_and_depthwise_layers(run):
    data = json.loads(run("layer", "--input", "7x7x16", "--filters", "8", "--k", "3", "--s", "2", "--transpose",
                          "--format", "json").stdout)
    assert data["output"] == [15, 15, 8] and data["kind"] == "conv_transpose"
    data = json.loads(run("layer", "--input", "8x8x4", "--k", "3", "--depthwise", "--depth-multiplier", "2",
                          "--format", "json").stdout)
    assert data["output"] == [6, 6, 8]


def test_output_shape_and_pool_dilation_flags(run):
    data = json.loads(run("layer", "--input", "4x4x2", "--filters", "2", "--k", "3", "--s", "2", "--p", "same",
                          "--transpose", "--output-shape", "7", "--convention", "tensorflow", "--format", "json").stdout)
    assert data["output"] == [7, 7, 2] and data["padding"] == [[1, 1], [1, 1]]
    matrix = "[[1,2,3,4,5],[6,7,8,9,10],[11,12,13,14,15],[16,17,18,19,20],[21,22,23,24,25]]"
    data = json.loads(run("pool", "--values", matrix, "--k", "2", "--s", "1", "--d", "2", "--op", "avg",
                          "--convention", "onnx", "--format", "json").stdout)
    assert data["values"] == [[7, 8, 9], [12, 13, 14], [17, 18, 19]]  # tf.nn.pool gives the same
    result = run("pool", "--input", "9x9x2", "--k", "3", "--d", "2", "--op", "avg", "--convention", "keras")
    assert result.exit_code == 2 and "AveragePooling2D has no dilation" in result.stderr


def test_pool_values_max_and_avg(run):
    matrix = "[[0,1,0.5,10],[2,2.5,1,-8],[4,0,5,6],[15,1,2,3]]"
    assert json.loads(run("pool", "--values", matrix, "--k", "2", "--s", "2", "--format", "json").stdout)[
        "values"] == [[2.5, 10], [15, 6]]
    assert json.loads(run("pool", "--values", matrix, "--k", "2", "--s", "2", "--op", "avg", "--format",
                          "json").stdout)["values"] == [[1.375, 0.875], [5, 4]]


def test_pool_values_from_a_file(run, tmp_path):
    path = tmp_path / "m.csv"
    path.write_text("0,1,0.5,10\n2,2.5,1,-8\n4,0,5,6\n15,1,2,3\n")
    result = run("pool", "--values", f"@{path}", "--k", "2", "--format", "json")
    assert json.loads(result.stdout)["values"] == [[2.5, 10], [15, 6]]


def test_conv_values_lesson_convolved_feature(run):
    result = run("conv", "--values", "[[1,1,1,0,0],[0,1,1,1,0],[0,0,1,1,1],[0,0,1,1,0],[0,1,1,0,0]]",
                 "--weights", "[[1,0,1],[0,1,0],[1,0,1]]", "--format", "json")
    assert json.loads(result.stdout)["values"] == [[4, 3, 4], [2, 4, 3], [2, 3, 4]]


def test_model_json_contract(run):
    result = run("model", str(SPECS / "lenet.yaml"), "--format", "json")
    data = json.loads(result.stdout)
    for key in ("name", "input", "output", "params", "trainable_params", "non_trainable_params", "params_unshared",
                "macs", "activations", "layers"):
        assert key in data
    assert data["params"] == 61706 and data["output"] == [10]
    for layer in data["layers"]:
        assert {"name", "kind", "output", "params", "params_unshared", "macs", "activations",
                "receptive_field"} <= set(layer)
    assert sum(layer["params"] for layer in data["layers"]) == data["params"]


@pytest.mark.parametrize("fmt", ["csv", "markdown", "table"])
def test_model_other_formats(run, fmt):
    result = run("model", str(SPECS / "lenet.yaml"), "--format", fmt)
    assert result.exit_code == 0
    if fmt == "csv":
        lines = result.stdout.splitlines()
        assert lines[0].startswith("#,layer,kind,output,params")
        assert sum(int(line.split(",")[4]) for line in lines[1:]) == 61706
    else:
        assert "61,706" in result.stdout
    if fmt == "markdown":
        assert result.stdout.count("| 1 | conv_1 |") == 1


def test_model_depth_collapses_blocks(run):
    full = run("model", str(SPECS / "resnet50.yaml"), "--format", "csv").stdout.splitlines()
    collapsed = run("model", str(SPECS / "resnet50.yaml"), "--format", "csv", "--depth", "0").stdout.splitlines()
    assert len(collapsed) < len(full) / 5
    assert sum(int(r.split(",")[4]) for r in collapsed[1:]) == sum(int(r.split(",")[4]) for r in full[1:])


@pytest.mark.parametrize("value, text", [(999, "999"), (1_500, "1.50 k"), (2 * 10**15, "2.00 P"),
                                         (9 * 10**24 + 1, "9.00e24")])
def test_human_counts_scale_to_any_size(value, text):
    from cnncalc.report.model import human_count

    assert human_count(value) == text


@pytest.mark.parametrize("value, text", [(512, "512 B"), (3 * 1024**4, "3.00 TiB"), (4 * 1024**6, "4.00 EiB")])
def test_human_bytes_scale_to_exbibytes(value, text):
    from cnncalc.report.model import human_bytes

    assert human_bytes(value) == text


def test_help_has_examples_for_every_command(run):
    for command in ("layer", "pool", "conv", "model", "check", "solve", "kinds"):
        result = run(command, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout, command


def test_version_and_main_module():
    import subprocess
    import sys

    result = subprocess.run([sys.executable, "-m", "cnncalc", "layer", "--input", "5x5x1", "--filters", "1",
                             "--k", "3", "--format", "json"], capture_output=True, text=True)
    assert result.returncode == 0 and json.loads(result.stdout)["output"] == [3, 3, 1]


def test_rich_table_when_forced_to_a_terminal(run):
    result = run("model", str(SPECS / "lenet.yaml"), env={"FORCE_COLOR": "1", "NO_COLOR": ""})
    assert result.exit_code == 0 and "┃" in result.stdout


def test_internal_errors_are_one_line_without_traceback(run, monkeypatch):
    import cnncalc.analyses.summary

    def boom(*args, **kwargs):
        raise RuntimeError("kaboom")

    monkeypatch.setattr(cnncalc.analyses.summary, "summarize", boom)
    result = run("model", str(SPECS / "lenet.yaml"))
    assert result.exit_code == 1
    assert result.stderr.strip() == "Error: internal error, please report it: RuntimeError: kaboom"


@pytest.mark.parametrize("args, fragment", [
    (["layer", "--input", "10x10x3", "--filters", "2", "--k", "3", "--p", "causal"], "1-D conv only"),
    (["pool", "--input", "10x3", "--k", "2", "--p", "causal"], "1-D conv only"),
    (["layer", "--input", "10x3", "--filters", "2", "--k", "3", "--p", "causal", "--convention", "pytorch"],
     "PyTorch has no causal padding"),
    (["solve", "--input", "10x10x3", "--output", "5x5x2", "--p", "causal"], "1-D conv only"),
])
def test_causal_padding_is_refused_where_no_framework_has_it(run, args, fragment):
    result = run(*args)
    assert result.exit_code == 2 and fragment in result.stderr and result.stderr.count("\n") == 1


def test_causal_padding_explained_and_solved(run):
    result = run("layer", "--input", "10x3", "--filters", "2", "--k", "3", "--s", "2", "--p", "causal")
    assert "causal: 2 zeros before; ceil(10/2) = 5" in result.stdout
    import json

    solutions = json.loads(run("solve", "--input", "10x3", "--output", "5x2", "--p", "causal",
                               "--format", "json").stdout)["solutions"]
    assert solutions and all(s["padding_spec"] == "causal" and s["output"] == [5, 2] for s in solutions)
