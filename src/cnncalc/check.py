"""Quiz files → results: each question's computed answer compared with its ``expect``.

A wrong answer is a result (exit 1); an invalid file or question is a ``QuizFileError``
(exit 2). The run closes with ``N passed, M failed``. Every question counts.
"""
from __future__ import annotations

import math
import os
from dataclasses import dataclass, field

from .analysis import Report, summarize
from .errors import CnncalcError, ExitCode, Loc, QuizFileError, ShapeError, SpecError, did_you_mean
from .gcpause import paused_gc
from .grammar import format_shape, parse_padding, parse_per_axis, parse_shape
from .layers import lookup
from .progress import NullBar
from .yamlsrc import Document, load_file

QUIZ_KEYS = ("name", "convention", "questions")
QUESTION_KEYS = ("name", "input", "values", "convention", "strict", "model", "expect")
EXPECT_KEYS = ("output", "params", "params_unshared", "trainable_params", "non_trainable_params", "macs",
               "padding", "values", "receptive_field", "warnings", "error")
TOLERANCE = 1e-6


@dataclass(frozen=True)
class Mismatch:
    """One wrong field: what the quiz expects and what cnncalc computed."""

    field: str
    expected: object
    got: object


@dataclass(frozen=True)
class QuestionResult:
    """The outcome of one question."""

    file: str
    index: int
    name: str
    loc: Loc | None
    mismatches: tuple[Mismatch, ...] = ()
    invalid: str | None = None

    @property
    def passed(self) -> bool:
        return not self.mismatches and self.invalid is None


@dataclass
class CheckResults:
    """All questions of all files; owns the exit-code rule."""

    items: list[QuestionResult] = field(default_factory=list)
    invalid: list[str] = field(default_factory=list)

    @property
    def passed(self) -> int:
        return sum(r.passed for r in self.items)

    @property
    def failed(self) -> int:
        return sum(not r.passed and r.invalid is None for r in self.items)

    @property
    def exit_code(self) -> ExitCode:
        if self.invalid or any(r.invalid for r in self.items):
            return ExitCode.BAD_INPUT
        return ExitCode.FAILED if self.failed else ExitCode.OK

    @property
    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed"


@dataclass(frozen=True)
class Quiz:
    """A parsed quiz file: its document and the questions in it."""

    doc: Document
    convention: str | None
    questions: tuple[dict, ...]

    def name_of(self, index: int) -> str:
        question = self.questions[index]
        name = question.get("name") if isinstance(question, dict) else None
        return str(name) if name is not None else f"question {index + 1}"


def load_quiz(path: str) -> Quiz:
    """Read a quiz file and check its top level."""
    doc = load_file(path)
    data = doc.data
    if not isinstance(data, dict) or not isinstance(data.get("questions"), list):
        raise QuizFileError("a quiz file is a mapping with a list of questions",
                            expected="questions: [- {input: ..., conv: {...}, expect: {...}}]").with_where(
            loc=doc.loc(()))
    for key in data:
        if key not in QUIZ_KEYS:
            raise QuizFileError("unknown key", expected=f"valid: {', '.join(QUIZ_KEYS)}",
                                suggestion=did_you_mean(str(key), QUIZ_KEYS)).with_where(
                loc=doc.loc((key,), True), field=str(key))
    return Quiz(doc, data.get("convention"), tuple(data["questions"]))


def evaluate(quiz: Quiz, index: int) -> QuestionResult:
    """Compute one question and compare; an invalid question is reported, not raised."""
    path = ("questions", index)
    name, loc = quiz.name_of(index), quiz.doc.loc(path)
    try:
        question = quiz.questions[index]
        if not isinstance(question, dict):
            raise QuizFileError("a question must be a mapping").with_where(loc=loc)
        expect = _expect(quiz, question, path)
        blank = unanswered(expect)
        mismatches = [blank] if blank else _answer(quiz, question, path, expect)
    except CnncalcError as e:
        where = e.where.merged(loc=loc)
        message = str(type(e)(e.message, where, e.expected, e.suggestion))
        return QuestionResult(quiz.doc.path, index, name, loc, invalid=f"question '{name}': {message}")
    return QuestionResult(quiz.doc.path, index, name, loc, tuple(mismatches))


