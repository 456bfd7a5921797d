"""Output that cannot attack its reader: user text is ``visible`` in every format (no terminal
control sequence, bidi override or invisible character reaches it raw), rich never reads it as
markup, CSV never as a formula, and JSON is strict JSON."""
from __future__ import annotations

import io
import json

import pytest

from cnncalc.analyses.summary import summarize
from cnncalc.io.spec import load_network
from cnncalc.report.model import print_model_rich, render_model
from cnncalc.report.text import Format, csv_cell, to_json, visible

ATTACKS = {
    "\x1b]0;title\x07": "\\x1b]0;title\\x07",  # OSC: set the window title
    "\x1b]52;c;aGk=\x07": "\\x1b]52;c;aGk=\\x07",  # OSC 52: write the clipboard
    "\x1b[2J": "\\x1b[2J",  # clear the screen
    "ok\rfake": "ok\\x0dfake",  # overwrite the line
    "a\u202eb": "a\\u202eb",  # right-to-left override
    "a\u2066b\u2069": "a\\u2066b\\u2069",  # bidi isolates
    "\x9b31m": "\\x9b31m",  # C1 CSI
    "a\x7fb": "a\\x7fb",
    "line\u2028break": "line\\u2028break",
    "zero\u200bwidth": "zero\\u200bwidth",
    "\udcff": "\\udcff",  # a lone surrogate: a file name that is not UTF-8
    "\ufffe": "\\ufffe",
}
NAMES = ["[/bold]", "[link=https://evil.example]click[/link]", ":smile:", "=HYPERLINK(\"http://evil.example\")",
         "\x1b]8;;https://evil.example\x07x\x1b]8;;\x07"] + list(ATTACKS)


@pytest.mark.parametrize("text, shown", ATTACKS.items(), ids=range(len(ATTACKS)))
def test_visible_escapes_every_control_bidi_and_invisible_character(text, shown):
    assert visible(text) == shown


def test_visible_keeps_ordinary_text():
    text = "conv_1 → 14×14×20 ½ café 卷积 [x] \\x1b"
    assert visible(text) == text


@pytest.fixture(scope="module")
def report():
    layers = [{"relu": {}, "name": name} for name in NAMES]
    return summarize(load_network({"name": "[/bold] \x1b]0;t\x07", "input": "4x4x1", "layers": layers}))


def no_raw_control(text: str) -> bool:
    return not any(c in text for c in "\x1b\x07\r\x9b\u202e\u2066\u2028\u200b")


@pytest.mark.parametrize("fmt", list(Format))
def test_every_format_shows_names_escaped(report, fmt):
    text = render_model(report, fmt)
    assert no_raw_control(text)
    if fmt is not Format.JSON:
        assert "\\x1b]0;title\\x07" in text and "a\\u202eb" in text


def test_the_rich_table_shows_markup_as_text_and_links_nowhere(report):
    console = __import__("rich.console", fromlist=["Console"]).Console(
        file=io.StringIO(), force_terminal=True, color_system="truecolor", width=200, emoji=False)
    print_model_rich(console, report)
    out = console.file.getvalue()
    assert "[/bold]" in out and "[link=https://evil.example]click[/link]" in out and ":smile:" in out
    assert "\x1b]8;" not in out.replace("\x1b]8;;\x1b\\", "")  # no hyperlink opened (rich closes none either)
    assert "\\x1b]0;title\\x07" in out and "\x1b]0;" not in out and "\u202e" not in out


def test_the_check_table_escapes_question_names(run, tmp_path):
    quiz = tmp_path / "q.yaml"
    quiz.write_text('questions:\n  - {name: "[/bold] \\e[2J [link=https://evil.example]x[/link]", input: 4x4x1,'
                    " maxpool: 2, expect: {output: 3x3x1}}\n")
    result = run("check", str(quiz), env={"FORCE_COLOR": "1", "COLUMNS": "300"})
    assert result.exit_code == 1 and "[/bold] \\x1b[2J [link=https://evil.example]x[/link]" in result.stdout
    assert "\x1b]8;" not in result.stdout


def test_a_spinner_label_with_markup_starts_and_stops(monkeypatch):
    import threading
    import time

    from cnncalc.cli.progress import delayed_status

    failures = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_value))
    with delayed_status(True, "reading [/blue] and [link=x]y[/link]", after=0.0) as state:
        for _ in range(200):  # wait for the timer thread to have started the spinner
            if state["status"] is not None or failures:
                break
            time.sleep(0.01)
    assert failures == [] and state["status"] is not None


def test_json_is_strict_and_escapes_hidden_characters(report):
    text = render_model(report, Format.JSON)
    data = json.loads(text, parse_constant=lambda name: pytest.fail(f"{name} in JSON"))
    assert [layer["name"] for layer in data["layers"]] == NAMES
    assert "\\u202e" in text and "\\udcff" in text and "\\ufffe" in text


def test_non_finite_numbers_are_named_strings_in_json():
    text = to_json({"values": [[float("nan"), float("inf"), float("-inf"), 1.5]]})
    assert json.loads(text) == {"values": [["NaN", "Infinity", "-Infinity", 1.5]]}


@pytest.mark.parametrize("cell, written", [
    ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"), ("+1+cmd", "'+1+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\\x09x"), ("\rx", "'\\x0dx"), ("＝1", "'＝1"), ("-8", "-8"), ("-0.5", "-0.5"), ("+3", "+3"),
    ("1e-3", "1e-3"), ("-inf", "'-inf"), ("conv_1", "conv_1"), ("14x14x20", "14x14x20")])
def test_csv_cells_never_start_a_formula_and_numbers_stay_numbers(cell, written):
    assert csv_cell(cell) == written


def test_model_and_check_csv_neutralise_formulas(run, tmp_path, report):
    assert "\n4,\"'=HYPERLINK(\"\"http" in render_model(report, Format.CSV)
    quiz = tmp_path / "q.yaml"
    quiz.write_text('questions:\n  - {name: "=cmd|\' /C calc\'!A0", input: 4x4x1, maxpool: 2, expect: {output: 3x3x1}}\n')
    result = run("check", str(quiz), "--format", "csv")
    assert ",'=cmd|' /C calc'!A0," in result.stdout


def test_values_in_json_are_strict(run):
    result = run("pool", "--values", "[[1e308, 1e308], [1e308, 1e308]]", "--k", "2", "--op", "avg", "--format", "json")
    assert json.loads(result.stdout)["values"] == [["Infinity"]] and result.stderr == ""
    padded = run("pool", "--values", "[[1, 2], [3, 4]]", "--k", "2", "--p", "3", "--op", "avg", "--format", "json")
    assert json.loads(padded.stdout)["values"][0][0] == "NaN" and padded.stderr == ""  # no RuntimeWarning either


def test_an_error_line_stays_one_line_whatever_the_name(run, tmp_path):
    spec = tmp_path / "net.yaml"
    spec.write_text('input: 4x4x1\nlayers:\n  - {relu: {}, name: "a\\nb\\e[2J"}\n  - {relu: {}, name: "a\\nb\\e[2J"}\n')
    result = run("model", str(spec))
    assert result.stderr.count("\n") == 1 and "layer name 'a\\x0ab\\x1b[2J' is used twice" in result.stderr
