"""The standard streams as a hostile environment leaves them (``cli/streams.py``): legacy
encodings, a full or closed stdout, a reader that stops reading, a JUnit path that is a link.
These run cnncalc as a process: the encoding and the file descriptors are the process's own."""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from ..conftest import ROOT, SPECS

QUIZ = str(ROOT / "specs" / "quizzes" / "cnn-lesson.yaml")
LENET = str(SPECS / "lenet.yaml")
COMMAND = [sys.executable, "-m", "cnncalc"]


def cnncalc(*args: str, env: dict | None = None, stdout=subprocess.PIPE) -> subprocess.CompletedProcess:
    return subprocess.run(COMMAND + list(args), stdout=stdout, stderr=subprocess.PIPE,
                          env={**os.environ, **(env or {})})


def shell(line: str) -> tuple[int, bytes]:
    """(cnncalc's exit code, its stderr) for a shell line whose first command is cnncalc."""
    command = " ".join(COMMAND)
    done = subprocess.run(["bash", "-c", line.replace("cnncalc", command, 1) + "; exit ${PIPESTATUS[0]}"],
                          capture_output=True)
    return done.returncode, done.stderr


@pytest.mark.parametrize("encoding", ["latin-1", "cp1252", "ascii"])
def test_a_legacy_encoding_gets_ascii_stand_ins(encoding):
    checked = cnncalc("check", QUIZ, env={"PYTHONIOENCODING": encoding})
    layer = cnncalc("layer", "--input", "32x32x3", "--filters", "20", "--k", "8", "--s", "2", "--p", "1",
                    env={"PYTHONIOENCODING": encoding})
    assert (checked.returncode, checked.stderr, layer.returncode, layer.stderr) == (0, b"", 0, b"")
    assert b"26 passed, 0 failed" in checked.stdout
    if encoding != "ascii":  # click writes UTF-8 to an ASCII stdout, its own choice
        assert b"\n+ " in checked.stdout and b"conv  32x32x3 -> 14x14x20" in layer.stdout
        checked.stdout.decode(encoding), layer.stdout.decode(encoding)


def test_a_full_stdout_is_one_error_line():
    with open("/dev/full", "w") as full:
        done = cnncalc("model", LENET, stdout=full)
    assert done.returncode == 2
    assert done.stderr == b"Error: cannot write the output: No space left on device\n"


def test_a_closed_stdout_is_one_error_line():
    code, stderr = shell(f"cnncalc model {LENET} >&-")
    assert (code, stderr) == (2, b"Error: cannot write the output: standard output is closed; "
                                 b"redirect it to a file or /dev/null\n")


@pytest.fixture(scope="module")
def big_spec(tmp_path_factory):
    path = tmp_path_factory.mktemp("big") / "big.yaml"
    path.write_text("input: 8x8x3\nlayers:\n" + "  - relu\n" * 3000)
    return str(path)


@pytest.mark.parametrize("reader", ["true", "head -1", "head -c 10"])
def test_a_reader_that_stops_reading_ends_the_run_quietly_with_its_result(big_spec, reader):
    assert shell(f"cnncalc model {big_spec} | {reader}") == (0, b"")


def test_a_failed_check_keeps_exit_1_when_the_reader_stops_reading(tmp_path):
    quiz = tmp_path / "wrong.yaml"
    quiz.write_text("questions:\n" + "  - {input: 4x4x1, maxpool: 2, expect: {output: 3x3x1}}\n" * 3000)
    assert shell(f"cnncalc check {quiz} | head -1") == (1, b"")


def test_junit_is_never_written_through_a_link(tmp_path):
    target = tmp_path / "elsewhere.txt"
    target.write_text("keep me")
    link = tmp_path / "report.xml"
    link.symlink_to(target)
    done = cnncalc("check", QUIZ, "--junit", str(link))
    assert done.returncode == 2 and target.read_text() == "keep me"
    assert done.stderr.decode().endswith("report.xml: is a symbolic link; cnncalc never writes through one; "
                                         "the path of a regular file\n")


def test_junit_is_written_before_stdout_and_whole(tmp_path):
    report = tmp_path / "report.xml"
    code, stderr = shell(f"cnncalc check {QUIZ} --junit {report} >&-")
    assert code == 2 and not report.exists()  # a closed stdout is refused before any work
    assert shell(f"cnncalc check {QUIZ} --junit {report} | true") == (0, b"")
    from xml.etree import ElementTree as ET

    assert ET.parse(report).getroot().get("tests") == "26"
    assert [p.name for p in tmp_path.iterdir()] == ["report.xml"]  # no temporary file left behind


def test_a_file_size_limit_is_an_error_and_leaves_the_old_report(tmp_path):
    report = tmp_path / "report.xml"
    report.write_text("old report")
    code, stderr = shell(f"ulimit -f 1; cnncalc check {QUIZ} --junit {report} > /dev/null")
    assert code == 2 and stderr.decode().endswith("report.xml: cannot write: File too large\n")
    assert report.read_text() == "old report" and [p.name for p in tmp_path.iterdir()] == ["report.xml"]
