"""The practice loop: a question, the typed answer, right or wrong, the working, the score.

``drill(questions, read_line, write)`` takes its input and output as callables, so it runs
the same on a terminal, from a pipe and in a test: ``read_line()`` returns one line, or None
at the end of input; ``write(text)`` writes the text as it is. ``q`` or the end of input
(Ctrl-D) stops and prints the score. A wrong answer shows the key and the worked arithmetic
of ``cnncalc layer``; an answer that cannot be read gets a hint and the same prompt, three
times at most.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from cnncalc.teach import answers
from cnncalc.teach.key import layer_explanations, work
from cnncalc.teach.sheet import question_lines

QUIT = ("q", "quit")
MAX_MALFORMED = 3


@dataclass
class Score:
    """Answers right out of answers asked (a question asks one answer per ``expect`` field)."""

    right: int = 0
    asked: int = 0

    def __str__(self) -> str:
        return f"score: {self.right}/{self.asked}"


class _Stop(Exception):
    """``q`` or the end of input."""


def drill(questions: Iterable[dict], read_line: Callable[[], str | None], write: Callable[[str], None]) -> Score:
    """Ask every field of every question until the questions, or the learner, stop."""
    score = Score()
    try:
        for question in questions:
            write("\n".join([question["name"], *question_lines(question, 2)]) + "\n")
            missed = False
            for field, want in question["expect"].items():
                right = _ask(field, want, read_line, write)
                score.asked += 1
                score.right += right
                missed = missed or not right
            if missed:
                write(working(question) + "\n")
            write("\n")
    except _Stop:
        pass
    write(f"{score}\n")
    return score


def _ask(field: str, want: object, read_line: Callable[[], str | None], write: Callable[[str], None]) -> bool:
    for _ in range(MAX_MALFORMED):
        write(f"{answers.prompt(field)}? ")
        line = read_line()
        if line is None:
            write("\n")
            raise _Stop
        text = line.strip()
        if text.lower() in QUIT:
            raise _Stop
        try:
            right = answers.check(field, text, want)
        except answers.Malformed as e:
            write(f"could not read '{text}': {e}\n")
            continue
        write("right\n" if right else f"wrong: the answer is {answers.show(field, want)}\n")
        return right
    write(f"moving on after {MAX_MALFORMED} answers that could not be read; the answer is"
          f" {answers.show(field, want)}\n")
    return False


def working(question: dict) -> str:
    """The arithmetic behind the key: ``cnncalc layer``'s working, layer by layer for a model."""
    worked = work(question)
    if worked.explanation is not None:
        return _working(worked.explanation, worked.values)
    asks = question["expect"]
    parts = []
    if "output" in asks or "params" in asks:
        explanations = layer_explanations(question, worked.report)
        parts += [_working(e) for e in explanations if e.row.params or e.row.output != e.row.input[0]]
        counted = [row.params for row in worked.report.rows if row.params]
        parts.append(f"params total  {' + '.join(f'{p:,}' for p in counted)} = {worked.report.totals.params:,}")
    if "receptive_field" in asks:
        parts.append(f"receptive field  {rf_steps(worked.report.rows)}")
    return "\n\n".join(parts)


def rf_steps(rows) -> str:
    """r + (k_eff − 1)·jump for each layer that widens the view, from r = 1, jump = 1 at the input."""
    steps, size, jump = [], 1, 1
    for row in rows:
        if not row.rf:
            continue
        new_size, new_jump = int(row.rf[0].size), int(row.rf[0].jump)
        if new_size != size:
            steps.append(f"{size} + ({(new_size - size) // jump + 1} − 1)·{jump} = {new_size}")
        size, jump = new_size, new_jump
    return "; ".join(steps)


def _working(explanation, values: list | None = None) -> str:
    from cnncalc.report.layer import render_layer
    from cnncalc.report.text import Format  # the one place the drill draws working; it is `cnncalc layer`'s

    return render_layer(explanation, Format.TABLE, values)
