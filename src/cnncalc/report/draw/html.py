"""A self-contained HTML page: the diagram as inline SVG beside the report table (above it,
when the drawing is wide, as a chain of feature maps is).

Nothing is loaded from outside (no scripts, styles, fonts or images by URL). Hovering a layer
in the diagram highlights the table rows it stands for and shows its receptive field;
hovering a row highlights its layer. The page is also well-formed XML: the script uses
neither ``<`` nor ``&``.
"""
from __future__ import annotations

import re

from cnncalc.report.draw.model import Diagram
from cnncalc.report.draw.svg import Drawing
from cnncalc.report.draw.text import xml

STYLE = """
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#252525}
header{padding:8px 16px;border-bottom:1px solid #ddd}
h1{font-size:18px;margin:0}
#info{margin:4px 0 0;color:#636363;min-height:1.4em;font-family:monospace}
main{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);height:calc(100vh - 70px)}
.pane{overflow:auto;padding:8px 16px}
.diagram svg{max-width:100%;height:auto}
table{border-collapse:collapse;font:12px/1.3 monospace}
th,td{padding:2px 8px;border-bottom:1px solid #eee;white-space:nowrap;text-align:left}
th{position:sticky;top:0;background:#fff;border-bottom:1px solid #bbb}
td.n{text-align:right}
tr.hl td{background:#fdd0a2}
main.wide{display:block;height:auto}
@media (max-width:900px){main{display:block;height:auto}}
"""

SCRIPT = """
(function () {
  var info = document.getElementById("info");
  var owner = {};
  function rowsOf(layer) {
    return (layer.getAttribute("data-rows") || "").split(" ").filter(function (id) { return id !== ""; });
  }
  function mark(layer, on, scroll) {
    layer.classList.toggle("hl", on);
    var rows = rowsOf(layer).map(function (id) { return document.getElementById("row-" + id); });
    rows.forEach(function (row) { if (row) { row.classList.toggle("hl", on); } });
    if (on) {
      if (scroll) { if (rows[0]) { rows[0].scrollIntoView({block: "nearest"}); } }
      var rf = layer.getAttribute("data-rf");
      info.textContent = layer.getAttribute("data-name") + (rf ? " \\u2014 receptive field " + rf : "");
    }
  }
  document.querySelectorAll("svg .layer").forEach(function (layer) {
    rowsOf(layer).forEach(function (id) { owner[id] = layer; });
    layer.addEventListener("mouseover", function () { mark(layer, true, true); });
    layer.addEventListener("mouseout", function () { mark(layer, false, false); });
  });
  document.querySelectorAll("tr[id]").forEach(function (row) {
    var layer = owner[row.id.slice(4)];
    if (!layer) { return; }
    row.addEventListener("mouseover", function () { mark(layer, true, false); });
    row.addEventListener("mouseout", function () { mark(layer, false, false); });
  });
})();
"""

_NUMERIC = re.compile(r"^[0-9,.x×—-]+$")


def page(diagram: Diagram, drawing: Drawing) -> str:
    """The HTML page of ``diagram`` with ``drawing`` inline."""
    head = "".join(f"<th>{xml(h)}</th>" for h in diagram.table_headers)
    body = "\n".join(_row(i, node.name, cells) for i, (node, cells) in enumerate(zip(diagram.nodes,
                                                                                    diagram.table_rows)))
    name = xml(diagram.name)
    view = drawing.view
    wide = ' class="wide"' if view.x1 - view.x0 > 1.5 * (view.y1 - view.y0) else ""
    return (f'<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"/>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"/>'
            f"<title>{name}</title><style>{STYLE}</style></head>\n<body>\n"
            f'<header><h1>{name}</h1><p id="info">Hover a layer to find its row and receptive field.</p></header>\n'
            f'<main{wide}><div class="pane diagram">{drawing.svg}</div>\n'
            f'<div class="pane"><table id="layers"><thead><tr>{head}</tr></thead><tbody>\n{body}\n'
            f"</tbody></table></div></main>\n<script>{SCRIPT}</script>\n</body></html>\n")


def _row(index: int, name: str, cells: tuple[str, ...]) -> str:
    tds = "".join(f'<td class="n">{xml(c)}</td>' if _NUMERIC.match(c) else f"<td>{xml(c)}</td>" for c in cells)
    return f'<tr id="row-{index}" data-name="{xml(name)}">{tds}</tr>'