def unanswered(expect: dict) -> Mismatch | None:
    """A blank answer (every expected value null, as ``cnncalc quiz new --blank`` writes it) is a
    failed question, reported before anything is computed so a blank sheet never shows the key."""
    if any(value is not None for value in expect.values()):
        return None
    return Mismatch("unanswered", f"an answer for {', '.join(map(str, expect))}", "none")


def _expect(quiz: Quiz, question: dict, path: tuple) -> dict:
    for key in question:
        if key not in QUESTION_KEYS and lookup(str(key)) is None:
            raise QuizFileError("unknown key", expected=f"valid: {', '.join(QUESTION_KEYS)} or one layer kind",
                                suggestion=did_you_mean(str(key), QUESTION_KEYS)).with_where(
                loc=quiz.doc.loc(path + (key,), True), field=str(key))
    expect = question.get("expect")
    if not isinstance(expect, dict) or not expect:
        raise QuizFileError("missing expect", expected=f"expect: {{{', '.join(EXPECT_KEYS[:3])}, ...}}").with_where(
            loc=quiz.doc.loc(path), field="expect")
    for key in expect:
        if key not in EXPECT_KEYS:
            raise QuizFileError("unknown expect key", expected=f"valid: {', '.join(EXPECT_KEYS)}",
                                suggestion=did_you_mean(str(key), EXPECT_KEYS)).with_where(
                loc=quiz.doc.loc(path + ("expect", key), True), field=f"expect.{key}")
    return expect


def _compute(quiz: Quiz, question: dict, path: tuple) -> tuple[Report, list | None]:
    from .spec import layer_network, load_network, network_from_document, split_layer

    convention = question.get("convention")
    strict = bool(question.get("strict", False))
    if "model" in question:
        model = question["model"]
        if isinstance(model, str):
            target = os.path.join(os.path.dirname(quiz.doc.path), model)
            if not os.path.isfile(target):
                raise QuizFileError(f"model file '{target}' does not exist",
                                    expected="a path relative to the quiz file, or an inline spec").with_where(
                    loc=quiz.doc.loc(path + ("model",)), field="model")
            network = load_network(target, convention)
        elif isinstance(model, dict):
            network = network_from_document(quiz.doc, path + ("model",), convention)
        else:
            raise QuizFileError("model: is a path or an inline spec").with_where(field="model")
        return summarize(network, strict), None
    layer = {k: v for k, v in question.items() if k not in QUESTION_KEYS}
    if not layer:
        raise QuizFileError("a question needs one layer (such as conv: {...}) or a model:",
                            expected="input: plus one layer kind, or model:")
    kind, written, hp = split_layer(layer, meta=())
    convention = convention or quiz.convention or "textbook"
    if "values" in question:
        from .grammar import parse_matrix
        from .values import matrix_shape

        matrix = parse_matrix(question["values"])
        shape = matrix_shape(matrix)
    elif "input" in question:
        matrix, shape = None, question["input"]
    else:
        raise QuizFileError("a layer question needs input: or values:", expected="input: 32x32x3")
    if hp is not None and not isinstance(hp, dict) and kind.primary:
        hp = {kind.primary: hp}
    network = layer_network(shape, kind.name, hp or {}, convention, quiz.doc, path + (written,))
    report = summarize(network, strict)
    node = network.nodes[0]
    values = None
    if matrix is not None:
        from .values import conv_values, pool_values

        if kind.name in ("maxpool", "avgpool"):
            values = pool_values(report, node, matrix)
        elif kind.name == "conv" and node.hparams.get("weights") is not None:
            values = conv_values(report, node, matrix)
        else:
            raise QuizFileError(f"values: works with maxpool, avgpool and conv with weights:, not {kind.name}")
    return report, values


