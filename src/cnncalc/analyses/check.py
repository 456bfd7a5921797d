"""Quiz questions → results: each question's computed answer compared with its ``expect``.

A wrong answer, and a question that cannot be evaluated (an unknown key, a bad value, any
failure inside it), is one failed question with its reason (exit 1); it never stops the
others. Only a file that cannot be read at all is exit 2. The run closes with ``N passed,
M failed``. ``values:`` questions need the NumPy engine, which the caller hands in.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Callable

from cnncalc.analyses.compare import COMPARERS, EXPECT_KEYS, Answer, Mismatch
from cnncalc.analyses.summary import summarize
from cnncalc.core.budget import Budget
from cnncalc.core.errors import CnncalcError, ExitCode, Loc, QuizFileError, SpecError, first_unknown, unknown_key
from cnncalc.core.gcpause import paused_gc
from cnncalc.core.layers.base import boolean
from cnncalc.core.layers.memory import check_values_memory
from cnncalc.core.errors import cut
from cnncalc.core.literals import matrix_shape, parse_matrix
from cnncalc.core.network import Inferred
from cnncalc.core.progress import NullBar
from cnncalc.io.quiz import Quiz, check_question_keys, layer_of, load_quiz
from cnncalc.io import zoo
from cnncalc.io.spec import layer_network, load_network, network_from_document, split_layer

ValuesFn = Callable[[Inferred, list], list]
"""``compute_values(layer, matrix)``: the numbers a layer computes over a one-channel matrix."""


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
        return sum(not r.passed for r in self.items)

    @property
    def exit_code(self) -> ExitCode:
        if self.invalid:
            return ExitCode.BAD_INPUT
        return ExitCode.FAILED if self.failed else ExitCode.OK

    @property
    def summary(self) -> str:
        return f"{self.passed} passed, {self.failed} failed"


@dataclass
class Run:
    """What the questions of one quiz file share: the values engine, whether ``model:`` paths may
    leave the quiz file's folder, and the work budget left (``core.budget``)."""

    compute_values: ValuesFn | None = None
    outside: bool = False
    budget: Budget = field(default_factory=Budget.for_quiz)


def evaluate(quiz: Quiz, index: int, compute_values: ValuesFn | None = None, run: Run | None = None
             ) -> QuestionResult:
    """Compute one question and compare; an invalid question is reported, not raised."""
    run = run or Run(compute_values)
    path = ("questions", index)
    name, loc = quiz.name_of(index), quiz.doc.loc(path)
    try:
        question = quiz.questions[index]
        if not isinstance(question, dict):
            raise QuizFileError("a question must be a mapping").with_where(loc=loc)
        expect = _expect(quiz, question, path)
        blank = unanswered(expect)
        mismatches = [blank] if blank else _answer(quiz, question, path, expect, run)
    except CnncalcError as e:
        return QuestionResult(quiz.doc.path, index, name, loc, invalid=str(e.with_where(loc=loc)))
    except Exception as e:  # noqa: BLE001 - one question's failure never stops the run
        return QuestionResult(quiz.doc.path, index, name, loc,
                              invalid=f"{loc}: internal error, please report it: {type(e).__name__}: {cut(str(e))}")
    return QuestionResult(quiz.doc.path, index, name, loc, tuple(mismatches))


def unanswered(expect: dict) -> Mismatch | None:
    """A blank answer (every expected value null, as ``cnncalc quiz new --blank`` writes it) is a
    failed question, reported before anything is computed so a blank sheet never shows the key."""
    if any(value is not None for value in expect.values()):
        return None
    return Mismatch("unanswered", f"an answer for {', '.join(map(str, expect))}", "none")


def _expect(quiz: Quiz, question: dict, path: tuple) -> dict:
    check_question_keys(quiz, question, path)
    expect = question.get("expect")
    if not isinstance(expect, dict) or not expect:
        raise QuizFileError("missing expect", expected=f"expect: {{{', '.join(EXPECT_KEYS[:3])}, ...}}").with_where(
            loc=quiz.doc.loc(path), field="expect")
    key = first_unknown(expect, EXPECT_KEYS)
    if key is not None:
        raise unknown_key(key, EXPECT_KEYS, QuizFileError, "expect key", "expect.").with_where(
            loc=quiz.doc.loc(path + ("expect", key), True))
    return expect


def model_path(quiz: Quiz, model: str, outside: bool) -> str:
    """The file a ``model:`` names, relative to the quiz file; inside the quiz file's folder (links
    resolved) unless ``outside`` allows any path (``cnncalc check --allow-outside``)."""
    folder = os.path.dirname(quiz.doc.path) if quiz.doc.path != "<stdin>" else ""
    target = os.path.join(folder, model)
    if not outside:
        base, real = os.path.realpath(folder or "."), os.path.realpath(target)
        if os.path.commonpath([base, real]) != base:
            raise QuizFileError(f"model: '{cut(model)}' is outside the quiz file's folder",
                                expected="a path inside it, or cnncalc check --allow-outside")
    if not os.path.isfile(target):
        raise QuizFileError(f"model file '{cut(target, 200)}' does not exist",
                            expected="a path relative to the quiz file, or an inline spec")
    return target


