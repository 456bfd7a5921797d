"""Generated hostile input for cnncalc's commands: mutated specs and quizzes, broken YAML, random flags.

`run_case` runs one case in-process and returns what was wrong with the behaviour, if anything:
only exit codes 0/1/2, never a traceback or an internal error, and an exit-2 message is one
line that names where (a file or a flag). Used by tests/test_fuzz.py (a fixed-seed share)
and bench/fuzz (10,000+ cases).
"""
from __future__ import annotations

import copy
import os
import random
import tempfile

import yaml
from click.testing import CliRunner

from cnncalc.cli import main
from cnncalc.core.layers import REGISTRY

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ZOO = os.path.join(ROOT, "src", "cnncalc", "zoo")
SPECS = sorted(os.path.join(ZOO, f) for f in os.listdir(ZOO) if f.endswith(".yaml"))
QUIZ = os.path.join(ROOT, "specs", "quizzes", "cnn-lesson.yaml")
KEYS = sorted({p.name for kind in REGISTRY.values() for p in kind.schema} | {"name", "from", "block", "with",
                                                                              "repeat", "filter", "strides"})
FLAGS = ["--input", "--filters", "--k", "--kernel", "--s", "--stride", "--p", "--padding", "--d", "--dilation",
         "--groups", "--no-bias", "--transpose", "--depthwise", "--depth-multiplier", "--output-padding",
         "--convention", "--strict", "--format", "--values", "--weights", "--op", "--ceil-mode", "--output",
         "--kind", "--max-kernel", "--limit"]


def junk(rng: random.Random) -> object:
    """A value of a random type, often out of range."""
    choices = [
        lambda: rng.randint(-5, 40), lambda: rng.choice([0, -1, 10**12, 2**64]), lambda: rng.random() * 10,
        lambda: rng.choice(["same", "valid", "sam", "", "32x32x3", "3x", "x", "1e99", "[[0,1],[0,1]]", "nan"]),
        lambda: [rng.randint(0, 5) for _ in range(rng.randint(0, 4))], lambda: {"k": rng.randint(0, 3)},
        lambda: None, lambda: rng.choice([True, False]), lambda: [[rng.randint(0, 3)] * 2] * rng.randint(1, 4),
    ]
    return rng.choice(choices)()


def mutate(data: object, rng: random.Random, depth: int = 0) -> object:
    """A copy of plain data with a few random edits: values replaced, keys renamed or dropped, items added."""
    data = copy.deepcopy(data)
    for _ in range(rng.randint(1, 3)):
        data = _mutate_once(data, rng, depth)
    return data


def _mutate_once(data: object, rng: random.Random, depth: int) -> object:
    if isinstance(data, dict) and data:
        key = rng.choice(list(data))
        action = rng.random()
        if action < 0.4 and depth < 6:
            data[key] = _mutate_once(data[key], rng, depth + 1)
        elif action < 0.6:
            data[key] = junk(rng)
        elif action < 0.75:
            data[rng.choice(KEYS)] = data.pop(key)
        elif action < 0.85:
            del data[key]
        else:
            data[rng.choice(KEYS)] = junk(rng)
        return data
    if isinstance(data, list) and data:
        i = rng.randrange(len(data))
        action = rng.random()
        if action < 0.5 and depth < 6:
            data[i] = _mutate_once(data[i], rng, depth + 1)
        elif action < 0.7:
            data.insert(i, {rng.choice(sorted(REGISTRY)): {rng.choice(KEYS): junk(rng)}})
        elif action < 0.8:
            del data[i]
        else:
            data[i] = junk(rng)
        return data
    return junk(rng) if rng.random() < 0.8 else data


def break_text(text: str, rng: random.Random) -> str:
    """YAML text with random characters deleted, duplicated or replaced."""
    chars = list(text)
    for _ in range(rng.randint(1, 4)):
        i = rng.randrange(len(chars))
        op = rng.random()
        if op < 0.3:
            del chars[i]
        elif op < 0.6:
            chars.insert(i, rng.choice(":[]{}-#&*!|>'\"\t\n x0"))
        else:
            chars[i] = rng.choice(":[]{}- \n")
    return "".join(chars)


def random_flags(rng: random.Random) -> list[str]:
    command = rng.choice(["layer", "pool", "conv", "solve", "layer"])
    args = [command]
    good = {"layer": ["--input", "32x32x3", "--filters", "8", "--k", "3"], "pool": ["--input", "8x8x2", "--k", "2"],
            "conv": ["--values", "[[1,2,3],[4,5,6],[7,8,9]]", "--weights", "[[1,0],[0,1]]"],
            "solve": ["--input", "8x8x1", "--output", "4x4x2", "--max-kernel", "4"]}[command]
    args += good
    for _ in range(rng.randint(0, 4)):
        args.append(rng.choice(FLAGS))
        value = junk(rng)
        args.append(value if isinstance(value, str) else str(value).replace(" ", ""))
    return args


def problems(result, where: str) -> list[str]:
    """What is wrong with how a command answered (empty when it behaved)."""
    found = []
    if result.exit_code not in (0, 1, 2):
        found.append(f"exit code {result.exit_code}")
    err = result.stderr
    if "Traceback" in err or "Traceback" in result.stdout:
        found.append("traceback")
    if "internal error" in err:
        found.append(err.strip())
    if result.exit_code == 2:
        lines = [line for line in err.splitlines() if line.startswith("Error: ")]
        if not lines:
            found.append(f"exit 2 without an error line: {err!r}")
        elif not any(where in line for line in lines) and not any("--" in line for line in lines):
            found.append(f"error names no location: {lines[0]}")
    return found


def run_case(rng: random.Random, workdir: str) -> tuple[str, list[str]]:
    """One generated case: (a description, its problems)."""
    runner = CliRunner()
    kind = rng.random()
    if kind < 0.25:
        args = random_flags(rng)
        result = runner.invoke(main, args)
        return " ".join(args), problems(result, "--")
    path = os.path.join(workdir, f"case{rng.randrange(10**9)}.yaml")
    if kind < 0.65:
        source = rng.choice(SPECS)
        data = yaml.safe_load(open(source))
        text = yaml.safe_dump(mutate(data, rng), sort_keys=False)
        command = ["model", path, "--format", rng.choice(["json", "csv", "table"])]
    elif kind < 0.8:
        data = yaml.safe_load(open(QUIZ))
        data["questions"] = [q for q in data["questions"] if "model" not in q or isinstance(q["model"], dict)]
        text = yaml.safe_dump(mutate(data, rng), sort_keys=False)
        command = ["check", path]
    else:
        text = break_text(open(rng.choice(SPECS)).read(), rng)
        command = ["model", path]
    with open(path, "w") as f:
        f.write(text)
    result = runner.invoke(main, command)
    os.unlink(path)
    found = problems(result, path)
    return (f"{command[0]} of a generated document:\n{text}" if found else command[0]), found


def fuzz(cases: int, seed: int) -> tuple[int, list[tuple[str, list[str]]]]:
    """Run ``cases`` generated cases; return how many ran and the failing ones."""
    rng = random.Random(seed)
    failures = []
    with tempfile.TemporaryDirectory() as workdir:
        for _ in range(cases):
            description, found = run_case(rng, workdir)
            if found:
                failures.append((description, found))
    return cases, failures
