"""The README's generated sections match the code (catalogue, limits, --help), and it starts
with the two fresh-machine commands."""
from __future__ import annotations

from .conftest import ROOT, load_tool

regenerate = load_tool("docs").regenerate


def test_generated_sections_have_not_drifted():
    text = (ROOT / "README.md").read_text()
    assert regenerate(text, str(ROOT)) == text, "run: python tools/docs.py README.md"


def test_readme_opens_with_install_and_test_commands():
    text = (ROOT / "README.md").read_text()
    block = text.split("```bash\n", 1)[1].split("```", 1)[0].splitlines()
    assert block[0] == "python3 -m pip install . && cnncalc model lenet"  # a shipped name: works from any folder
    assert "[test]" in block[1] and "pytest" in block[1]


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text()
    assert "'.[test]'" in ci and "python -m pytest" in ci


def test_every_kind_is_in_the_catalogue():
    from cnncalc.core.layers import REGISTRY

    text = (ROOT / "README.md").read_text()
    for name in REGISTRY:
        assert f"| {name} |" in text


def test_every_limit_is_in_the_readme_table():
    from cnncalc.core import limits

    text = (ROOT / "README.md").read_text()
    names = [name for name in vars(limits) if name.isupper()]
    assert names and [name for name in names if f"| `{name}` |" not in text] == []
