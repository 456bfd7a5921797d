"""Pictures: every spec in every style it allows, labels that never overlap or leave the drawing,
hostile names escaped in every form, and DOT and Mermaid that their grammars accept."""
from __future__ import annotations

import ast
import os
import re
import shutil
import subprocess
import xml.etree.ElementTree as ET
from functools import lru_cache

import pytest

from cnncalc.core.errors import FlagError
from cnncalc.report.draw import drawing, render, style_for, write
from cnncalc.report.draw.adapter import diagram_of_spec
from cnncalc.report.draw.layout import Footprint, layered
from cnncalc.report.draw.model import Diagram, DrawNode, is_sequential
from cnncalc.report.draw.text import cells, shape_text, visible, xml
from cnncalc.report.draw.view import collapse

from ..conftest import ROOT, SPECS

SPEC_FILES = sorted(SPECS.glob("*.yaml"))
STYLES = ("graph", "lenet", "blocks", "auto")
DRAW = ROOT / "src" / "cnncalc" / "report" / "draw"
REQUIRE_TOOLS = os.environ.get("CNNCALC_REQUIRE_TOOLS") == "1"


@lru_cache(maxsize=None)
def diagram(name: str) -> Diagram:
    return diagram_of_spec(str(SPECS / name))


def overlapping(labels) -> list[tuple[str, str]]:
    """Pairs of labels whose boxes overlap (sweep over x)."""
    ordered = sorted(labels, key=lambda label: label.box.x0)
    pairs = []
    for i, a in enumerate(ordered):
        for b in ordered[i + 1:]:
            if b.box.x0 >= a.box.x1:
                break
            if a.box.overlaps(b.box):
                pairs.append((a.text, b.text))
    return pairs


def expected_labels(d: Diagram, style: str, depth: int | None) -> set[str]:
    """What the contract says a style labels: every layer's name, or every feature map."""
    if style == "graph":
        return {"input"} | {node.name for node in collapse(d, depth).nodes}
    shapes = {d.input} | {node.output for node in d.nodes}
    if style == "lenet":
        return {f"{s[-1]}@{shape_text(s[:-1])}" if len(s) > 1 else str(s[0]) for s in shapes}
    return {shape_text(s) for s in shapes}


# --- every spec, every style ---------------------------------------------------------------

@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("path", SPEC_FILES, ids=[p.name for p in SPEC_FILES])
def test_every_spec_draws_in_every_style_that_applies(path, style):
    d = diagram(path.name)
    if style in ("lenet", "blocks") and not is_sequential(d.nodes):
        with pytest.raises(FlagError, match="draws a chain of layers"):
            drawing(d, style)
        return
    picture = drawing(d, style)
    root = ET.fromstring(picture.svg)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    chosen = style_for(d, collapse(d), style)
    shown = {label.text for label in picture.labels}
    assert expected_labels(d, chosen, None) <= shown
    assert overlapping(picture.labels) == []
    assert [label.text for label in picture.labels if not label.box.within(picture.view)] == []


@pytest.mark.parametrize("depth", [0, 1, 2])
@pytest.mark.parametrize("name", ["resnet50.yaml", "googlenet.yaml", "efficientnet-b0.yaml", "densenet121.yaml"])
def test_graph_at_every_depth_keeps_labels_apart_and_inside(name, depth):
    d = diagram(name)
    picture = drawing(d, "graph", depth)
    ET.fromstring(picture.svg)
    assert expected_labels(d, "graph", depth) <= {label.text for label in picture.labels}
    assert overlapping(picture.labels) == []
    assert all(label.box.within(picture.view) for label in picture.labels)


