"""`cnncalc quiz new`: the file it writes, its errors and help; `cnncalc check` on blank answers;
the pre-commit hook; and the teach package's reach into the rest of cnncalc."""
from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from xml.etree import ElementTree as ET

import pytest
import yaml

from cnncalc.analyses.check import unanswered
from cnncalc.analyses.compare import Mismatch
from cnncalc.teach.generate import TOPICS, generate
from cnncalc.teach.sheet import flow, scalar, sheet_text

from ..conftest import ROOT


def new(run, tmp_path, *args: str, name: str = "sheet.quiz.yaml"):
    path = tmp_path / name
    result = run("quiz", "new", *args, "-o", str(path))
    assert result.exit_code == 0, result.stderr
    return path, result


def test_quiz_new_writes_a_sheet_that_checks(run, tmp_path):
    path, result = new(run, tmp_path, "--count", "12", "--seed", "5")
    assert result.stdout == f"wrote 12 questions to {path} (seed 5)\n"
    text = path.read_text()
    assert text.startswith("# cnncalc quiz new --topics conv,pool,params,padding,tf,transpose,receptive_field,model"
                           " --count 12 --seed 5 --difficulty 1\n")
    checked = run("check", str(path))
    assert checked.exit_code == 0 and checked.stdout.rstrip().endswith("12 passed, 0 failed")


def test_the_same_options_write_the_same_bytes_and_topic_order_does_not_matter(run, tmp_path):
    first, _ = new(run, tmp_path, "--topics", "conv,pool,tf", "--seed", "9", "--count", "30", name="a.quiz.yaml")
    again, _ = new(run, tmp_path, "--topics", "tf,conv,pool", "--seed", "9", "--count", "30", name="b.quiz.yaml")
    assert first.read_bytes() == again.read_bytes()
    assert run("quiz", "new", "--topics", "conv,pool,tf", "--seed", "9", "--count", "30").stdout == first.read_text()


def test_without_a_seed_the_sheet_says_which_it_drew(run, tmp_path):
    path, result = new(run, tmp_path, "--count", "3")
    seed = re.fullmatch(r"wrote 3 questions to .* \(seed (\d+)\)\n", result.stdout).group(1)
    assert f"--seed {seed} " in path.read_text().splitlines()[0]
    again, _ = new(run, tmp_path, "--count", "3", "--seed", seed, name="again.quiz.yaml")
    assert again.read_bytes() == path.read_bytes()


