"""``cnncalc zoo``, shipped names wherever a spec is read, and ``-`` for standard input."""
from __future__ import annotations

import csv
import io
import json

from ..conftest import SPECS

SHIPPED = sorted(p.stem for p in SPECS.glob("*.yaml"))


def test_model_takes_a_shipped_name_from_any_folder(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("model", "resnet50", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["params"] == 25_610_152


def test_model_dash_reads_the_spec_from_standard_input(run):
    text = (SPECS / "lenet.yaml").read_text()
    result = run("model", "-", "--format", "json", input=text)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["params"] == 61706


def test_a_bad_spec_on_standard_input_is_located_in_stdin(run):
    result = run("model", "-", input="input: 8x8x1\nlayers:\n  - conv: {filter: 3, kernel: 3}\n")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: <stdin>:3:12: layer 1 'conv_1' (conv), field 'filter': unknown key; ")


def test_draw_takes_a_shipped_name(run, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = run("draw", "lenet", "-o", "lenet.mmd")
    assert result.exit_code == 0, result.stderr
    assert "conv_1" in (tmp_path / "lenet.mmd").read_text()


def test_zoo_lists_every_shipped_network_in_every_format(run):
    plain = run("zoo").stdout.splitlines()
    assert plain[0].split() == ["name", "network", "input", "params", "MACs", "convention"]
    assert [line.split()[0] for line in plain[2:]] == SHIPPED
    assert "lenet              LeNet-5                  32x32x1         61,706         416,520  textbook" in plain
    rows = list(csv.DictReader(io.StringIO(run("zoo", "--format", "csv").stdout)))
    assert [r["name"] for r in rows] == SHIPPED
    assert next(r for r in rows if r["name"] == "vgg16")["MACs"] == "15470264320"  # plain integers
    markdown = run("zoo", "--format", "markdown").stdout.splitlines()
    assert markdown[0] == "| name | network | input | params | MACs | convention |"
    assert "| lenet | LeNet-5 | 32x32x1 | 61,706 | 416,520 | textbook |" in markdown


def test_every_listed_total_is_what_model_reports(run):
    for entry in json.loads(run("zoo", "--format", "json").stdout):
        report = json.loads(run("model", entry["name"], "--format", "json").stdout)
        assert (report["name"], report["params"], report["macs"]) == (entry["network"], entry["params"], entry["macs"])
