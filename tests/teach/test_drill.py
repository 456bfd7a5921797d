"""The drill: scripted sessions through the CLI with exact output, typed-answer forms, and a run
on a real pseudo-terminal."""
from __future__ import annotations

import os
import pty
import re
import select
import subprocess
import sys
import time

import pytest

from cnncalc import infer_layer
from cnncalc.report.layer import render_layer
from cnncalc.report.text import Format
from cnncalc.teach import answers
from cnncalc.teach.drill import Score, drill
from cnncalc.core.choices import QUIZ_LEVELS as LEVELS, QUIZ_TOPICS as TOPICS
from cnncalc.teach.generate import generate
from cnncalc.teach.sheet import flow

INTRO = "drill: conv; difficulty 1; seed 3. Type each answer and press Enter; q or Ctrl-D ends.\n\n"
PROMPT = "output volume (HxWxD)? "
VOLUME_HINT = "type a volume as HxWxD, such as 14x14x20 (a flat vector as its length, such as 10)"


def conv_questions(count: int) -> list[dict]:
    return generate(("conv",), count, 3, 1)


def shown(question: dict) -> str:
    return f"{question['name']}\n  input: {question['input']}\n  conv: {flow(question['conv'])}\n"


def conv_working(question: dict) -> str:
    return render_layer(infer_layer(question["input"], "conv", question["conv"]), Format.TABLE)


def wrong_volume(volume: str) -> str:
    first, rest = volume.split("x", 1)
    return f"{int(first) + 1}x{rest}"


def lines(*typed: str):
    """A read_line that answers ``typed`` and then reports the end of input."""
    it = iter(typed)
    return lambda: next(it, None)


def test_session_right_wrong_malformed_then_q_has_exact_output(run):
    q = conv_questions(4)
    keys = [question["expect"]["output"] for question in q]
    wrong = wrong_volume(keys[1])
    typed = f"{keys[0]}\n{wrong}\n14 by 14\n{keys[2]}\nq\n"
    result = run("drill", "--topics", "conv", "--seed", "3", input=typed)
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (
        INTRO
        + shown(q[0]) + f"{PROMPT}{keys[0]}\nright\n\n"
        + shown(q[1]) + f"{PROMPT}{wrong}\nwrong: the answer is {keys[1]}\n{conv_working(q[1])}\n\n"
        + shown(q[2]) + f"{PROMPT}14 by 14\ncould not read '14 by 14': {VOLUME_HINT}\n"
        + f"{PROMPT}{keys[2]}\nright\n\n"
        + shown(q[3]) + f"{PROMPT}q\nscore: 2/3\n")


def test_end_of_input_ends_with_the_score(run):
    q = conv_questions(2)
    result = run("drill", "--topics", "conv", "--seed", "3", input=f"{q[0]['expect']['output']}\n")
    assert result.exit_code == 0
    assert result.stdout == INTRO + shown(q[0]) + f"{PROMPT}{q[0]['expect']['output']}\nright\n\n" \
        + shown(q[1]) + f"{PROMPT}\nscore: 1/1\n"


def test_three_malformed_answers_move_on_as_wrong_with_the_working(run):
    q = conv_questions(2)
    result = run("drill", "--topics", "conv", "--seed", "3", input="a\nb\nc\n")
    hints = "".join(f"{PROMPT}{t}\ncould not read '{t}': {VOLUME_HINT}\n" for t in "abc")
    assert result.stdout == INTRO + shown(q[0]) + hints \
        + f"moving on after 3 answers that could not be read; the answer is {q[0]['expect']['output']}\n" \
        + f"{conv_working(q[0])}\n\n" + shown(q[1]) + f"{PROMPT}\nscore: 0/1\n"


def test_count_stops_the_drill(run):
    q = conv_questions(1)
    result = run("drill", "--topics", "conv", "--seed", "3", "--count", "1", input=f"{q[0]['expect']['output']}\n")
    assert result.stdout.endswith("right\n\nscore: 1/1\n")


def test_drill_asks_the_questions_of_the_sheet_of_its_seed(run):
    sheet = run("quiz", "new", "--topics", "conv", "--seed", "3", "--count", "2").stdout
    for question in conv_questions(2):
        assert shown(question).splitlines()[1] in sheet


@pytest.mark.parametrize("level", LEVELS)
def test_every_key_typed_as_shown_is_right_and_a_changed_one_wrong(level):
    for question in generate(TOPICS, 3 * len(TOPICS), 21, level):
        typed = [answers.show(field, want) for field, want in question["expect"].items()]
        out: list[str] = []
        assert drill([question], lines(*typed), out.append) == Score(len(typed), len(typed))
        assert "wrong" not in "".join(out)


