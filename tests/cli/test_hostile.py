"""Hostile input, one committed fixture per attack (``tests/fixtures/hostile``). Each fixture's
header says what the attack did, the command to run (``{}`` is the fixture, ``{dir}`` its
folder), the exit code and a fragment of the one error line (``stderr:``) or of the bounded
result (``stdout:``), or what must not appear (``absent:``); ``limits: NAME=N`` lowers a bound of ``core/limits.py`` for the case, so
an attack on a bound of 200,000 layers is shown on 2,000. Every case must also answer with 0,
1 or 2, never a traceback."""
from __future__ import annotations

import re
import shlex

import pytest

from ..conftest import ROOT

FIXTURES = ROOT / "tests" / "fixtures" / "hostile"
HEADER = re.compile(r"^# (run|exit|stderr|stdout|absent|env|limits): (.*)$", re.M)


def header(path) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for key, value in HEADER.findall(path.read_text(encoding="utf-8", errors="replace")):
        found.setdefault(key, []).append(value)
    return found


CASES = sorted(p for p in FIXTURES.iterdir() if p.is_file() and "run" in header(p))


def test_every_fixture_declares_its_command_and_outcome():
    for path in sorted(FIXTURES.iterdir()):
        if path.is_file() and path.suffix == ".yaml":
            assert {"run", "exit"} <= header(path).keys(), path.name


@pytest.mark.parametrize("path", CASES, ids=[p.name for p in CASES])
def test_hostile_fixture(run, path, monkeypatch):
    from cnncalc.core import limits

    case = header(path)
    for setting in case.get("limits", []):
        name, value = setting.split("=")
        assert hasattr(limits, name), name
        monkeypatch.setattr(limits, name, int(value))
    args = [a.replace("{}", str(path)).replace("{dir}", str(FIXTURES)) for a in shlex.split(case["run"][0])]
    env = dict(v.split("=", 1) for v in case.get("env", []))
    result = run(*args, env=env or None)
    assert result.exit_code == int(case["exit"][0]), result.stderr or result.stdout[:2000]
    assert "Traceback" not in result.stderr + result.stdout and "internal error" not in result.stderr
    if result.exit_code == 2:
        assert result.stderr.count("\n") == 1 and result.stderr.startswith("Error: "), result.stderr
    if result.exit_code != 2 and "stderr" not in case:
        assert result.stderr == ""  # no warning, no stray line
    assert len(result.stderr) <= 1_100
    for fragment in case.get("stderr", []):
        assert fragment in result.stderr, result.stderr
    for fragment in case.get("stdout", []):
        assert fragment in result.stdout, result.stdout[:2000]
    for fragment in case.get("absent", []):
        assert fragment not in result.stdout + result.stderr, fragment
