"""Files read and written safely (``io/files.py``): regular files only, never a FIFO that blocks or
a pseudo-file that leaks, ``model:`` paths kept inside the quiz's folder, writes that are atomic
and never go through a link. FIFOs, links and odd names are made here, in a temporary folder."""
from __future__ import annotations

import os
import threading

import pytest

from cnncalc.core.errors import FlagError, SpecError
from cnncalc.io.files import read_bytes, write_atomic

from ..conftest import ROOT, SPECS

SPEC = "input: 4x4x1\nlayers: [relu]\n"


@pytest.fixture
def fifo(tmp_path):
    path = tmp_path / "fifo.yaml"
    os.mkfifo(path)
    yield str(path)
    # a writer that would unblock a reader stuck on the FIFO, so a failing test cannot hang the suite
    threading.Thread(target=lambda: open(path, "w").close(), daemon=True).start()


@pytest.mark.parametrize("command", ["model", "check", "draw"])
def test_a_fifo_is_refused_not_waited_on(run, fifo, command):
    args = [command, fifo] + (["-o", fifo + ".svg"] if command == "draw" else [])
    result = run(*args)
    assert result.exit_code == 2
    assert result.stderr == f"Error: {fifo}: is a FIFO (named pipe); give a regular file (or - for stdin)\n"


def test_a_device_is_refused(run):
    result = run("model", "/dev/zero")
    assert result.stderr == "Error: /dev/zero: is a character device; give a regular file (or - for stdin)\n"


def test_a_pseudo_file_is_refused_without_showing_its_text():
    with pytest.raises(SpecError) as info:
        read_bytes("/proc/self/status")
    assert "Name" not in str(info.value) and "size is not known" in str(info.value)


def test_a_spec_can_come_from_stdin(run):
    result = run("model", "-", "--format", "json", input=SPEC)
    assert result.exit_code == 0 and '"output": [4, 4, 1]' in result.stdout
    broken = run("model", "-", input="input: 4x4x1\nlayers: [relu, relu, {conv: {}}]\n")
    assert broken.stderr.startswith("Error: <stdin>:2:29: layer 3 'conv_1' (conv), field 'filters'")


def test_an_empty_regular_file_is_read_as_empty(tmp_path):
    path = tmp_path / "empty.yaml"
    path.write_text("")
    assert read_bytes(str(path)) == b""


def quiz(folder, model: str):
    path = folder / "quiz.yaml"
    path.write_text(f"questions:\n  - {{model: {model}, expect: {{output: 4x4x1}}}}\n")
    return str(path)


def test_a_model_inside_the_quiz_folder_is_read(run, tmp_path):
    (tmp_path / "models").mkdir()
    (tmp_path / "models" / "net.yaml").write_text(SPEC)
    assert run("check", quiz(tmp_path, "models/net.yaml")).exit_code == 0


def test_a_link_out_of_the_quiz_folder_is_refused_and_its_text_never_shown(run, tmp_path):
    secret = tmp_path / "secret.yaml"
    secret.write_text("password_hunter2: 1\n")
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (folder / "net.yaml").symlink_to(secret)
    for model in ("net.yaml", "../secret.yaml", str(secret)):
        result = run("check", quiz(folder, model))
        assert result.exit_code == 1 and "password_hunter2" not in result.stdout + result.stderr
        assert "is outside the quiz file's folder; a path inside it, or cnncalc check --allow-outside" in result.stdout


def test_allow_outside_reads_a_model_anywhere(run, tmp_path):
    folder = tmp_path / "quizzes"
    folder.mkdir()
    (tmp_path / "net.yaml").write_text(SPEC)
    assert run("check", quiz(folder, "../net.yaml")).exit_code == 1
    assert run("check", quiz(folder, "../net.yaml"), "--allow-outside").exit_code == 0


def test_a_write_replaces_the_file_whole_and_leaves_nothing_behind(tmp_path):
    target = tmp_path / "report.xml"
    target.write_text("old")
    write_atomic(str(target), b"new", "--junit")
    assert target.read_bytes() == b"new" and os.listdir(tmp_path) == ["report.xml"]
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


def test_a_write_never_follows_a_link_and_never_overwrites_an_input(tmp_path):
    kept = tmp_path / "kept.txt"
    kept.write_text("keep")
    (tmp_path / "link.xml").symlink_to(kept)
    with pytest.raises(FlagError, match="is a symbolic link"):
        write_atomic(str(tmp_path / "link.xml"), b"x", "--junit")
    with pytest.raises(FlagError, match="is an input of this run"):
        write_atomic(str(kept), b"x", "--junit", inputs=(str(tmp_path / "." / "kept.txt"),))
    assert kept.read_text() == "keep"


def test_a_failed_write_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "report.xml"
    target.write_text("old")

    def full(*args):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(FlagError) as info:
        write_atomic(str(target), b"new", "--junit")
    assert str(info.value).endswith("report.xml: cannot write: No space left on device")
    assert target.read_text() == "old" and os.listdir(tmp_path) == ["report.xml"]


def test_junit_is_valid_xml_for_hostile_names_and_file_names(run, tmp_path):
    from xml.etree import ElementTree as ET

    name = os.fsdecode(b"quiz-\xff\xfe.yaml")  # not UTF-8: the name decodes to lone surrogates
    path = tmp_path / name
    path.write_text('questions:\n  - name: "\\e]0;title\\a \\u202e \\ufffe [/bold] & <x>"\n'
                    "    input: 4x4x1\n    maxpool: 2\n    expect: {output: 3x3x1}\n")
    report = tmp_path / "report.xml"
    assert run("check", str(path), "--junit", str(report)).exit_code == 1
    case = ET.parse(report).getroot().find("testsuite/testcase")
    assert case.get("name") == "\\x1b]0;title\\x07 \\u202e \\ufffe [/bold] & <x>"
    assert "\\udcff\\udcfe" in case.get("classname")


def test_the_lesson_quiz_stays_inside_its_folder(run):
    assert run("check", str(ROOT / "specs" / "quizzes" / "cnn-lesson.yaml")).exit_code == 0


def test_a_matrix_file_is_read_only_when_regular_and_small(run, fifo, tmp_path):
    import numpy as np

    assert "is a FIFO (named pipe)" in run("pool", "--values", "@" + fifo, "--k", "1").stderr
    buffer = tmp_path / "claims.npy"
    np.save(buffer, np.zeros((2, 2)))
    buffer.write_bytes(buffer.read_bytes().replace(b"(2, 2)", b"(99999999, 99999)"))  # a header that lies
    result = run("pool", "--values", f"@{buffer}", "--k", "1")
    assert result.exit_code == 2 and "holds a 99999999x99999 array of float64" in result.stderr


@pytest.mark.parametrize("command", [["draw", str(SPECS / "lenet.yaml"), "-o"], ["quiz", "new", "--seed", "1", "-o"]])
def test_pictures_and_sheets_are_never_written_through_a_link(run, tmp_path, command):
    kept = tmp_path / "kept.txt"
    kept.write_text("keep")
    link = tmp_path / "out.svg"
    link.symlink_to(kept)
    result = run(*command, str(link))
    assert result.exit_code == 2 and "is a symbolic link; cnncalc never writes through one" in result.stderr
    assert kept.read_text() == "keep"
    link.unlink()
    assert run(*command, str(link)).exit_code == 0 and link.stat().st_size > 0
