"""Generated sheets: every key passes `cnncalc check`, one changed answer fails exactly its
question, a blank sheet is all unanswered; seeds are reproducible; topics and levels show."""
from __future__ import annotations

import json
import random
import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings, strategies as st

from cnncalc.core.errors import ShapeError
from cnncalc.teach import generate as gen
from cnncalc.core.choices import QUIZ_LEVELS as LEVELS, QUIZ_TOPICS as TOPICS
from cnncalc.teach.generate import Draft, generate, make_question
from cnncalc.teach.sheet import sheet_text

SHEET = 200


def topic_of(question: dict) -> str:
    return question["name"].split(". ", 1)[1].split(":", 1)[0]


def bump(value: object, rng: random.Random) -> object:
    """One expected value changed: an int or float + 1, one axis of a volume + 1, one entry of a list."""
    if isinstance(value, (int, float)):
        return value + 1
    if isinstance(value, str):
        axes = value.split("x")
        i = rng.randrange(len(axes))
        axes[i] = str(int(axes[i]) + 1)
        return "x".join(axes)
    changed = list(value)
    i = rng.randrange(len(changed))
    changed[i] = bump(changed[i], rng)
    return changed


def check_json(run, path: Path) -> tuple[int, dict]:
    result = run("check", str(path), "--format", "json")
    return result.exit_code, json.loads(result.stdout)


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(seed=st.integers(0, 10**6), level=st.sampled_from(LEVELS), pick=st.randoms(use_true_random=False))
def test_a_sheet_passes_one_changed_answer_fails_exactly_its_question_and_blank_is_unanswered(run, seed, level, pick):
    with tempfile.TemporaryDirectory() as folder:
        sheet, blank = Path(folder) / "sheet.quiz.yaml", Path(folder) / "blank.quiz.yaml"
        args = ("quiz", "new", "--count", str(SHEET), "--seed", str(seed), "--difficulty", str(level))
        assert run(*args, "-o", str(sheet)).exit_code == 0
        assert run(*args, "--blank", "-o", str(blank)).exit_code == 0

        code, report = check_json(run, sheet)
        assert (code, report["passed"], report["failed"]) == (0, SHEET, 0)

        questions = yaml.safe_load(sheet.read_text())["questions"]
        target = pick.randrange(SHEET)
        field = pick.choice(sorted(questions[target]["expect"]))
        questions[target]["expect"][field] = bump(questions[target]["expect"][field], pick)
        sheet.write_text(sheet_text(questions, "changed", []))
        code, report = check_json(run, sheet)
        failed = [q["name"] for q in report["questions"] if not q["passed"]]
        assert (code, failed) == (1, [questions[target]["name"]])
        assert [m["field"] for m in report["questions"][target]["mismatches"]] == [field]

        code, report = check_json(run, blank)
        assert (code, report["passed"], report["failed"]) == (1, 0, SHEET)
        assert all(q["mismatches"][0]["field"] == "unanswered" for q in report["questions"])


@settings(max_examples=5, deadline=None)
@given(seeds=st.lists(st.integers(0, 10**9), min_size=2, max_size=2, unique=True), level=st.sampled_from(LEVELS))
def test_same_seed_same_sheet_other_seed_other_sheet(seeds, level):
    first, again, other = (generate(TOPICS, 40, s, level) for s in (seeds[0], seeds[0], seeds[1]))
    assert sheet_text(first, "t", []) == sheet_text(again, "t", [])
    assert sheet_text(first, "t", []) != sheet_text(other, "t", [])


@pytest.mark.parametrize("level", LEVELS)
def test_every_topic_appears_in_rounds(level):
    questions = generate(TOPICS, 3 * len(TOPICS), 11, level)
    for start in range(0, len(questions), len(TOPICS)):
        assert sorted(topic_of(q) for q in questions[start:start + len(TOPICS)]) == sorted(TOPICS)


