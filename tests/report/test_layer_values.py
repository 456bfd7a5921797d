"""The lesson's working, all of it: each pooling window and each dot product written out; machine
formats carry plain numbers (never ``3,920``, never ``4.0`` for 4)."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

LESSON = "[[0,1,0.5,10],[2,2.5,1,-8],[4,0,5,6],[15,1,2,3]]"
LESSON_3_DEEP = "[[[0, 1, 0.5, 10], [2, 2.5, 1, -8], [4, 0, 5, 6], [15, 1, 2, 3]]]"
IMAGE = "[[1,1,1,0,0],[0,1,1,1,0],[0,0,1,1,1],[0,0,1,1,0],[0,1,1,0,0]]"
GROUPED = re.compile(r"\d,\d{3}")


def lines(run, *args) -> list[str]:
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


def test_max_pooling_writes_each_window_as_the_lesson_does(run):
    assert lines(run, "pool", "--values", LESSON, "--k", "2", "--s", "2")[-5:] == [
        "window (1, 1)       max(0, 1, 2, 2.5) = 2.5",
        "window (1, 2)       max(0.5, 10, 1, -8) = 10",
        "window (2, 1)       max(4, 0, 15, 1) = 15",
        "window (2, 2)       max(5, 6, 2, 3) = 6",
        "values              [[2.5, 10], [15, 6]]",
    ]


def test_average_pooling_writes_each_mean(run):
    assert lines(run, "pool", "--values", LESSON, "--k", "2", "--s", "2", "--op", "avg")[-5:] == [
        "window (1, 1)       mean(0, 1, 2, 2.5) = 1.375",
        "window (1, 2)       mean(0.5, 10, 1, -8) = 0.875",
        "window (2, 1)       mean(4, 0, 15, 1) = 5",
        "window (2, 2)       mean(5, 6, 2, 3) = 4",
        "values              [[1.375, 0.875], [5, 4]]",
    ]


def test_conv_writes_each_dot_product_data_times_weight(run):
    out = lines(run, "conv", "--values", IMAGE, "--weights", "[[1,0,1],[0,-1,0],[1,0,1]]")
    assert "window (1, 1)           1·1 + 1·0 + 1·1 + 0·0 + 1·(-1) + 1·0 + 0·1 + 0·0 + 1·1 = 2" in out
    assert out[-1] == "values                  [[2, 1, 2], [2, 2, 1], [2, 1, 2]]"
    assert sum(line.startswith("window (") for line in out) == 9


def test_padding_shows_as_zero_where_it_counts(run):
    def first(*extra):
        data = json.loads(run("pool", "--values", LESSON, "--k", "3", "--s", "2", "--p", "1", "--op", "avg",
                              "--format", "json", *extra).stdout)
        return data["windows"][0]

    included = first("--count-include-pad")
    assert included["cells"] == [0, 0, 0, 0, 0, 1, 0, 2, 2.5]
    assert included["working"].startswith("mean(0, 0, 0, 0, 0, 1, 0, 2, 2.5) = 0.6111")
    assert first("--count-exclude-pad")["working"] == "mean(0, 1, 2, 2.5) = 1.375"
    conv = json.loads(run("conv", "--values", "[[1,2],[3,4]]", "--weights", "[[1,1],[1,1]]", "--p", "1",
                          "--format", "json").stdout)
    assert conv["windows"][0]["working"] == "0·1 + 0·1 + 0·1 + 1·1 = 1"


def test_a_ceil_mode_window_reads_only_real_cells(run):
    data = json.loads(run("pool", "--values", LESSON, "--k", "3", "--s", "2", "--p", "1", "--ceil-mode",
                          "--format", "json").stdout)
    assert data["windows"][-1]["working"] == "max(3) = 3"


def test_large_outputs_are_not_written_out_window_by_window(run):
    matrix = json.dumps([[float(i + j) for j in range(9)] for i in range(9)])
    out = lines(run, "pool", "--values", matrix, "--k", "1")
    assert not any(line.startswith("window (") for line in out)
    assert "windows             each written out up to 64 values" in out
    assert "windows" not in json.loads(run("pool", "--values", matrix, "--k", "1", "--format", "json").stdout)


@pytest.mark.parametrize("literal", [LESSON_3_DEEP, "[[[0],[1],[0.5],[10]],[[2],[2.5],[1],[-8]],[[4],[0],[5],[6]],"
                                                    "[[15],[1],[2],[3]]]"])
def test_the_lesson_3_deep_literal_is_one_channel(run, literal):
    data = json.loads(run("pool", "--values", literal, "--k", "2", "--s", "2", "--format", "json").stdout)
    assert data["input"] == [4, 4, 1] and data["values"] == [[2.5, 10], [15, 6]]


def test_more_than_one_channel_is_refused(run):
    result = run("pool", "--values", "[[[0,1],[2,3]],[[1,1],[1,1]]]", "--k", "1")
    assert result.exit_code == 2
    assert "the matrix is 2x2x2, more than one channel" in result.stderr


def test_layer_csv_carries_plain_integers_in_a_value_column(run):
    text = run("layer", "--input", "32x32x3", "--filters", "20", "--k", "8", "--s", "2", "--p", "1",
               "--format", "csv").stdout
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["item", "working", "value"]
    assert ["output volume", "14 × 14 × 20", "3920"] in rows
    assert ["params, no sharing", "(8·8·3 + 1)·14·14·20", "756560"] in rows
    assert ["sharing saves", "756560/3860", "196× fewer"] in rows
    assert not any(GROUPED.search(cell) for row in rows for cell in row)


def test_json_values_and_working_are_exact_numbers(run):
    data = json.loads(run("pool", "--values", LESSON, "--k", "2", "--s", "2", "--format", "json").stdout)
    assert data["values"] == [[2.5, 10], [15, 6]]
    assert all(type(v) is int for v in (data["values"][0][1], data["values"][1][0]))
    layer = json.loads(run("layer", "--input", "32x32x3", "--filters", "20", "--k", "8", "--format", "json").stdout)
    assert {"label": "output volume", "expression": "25 × 25 × 20", "value": 12500} in layer["working"]
    piped = run("pool", "--values", LESSON, "--k", "2", "--s", "2", "--format", "csv").stdout
    assert piped.splitlines()[-1] == 'values,,"[[2.5, 10], [15, 6]]"'


def test_a_quiz_takes_the_3_deep_literal(tmp_path):
    from cnncalc import check_files

    quiz = tmp_path / "q.quiz.yaml"
    quiz.write_text(f"questions:\n  - name: lesson\n    values: {LESSON_3_DEEP}\n    maxpool: {{kernel: 2}}\n"
                    "    expect: {values: [[2.5, 10], [15, 6]]}\n")
    assert check_files([str(quiz)]).passed == 1
