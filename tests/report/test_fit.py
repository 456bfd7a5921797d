"""Rich tables at 60, 80, 120 and 200 columns: exact snapshots, and no number ever cut.

Each rendering is compared with ``tests/snapshots/fit/*.txt`` (``pytest --update-snapshots``
rewrites them) and read back: every number of the plain report appears whole in it unless its
column is named as left out, no line is wider than the console, and nothing is ellipsised.
"""
from __future__ import annotations

import io
import re

import pytest
from rich.console import Console

from cnncalc.report.fit import plan, stacked_lines, wrap

from ..conftest import ROOT

SNAPSHOTS = ROOT / "tests" / "snapshots" / "fit"
WIDTHS = (60, 80, 120, 200)
NUMBER = re.compile(r"(?<![\w.,])-?\d[\d,]*(?:\.\d+)?(?![\w.,]*\w)")


def console(width: int) -> tuple[Console, io.StringIO]:
    out = io.StringIO()
    return Console(file=out, width=width, force_terminal=False, color_system=None, legacy_windows=False), out


def model(name: str, depth: int | None, width: int, macs_as: str | None = None) -> tuple[str, str]:
    """(rich rendering at ``width``, plain text) of a shipped network."""
    from cnncalc.analyses.counting import macs_as as count
    from cnncalc.analyses.summary import summarize
    from cnncalc.io.spec import load_network
    from cnncalc.report.model import print_model_rich, render_model
    from cnncalc.report.text import Format

    report = summarize(load_network(name))
    other = (macs_as, count(report, macs_as)) if macs_as else None
    rich, out = console(width)
    print_model_rich(rich, report, depth, None, other)
    return out.getvalue(), render_model(report, Format.TABLE, depth, None, other)


def zoo(width: int) -> tuple[str, str]:
    from cnncalc.analyses.summary import summarize
    from cnncalc.io import zoo as shipped
    from cnncalc.io.spec import load_network
    from cnncalc.report.text import Format
    from cnncalc.report.zoo import print_zoo_rich, render_zoo

    entries = [(name, summarize(load_network(name))) for name in shipped.names()]
    rich, out = console(width)
    print_zoo_rich(rich, entries)
    return out.getvalue(), render_zoo(entries, Format.TABLE)


def solve(width: int) -> tuple[str, str]:
    from cnncalc.analyses.solve import solve as run
    from cnncalc.report.solve import print_solutions_rich, render_solutions

    result = run((4, 4, 1), (2, 2, 3), "conv", "textbook", limit=6)
    rich, out = console(width)
    print_solutions_rich(rich, result, (4, 4, 1), (2, 2, 3))
    return out.getvalue(), render_solutions(result, "table", (4, 4, 1), (2, 2, 3))


def pool(width: int) -> tuple[str, str]:
    from cnncalc.engines.values import compute_values, window_values
    from cnncalc.report.layer import print_layer_rich, render_layer
    from cnncalc.report.text import Format
    from cnncalc import infer_layer

    matrix = [[0, 1, 0.5, 10], [2, 2.5, 1, -8], [4, 0, 5, 6], [15, 1, 2, 3]]
    explanation = infer_layer((4, 4, 1), "avgpool", {"kernel": 2, "stride": 2, "padding": 0})
    values = compute_values(explanation.layer, matrix)
    windows = window_values(explanation.layer, matrix, values)
    rich, out = console(width)
    print_layer_rich(rich, explanation, values, windows)
    return out.getvalue(), render_layer(explanation, Format.TABLE, values, windows)


CASES = {
    "lenet": lambda w: model("lenet", None, w),
    "resnet50-depth0": lambda w: model("resnet50", 0, w),
    "mobilenetv2-depth1-torchinfo": lambda w: model("mobilenetv2", 1, w, "torchinfo"),
    "zoo": zoo,
    "solve": solve,
    "pool-values": pool,
}


def rendered(name: str, width: int) -> tuple[str, str]:
    rich, plain = CASES[name](width)
    return "\n".join(line.rstrip() for line in rich.splitlines()) + "\n", plain


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CASES)
def test_rich_rendering_matches_its_snapshot(request, name, width):
    text, _ = rendered(name, width)
    path = SNAPSHOTS / f"{name}-{width}.txt"
    if request.config.getoption("--update-snapshots"):
        SNAPSHOTS.mkdir(exist_ok=True)
        path.write_text(text)
    assert path.exists(), f"no snapshot {path.name}: run pytest --update-snapshots"
    assert text == path.read_text()


