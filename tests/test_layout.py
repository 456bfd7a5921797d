"""The architecture's rules: small modules, and a core that imports neither click, rich nor numpy."""
from __future__ import annotations

import ast
import subprocess
import sys

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "src" / "cnncalc"
SOURCES = sorted(PACKAGE.rglob("*.py"))
TIERS = {"core": 0, "io": 1, "analyses": 2, "engines": 3, "report": 3, "teach": 3, "cli": 4}
"""Each package's tier: a module imports from its own tier or lower ones only (top-level modules: any)."""


def module_name(path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path) -> set[str]:
    """The cnncalc modules a source file imports (at any depth, TYPE_CHECKING blocks included)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("cnncalc"):
            found.update(f"{node.module}.{a.name}" if f"{node.module}.{a.name}" in MODULES else node.module
                         for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names if a.name.startswith("cnncalc"))
    return found & MODULES.keys() - {module_name(path)}


MODULES = {module_name(p): p for p in SOURCES}
GRAPH = {name: imports_of(path) for name, path in MODULES.items()}
CORE = sorted(m.removeprefix("cnncalc.") for m in MODULES if m.count(".") and m.split(".")[1] in ("core", "io", "analyses"))
"""The modules below the engines: they import neither click, rich nor numpy."""


def tier(module: str) -> int:
    parts = module.split(".")
    return TIERS.get(parts[1], len(TIERS)) if len(parts) > 1 else len(TIERS)


def test_every_package_has_a_tier():
    packages = {p.parent.name for p in SOURCES if p.parent != PACKAGE and p.parent.parent == PACKAGE}
    assert packages == set(TIERS)


def test_imports_point_down_the_tiers():
    upward = [f"{m} → {d}" for m, deps in GRAPH.items() for d in deps if tier(d) > tier(m)]
    assert upward == []


def test_no_import_cycle():
    state: dict[str, int] = {}

    def visit(module, path):
        state[module] = 1
        for dep in sorted(GRAPH[module]):
            if state.get(dep) == 1:
                raise AssertionError("import cycle: " + " → ".join(path[path.index(dep):] + [dep]))
            if dep not in state:
                visit(dep, path + [dep])
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module, [module])


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
            f"summarize(load_network({str(ROOT / 'src' / 'cnncalc' / 'zoo' / 'resnet50.yaml')!r}))\n"
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
