"""The comparers of quiz answers: one per ``expect:`` key, so the keys follow from this table.

Each takes (what the quiz expects, the computed answer) and returns a ``Mismatch`` or None;
a value the quiz cannot mean is a ``QuizFileError``.
"""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Callable

from cnncalc.analyses.summary import Report
from cnncalc.core.errors import QuizFileError
from cnncalc.core.layout import read_shape
from cnncalc.core.literals import parse_padding, parse_per_axis, parse_shape, shown
from cnncalc.core.shapes import format_shape

TOLERANCE = 1e-6
"""Relative and absolute tolerance of ``values``."""


@dataclass(frozen=True)
class Mismatch:
    """One wrong field: what the quiz expects and what cnncalc computed."""

    field: str
    expected: object
    got: object


@dataclass(frozen=True)
class Answer:
    """What a question computed: its report and, for ``values:`` questions, the numbers."""

    report: Report
    values: list | None = None


def output(want: object, answer: Answer) -> Mismatch | None:
    """The output shape, read in the question's layout (a batch-first shape's N must be the input's)."""
    view = answer.report.view
    expected, seen, _ = read_shape(want, view.layout)
    got = answer.report.output
    if expected == got and seen.batch == view.batch:
        return None
    return Mismatch("output", format_shape(parse_shape(want)), view.text(got))


def total(key: str, attribute: str) -> Callable[[object, Answer], Mismatch | None]:
    """A comparer of one exact total of the report."""
    def compare(want: object, answer: Answer) -> Mismatch | None:
        if isinstance(want, bool) or not isinstance(want, int):
            raise QuizFileError(f"expected a whole number, got {shown(want)}")
        got = getattr(answer.report.totals, attribute)
        return None if want == got else Mismatch(key, want, got)
    return compare


def padding(want: object, answer: Answer) -> Mismatch | None:
    if len(answer.report.rows) != 1:
        raise QuizFileError("padding: applies to one-layer questions")
    expected = parse_padding(want)
    pads = answer.report.rows[0].pads
    wanted = expected.pairs * len(pads) if len(expected.pairs) == 1 else expected.pairs
    return None if tuple(wanted) == pads else Mismatch("padding", [list(p) for p in wanted], [list(p) for p in pads])


def values(want: object, answer: Answer) -> Mismatch | None:
    if answer.values is None:
        raise QuizFileError("values: needs a question with values: as input")
    return None if _close(want, answer.values) else Mismatch("values", want, answer.values)


def receptive_field(want: object, answer: Answer) -> Mismatch | None:
    rf = answer.report.receptive_field
    got = [a.size for a in rf] if rf else []
    sizes = parse_per_axis(want, "receptive_field")
    wanted = list(sizes) * len(got) if len(sizes) == 1 and got else list(sizes)
    shown = [int(g) if g.denominator == 1 else float(g) for g in got]
    return None if wanted == got else Mismatch("receptive_field", "x".join(map(str, sizes)),
                                               "x".join(map(str, shown)) or "none")


def warnings(want: object, answer: Answer) -> Mismatch | None:
    wanted = want if isinstance(want, list) else [want]
    got = [n.message for n in answer.report.notes]
    missing = [w for w in wanted if not any(str(w).lower() in g.lower() for g in got)]
    return None if not missing else Mismatch("warnings", missing, got or "no warnings")


def _close(want: object, got: object) -> bool:
    if isinstance(want, list) and isinstance(got, list):
        return len(want) == len(got) and all(_close(w, g) for w, g in zip(want, got))
    if isinstance(want, (int, float)) and not isinstance(want, bool) and isinstance(got, float):
        return math.isclose(want, got, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    return False


COMPARERS: dict[str, Callable[[object, Answer], Mismatch | None]] = {
    "output": output,
    "params": total("params", "params"),
    "params_unshared": total("params_unshared", "params_unshared"),
    "trainable_params": total("trainable_params", "trainable"),
    "non_trainable_params": total("non_trainable_params", "non_trainable"),
    "macs": total("macs", "macs"),
    "padding": padding,
    "values": values,
    "receptive_field": receptive_field,
    "warnings": warnings,
}
"""expect key → comparer; ``error`` is not compared with an answer (``analyses.check``)."""

EXPECT_KEYS = tuple(COMPARERS) + ("error",)
