"""Numbers in specs and quizzes follow YAML 1.2's decimal core schema: never hex, octal, binary or
sexagesimal, never a guess (fixture files in tests/fixtures/literals)."""
from __future__ import annotations

import json

import pytest

from ..conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "literals"


def model(run, name, *args):
    return run("model", str(FIXTURES / name), *args)


def test_a_per_axis_field_reads_0x3_as_two_axes(run):
    result = model(run, "per-axis-0x3.yaml", "--format", "json")
    assert result.exit_code == 0, result.stderr
    layer = json.loads(result.stdout)["layers"][0]
    assert layer["output"] == [17, 17, 1] and layer["padding"] == [[0, 0], [3, 3]]


@pytest.mark.parametrize("name, field, text", [
    ("octal-stride.yaml", "stride", "'010'"), ("sexagesimal.yaml", "filters", "'1:30'"),
    ("binary.yaml", "filters", "'0b11'"), ("underscore.yaml", "units", "'1_000'"),
    ("list-octal.yaml", "input", "'010'"), ("shape-octal.yaml", "input", "'32x32x010'")])
def test_a_number_in_another_base_or_form_is_an_error_naming_the_field(run, name, field, text):
    result = model(run, name)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1, result.stderr
    assert f"field '{field}'" in result.stderr and text in result.stderr
    assert "not a plain decimal number" in result.stderr


@pytest.mark.parametrize("name, fragment", [
    ("yes.yaml", "expected true or false, got 'yes'"), ("date.yaml", "must be a whole number, got '2001-12-14'"),
    ("binary-tag.yaml", "the tag tag:yaml.org,2002:binary is not allowed"),
    ("huge-literal.yaml", "has 5,000 digits")])
def test_yaml_1_1_readings_are_refused_in_one_line(run, name, fragment):
    result = model(run, name)
    assert result.exit_code == 2 and result.stderr.count("\n") == 1 and fragment in result.stderr, result.stderr


def test_an_exponent_is_a_yaml_1_2_float(run):
    assert model(run, "exponent.yaml").exit_code == 0


def test_a_quoted_false_is_not_true(run):
    result = run("check", str(FIXTURES / "strict-quoted-quiz.yaml"))
    assert "field 'strict'" in result.stdout + result.stderr
    assert "expected true or false" in result.stdout + result.stderr


@pytest.mark.parametrize("flag", ["32x32x010", "٣٢x٣٢x٣", "0x20x3"])
def test_flags_refuse_the_same_literals(run, flag):
    result = run("layer", "--input", flag, "--filters", "2", "--k", "3")
    assert result.exit_code == 2 and result.stderr.startswith("Error: --input")