@pytest.mark.parametrize("field,text,want", [
    ("output", "14x14x20", "14x14x20"), ("output", "(14, 14, 20)", "14x14x20"), ("output", "14 x 14 x 20", "14x14x20"),
    ("output", "10", 10), ("params", "3860", 3860), ("params", "3,860", 3860), ("params_unshared", "756 560", 756560),
    ("padding", "[[3, 4], [3, 4]]", [[3, 4], [3, 4]]), ("padding", "3+4, 3+4", [[3, 4], [3, 4]]),
    ("values", "2.5,10,15,6", [[2.5, 10], [15, 6]]), ("values", "[[1.375, 0.875], [5, 4]]", [[1.375, 0.875], [5, 4]]),
    ("values", "11/8 7/8; 5 4", [[1.375, 0.875], [5, 4]]), ("receptive_field", "5x5", 5), ("receptive_field", "5", 5),
])
def test_typed_answers_in_the_lessons_forms_are_right(field, text, want):
    assert answers.check(field, text, want)


@pytest.mark.parametrize("field,text,want", [
    ("output", "14x14x21", "14x14x20"), ("output", "14x14", "14x14x20"), ("params", "3,861", 3860),
    ("padding", "[[4, 3], [3, 4]]", [[3, 4], [3, 4]]), ("values", "2.5,10,15,7", [[2.5, 10], [15, 6]]),
    ("receptive_field", "5x6", 5),
])
def test_readable_but_wrong_answers_are_wrong(field, text, want):
    assert not answers.check(field, text, want)


@pytest.mark.parametrize("field,text,want", [
    ("output", "fourteen", "14x14x20"), ("output", "", "14x14x20"), ("params", "3860.5", 3860),
    ("padding", "3 4 3", [[3, 4], [3, 4]]), ("padding", "1.5 2 1 2", [[1, 2], [1, 2]]),
    ("values", "2.5,10,15", [[2.5, 10], [15, 6]]), ("values", "a,b,c,d", [[2.5, 10], [15, 6]]),
    ("receptive_field", "wide", 5),
])
def test_unreadable_answers_raise_a_one_line_hint(field, text, want):
    with pytest.raises(answers.Malformed) as caught:
        answers.check(field, text, want)
    assert str(caught.value) and "\n" not in str(caught.value)


def test_a_wrong_model_answer_shows_its_layers_working_and_the_total():
    question = generate(("model",), 1, 2, 1)[0]
    out: list[str] = []
    drill([question], lines("1", "1"), out.append)
    text = "".join(out)
    model = question["model"]
    first = render_layer(infer_layer(model["input"], "conv", model["layers"][0]["conv"]), Format.TABLE)
    assert f"wrong: the answer is {question['expect']['output']}\n" in text
    assert first in text
    assert re.search(rf"\nparams total  [0-9,]+( \+ [0-9,]+)+ = {question['expect']['params']:,}\n", text)


def test_a_wrong_receptive_field_shows_the_growth_layer_by_layer():
    question = {"name": "rf", "model": {"input": "32x32x3", "layers": [{"conv": {"filters": 8, "kernel": 3}},
                                                                       {"conv": {"filters": 8, "kernel": 3}}]},
                "expect": {"receptive_field": 5}}
    out = []
    drill([question], lines("4"), out.append)
    assert "receptive field  1 + (3 − 1)·1 = 3; 3 + (3 − 1)·1 = 5\n" in "".join(out)


# --- a real terminal ------------------------------------------------------------------------------

def read_until(fd: int, marker: bytes, deadline: float) -> bytes:
    """Read the terminal until ``marker`` shows up (or the child closes it), failing at the deadline."""
    data = b""
    while marker not in data:
        left = deadline - time.monotonic()
        assert left > 0, f"timed out waiting for {marker!r}; got {data!r}"
        ready, _, _ = select.select([fd], [], [], left)
        if not ready:
            continue
        try:
            chunk = os.read(fd, 4096)
        except OSError:  # the child closed the terminal
            break
        if not chunk:
            break
        data += chunk
    return data


def test_drill_on_a_pseudo_terminal():
    question = generate(TOPICS, 1, 1, 1)[0]
    typed = [answers.show(field, want) for field, want in question["expect"].items()]
    main_fd, child_fd = pty.openpty()
    child = subprocess.Popen([sys.executable, "-m", "cnncalc", "drill", "--seed", "1"], stdin=child_fd,
                             stdout=child_fd, stderr=child_fd, start_new_session=True, close_fds=True)
    os.close(child_fd)
    deadline = time.monotonic() + 60
    try:
        seen = read_until(main_fd, b"? ", deadline)
        for answer in typed:
            os.write(main_fd, f"{answer}\n".encode())
            seen += read_until(main_fd, b"? ", deadline)
        os.write(main_fd, b"q\n")
        seen += read_until(main_fd, b"score: ", deadline)
        seen += read_until(main_fd, b"\n", deadline)
        assert child.wait(timeout=max(deadline - time.monotonic(), 1)) == 0
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
        os.close(main_fd)
    text = seen.decode().replace("\r\n", "\n")
    assert question["name"] in text
    assert f"score: {len(typed)}/{len(typed)}\n" in text
