"""Layouts: hwc (the lesson's 32x32x3), nhwc (TensorFlow's (1, 4, 4, 1)), chw and nchw (PyTorch's
(1, 3, 224, 224)) are read into channels-last shapes and shown back in the layout written."""
from __future__ import annotations

import json

import pytest

from cnncalc.core.choices import Layout
from cnncalc.core.errors import SpecError
from cnncalc.core.layout import read_shape


@pytest.mark.parametrize("text, layout, shape, batch", [
    ("32x32x3", Layout.HWC, (32, 32, 3), 1), ("1x4x4x1", Layout.NHWC, (4, 4, 1), 1),
    ("3x224x224", Layout.CHW, (224, 224, 3), 1), ("8x3x224x224", Layout.NCHW, (224, 224, 3), 8),
    ("(1, 100, 8)", Layout.NHWC, (100, 8), 1), ("2x400", Layout.NCHW, (400,), 2)])
def test_a_shape_is_read_in_its_layout_and_shown_back(text, layout, shape, batch):
    hwc, view, _ = read_shape(text, layout)
    assert (hwc, view.batch) == (shape, batch)
    assert view.text(hwc) == text.strip("()").replace(", ", "x")


def test_a_batch_layout_needs_a_batch_axis():
    with pytest.raises(SpecError, match="no batch axis"):
        read_shape("400", Layout.NCHW)


def test_the_lessons_tensorflow_shape_under_nhwc(run):
    result = run("layer", "--input", "1x4x4x1", "--layout", "nhwc", "--filters", "3", "--k", "2", "--s", "2")
    assert result.exit_code == 0 and "conv  1x4x4x1 → 1x2x2x3" in result.stdout
    data = json.loads(run("layer", "--input", "1x4x4x1", "--layout", "NHWC", "--filters", "3", "--k", "2", "--s", "2",
                          "--format", "json").stdout)
    assert (data["output"], data["layout"], data["batch"]) == ([2, 2, 3], "nhwc", 1)


def test_a_four_number_hwc_shape_starting_with_1_says_how_it_was_read(run):
    result = run("layer", "--input", "1x4x4x1", "--filters", "3", "--k", "2", "--s", "2")
    assert result.exit_code == 2 and "read as D×H×W×C" in result.stderr and "layout nhwc" in result.stderr
    ok = run("layer", "--input", "1x8x8x1", "--filters", "3", "--k", "1", "--format", "json")
    assert any("read as D×H×W×C" in w for w in json.loads(ok.stdout)["warnings"])


def test_a_two_number_shape_is_length_by_channels_and_says_so(run):
    result = run("layer", "--input", "32x32", "--filters", "3", "--k", "3")
    assert "read as length × channels" in result.stdout


def test_solve_reads_both_shapes_in_the_layout(run):
    result = run("solve", "--input", "(1, 4, 4, 1)", "--output", "(1, 2, 2, 3)", "--layout", "nhwc",
                 "--format", "json")
    data = json.loads(result.stdout)
    assert data["input"] == [4, 4, 1] and data["solutions"][0]["output"] == [2, 2, 3]


def test_pytorch_nchw_input_and_per_batch_figures(run, tmp_path):
    spec = tmp_path / "net.yaml"
    spec.write_text("input: 8x3x32x32\nlayout: nchw\nlayers:\n  - conv: {filters: 4, kernel: 3}\n")
    data = json.loads(run("model", str(spec), "--format", "json").stdout)
    assert data["input"] == [32, 32, 3] and data["batch"] == 8 and data["layout"] == "nchw"
    assert data["per_batch"]["macs"] == 8 * data["macs"] and data["params"] == 112
    table = run("model", str(spec)).stdout
    assert "8x4x30x30" in table and "input: 8x3x32x32" in table


def test_a_quiz_question_reads_its_expected_output_in_its_layout(tmp_path):
    from cnncalc import check_files

    quiz = tmp_path / "q.yaml"
    quiz.write_text("layout: nchw\nquestions:\n  - input: 1x3x32x32\n    conv: {filters: 20, kernel: 8, stride: 2,"
                    " padding: 1}\n    expect: {output: 1x20x14x14}\n  - input: 1x3x32x32\n    conv: {filters: 20,"
                    " kernel: 8, stride: 2, padding: 1}\n    expect: {output: 14x14x20}\n")
    results = check_files([str(quiz)])
    assert [r.passed for r in results.items] == [True, False]


def test_solve_says_how_an_ambiguous_shape_was_read(run):
    result = run("solve", "--input", "(1, 4, 4, 1)", "--output", "(1, 2, 2, 3)")
    assert "Note: --input: 1x4x4x1 was read as D×H×W×C" in result.stderr and "layout nhwc" in result.stderr
    assert run("solve", "--input", "4x4x1", "--output", "2x2x3").stderr == ""
