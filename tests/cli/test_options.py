"""Shared flags: values parsed by the spec grammar, errors naming the flag, choices from the enums."""
from __future__ import annotations

import pytest

from cnncalc.core.choices import Convention
from cnncalc.core.errors import ShapeError


def test_a_bad_flag_value_is_one_line_naming_the_flag(run):
    result = run("layer", "--input", "32x32", "--filters", "2", "--k", "3x3x3x3")
    assert result.exit_code == 2 and result.stderr.count("\n") == 1
    assert result.stderr.startswith("Error: --kernel '3x3x3x3': ")


def test_a_layer_error_names_the_flag_of_its_field():
    from cnncalc.cli.options import as_flag_error

    error = ShapeError("kernel 40 is larger than the padded input 34").with_where(field="kernel", axis="H")
    assert str(as_flag_error(error, {"kernel": (40,)})) == \
        "--kernel 40: kernel 40 is larger than the padded input 34 on axis H"


@pytest.mark.parametrize("flag, value", [("--convention", "TensorFlow"), ("--format", "JSON"), ("--convention", "PYTORCH")])
def test_choices_are_case_insensitive(run, flag, value):
    result = run("layer", "--input", "32x32x3", "--filters", "2", "--k", "3", flag, value)
    assert result.exit_code == 0, result.stderr


def test_the_convention_choices_are_the_enum(run):
    help_text = run("layer", "--help").stdout
    assert all(c.value in help_text for c in Convention)