def walk(value: object):
    """Every (key, value) pair inside a question, at any depth."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield k, v
            yield from walk(v)
    elif isinstance(value, list):
        for v in value:
            yield from walk(v)


def features(questions: list[dict]) -> set[str]:
    """What makes a question harder, as found in the questions themselves."""
    found = set()
    for q in questions:
        for key, value in walk(q):
            if key == "dilation" and value != 1:
                found.add("dilation")
            if key == "ceil_mode" and value is True:
                found.add("ceil_mode")
            if key == "kernel" and isinstance(value, list) and len(set(value)) > 1:
                found.add("non-square")
            if key == "convention":
                found.add(f"convention {value}")
        if gen.FLOOR_NOTE in q["name"]:
            found.add("floor")
        if any(begin != end for begin, end in q["expect"].get("padding", [])):
            found.add("odd pixel")
    return found


def test_level_one_is_whole_numbers_without_dilation():
    found = features(generate(TOPICS, SHEET, 3, 1))
    assert not found & {"dilation", "ceil_mode", "non-square", "floor", "odd pixel"}


def test_level_two_has_odd_pixels_floors_and_dilation():
    found = features(generate(TOPICS, SHEET, 3, 2))
    assert {"dilation", "floor", "odd pixel"} <= found
    assert not found & {"ceil_mode", "non-square", "convention pytorch"}


def test_level_three_has_ceil_mode_under_pytorch_dilation_and_non_square_kernels():
    questions = generate(TOPICS, SHEET, 3, 3)
    assert {"dilation", "ceil_mode", "non-square", "convention pytorch"} <= features(questions)
    for q in questions:
        if any(k == "ceil_mode" for k, _ in walk(q)):
            assert q.get("convention") == "pytorch", q["name"]


def test_a_question_that_cannot_be_computed_is_drawn_again(monkeypatch):
    draws = iter([{"input": "3x3x1", "conv": {"filters": 1, "kernel": 5}},     # kernel larger than input
                  {"input": "5x5x1", "conv": {"filters": 2, "kernel": 3}}])
    monkeypatch.setitem(gen.MAKERS, "conv", lambda rng, level: Draft("t", next(draws), ("output", "params")))
    question = make_question(random.Random(0), "conv", 1, 1)
    assert question["input"] == "5x5x1"
    from cnncalc import infer_layer

    row = infer_layer("5x5x1", "conv", {"filters": 2, "kernel": 3}).row
    assert question["expect"] == {"output": "x".join(map(str, row.output)), "params": row.params}


def test_drawing_is_bounded_when_nothing_computes(monkeypatch):
    monkeypatch.setitem(gen.MAKERS, "conv", lambda rng, level: Draft("t", {"input": "3x3x1", "conv": {"filters": 1, "kernel": 5}}, ("output",)))
    with pytest.raises(RuntimeError, match="no computable conv question"):
        make_question(random.Random(0), "conv", 1, 1)
    from cnncalc import infer_layer

    with pytest.raises(ShapeError):
        infer_layer("3x3x1", "conv", {"filters": 1, "kernel": 5})


def test_level_one_draws_again_when_the_division_is_not_whole(monkeypatch):
    draws = iter([{"input": "28x28x1", "conv": {"filters": 1, "kernel": 3, "stride": 2}},   # 12.5 + 1
                  {"input": "29x29x1", "conv": {"filters": 1, "kernel": 3, "stride": 2}}])
    monkeypatch.setitem(gen.MAKERS, "conv", lambda rng, level: Draft("t", next(draws), ("output",)))
    assert make_question(random.Random(0), "conv", 1, 1)["input"] == "29x29x1"


def test_a_floored_question_says_so(monkeypatch):
    draft = Draft("t", {"input": "28x28x1", "conv": {"filters": 1, "kernel": 3, "stride": 2}}, ("output",))
    monkeypatch.setitem(gen.MAKERS, "conv", lambda rng, level: draft)
    assert make_question(random.Random(0), "conv", 2, 4)["name"] == f"4. conv: t{gen.FLOOR_NOTE}"


def test_generation_needs_no_printing(capsys):
    generate(TOPICS, 20, 5, 3)
    assert capsys.readouterr() == ("", "")