ODD = {
    "1-D": {"name": "audio", "input": "100x8", "layers": [{"conv": {"filters": 16, "kernel": 5}}, "relu",
                                                          {"maxpool": 2}, "flatten", {"dense": 10}]},
    "3-D": {"name": "video", "input": "16x32x32x3", "layers": [{"conv": {"filters": 8, "kernel": 3}},
                                                               {"maxpool": 2}, "global_avgpool", {"dense": 5}]},
    "flat": {"name": "mlp", "input": "784", "layers": [{"dense": 128}, "relu", {"dense": 10}]},
    "transposed": {"name": "decoder", "input": "8x8x4", "layers": [
        {"conv_transpose": {"filters": 2, "kernel": 2, "stride": 2}}, {"upsample": 2}]},
}


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("name", ODD)
def test_one_dimensional_three_dimensional_and_flat_networks_draw_too(name, style):
    d = diagram_of_spec(ODD[name])
    picture = drawing(d, style)
    ET.fromstring(picture.svg)
    assert expected_labels(d, style_for(d, collapse(d), style), None) <= {label.text for label in picture.labels}
    assert overlapping(picture.labels) == []


def test_svg_text_counts_the_labels_the_layout_measured():
    picture = drawing(diagram("lenet.yaml"), "lenet")
    texts = ET.fromstring(picture.svg).iter("{http://www.w3.org/2000/svg}text")
    assert [t.text for t in texts] == [label.text for label in picture.labels]


def test_viewbox_scales_the_drawing():
    svg = render(diagram("lenet.yaml"), "svg")
    root = ET.fromstring(svg.split("\n", 1)[1])
    x, y, w, h = map(float, root.get("viewBox").split())
    assert (w, h) == (float(root.get("width")), float(root.get("height")))


# --- auto and depth --------------------------------------------------------------------------

def test_auto_is_lenet_for_a_sequential_network_and_graph_for_a_branching_one():
    lenet, resnet = diagram("lenet.yaml"), diagram("resnet50.yaml")
    assert style_for(lenet, collapse(lenet), "auto") == "lenet"
    assert style_for(resnet, collapse(resnet), "auto") == "graph"
    assert "6@28×28" in {label.text for label in drawing(lenet).labels}
    assert "layer1.main.conv_1" in {label.text for label in drawing(resnet).labels}


def test_auto_stays_graph_when_depth_makes_a_branching_network_a_chain():
    resnet = diagram("resnet50.yaml")
    assert collapse(resnet, 0).sequential
    assert style_for(resnet, collapse(resnet, 0), "auto") == "graph"


def test_depth_collapses_blocks_into_one_node_standing_for_their_rows():
    resnet = diagram("resnet50.yaml")
    top = collapse(resnet, 0)
    names = [node.name for node in top.nodes]
    assert names[:6] == ["conv_1", "batchnorm_1", "relu_1", "maxpool_1", "layer1", "layer1r.0"]
    assert top.rows["layer1"] == tuple(range(4, 16))
    layer1 = top.nodes[4]
    assert (layer1.kind, layer1.detail, layer1.output, layer1.inputs) == ("block", "of 12 layers", (56, 56, 256),
                                                                           ("maxpool_1",))
    assert layer1.params == sum(node.params for node in resnet.nodes[4:16])
    middle = [node.name for node in collapse(resnet, 1).nodes]
    assert "layer1.main" in middle and "layer1.add_1" in middle and "layer1.main.conv_1" not in middle


def test_a_collapsed_block_hovers_for_all_its_rows():
    svg = drawing(diagram("resnet50.yaml"), "graph", 0).svg
    assert 'data-rows="4 5 6 7 8 9 10 11 12 13 14 15"' in svg
    assert 'data-name="layer1"' in svg


def test_lenet_and_blocks_draw_a_branching_network_once_depth_makes_it_a_chain():
    picture = drawing(diagram("resnet50.yaml"), "lenet", 0)
    assert "256@56×56" in {label.text for label in picture.labels}
    assert overlapping(picture.labels) == []


