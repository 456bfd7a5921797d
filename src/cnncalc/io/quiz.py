"""The quiz file schema: a mapping with ``questions:``, each an input plus one layer (or a
``model:``) and what the answer must be (``expect:``). Reading only; evaluation is
``analyses.check``."""
from __future__ import annotations

from dataclasses import dataclass

from cnncalc.core.errors import QuizFileError, did_you_mean, first_unknown, unknown_key
from cnncalc.core.layers import lookup
from cnncalc.io.yamlsrc import Document, load_file

QUIZ_KEYS = ("name", "convention", "layout", "questions")
QUESTION_KEYS = ("name", "input", "values", "convention", "layout", "strict", "model", "expect")


@dataclass(frozen=True)
class Quiz:
    """A parsed quiz file: its document and the questions in it."""

    doc: Document
    convention: str | None
    questions: tuple[dict, ...]
    layout: str | None = None

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
    key = first_unknown(data, QUIZ_KEYS)
    if key is not None:
        raise unknown_key(key, QUIZ_KEYS, QuizFileError).with_where(loc=doc.loc((key,), True))
    return Quiz(doc, data.get("convention"), tuple(data["questions"]), data.get("layout"))


def check_question_keys(quiz: Quiz, question: dict, path: tuple) -> None:
    """Every key of a question is a question key or one layer kind."""
    for key in question:
        if key not in QUESTION_KEYS and lookup(str(key)) is None:
            raise QuizFileError("unknown key", expected=f"valid: {', '.join(QUESTION_KEYS)} or one layer kind",
                                suggestion=did_you_mean(str(key), QUESTION_KEYS), on_key=True).with_where(
                loc=quiz.doc.loc(path + (key,), True), field=str(key))


def layer_of(question: dict) -> dict:
    """The layer part of a question: every key that is not a question key."""
    return {k: v for k, v in question.items() if k not in QUESTION_KEYS}
