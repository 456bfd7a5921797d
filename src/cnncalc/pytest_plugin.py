"""pytest plugin (entry point ``pytest11``): every ``*.quiz.yaml`` file is collected, one test
item per question, failing with expected vs got."""
from __future__ import annotations

import pytest


def pytest_collect_file(parent, file_path):
    if file_path.name.endswith(".quiz.yaml"):
        return QuizFile.from_parent(parent, path=file_path)
    return None


class QuizFile(pytest.File):
    def collect(self):
        from cnncalc.io.quiz import load_quiz
        from cnncalc.core.errors import CnncalcError

        try:
            quiz = load_quiz(str(self.path))
        except CnncalcError as e:
            raise self.CollectError(str(e)) from None
        from cnncalc.analyses.check import Run
        from cnncalc.engines.values import compute_values

        run = Run(compute_values)  # one work budget for the file's questions, as cnncalc check gives
        for index in range(len(quiz.questions)):
            yield QuizItem.from_parent(self, name=quiz.name_of(index), quiz=quiz, index=index, run=run)


class QuizAnswerError(Exception):
    """A question whose computed answer differs from its expect:."""


class QuizItem(pytest.Item):
    def __init__(self, *, quiz, index, run, **kwargs):
        super().__init__(**kwargs)
        self.quiz, self.index, self.run = quiz, index, run

    def runtest(self):
        from cnncalc.analyses.check import evaluate
        from cnncalc.report.check import mismatch_text

        result = evaluate(self.quiz, self.index, run=self.run)
        if not result.passed:
            raise QuizAnswerError(mismatch_text(result))

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, QuizAnswerError):
            return f"{self.name}: {excinfo.value}"
        return super().repr_failure(excinfo, style)

    def reportinfo(self):
        loc = self.quiz.doc.loc(("questions", self.index))
        return self.path, (loc.line - 1 if loc and loc.line else None), f"quiz: {self.name}"