def _answer(quiz: Quiz, question: dict, path: tuple, expect: dict) -> list[Mismatch]:
    try:
        report, values = _compute(quiz, question, path)
    except (QuizFileError, SpecError) as e:
        if "error" in expect:
            return _expected_error(expect["error"], str(e))
        raise
    except (ShapeError, CnncalcError) as e:
        if "error" in expect:
            return _expected_error(expect["error"], str(e))
        return [Mismatch("error", "no error", str(e))]
    if "error" in expect and expect["error"] not in (False, None):
        return [Mismatch("error", expect["error"], "no error")]
    return [m for key, want in expect.items() if key != "error"
            for m in [_compare(key, want, report, values, quiz, path)] if m is not None]


def _expected_error(want: object, message: str) -> list[Mismatch]:
    if want is True or (isinstance(want, str) and want.lower() in message.lower()):
        return []
    return [Mismatch("error", want, message)]


def _compare(key: str, want: object, report: Report, values: list | None, quiz: Quiz, path: tuple):
    t = report.totals
    try:
        if key == "output":
            expected = parse_shape(want)
            return None if expected == report.output else Mismatch(key, format_shape(expected),
                                                                    format_shape(report.output))
        counts = {"params": t.params, "params_unshared": t.params_unshared, "trainable_params": t.trainable,
                  "non_trainable_params": t.non_trainable, "macs": t.macs}
        if key in counts:
            if isinstance(want, bool) or not isinstance(want, int):
                raise QuizFileError(f"expected a whole number, got {want!r}")
            return None if want == counts[key] else Mismatch(key, want, counts[key])
        if key == "padding":
            if len(report.rows) != 1:
                raise QuizFileError("padding: applies to one-layer questions")
            expected = parse_padding(want)
            pads = report.rows[0].pads
            wanted = expected.pairs * len(pads) if len(expected.pairs) == 1 else expected.pairs
            got = [list(p) for p in pads]
            return None if tuple(wanted) == pads else Mismatch(key, [list(p) for p in wanted], got)
        if key == "values":
            if values is None:
                raise QuizFileError("values: needs a question with values: as input")
            return None if _close(want, values) else Mismatch(key, want, values)
        if key == "receptive_field":
            return _compare_rf(want, report)
        if key == "warnings":
            wanted = want if isinstance(want, list) else [want]
            got = [n.message for n in report.notes]
            missing = [w for w in wanted if not any(str(w).lower() in g.lower() for g in got)]
            return None if not missing else Mismatch(key, missing, got or "no warnings")
    except CnncalcError as e:
        raise e.with_where(loc=quiz.doc.loc(path + ("expect", key)), field=f"expect.{key}") from None
    return None


def _compare_rf(want: object, report: Report):
    rf = report.receptive_field
    got = [a.size for a in rf] if rf else []
    sizes = parse_per_axis(want, "receptive_field")
    wanted = list(sizes) * len(got) if len(sizes) == 1 and got else list(sizes)
    shown = [int(g) if g.denominator == 1 else float(g) for g in got]
    return None if wanted == got else Mismatch("receptive_field", "x".join(map(str, sizes)),
                                               "x".join(map(str, shown)) or "none")


def _close(want: object, got: object) -> bool:
    if isinstance(want, list) and isinstance(got, list):
        return len(want) == len(got) and all(_close(w, g) for w, g in zip(want, got))
    if isinstance(want, (int, float)) and not isinstance(want, bool) and isinstance(got, float):
        return math.isclose(want, got, rel_tol=TOLERANCE, abs_tol=TOLERANCE)
    return False


def check_files(paths: list[str], track=None) -> CheckResults:
    """Every question of every file; an unreadable file is recorded as invalid. ``track(total,
    label)``, when given (the CLI on a terminal), returns a progress tracker for each file."""
    results = CheckResults()
    for path in paths:
        try:
            quiz = load_quiz(path)
        except CnncalcError as e:
            results.invalid.append(str(e))
            continue
        bar = (track or NullBar)(len(quiz.questions), f"checking {os.path.basename(path)}")
        with paused_gc():  # thousands of small networks, no cycles among them
            for i in range(len(quiz.questions)):
                results.items.append(evaluate(quiz, i))
                bar.advance()
        bar.stop()
    return results
