"""Shared fixtures: a CLI runner that calls the real group main, and golden data loaders."""
from __future__ import annotations

import json
import pathlib

import pytest
from click.testing import CliRunner

ROOT = pathlib.Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SPECS = ROOT / "src" / "cnncalc" / "zoo"
"""The shipped reference networks (package data)."""
QUIZZES = ROOT / "specs" / "quizzes"
SHARED = ROOT.parent / "shared"


def pytest_addoption(parser):
    parser.addoption("--update-snapshots", action="store_true", help="rewrite tests/snapshots from the current output")


def load_tool(name: str):
    """A script under tools/ (outside the wheel) as a module."""
    import importlib.util

    spec = importlib.util.spec_from_file_location(f"tools_{name}", ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def load_jsonl(name: str) -> tuple[dict, list[dict]]:
    """(meta, cases) of a golden fixture file written by tests/golden/make_*.py."""
    lines = (GOLDEN / name).read_text().splitlines()
    return json.loads(lines[0])["meta"], [json.loads(line) for line in lines[1:]]


class Result:
    def __init__(self, raw):
        self.exit_code = raw.exit_code
        self.stdout = raw.stdout
        self.stderr = raw.stderr
        self.exception = raw.exception


@pytest.fixture
def run():
    """Run `cnncalc ARGS...` in-process; returns exit code, stdout and stderr separately."""
    from cnncalc.cli import main

    def invoke(*args: str, input: str | None = None, env: dict | None = None) -> Result:
        runner = CliRunner()
        return Result(runner.invoke(main, list(args), input=input, env=env, catch_exceptions=True))

    return invoke