def test_lenet_folds_shape_keeping_layers_into_the_map_before_them():
    svg = drawing(diagram("lenet.yaml"), "lenet").svg
    assert 'data-rows="0 1"' in svg and 'data-rows="2"' in svg
    labels = [label.text for label in drawing(diagram("lenet.yaml"), "lenet").labels]
    assert {"1@32×32", "6@28×28", "6@14×14", "16@10×10", "16@5×5", "400", "120", "84", "10"} <= set(labels)
    assert {"conv+relu", "5×5, 6", "maxpool", "2×2 /2", "dense+relu"} <= set(labels)


# --- errors ------------------------------------------------------------------------------------

def test_a_chain_style_on_a_branching_network_names_the_branch():
    with pytest.raises(FlagError) as caught:
        drawing(diagram("resnet50.yaml"), "lenet")
    assert str(caught.value) == ("--style: style lenet draws a chain of layers, but 'layer1.conv_1' reads "
                                 "'maxpool_1', not 'layer1.main.batchnorm_3'; --style graph, or a --depth that "
                                 "collapses the branches")


def test_unknown_style_suggests_the_nearest():
    with pytest.raises(FlagError, match="did you mean 'graph'"):
        drawing(diagram("lenet.yaml"), "grapth")


def test_an_unknown_suffix_is_a_flag_error(tmp_path):
    with pytest.raises(FlagError) as caught:
        write(diagram("lenet.yaml"), tmp_path / "net.png")
    assert "cannot tell the picture's form" in str(caught.value) and ".svg, .dot, .mmd or .html" in str(caught.value)
    assert not (tmp_path / "net.png").exists()


@pytest.mark.parametrize("depth", [-1, True, "1"])
def test_depth_must_be_a_whole_number(depth):
    with pytest.raises(FlagError, match="--depth"):
        drawing(diagram("lenet.yaml"), "graph", depth)


def test_text_forms_are_graphs_only():
    with pytest.raises(FlagError, match="always a graph"):
        render(diagram("lenet.yaml"), "dot", "lenet")


# --- write and the script entry ----------------------------------------------------------------

@pytest.mark.parametrize("suffix, start", [(".svg", "<?xml"), (".dot", "digraph"), (".mmd", "flowchart TB"),
                                           (".html", "<!DOCTYPE html>")])
def test_write_picks_the_form_by_suffix(tmp_path, suffix, start):
    path = write(diagram("lenet.yaml"), tmp_path / f"net{suffix}")
    assert path.read_text(encoding="utf-8").startswith(start)


def test_the_draw_command_writes_the_file_and_reports_bad_input_in_one_line(run, tmp_path):
    out = tmp_path / "r.svg"
    result = run("draw", str(SPECS / "resnet50.yaml"), "-o", str(out), "--style", "GRAPH", "--depth", "1")
    assert result.exit_code == 0, result.stderr
    ET.parse(out)
    bad = run("draw", str(SPECS / "lenet.yaml"), "-o", str(tmp_path / "x.pdf"))
    assert bad.exit_code == 2 and bad.stderr.count("\n") == 1 and bad.stderr.startswith("Error: -o: cannot tell")


# --- html --------------------------------------------------------------------------------------

def test_html_is_self_contained_and_well_formed():
    page = render(diagram("resnet50.yaml"), "html", "graph", 1)
    root = ET.fromstring(page.split("\n", 1)[1])
    assert not re.search(r"\b(src|href)\s*=|url\(|@import|<link|https?://(?!www\.w3\.org/2000/svg\")", page)
    rows = root.findall(".//{*}tbody/{*}tr") or root.findall(".//tbody/tr")
    assert len(rows) == len(diagram("resnet50.yaml").nodes)
    assert page.count("<svg") == 1 and 'class="layer"' in page


def test_html_rows_follow_the_diagram_order():
    d = diagram("lenet.yaml")
    page = render(d, "html")
    for i, node in enumerate(d.nodes):
        assert f'<tr id="row-{i}" data-name="{node.name}">' in page


