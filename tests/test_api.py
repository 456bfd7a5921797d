"""The Python API for notebooks: ``cnncalc.layer`` and ``cnncalc.model`` give the commands' numbers
as report objects: ``to_dict()`` is the JSON of ``--format json``, ``to_markdown()`` its
markdown, ``_repr_html_`` a table, ``repr`` one line, ``verify()`` and ``draw()``."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from html.parser import HTMLParser

import pytest

import cnncalc
from cnncalc.core.errors import CnncalcError

from .conftest import ROOT, SPECS

LESSON = [[0, 1, 0.5, 10], [2, 2.5, 1, -8], [4, 0, 5, 6], [15, 1, 2, 3]]


def cli_json(run, *args) -> dict:
    result = run(*args, "--format", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


class Cells(HTMLParser):
    """The text of every table cell of an HTML fragment, row by row."""

    def __init__(self):
        super().__init__()
        self.rows, self.cell = [], None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self.cell = ""

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self.rows[-1].append(self.cell)
            self.cell = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell += data


def cells(html: str) -> list[list[str]]:
    parser = Cells()
    parser.feed(html)
    return parser.rows


# --- layer ---------------------------------------------------------------------------------

def test_layer_gives_the_lesson_numbers():
    conv = cnncalc.layer("32x32x3", filters=20, kernel=8, stride=2, padding=1)
    assert (conv.output, conv.params, conv.params_unshared, conv.macs) == ((14, 14, 20), 3860, 756560, 752640)
    assert conv.padding == ((1, 1), (1, 1))
    assert cnncalc.layer((32, 32, 3), filters=20, kernel=(8, 8), stride=2, padding=1).params == 3860


def test_layer_to_dict_is_exactly_the_cli_json(run):
    conv = cnncalc.layer("10x10x3", filters=64, kernel=5, stride=2, padding="same")
    assert conv.to_dict() == cli_json(run, "layer", "--input", "10x10x3", "--filters", "64", "--k", "5", "--s", "2",
                                      "--p", "same")
    pooled = cnncalc.layer(kind="avgpool", values=LESSON, kernel=2)
    assert pooled.to_dict() == cli_json(run, "pool", "--values", json.dumps(LESSON), "--k", "2", "--op", "avg")


def test_layer_values_are_the_lesson_pooling_with_each_window():
    pooled = cnncalc.layer(kind="maxpool", values=[LESSON], kernel=2, stride=2)  # the lesson's 3-deep literal
    assert pooled.values == [[2.5, 10], [15, 6]]
    assert [w["working"] for w in pooled.to_dict()["windows"]] == [
        "max(0, 1, 2, 2.5) = 2.5", "max(0.5, 10, 1, -8) = 10", "max(4, 0, 15, 1) = 15", "max(5, 6, 2, 3) = 6"]


def test_layer_repr_is_one_line():
    text = repr(cnncalc.layer("32x32x3", filters=20, kernel=8, stride=2, padding=1))
    assert text == "<cnncalc layer conv 32x32x3 → 14x14x20: 3,860 params (756,560 without sharing), 752,640 MACs>"
    pooled = repr(cnncalc.layer(kind="avgpool", values=LESSON, kernel=2))
    assert pooled.endswith("values [[1.375, 0.875], [5, 4]]>") and "\n" not in pooled


def test_layer_markdown_and_html_show_the_working():
    conv = cnncalc.layer("32x32x3", filters=20, kernel=8, stride=2, padding=1)
    assert "| params, no sharing | (8·8·3 + 1)·14·14·20 = 756,560 |" in conv.to_markdown().splitlines()
    assert ["H, W", "(32 − 8 + 2·1)/2 + 1 = 14"] in cells(conv._repr_html_())
    grid = cells(cnncalc.layer(kind="maxpool", values=LESSON, kernel=2)._repr_html_())
    assert grid[-2:] == [["2.5", "10"], ["15", "6"]]


def test_layer_verify_runs_the_forward_pass():
    conv = cnncalc.layer("8x8x3", filters=4, kernel=3)
    assert conv.verified is None
    checked = conv.verify(seed=1)
    assert checked.verified is True and checked.to_dict()["verified"] is True
    assert repr(checked).endswith(", verified>") and checked.failures() == []


def test_layer_errors_are_cnncalc_errors_with_the_one_line_message():
    with pytest.raises(CnncalcError) as e:
        cnncalc.layer("32x32x3", filters=3, kernel=40)
    assert "kernel 40 is larger than the padded input 34" in str(e.value) or "larger than the padded input" in str(e.value)
    with pytest.raises(CnncalcError, match="unknown layer kind|did you mean 'maxpool'"):
        cnncalc.layer("8x8x1", kind="maxpol", kernel=2)
    with pytest.raises(CnncalcError, match="disagrees with values"):
        cnncalc.layer("5x5x1", kind="maxpool", values=LESSON, kernel=2)


# --- model ---------------------------------------------------------------------------------

@pytest.mark.parametrize("spec", ["lenet", str(SPECS / "lenet.yaml"), SPECS / "lenet.yaml",
                                  (SPECS / "lenet.yaml").read_text()])
def test_model_takes_a_name_a_path_or_yaml_text(spec):
    lenet = cnncalc.model(spec)
    assert (lenet.name, lenet.params, lenet.macs, lenet.output) == ("LeNet-5", 61706, 416520, (10,))


def test_model_takes_a_dict():
    tiny = cnncalc.model({"name": "tiny", "input": [8, 8, 1], "layers": [{"conv": {"filters": 2, "kernel": 3}}, "relu"]})
    assert tiny.output == (6, 6, 2) and tiny.params == 20
    assert [layer["kind"] for layer in tiny.layers] == ["conv", "relu"]


@pytest.mark.parametrize("name", ["lenet", "resnet50", "mobilenetv2"])
def test_model_to_dict_is_exactly_the_cli_json(run, name):
    assert cnncalc.model(name).to_dict() == cli_json(run, "model", name)


def test_model_macs_as_adds_the_cli_keys(run):
    assert cnncalc.model("resnet50", macs_as="torchinfo").to_dict() == cli_json(run, "model", "resnet50", "--macs-as",
                                                                                 "torchinfo")


def test_model_to_markdown_is_the_cli_markdown(run):
    assert cnncalc.model("lenet").to_markdown() + "\n" == run("model", "lenet", "--format", "markdown").stdout
    collapsed = cnncalc.model("resnet50", depth=0).to_markdown()
    assert collapsed + "\n" == run("model", "resnet50", "--format", "markdown", "--depth", "0").stdout


def test_model_repr_is_one_line():
    assert repr(cnncalc.model("lenet")) == ("<cnncalc model 'LeNet-5': 12 layers, 61,706 params, 416,520 MACs, "
                                            "32x32x1 → 10>")
    one = cnncalc.model({"name": "one", "input": "8x8x1", "layers": ["relu"]})
    assert repr(one) == "<cnncalc model 'one': 1 layer, 0 params, 0 MACs, 8x8x1 → 8x8x1>"


def test_model_html_is_a_table_of_every_layer_and_the_totals():
    lenet = cnncalc.model("lenet")
    rows = cells(lenet._repr_html_())
    assert rows[0][:4] == ["#", "layer", "kind", "output"]
    assert rows[1][:6] == ["1", "conv_1", "conv", "28x28x6", "156", "0"]
    assert ["params", "61,706 (61,706 trainable, 0 non-trainable)"] in rows
    assert len([r for r in rows if r and re.fullmatch(r"\d+", r[0])]) == 12


def test_model_html_escapes_names():
    spec = {"name": "<b>net</b>", "input": "8x8x1", "layers": [{"relu": {}, "name": "<script>x</script>"}]}
    html = cnncalc.model(spec)._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;x&lt;/script&gt;" in html and "&lt;b&gt;net" in html


def test_model_verify_is_the_cli_verify(run):
    checked = cnncalc.model("lenet").verify(seed=3)
    assert checked.verified is True
    data = checked.to_dict()
    assert data["verified"] is True and all(layer["verified"] is True for layer in data["layers"])
    assert repr(checked).endswith(", verified>")
    cli = cli_json(run, "model", "lenet", "--verify", "--seed", "3")
    assert {k: v for k, v in data.items() if k != "verify_seconds"} == {k: v for k, v in cli.items()
                                                                        if k != "verify_seconds"}


def test_model_draw_writes_what_cnncalc_draw_writes(run, tmp_path):
    path = cnncalc.model("lenet").draw(tmp_path / "api.svg")
    assert run("draw", "lenet", "-o", str(tmp_path / "cli.svg")).exit_code == 0
    assert path.read_text() == (tmp_path / "cli.svg").read_text()
    mermaid = cnncalc.model("resnet50").draw(tmp_path / "r.mmd", depth=0)
    assert run("draw", "resnet50", "-o", str(tmp_path / "c.mmd"), "--depth", "0").exit_code == 0
    assert mermaid.read_text() == (tmp_path / "c.mmd").read_text()


def test_model_errors_are_cnncalc_errors():
    with pytest.raises(CnncalcError, match="did you mean 'resnet50'"):
        cnncalc.model("resnet5")
    with pytest.raises(CnncalcError, match="did you mean 'torchinfo'"):
        cnncalc.model("lenet", macs_as="torchinf")
    with pytest.raises(CnncalcError, match="cannot compute in int8"):
        cnncalc.model("lenet", dtype="int8").verify(dtype="int8")


def test_train_is_not_there_until_it_computes_something():
    assert not hasattr(cnncalc.model("lenet"), "train")


def test_the_older_functions_still_work():
    assert cnncalc.infer_layer("32x32x3", "conv", {"filters": 20, "kernel": 8, "stride": 2, "padding": 1}).row.params == 3860
    assert cnncalc.summarize(cnncalc.load_network("lenet")).totals.params == 61706
    assert cnncalc.solve("4x4x1", "2x2x3").total == 44


def test_importing_cnncalc_loads_neither_numpy_yaml_nor_rich():
    code = ("import sys, cnncalc\n"
            "print(sorted(m for m in ('numpy', 'yaml', 'rich', 'click') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_the_readme_notebook_example_shows_what_its_comments_say(tmp_path, monkeypatch):
    """Each cell-style line of the README's example runs, and where its comment is a value
    (``# 61706``, ``# <cnncalc layer ...>``) that is what the notebook would show."""
    import ast

    monkeypatch.chdir(tmp_path)
    text = (ROOT / "README.md").read_text()
    example = text.split("<!-- notebook:start -->\n```python\n", 1)[1].split("```", 1)[0]
    lines = example.splitlines()
    shown: list[str] = []
    namespace = {"display": lambda obj: shown.append(obj._repr_html_())}
    checked = 0
    for node in ast.parse(example).body:
        source = ast.get_source_segment(example, node)
        if not isinstance(node, ast.Expr):
            exec(compile(ast.Module([node], []), "README", "exec"), namespace)
            continue
        value = eval(source, namespace)
        comment = lines[node.end_lineno - 1].partition("  # ")[2].strip()
        if re.match(r"[<(\['\dTF]|PosixPath", comment):
            assert repr(value) == comment, source
            checked += 1
    assert checked == 7 and shown and (tmp_path / "lenet.svg").exists()