def _compute(quiz: Quiz, question: dict, path: tuple, run: Run) -> Answer:
    convention = question.get("convention")
    layout = question.get("layout", quiz.layout)
    try:
        strict = boolean(question.get("strict", False))
    except CnncalcError as e:
        raise e.with_where(loc=quiz.doc.loc(path + ("strict",)), field="strict") from None
    if "model" in question:
        model = question["model"]
        if isinstance(model, str):
            try:
                target = model_path(quiz, model, run.outside)
            except CnncalcError as e:
                if zoo.path_of(model) is None:  # not a file beside the quiz: a shipped network's name?
                    raise e.with_where(loc=quiz.doc.loc(path + ("model",)), field="model") from None
                target = zoo.path_of(model)
            network = load_network(target, convention, layout, run.budget)
        elif isinstance(model, dict):
            network = network_from_document(quiz.doc, path + ("model",), convention, layout, run.budget)
        else:
            raise QuizFileError("model: is a path or an inline spec").with_where(field="model")
        return Answer(summarize(network, strict))
    layer = layer_of(question)
    if not layer:
        raise QuizFileError("a question needs one layer (such as conv: {...}) or a model:",
                            expected="input: plus one layer kind, or model:")
    kind, written, hp = split_layer(layer, meta=())
    convention = convention or quiz.convention or "textbook"
    if "values" in question:
        matrix = parse_matrix(question["values"])
        shape = matrix_shape(matrix)
    elif "input" in question:
        matrix, shape = None, question["input"]
    else:
        raise QuizFileError("a layer question needs input: or values:", expected="input: 32x32x3")
    if hp is not None and not isinstance(hp, dict) and kind.primary:
        hp = {kind.primary: hp}
    network = layer_network(shape, kind.name, hp or {}, convention, quiz.doc, path + (written,),
                            layout if matrix is None and layout is not None else "hwc", run.budget)
    report = summarize(network, strict)
    if matrix is None:
        return Answer(report)
    if run.compute_values is None:
        raise QuizFileError("values: questions need the forward engine")
    layer = report.rows[0].layer
    run.budget.spend_values(check_values_memory(layer))  # counted before the engine runs
    try:
        return Answer(report, run.compute_values(layer, matrix))
    except SpecError as e:
        raise QuizFileError(e.message) from None


def _answer(quiz: Quiz, question: dict, path: tuple, expect: dict, run: Run) -> list[Mismatch]:
    try:
        answer = _compute(quiz, question, path, run)
    except (QuizFileError, SpecError) as e:
        if "error" in expect:
            return _expected_error(expect["error"], e)
        raise
    except CnncalcError as e:
        if "error" in expect:
            return _expected_error(expect["error"], e)
        return [Mismatch("error", "no error", str(e))]
    if "error" in expect and expect["error"] not in (False, None):
        return [Mismatch("error", expect["error"], "no error")]
    mismatches = []
    for key, want in expect.items():
        if key == "error":
            continue
        try:
            mismatch = COMPARERS[key](want, answer)
        except CnncalcError as e:
            raise e.with_where(loc=quiz.doc.loc(path + ("expect", key)), field=f"expect.{key}") from None
        if mismatch is not None:
            mismatches.append(mismatch)
    return mismatches


def _expected_error(want: object, error: CnncalcError) -> list[Mismatch]:
    """``error: true`` takes any error; ``error: "text"`` must be in the reason's first clause
    (what is wrong), not in the valid choices listed after it."""
    if want is True or (isinstance(want, str) and want.lower() in error.reason.lower()):
        return []
    return [Mismatch("error", want, str(error))]


def check_files(paths: list[str], track=None, compute_values: ValuesFn | None = None, outside: bool = False
                ) -> CheckResults:
    """Every question of every file; an unreadable file is recorded as invalid, and so is a file
    whose questions together spend more than its work budget (the questions after are not run).
    ``track(total, label)``, when given (the CLI on a terminal), returns a progress tracker for
    each file."""
    results = CheckResults()
    for path in paths:
        try:
            quiz = load_quiz(path)
        except CnncalcError as e:
            results.invalid.append(str(e))
            continue
        run = Run(compute_values, outside)
        bar = (track or NullBar)(len(quiz.questions), f"checking {os.path.basename(path)}")
        with paused_gc():  # thousands of small networks, no cycles among them
            for i in range(len(quiz.questions)):
                results.items.append(evaluate(quiz, i, run=run))
                bar.advance()
                overrun = run.budget.overrun()
                if overrun is not None:
                    where = results.items[-1].loc or Loc(path)
                    results.invalid.append(f"{where}: {overrun}; the questions after this one were not run")
                    break
        bar.stop()
    return results