# --- hostile names -----------------------------------------------------------------------------

HOSTILE = ("<script>alert(1)</script>", "a&b", "x]]>y", "\x1b]0;x\x07", "\u202eevil", 'q"uo\'te', "t\tab\nnl",
           "#quot;", "back\\slash", "--> x", "end", "名前")


def hostile_diagram() -> Diagram:
    nodes, previous = [], "input"
    for i, name in enumerate(HOSTILE):
        block = ("<b>&", f"<b>&.{name}") if i % 3 == 0 else ()
        nodes.append(DrawNode(name, "conv", "conv", "3×3, 8", (8, 8, 8), (previous,), block, 1, 1, (3, 3), (3, 3)))
        previous = name
    rows = tuple((str(i), node.name) for i, node in enumerate(nodes))
    return Diagram("<net> & \"co\" \x1b[31m", (8, 8, 8), tuple(nodes), ("#", "layer"), rows)


def assert_hidden_characters_gone(text: str) -> None:
    assert not re.search("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u202e]", text)


@pytest.mark.parametrize("style", ["graph", "lenet", "blocks"])
def test_hostile_names_are_escaped_in_svg(style):
    picture = drawing(hostile_diagram(), style)
    root = ET.fromstring(picture.svg)
    assert_hidden_characters_gone(picture.svg)
    assert "<script>" not in picture.svg and "]]>" not in picture.svg
    texts = {t.text for t in root.iter("{http://www.w3.org/2000/svg}text")}
    if style == "graph":
        assert {"<script>alert(1)</script>", "a&b", "x]]>y", "\\x1b]0;x\\x07", "\\u202eevil"} <= texts
    assert overlapping(picture.labels) == []


def test_hostile_names_are_escaped_in_html():
    page = render(hostile_diagram(), "html", "graph")
    ET.fromstring(page.split("\n", 1)[1])
    assert_hidden_characters_gone(page)
    assert page.count("<script>") == 1 and "&lt;script&gt;alert(1)" in page


def test_visible_shows_control_and_bidi_characters_as_escapes():
    assert visible("\x1b]0;x\x07") == "\\x1b]0;x\\x07"
    assert visible("a\u202eb\u2066c\ufeff") == "a\\u202eb\\u2066c\\ufeff"
    assert visible("tab\there\x85") == "tab\\x09here\\x85"
    assert visible("Ünïcødé ×") == "Ünïcødé ×"
    assert xml("<a href='x'>&\"") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;"


def test_widths_count_wide_characters_twice_and_marks_not_at_all():
    assert cells("conv_1") == 6
    assert cells("名前") == 4
    assert cells("e\u0301") == 1
    assert cells("\x1b") == 4


# --- mermaid -----------------------------------------------------------------------------------

ID = r"[A-Za-z0-9_]+"
LABEL = r'"[^"]*"'
MERMAID_LINES = [
    ("node", re.compile(rf"^({ID})\[{LABEL}\]$")),
    ("open", re.compile(rf"^subgraph {ID} \[{LABEL}\]$")),
    ("close", re.compile(r"^end$")),
    ("edge", re.compile(rf"^({ID}) (?:-- {LABEL} )?--> ({ID})$")),
    ("style", re.compile(rf"^classDef {ID} [^\s\"]+$")),
    ("class", re.compile(rf"^class {ID}(?:,{ID})* {ID}$")),
]


