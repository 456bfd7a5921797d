"""Snapshots of every format for three networks, each paired with an invariant read back from
the rendered text: the columns sum to the totals line, and a collapsed block row equals the
sum of the layers it stands for. ``pytest --update-snapshots`` rewrites the snapshots."""
from __future__ import annotations

import csv
import io
import json
import re

import pytest

from ..conftest import ROOT, SPECS

SNAPSHOTS = ROOT / "tests" / "snapshots"
NETWORKS = ("lenet", "resnet50", "mobilenetv2")
FORMATS = ("table", "json", "csv", "markdown")


def render(run, name: str, *args: str) -> str:
    result = run("model", str(SPECS / f"{name}.yaml"), *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", NETWORKS)
def test_rendering_matches_its_snapshot(run, request, name, fmt):
    text = render(run, name, "--format", fmt)
    path = SNAPSHOTS / f"{name}.{fmt}.txt"
    if request.config.getoption("--update-snapshots"):
        path.write_text(text)
    assert path.exists(), f"no snapshot {path.name}: run pytest --update-snapshots"
    assert text == path.read_text()


def number(text: str) -> int:
    return int(text.replace(",", ""))


def csv_rows(text: str) -> list[dict]:
    return list(csv.DictReader(io.StringIO(text)))


@pytest.mark.parametrize("name", NETWORKS)
def test_csv_columns_sum_to_the_json_totals(run, name):
    rows = csv_rows(render(run, name, "--format", "csv"))
    totals = json.loads(render(run, name, "--format", "json"))
    assert sum(int(r["params"]) for r in rows) == totals["params"]
    assert sum(int(r["non-trainable"]) for r in rows) == totals["non_trainable_params"]
    assert sum(int(r["MACs"]) for r in rows) == totals["macs"]
    assert sum(int(r["activations"]) for r in rows) == totals["activations"]


@pytest.mark.parametrize("name", NETWORKS)
def test_plain_table_columns_sum_to_its_totals_lines(run, name):
    lines = render(run, name, "--format", "table").splitlines()
    rule = next(i for i, line in enumerate(lines) if line.startswith("--"))
    spans = [m.span() for m in re.finditer(r"-+", lines[rule])]
    index = {lines[rule - 1][a:b].strip() or lines[rule - 1][a:].split("  ")[0]: i for i, (a, b) in enumerate(spans)}
    table = [[line[a:b].strip() for a, b in spans] for line in lines[rule + 1:] if re.match(r"\s*\d+\s", line)]
    text = "\n".join(lines)
    footer = dict(line.split(": ", 1) for line in text.splitlines() if ": " in line and not line.startswith("warning"))
    params = sum(number(row[index["params"]]) for row in table)
    macs = sum(number(row[index["MACs"]]) for row in table)
    assert footer["params"].startswith(f"{params:,} (")
    assert footer["MACs"].startswith(f"{macs:,} (")


@pytest.mark.parametrize("name", NETWORKS)
def test_markdown_columns_sum_to_its_totals_table(run, name):
    lines = render(run, name, "--format", "markdown").splitlines()
    header = [c.strip() for c in lines[2].strip("|").split("|")]
    rows = [[c.strip() for c in line.strip("|").split("|")] for line in lines[4:] if line.startswith("| ")
            and re.match(r"\| \d+ \|", line)]
    totals = {r[0]: r[1] for r in ([c.strip() for c in line.strip("|").split("|")] for line in lines
                                   if line.startswith("| ") and line.count("|") == 3)}
    params = sum(number(r[header.index("params")]) for r in rows)
    assert totals["params"].startswith(f"{params:,} (")
    activations = sum(number(r[header.index("activations")]) for r in rows)
    assert totals["activations"].startswith(f"{activations:,} values")


@pytest.mark.parametrize("name", ("resnet50", "mobilenetv2"))
def test_a_collapsed_block_row_is_the_sum_of_its_layers(run, name):
    full = csv_rows(render(run, name, "--format", "csv"))
    collapsed = csv_rows(render(run, name, "--format", "csv", "--depth", "0"))
    blocks = [r for r in collapsed if r["kind"] == "block"]
    assert blocks
    for block in blocks:
        members = [r for r in full if r["layer"].startswith(block["layer"] + ".")]
        assert members, block["layer"]
        for column in ("params", "non-trainable", "no sharing", "MACs"):
            assert int(block[column]) == sum(int(r[column]) for r in members), (block["layer"], column)
        assert block["output"] == members[-1]["output"]
    assert sum(int(r["params"]) for r in collapsed) == sum(int(r["params"]) for r in full)
