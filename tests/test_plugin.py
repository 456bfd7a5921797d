"""The pytest plugin through pytest's own pytester: one item per question, failures show expected vs got."""
from __future__ import annotations

pytest_plugins = ["pytester"]

QUIZ = """questions:
  - name: conv shape
    input: 32x32x3
    conv: {filters: 20, kernel: 8, stride: 2, padding: 1}
    expect: {output: 14x14x20}
  - name: wrong params
    input: 32x32x3
    conv: {filters: 20, kernel: 8, stride: 2, padding: 1}
    expect: {params: 1}
"""


def test_quiz_files_are_collected_one_item_per_question(pytester):
    pytester.makefile(".quiz.yaml", lesson=QUIZ)
    result = pytester.runpytest("-v")
    result.assert_outcomes(passed=1, failed=1)
    result.stdout.fnmatch_lines(["*conv shape PASSED*", "*params: expected 1, got 3860*"])


def test_plain_yaml_files_are_not_collected(pytester):
    pytester.makefile(".yaml", notaquiz=QUIZ)
    result = pytester.runpytest()
    result.assert_outcomes()