def check_mermaid(text: str) -> None:
    """Fails unless ``text`` is a flowchart in the subset of Mermaid's grammar cnncalc writes."""
    lines = text.splitlines()
    assert lines[0] == "flowchart TB"
    depth, defined, used = 0, set(), set()
    for line in lines[1:]:
        stripped = line.strip()
        kind = next((k for k, pattern in MERMAID_LINES if pattern.match(stripped)), None)
        assert kind is not None, f"not Mermaid flowchart syntax: {line!r}"
        match = dict(MERMAID_LINES)[kind].match(stripped)
        if kind == "node":
            defined.add(match.group(1))
        elif kind == "edge":
            used.update(match.groups())
        depth += {"open": 1, "close": -1}.get(kind, 0)
        assert depth >= 0, "'end' without 'subgraph'"
        for label in re.findall(LABEL, stripped):
            assert "<" not in label.replace("<br/>", "") and ">" not in label.replace("<br/>", "")
    assert depth == 0, "unbalanced subgraph/end"
    assert used <= defined


@pytest.mark.parametrize("name", ["lenet.yaml", "resnet50.yaml", "googlenet.yaml", "efficientnet-b0.yaml"])
@pytest.mark.parametrize("depth", [None, 1])
def test_mermaid_follows_the_flowchart_grammar(name, depth):
    check_mermaid(render(diagram(name), "mermaid", "auto", depth))


def test_mermaid_escapes_hostile_names_as_entities():
    text = render(hostile_diagram(), "mermaid")
    check_mermaid(text)
    assert_hidden_characters_gone(text)
    assert '"#lt;script#gt;alert(1)#lt;/script#gt;<br/>conv 3×3, 8"' in text
    assert "q#quot;uo'te" in text and "#35;quot;" in text


# --- dot ---------------------------------------------------------------------------------------

def check_dot(text: str) -> None:
    """Fails unless braces balance outside strings, strings end, and every id is a quoted string."""
    depth, i = 0, 0
    while i < len(text):
        char = text[i]
        if char == '"':
            i += 1
            while text[i] != '"':
                i += 2 if text[i] == "\\" else 1
                assert i < len(text), "unterminated string"
        elif char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            assert depth >= 0
        i += 1
    assert depth == 0
    string = r'"(?:[^"\\]|\\.)*"'
    for line in text.splitlines()[4:-1]:
        stripped = line.strip()
        assert re.match(rf"^(?:{string}(?: -> {string})? \[.*\];|subgraph {string} {{|label={string};.*|}})$",
                        stripped), stripped


def dot_accepts(text: str) -> None:
    if shutil.which("dot") is None:
        if REQUIRE_TOOLS:
            pytest.fail("CNNCALC_REQUIRE_TOOLS=1 but Graphviz 'dot' is not on PATH")
        pytest.skip("Graphviz 'dot' is not on PATH")
    result = subprocess.run(["dot", "-Tsvg"], input=text.encode(), capture_output=True, timeout=60)
    assert result.returncode == 0, result.stderr.decode()
    ET.fromstring(result.stdout)


@pytest.mark.parametrize("name", ["lenet.yaml", "resnet50.yaml", "googlenet.yaml"])
def test_dot_is_well_formed(name):
    check_dot(render(diagram(name), "dot", "auto", 1))


def test_hostile_dot_is_well_formed_and_escaped():
    text = render(hostile_diagram(), "dot")
    check_dot(text)
    assert_hidden_characters_gone(text)
    assert '"q\\"uo\'te\\nconv 3×3, 8"' in text and '"back\\\\slash' in text


@pytest.mark.parametrize("name", ["resnet50.yaml", "googlenet.yaml"])
def test_graphviz_reads_the_dot(name):
    dot_accepts(render(diagram(name), "dot", "auto", 1))


def test_graphviz_reads_the_hostile_dot():
    dot_accepts(render(hostile_diagram(), "dot"))


# --- layout ------------------------------------------------------------------------------------

def test_layout_keeps_each_layer_apart_and_edges_downward():
    preds = [[], [0], [0], [1, 2], [3], [3, 4], [0, 5]]
    feet = [Footprint(40 + 10 * i, 10, 10) for i in range(len(preds))]
    place = layered(preds, feet, node_gap=20)
    for v, ps in enumerate(preds):
        assert all(place.y[p] < place.y[v] for p in ps)
    for a in range(len(preds)):
        for b in range(a + 1, len(preds)):
            if place.layer[a] == place.layer[b]:
                assert abs(place.x[a] - place.x[b]) >= (feet[a].width + feet[b].width) / 2 + 20 - 1e-9


