"""Quiz files: passing, failing (wrong answers, missing or unexpected errors) and invalid files."""
from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest

from cnncalc import check_files

from ..conftest import QUIZZES, ROOT, SHARED


def quiz(tmp_path, text: str, name: str = "q.yaml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


GOOD = """questions:
  - name: lesson conv
    input: 32x32x3
    conv: {filters: 20, kernel: 8, stride: 2, padding: 1}
    expect: {output: 14x14x20, params: 3860, params_unshared: 756560}
"""


ACCEPTANCE = SHARED / "acceptance" / "lesson.quiz.yaml"
ACCEPTANCE_COPY = ROOT / "tests" / "acceptance" / "lesson.quiz.yaml"
"""A verbatim copy, so the acceptance quiz runs in a checkout without the shared folder beside it."""


def test_acceptance_quiz_passes_as_it_stands():
    if ACCEPTANCE.exists():
        assert ACCEPTANCE_COPY.read_bytes() == ACCEPTANCE.read_bytes(), "the copy drifted from the shared quiz"
    results = check_files([str(ACCEPTANCE if ACCEPTANCE.exists() else ACCEPTANCE_COPY)])
    assert (results.failed, results.exit_code) == (0, 0)
    assert results.passed == 19


def test_project_lesson_quiz_passes():
    results = check_files([str(QUIZZES / "cnn-lesson.yaml")])
    assert results.failed == 0 and results.exit_code == 0 and results.passed >= 25


def test_wrong_answer_fails_with_expected_vs_got(run, tmp_path):
    path = quiz(tmp_path, GOOD.replace("params: 3860", "params: 3861"))
    result = run("check", path)
    assert result.exit_code == 1
    assert "params: expected 3861, got 3860" in result.stdout
    assert result.stdout.strip().endswith("0 passed, 1 failed")


def test_expected_error_that_did_not_happen_fails(tmp_path):
    path = quiz(tmp_path, "questions:\n  - input: 8x8x1\n    conv: {filters: 1, kernel: 3}\n    expect: {error: true}\n")
    results = check_files([path])
    assert results.failed == 1 and results.items[0].mismatches[0].got == "no error"


def test_unexpected_error_fails_and_shows_the_message(tmp_path):
    path = quiz(tmp_path, "questions:\n  - input: 3x3x1\n    conv: {filters: 1, kernel: 5}\n    expect: {output: 1x1x1}\n")
    results = check_files([path])
    assert results.exit_code == 1 and "larger than the padded input" in results.items[0].mismatches[0].got


def test_error_substring_must_match(tmp_path):
    text = "questions:\n  - input: 3x3x1\n    conv: {filters: 1, kernel: 5}\n    expect: {error: %s}\n"
    assert check_files([quiz(tmp_path, text % "larger")]).exit_code == 0
    assert check_files([quiz(tmp_path, text % "smaller")]).exit_code == 1


def test_unknown_expect_key_fails_that_question_with_its_reason(run, tmp_path):
    path = quiz(tmp_path, GOOD.replace("params: 3860", "parms: 3860"))
    result = run("check", path, "--format", "json")
    assert result.exit_code == 1
    reason = json.loads(result.stdout)["questions"][0]["invalid"]
    assert "field 'expect.parms': unknown expect key" in reason and "did you mean 'params'?" in reason
    assert ":5:" in reason  # the line of the key


def test_duplicate_key_in_quiz_is_invalid(run, tmp_path):
    result = run("check", quiz(tmp_path, GOOD.replace("params: 3860,", "params: 3860, params: 1,")))
    assert result.exit_code == 2 and "duplicate key 'params'" in result.stderr


def test_missing_file_is_invalid(run, tmp_path):
    result = run("check", str(tmp_path / "none.yaml"))
    assert result.exit_code == 2 and "no such file" in result.stderr


def test_values_compared_to_tolerance(tmp_path):
    text = ("questions:\n  - values: [[1, 2], [3, 4]]\n    avgpool: {kernel: 2}\n"
            "    expect: {values: [[%s]]}\n")
    assert check_files([quiz(tmp_path, text % "2.5000001")]).exit_code == 0
    assert check_files([quiz(tmp_path, text % "2.51")]).exit_code == 1


def test_model_path_is_relative_to_the_quiz(tmp_path):
    (tmp_path / "net.yaml").write_text("input: 8x8x1\nlayers:\n  - conv: {filters: 2, kernel: 3}\n")
    path = quiz(tmp_path, "questions:\n  - model: net.yaml\n    expect: {output: 6x6x2, params: 20, macs: 648}\n")
    assert check_files([path]).exit_code == 0


def test_file_level_convention_applies(tmp_path):
    path = quiz(tmp_path, "convention: tensorflow\nquestions:\n  - input: 32x32x3\n"
                          "    conv: {filters: 20, kernel: 8, stride: 2, padding: same}\n"
                          "    expect: {output: 16x16x20, padding: [[3, 3], [3, 3]]}\n")
    assert check_files([path]).exit_code == 0


def test_junit_report(run, tmp_path):
    good = quiz(tmp_path, GOOD, "a.yaml")
    bad = quiz(tmp_path, GOOD.replace("14x14x20", "13x13x20"), "b.yaml")
    report = tmp_path / "report.xml"
    result = run("check", good, bad, "--junit", str(report))
    assert result.exit_code == 1
    root = ET.parse(report).getroot()
    assert root.get("tests") == "2" and root.get("failures") == "1"
    failure = root.find(".//failure")
    assert failure is not None and "expected 13x13x20, got 14x14x20" in failure.get("message")


def test_json_format(run, tmp_path):
    data = json.loads(run("check", quiz(tmp_path, GOOD), "--format", "json").stdout)
    assert (data["passed"], data["failed"]) == (1, 0) and data["questions"][0]["name"] == "lesson conv"


@pytest.mark.parametrize("expect,ok", [("5", True), ("5x5", True), ("[5, 5]", True), ("6", False)])
def test_receptive_field_expectation_forms(tmp_path, expect, ok):
    path = quiz(tmp_path, "questions:\n  - model:\n      input: 16x16x1\n      layers:\n"
                          "        - conv: {filters: 1, kernel: 3}\n        - conv: {filters: 1, kernel: 3}\n"
                          f"    expect: {{receptive_field: {expect}}}\n")
    assert (check_files([path]).exit_code == 0) is ok


def test_check_advances_the_tracker_it_is_given_once_per_question(tmp_path):
    events = []

    class Tracker:
        def advance(self):
            events.append("advance")

        def stop(self):
            events.append("stop")

    def track(total, label):
        events.append((total, label))
        return Tracker()

    path = quiz(tmp_path, GOOD + GOOD.split("\n", 1)[1].replace("lesson conv", "again"), "two.yaml")
    assert check_files([path], track=track).passed == 2
    assert events == [(2, "checking two.yaml"), "advance", "advance", "stop"]


BAD_AMONG_GOOD = """questions:
  - name: good
    input: 32x32x3
    conv: {filters: 20, kernel: 8, stride: 2, padding: 1}
    expect: {output: 14x14x20}
  - name: bad value
    input: 32x32x3
    conv: {filters: 20, kernel: eight}
    expect: {output: 14x14x20}
  - name: also good
    input: 4x4x5
    maxpool: 2
    expect: {output: 2x2x5}
"""


def test_a_question_that_cannot_be_evaluated_is_one_failure_and_the_run_goes_on(run, tmp_path):
    path = quiz(tmp_path, BAD_AMONG_GOOD)
    junit = tmp_path / "report.xml"
    result = run("check", path, "--junit", str(junit))
    assert result.exit_code == 1 and result.stderr == ""
    assert result.stdout.rstrip().endswith("2 passed, 1 failed")
    assert "bad value" in result.stdout and "field 'kernel'" in result.stdout
    xml = junit.read_text()
    assert 'tests="3"' in xml and "bad value" in xml and "<error" in xml


def test_an_internal_failure_in_one_question_keeps_the_summary(run, tmp_path, monkeypatch):
    from cnncalc.analyses import check

    real = check._compute

    def explode(quiz, question, *args):
        if question.get("name") == "also good":
            raise RuntimeError("kaboom")
        return real(quiz, question, *args)

    monkeypatch.setattr(check, "_compute", explode)
    result = run("check", quiz(tmp_path, BAD_AMONG_GOOD))
    assert result.exit_code == 1
    assert result.stdout.rstrip().endswith("1 passed, 2 failed") and "internal error" in result.stdout


def test_an_expected_error_matches_what_is_wrong_not_the_valid_choices(tmp_path):
    text = "questions:\n  - input: 8x8x1\n    conv: {filters: 1, kernal: 3}\n    expect: {error: %s}\n"
    typo = check_files([quiz(tmp_path, text % "kernel")])
    assert typo.exit_code == 1 and typo.items[0].mismatches[0].field == "error"
    assert check_files([quiz(tmp_path, text % "unknown key")]).exit_code == 0
