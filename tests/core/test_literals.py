"""The literal grammar flags, specs and quizzes share: shapes, per-axis ints, padding, matrices."""
from __future__ import annotations

import pytest

from cnncalc.core.arith import Explicit, Same, Valid
from cnncalc.core.errors import SpecError
from cnncalc.core.literals import matrix_shape, padding_to_data, parse_matrix, parse_padding, parse_per_axis, parse_shape


@pytest.mark.parametrize("text, shape", [("32x32x3", (32, 32, 3)), ("100x8", (100, 8)), ("400", (400,)),
                                         ([16, 112, 112, 3], (16, 112, 112, 3)), ("(28, 28, 1)", (28, 28, 1)),
                                         ("7 × 7 × 64", (7, 7, 64))])
def test_shapes_parse_in_every_spelling(text, shape):
    assert parse_shape(text) == shape


@pytest.mark.parametrize("text", ["32x0x3", "32x32x3x4x5", "", "axb", [1.5, 2], True])
def test_what_is_no_shape_is_refused_with_the_valid_forms(text):
    with pytest.raises(SpecError, match="expected HxWxC"):
        parse_shape(text)


def test_per_axis_takes_one_value_or_one_per_axis():
    assert parse_per_axis("3x5", "kernel") == (3, 5)
    assert parse_per_axis(3, "kernel") == (3,)
    assert parse_per_axis([0, 1], "padding", minimum=0) == (0, 1)
    with pytest.raises(SpecError, match="kernel must be at least 1, got 0"):
        parse_per_axis("3x0", "kernel")


@pytest.mark.parametrize("value, parsed", [
    (1, Explicit(((1, 1),))), ("2x1", Explicit(((2, 2), (1, 1)))), ([[0, 1], [2, 3]], Explicit(((0, 1), (2, 3)))),
    ("[[0,1],[0,1]]", Explicit(((0, 1), (0, 1)))), ("same", Same()), ("SAME", Same()),
    ("same_lower", Same(lower=True)), ("valid", Valid())])
def test_every_padding_form_normalises_once_and_round_trips(value, parsed):
    assert parse_padding(value) == parsed
    assert parse_padding(padding_to_data(parsed)) == parsed


def test_an_unknown_padding_word_suggests_the_near_one():
    with pytest.raises(SpecError) as info:
        parse_padding("sam")
    assert info.value.suggestion == "same"


def test_a_matrix_is_rectangular_numbers_and_gives_its_input_shape():
    assert matrix_shape(parse_matrix([[1, 2], [3, 4], [5, 6]])) == (3, 2, 1)
    assert matrix_shape(parse_matrix([1, 2, 3])) == (3, 1)
    with pytest.raises(SpecError, match="ragged"):
        parse_matrix([[1, 2], [3]])