def test_layout_runs_the_spine_straight_and_bends_the_skip():
    # input → a → b → c → add(c, input): the longest chain stands in one column
    place = layered([[], [0], [1], [2], [3, 0]], [Footprint(60, 10, 10)] * 5)
    assert len({round(place.x[v], 6) for v in range(5)}) == 1
    skip = next(points for source, target, points in place.routes if (source, target) == (0, 4))
    assert max(x for x, _ in skip) > place.x[0] + 30


def test_layout_of_a_long_chain_places_every_node():
    n = 5000
    place = layered([[]] + [[i] for i in range(n - 1)], [Footprint(50, 10, 10)] * n)
    assert len(place.x) == n and place.layer[-1] == n - 1


# --- adapter -----------------------------------------------------------------------------------

def test_adapter_writes_hyperparameters_briefly():
    d = diagram_of_spec({"input": "32x32x3", "layers": [
        {"conv": {"filters": 4, "kernel": 3, "stride": 2, "activation": "relu"}}, {"lrn": {}}, {"upsample": 2},
        {"dropout": 0.5}, {"adaptive_avgpool": 12}, {"conv": {"filters": 4, "kernel": 3, "dilation": 2, "groups": 2}},
        {"depthwise_conv": {"kernel": 3, "depth_multiplier": 2, "stride": [1, 2]}}, {"maxpool": 2}, "flatten",
        {"dense": 10}]})
    assert [node.detail for node in d.nodes] == ["3×3, 4 /2 +relu", "size 5", "×2", "p=0.5", "→12×12", "3×3, 4 d2 g2",
                                                  "3×3 /1×2 ×2", "2×2 /2", "", "10"]
    assert [node.kernel for node in d.nodes][:2] == [(3, 3), None]
    assert d.nodes[0].receptive_field == (3, 3)


def test_the_palette_has_a_colour_for_every_glyph_a_kind_declares():
    from cnncalc.core.layers import KINDS
    from cnncalc.core.layers.base import GLYPHS as DECLARED
    from cnncalc.report.draw.model import GLYPHS

    assert set(DECLARED) == set(GLYPHS) and {k.glyph for k in KINDS} <= set(GLYPHS)


# --- architecture ------------------------------------------------------------------------------

def imports_of(path) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text())
    return [(node.level, node.module or "") for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]


@pytest.mark.parametrize("path", sorted(DRAW.glob("*.py")), ids=lambda p: p.name)
def test_only_the_adapter_reads_the_core(path):
    outside = {module for _, module in imports_of(path)
               if module.startswith("cnncalc") and not module.startswith("cnncalc.report.draw")}
    allowed = {"cnncalc.core.errors", "cnncalc.core.choices", "cnncalc.report.text"}  # report.text: visible
    if path.name == "adapter.py":
        allowed |= {"cnncalc.analyses.summary", "cnncalc.core.network", "cnncalc.report.model", "cnncalc.io.spec"}
    assert outside <= allowed


def test_draw_modules_import_one_way():
    graph = {}
    for path in DRAW.glob("*.py"):
        tree = ast.parse(path.read_text())
        graph[path.stem] = {node.module.split(".")[0] for node in tree.body
                            if isinstance(node, ast.ImportFrom) and node.level == 1 and node.module}
    seen, done = set(), set()

    def visit(name, trail):
        assert name not in seen - done, f"import cycle: {' → '.join(trail + [name])}"
        if name in done:
            return
        seen.add(name)
        for other in graph.get(name, ()):
            visit(other, trail + [name])
        done.add(name)
    for name in graph:
        visit(name, [])