def left_out(text: str) -> list[str]:
    match = re.search(r"left out at \d+ columns: (.*?) \(--format csv has all\)", " ".join(text.split()))
    return match.group(1).split(", ") if match else []


def plain_columns(plain: str) -> dict[str, list[str]]:
    """The cells of each column of a plain table (the lines under its ``---`` rule)."""
    lines = plain.splitlines()
    rule = next(i for i, line in enumerate(lines) if re.fullmatch(r"[- ]+", line) and "--" in line)
    spans = [m.span() for m in re.finditer(r"-+", lines[rule])]
    headers = [lines[rule - 1][a:b if k + 1 < len(spans) else None].strip() for k, (a, b) in enumerate(spans)]
    body = [line for line in lines[rule + 1:] if line.strip() and not re.match(r"^[\w ()]+: ", line)]
    columns: dict[str, list[str]] = {h: [] for h in headers}
    for line in body:
        if len(line) < spans[0][1] or line.startswith(("warning", "values")):
            break
        for h, (a, b) in zip(headers, spans):
            columns[h].append(line[a:b].strip())
    return columns


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", CASES)
def test_no_number_is_ever_cut(name, width):
    text, plain = rendered(name, width)
    assert "…" not in text
    assert max(len(line) for line in text.splitlines()) <= width
    whole = set(NUMBER.findall(plain))
    shown = NUMBER.findall(text.replace("\n", " "))
    assert set(shown) - whole - {str(width)} == set(), "a number in the rendering is not one of the report's"
    if "---" in plain:
        dropped = left_out(text)
        for header, cells in plain_columns(plain).items():
            if header not in dropped:
                for cell in cells:
                    for number in NUMBER.findall(cell):
                        assert number in shown, (header, number)


def test_model_at_80_columns_drops_the_least_needed_columns_and_says_so():
    text, _ = rendered("lenet", 80)
    assert left_out(text) == ["non-trainable", "no sharing"]
    text, _ = rendered("lenet", 200)
    assert left_out(text) == []


def test_a_network_too_wide_for_its_essentials_is_stacked():
    text, _ = rendered("resnet50-depth0", 60)
    assert "┃" not in text
    assert "5  layer1  block  56x56x256\n  params 76,288  non-trainable 1,280" in text


def test_wrap_breaks_names_at_dots_then_underscores():
    assert wrap("denseblock1.0.batchnorm_1", 16) == "denseblock1.0.\nbatchnorm_1"
    assert wrap("global_avgpool", 10) == "global_\navgpool"
    assert wrap("conv_1", 10) == "conv_1"


def test_plan_never_narrows_a_number_column():
    headers = ["layer", "params", "MACs"]
    rows = [["a.very.long.layer.name", "1,000,000", "15,470,264,320"]]
    chosen = plan(headers, rows, 45, wrapped=("layer",))  # 10 + 9 + 14 and a rule and padding: 43
    assert dict(zip(chosen.shown, chosen.widths)) == {0: 12, 1: 9, 2: 14}
    assert plan(headers, rows, 42, wrapped=("layer",)).stacked


def test_stacked_lines_keep_each_item_whole():
    lines = stacked_lines(["#", "layer", "params", "MACs"], ["1", "conv", "9,408", "118,013,952"], 20, 2)
    assert lines == ["1  conv", "  params 9,408", "  MACs 118,013,952"]


@pytest.mark.parametrize("width", WIDTHS)
def test_the_cli_on_a_terminal_of_that_width_prints_the_snapshot(run, width):
    result = run("model", "lenet", env={"FORCE_COLOR": "1", "NO_COLOR": "1", "COLUMNS": str(width)})
    text = re.sub(r"\x1b\[[0-9;]*m", "", result.stdout)
    assert "\n".join(line.rstrip() for line in text.splitlines()) + "\n" == (SNAPSHOTS / f"lenet-{width}.txt").read_text()