def test_a_sheet_reads_back_as_the_questions_with_plain_decimal_numbers():
    questions = generate(TOPICS, 200, 17, 2)
    text = sheet_text(questions, "t", ["header"])
    assert yaml.safe_load(text)["questions"] == questions
    unquoted = re.sub(r'"(?:[^"\\]|\\.)*"', "", re.sub(r"(?m)^#.*$", "", text))
    numbers = re.findall(r"(?<![\w.])-?[0-9][0-9.eE+-]*(?![\w.])", unquoted)
    assert numbers and all(re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", n) for n in numbers)


@pytest.mark.parametrize("text", ["yes", "no", "on", "null", "1.5", "0x1F", "010", "a: b", "a, b", "[x]", "#", "",
                                  "14x14x20", "same", "tensorflow", "it's"])
def test_a_string_reads_back_as_itself(text):
    assert yaml.safe_load(f"k: {scalar(text)}") == {"k": text}
    assert yaml.safe_load(f"k: {flow([text, {'a': text}])}") == {"k": [text, {"a": text}]}


def test_numbers_that_are_not_plain_decimals_are_refused():
    assert flow([1, 2.5, -0.125, None, True]) == "[1, 2.5, -0.125, ~, true]"
    with pytest.raises(ValueError, match="not a plain decimal"):
        flow(1e-7)


# --- blank sheets and cnncalc check --------------------------------------------------------------

def test_a_blank_sheet_is_unanswered_question_by_question(run, tmp_path):
    path, _ = new(run, tmp_path, "--count", "8", "--seed", "4", "--blank")
    text = path.read_text()
    assert "expect: {output: ~}" in text and not re.search(r"expect: \{[^}]*: [^~ ][^}]*\}", text)
    report = tmp_path / "report.xml"
    result = run("check", str(path), "--junit", str(report))
    assert result.exit_code == 1 and result.stderr == ""
    names = [q["name"] for q in generate(TOPICS, 8, 4, 1)]
    for name in names:
        line = next(line for line in result.stdout.splitlines() if name in line)
        assert line.startswith("✗") and "unanswered: expected an answer for" in line
    assert result.stdout.rstrip().endswith("0 passed, 8 failed")
    root = ET.parse(report).getroot()
    assert (root.get("tests"), root.get("failures")) == ("8", "8")
    assert len(root.findall(".//failure")) == 8 and not root.findall(".//error")


def test_unanswered_is_every_expected_value_null():
    assert unanswered({"output": None, "params": None}) == Mismatch("unanswered", "an answer for output, params",
                                                                    "none")
    assert unanswered({"output": "14x14x20", "params": None}) is None
    assert unanswered({"params": 3860}) is None


def test_a_blank_answer_never_shows_the_key(run, tmp_path):
    path = tmp_path / "q.quiz.yaml"
    path.write_text("questions:\n  - input: 32x32x3\n    conv: {filters: 20, kernel: 8, stride: 2, padding: 1}\n"
                    "    expect: {output: ~, params: ~}\n")
    result = run("check", str(path), "--format", "json")
    shown = result.stdout.replace(str(path), "")  # the temporary folder's name may hold any digits
    assert result.exit_code == 1 and "14" not in shown and "3860" not in shown


# --- flags, errors and help ------------------------------------------------------------------------

@pytest.mark.parametrize("args,message", [
    (("--topics", "conv,pooling"), "Error: --topics conv,pooling: unknown topic 'pooling'; valid: conv, pool, params, "
                                   "padding, tf, transpose, receptive_field, model; did you mean 'pool'?"),
    (("--topics", ","), "Error: --topics ,: names no topic; such as conv,pool; valid: conv, pool, params, padding, tf, "
                        "transpose, receptive_field, model"),
    (("--count", "0"), "Error: --count 0: must be from 1 to 10,000"),
    (("--difficulty", "4"), "Error: --difficulty 4: must be from 1 to 3"),
])
def test_bad_flags_are_one_line_and_exit_2(run, args, message):
    result = run("quiz", "new", *args)
    assert (result.exit_code, result.stderr, result.stdout) == (2, message + "\n", "")


def test_an_unwritable_output_is_a_flag_error(run, tmp_path):
    target = tmp_path / "missing" / "sheet.quiz.yaml"
    result = run("quiz", "new", "-o", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"Error: --output {target}: the folder '{target.parent}' does not exist; an existing folder\n"


def test_drill_flags_are_checked_too(run):
    result = run("drill", "--topics", "convolution")
    assert result.exit_code == 2 and result.stderr.startswith("Error: --topics convolution: unknown topic")


@pytest.mark.parametrize("command", [("quiz",), ("quiz", "new"), ("drill",)])
def test_every_teach_command_has_a_summary_and_an_example(run, command):
    text = run(*command, "--help").stdout
    summary = text.split("\n\n")[1].strip()
    assert summary and summary.endswith(".")
    assert "Example:\n    cnncalc " in text


# --- the pre-commit hook ---------------------------------------------------------------------------

def hook() -> dict:
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    assert isinstance(hooks, list) and [h["id"] for h in hooks] == ["cnncalc-check"]
    return hooks[0]


def test_the_hook_manifest_has_what_pre_commit_requires():
    entry = hook()
    for field in ("id", "name", "entry", "language", "files"):
        assert isinstance(entry[field], str) and entry[field]
    assert entry["language"] == "python" and shlex.split(entry["entry"]) == ["cnncalc", "check"]
    files = re.compile(entry["files"])
    assert [bool(files.search(n)) for n in ("a.quiz.yaml", "w/b.quiz.yml", "c.yaml", "quiz.yaml", "d.quiz.yaml.bak")] \
        == [True, True, False, False, False]


def git(repo, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=repo, check=True, capture_output=True, text=True, timeout=30).stdout


def test_the_hook_entry_passes_a_good_sheet_and_fails_a_bad_one(run, tmp_path):
    repo = tmp_path / "course"
    repo.mkdir()
    git(repo, "init", "-q")
    good, _ = new(run, repo, "--count", "6", "--seed", "2", name="good.quiz.yaml")
    questions = yaml.safe_load(good.read_text())["questions"]
    questions[3] = {"name": "wrong", "input": "32x32x3", "conv": {"filters": 20, "kernel": 8, "stride": 2, "padding": 1},
                    "expect": {"output": "13x13x20"}}
    (repo / "sheets").mkdir()
    (repo / "sheets" / "bad.quiz.yml").write_text(sheet_text(questions, "bad", []))
    (repo / "notes.yaml").write_text("not: a quiz\n")
    git(repo, "add", "-A")
    entry = hook()
    staged = [f for f in git(repo, "ls-files").split() if re.search(entry["files"], f)]
    assert sorted(staged) == ["good.quiz.yaml", "sheets/bad.quiz.yml"]
    env = {**os.environ, "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ.get("PATH", "")}

    def hook_run(*files: str) -> subprocess.CompletedProcess:
        return subprocess.run(shlex.split(entry["entry"]) + list(files), cwd=repo, env=env, capture_output=True,
                              text=True, timeout=60)

    good_run, bad_run, both_run = hook_run("good.quiz.yaml"), hook_run("sheets/bad.quiz.yml"), hook_run(*staged)
    assert (good_run.returncode, good_run.stdout.rstrip().splitlines()[-1]) == (0, "6 passed, 0 failed")
    assert (bad_run.returncode, bad_run.stdout.rstrip().splitlines()[-1]) == (1, "5 passed, 1 failed")
    assert (both_run.returncode, both_run.stdout.rstrip().splitlines()[-1]) == (1, "11 passed, 1 failed")


# --- the package's reach ---------------------------------------------------------------------------
