"""Helpers the bench scripts share: the interpreter and cnncalc to time, and compiled bytecode."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
ZOO = os.path.join(ROOT, "src", "cnncalc", "zoo")
VENV = os.path.join(ROOT, ".venv", "bin")
PYTHON = os.path.join(VENV, "python") if os.path.exists(os.path.join(VENV, "python")) else sys.executable
CNNCALC = os.path.join(VENV, "cnncalc") if os.path.exists(os.path.join(VENV, "cnncalc")) else "cnncalc"


def compile_package() -> None:
    """pip writes .pyc files at install time; an editable install under PYTHONDONTWRITEBYTECODE
    has none, and would be timed compiling its sources. Compile them first."""
    location = subprocess.run([PYTHON, "-c", "import cnncalc, os; print(os.path.dirname(cnncalc.__file__))"],
                              capture_output=True, text=True, check=True).stdout.strip()
    subprocess.run([PYTHON, "-m", "compileall", "-q", location], check=True)


def median_seconds(command: list[str], runs: int, env: dict | None = None) -> float:
    """Median wall time of a whole process over ``runs`` runs."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def interleaved(commands: dict[str, list[str]], runs: int, env: dict | None = None) -> dict[str, list[float]]:
    """Wall times of whole processes, the commands taking turns run after run (so a slow
    moment of this shared machine falls on all of them alike)."""
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            start = time.perf_counter()
            subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, env=env)
            times[name].append(time.perf_counter() - start)
    return times


def spread(seconds: list[float]) -> str:
    """``median ms (min–max)``."""
    return (f"{statistics.median(seconds) * 1000:8.1f} ms ({min(seconds) * 1000:.0f}–"
            f"{max(seconds) * 1000:.0f})")


def ratio(ours: list[float], theirs: list[float]) -> str:
    """Median ratio, with the spread of the per-run ratios."""
    pairs = sorted(a / b for a, b in zip(ours, theirs))
    return f"{statistics.median(pairs):5.2f}x ({pairs[0]:.2f}–{pairs[-1]:.2f})"
