"""Pictures as a browser shows them (Debian's headless Chromium): real text boxes never overlap
and stay inside the drawing, every label is there, and hovering a layer lights its table row.

Skipped without Chromium, unless CNNCALC_REQUIRE_TOOLS=1 (then a missing Chromium fails).
"""
from __future__ import annotations

import json
import math
import os
import re
import sys
from functools import lru_cache

import pytest

from cnncalc.report.draw import drawing, render
from cnncalc.report.draw.adapter import diagram_of_spec

from ..conftest import ROOT, SPECS

sys.path.insert(0, str(ROOT / "tools"))
import chromium  # noqa: E402



@pytest.fixture(autouse=True)
def browser():
    """Skips when Chromium is missing, or fails when CNNCALC_REQUIRE_TOOLS=1 says it must be there."""
    if chromium.executable() is None:
        if os.environ.get("CNNCALC_REQUIRE_TOOLS") == "1":
            pytest.fail("CNNCALC_REQUIRE_TOOLS=1 but chromium is not installed (apt-get install chromium)")
        pytest.skip("chromium is not installed")

PROBE = """
(function () {
  var texts = Array.prototype.slice.call(document.querySelectorAll("svg text"));
  var frame = document.querySelector("svg").getBoundingClientRect();
  var boxes = texts.map(function (t) {
    var r = t.getBoundingClientRect();
    return {x0: r.left, y0: r.top, x1: r.right, y1: r.bottom, text: t.textContent};
  });
  var overlaps = [], outside = [], slack = 0.5;
  for (var i = 0; i < boxes.length; i++) {
    var a = boxes[i];
    if (a.x0 < frame.left - slack || a.y0 < frame.top - slack || a.x1 > frame.right + slack ||
        a.y1 > frame.bottom + slack) { outside.push(a.text); }
    for (var j = i + 1; j < boxes.length; j++) {
      var b = boxes[j];
      if (a.x0 < b.x1 - slack && b.x0 < a.x1 - slack && a.y0 < b.y1 - slack && b.y0 < a.y1 - slack) {
        overlaps.push([a.text, b.text]);
      }
    }
  }
  var result = {labels: boxes.map(function (b) { return b.text; }), overlaps: overlaps, outside: outside};
  var layer = document.querySelector('svg .layer[data-name="' + HOVER + '"]');
  if (layer && document.getElementById("layers")) {
    var ids = layer.getAttribute("data-rows").split(" ");
    var lit = function () {
      return ids.map(function (id) { return document.getElementById("row-" + id).classList.contains("hl"); });
    };
    var before = lit();
    layer.querySelector("rect, polygon").dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
    result.hover = {rows: ids, before: before, after: lit(), info: document.getElementById("info").textContent,
                    others: document.querySelectorAll("tr.hl").length};
    layer.querySelector("rect, polygon").dispatchEvent(new MouseEvent("mouseout", {bubbles: true}));
    result.hover.cleared = document.querySelectorAll("tr.hl, svg .hl").length;
    var row = document.getElementById("row-" + ids[ids.length - 1]);
    row.firstChild.dispatchEvent(new MouseEvent("mouseover", {bubbles: true}));
    result.hover.fromRow = layer.classList.contains("hl");
  }
  document.getElementById("result").textContent = JSON.stringify(result);
})();
"""

CASES = {
    "lenet": ("lenet.yaml", "lenet", None, "conv_1"),
    "resnet50-graph": ("resnet50.yaml", "graph", 1, "layer1.main"),
    "resnet50-every-layer": ("resnet50.yaml", "graph", None, "layer1.main.conv_2"),
}


@lru_cache(maxsize=None)
def diagram(name: str):
    return diagram_of_spec(str(SPECS / name))


def probed(page: str, hover: str) -> str:
    """``page`` with the probe script, and a <pre> it writes its findings into."""
    script = f'<pre id="result"></pre><script>var HOVER = {json.dumps(hover)};{PROBE}</script>'
    return page.replace("</body>", script + "</body>")


def findings(path) -> dict:
    dom = chromium.dump_dom(path)
    match = re.search(r'<pre id="result">(.*?)</pre>', dom, re.S)
    assert match and match.group(1), "the probe did not run"
    return json.loads(match.group(1).replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">"))


@pytest.mark.parametrize("case", CASES)
def test_svg_in_a_browser_has_every_label_and_no_overlap(case, tmp_path):
    spec, style, depth, hover = CASES[case]
    picture = drawing(diagram(spec), style, depth)
    page = tmp_path / f"{case}-svg.html"
    page.write_text(probed(f'<!DOCTYPE html><html><head><meta charset="utf-8"/></head><body style="margin:0">'
                           f"{picture.svg}</body></html>", hover), encoding="utf-8")
    seen = findings(page)
    assert seen["labels"] == [label.text for label in picture.labels]
    assert seen["overlaps"] == [] and seen["outside"] == []
    width, height = math.ceil(picture.view.x1 - picture.view.x0), math.ceil(picture.view.y1 - picture.view.y0)
    png = chromium.screenshot(page, tmp_path / f"{case}.png", width, min(height, 1600))
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize("case", CASES)
def test_html_page_lights_the_row_of_the_hovered_layer(case, tmp_path):
    spec, style, depth, hover = CASES[case]
    d = diagram(spec)
    page = tmp_path / f"{case}.html"
    page.write_text(probed(render(d, "html", style, depth), hover), encoding="utf-8")
    seen = findings(page)
    assert seen["overlaps"] == [] and seen["outside"] == []
    assert set(seen["labels"]) == {label.text for label in drawing(d, style, depth).labels}
    hovered = seen["hover"]
    assert hovered["before"] == [False] * len(hovered["rows"])
    assert hovered["after"] == [True] * len(hovered["rows"]) == [True] * hovered["others"]
    assert hovered["info"].startswith(hover) and "receptive field" in hovered["info"]
    assert hovered["cleared"] == 0 and hovered["fromRow"] is True
    png = chromium.screenshot(page, tmp_path / f"{case}-page.png", 1400, 900)
    assert png.stat().st_size > 0
