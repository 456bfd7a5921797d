"""The architecture's rules: small modules, and a core that imports neither click, rich nor numpy."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from .conftest import ROOT

SOURCES = sorted((ROOT / "src" / "cnncalc").rglob("*.py"))
CORE = ["core.arith", "core.conventions", "core.errors", "core.literals", "core.layers", "core.network", "io.spec",
        "io.quiz", "io.yamlsrc", "analyses.summary", "analyses.explain", "analyses.check", "analyses.solve",
        "analyses.counting"]


def logical_lines(path) -> int:
    tree = ast.parse(path.read_text())
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.stmt) and not (isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant)):
            lines.add(node.lineno)
    return len(lines)


@pytest.mark.parametrize("path", SOURCES, ids=[p.name for p in SOURCES])
def test_modules_stay_small(path):
    assert logical_lines(path) <= 400


def test_core_imports_no_click_rich_or_numpy():
    code = ("import sys\nimport " + ", ".join(f"cnncalc.{m}" for m in CORE) + "\n"
            "from cnncalc.io.spec import load_network\nfrom cnncalc.analyses.summary import summarize\n"
            f"summarize(load_network({str(ROOT / 'specs' / 'resnet50.yaml')!r}))\n"
            "print(sorted(m for m in ('click', 'rich', 'numpy') if m in sys.modules))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_layer_command_imports_neither_yaml_nor_numpy():
    code = ("import sys\nfrom cnncalc.cli import main\n"
            "try:\n    main(['layer', '--input', '32x32x3', '--filters', '3', '--k', '3'])\n"
            "except SystemExit:\n    pass\n"
            "print(sorted(m for m in ('yaml', 'numpy', 'rich') if m in sys.modules), file=sys.stderr)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "[]"
