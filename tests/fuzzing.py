"""Generated hostile input for cnncalc's commands: mutated specs and quizzes, broken YAML, random
flags, and one generator per attack surface: markup and terminal sequences in names, huge
literals, graph-size bombs, hostile paths.

`run_case` runs one case in-process and returns what was wrong with the behaviour, if anything:
only exit codes 0/1/2, never a traceback or an internal error, an exit-2 message is one line
that names where (a file or a flag), no control sequence reaches the output raw, JSON is strict
and no CSV cell starts a formula. Used by tests/test_fuzz.py (a fixed-seed share) and bench/fuzz
(10,000+ cases).
"""
from __future__ import annotations

import contextlib
import copy
import csv
import io
import json
import os
import random
import re
import tempfile

import yaml
from click.testing import CliRunner

from cnncalc.cli import main
from cnncalc.core import limits
from cnncalc.core.layers import REGISTRY
from cnncalc.report.text import visible

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


def problems(result, where: str, fmt: str | None = None, colour: bool = False) -> list[str]:
    """What is wrong with how a command answered (empty when it behaved)."""
    found = []
    if result.exit_code not in (0, 1, 2):
        found.append(f"exit code {result.exit_code}")
    err, out = result.stderr, result.stdout
    if "Traceback" in err or "Traceback" in out:
        found.append("traceback")
    if "internal error" in err:
        found.append(err.strip())
    if result.exit_code == 2:
        lines = [line for line in err.splitlines() if line.startswith("Error: ")]
        if not lines:
            found.append(f"exit 2 without an error line: {err!r}")
        elif not any(visible(where) in line or "--" in line or "<stdin>" in line for line in lines):
            found.append(f"error names no location: {lines[0]}")
    found += raw_controls(out + err, colour)
    if fmt == "json" and result.exit_code in (0, 1) and out.strip():
        try:
            json.loads(out, parse_constant=lambda name: (_ for _ in ()).throw(ValueError(name)))
        except ValueError as e:
            found.append(f"not strict JSON: {e}")
    if fmt == "csv" and result.exit_code in (0, 1):
        try:
            found += [f"CSV formula cell {cell!r}" for row in csv.reader(io.StringIO(out, newline="")) for cell in row
                      if cell[:1] in ("=", "+", "-", "@", "\t", "\r") and not CSV_NUMBER.fullmatch(cell)]
        except csv.Error as e:
            found.append(f"broken CSV: {e}")
    return found


CSV_NUMBER = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?")
RAW = re.compile("[\x00-\x08\x0b-\x1a\x1c-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def raw_controls(text: str, colour: bool) -> list[str]:
    """Control sequences in the output: never an OSC or another control; ESC only for rich's colours."""
    found = [f"raw control {m.group()!r}" for m in RAW.finditer(text)][:1]
    escapes = re.sub(r"\x1b\[[0-9;]*m", "", text) if colour else text
    if "\x1b" in escapes:
        found.append("raw ESC in the output")
    return found


# --- the attack surfaces ---------------------------------------------------------------------

HOSTILE_TEXT = ["[/bold]", "[link=https://evil.example]click[/link]", "[red]", "\x1b]0;title\x07", "\x1b[2J",
                "\x1b]52;c;ZXZpbA==\x07", "ok\rfake", "a\u202eb", "x\u2066y", "=HYPERLINK(\"x\")", "@SUM(A1)",
                "-2+3", "+cmd", "\tlead", ":smile:", "line\nbreak", "\x9b31m", "\udcff", "\ufffe", "a" * 300, "", "\x00"]


def hostile_names(rng: random.Random, workdir: str) -> tuple[list[str], str, str | None, bool]:
    """A spec or quiz whose names (network, layers, questions, blocks) are markup, terminal
    sequences, formulas or invisible characters, in a random format, sometimes on a "terminal"."""
    def text() -> str:
        return "".join(rng.choice(HOSTILE_TEXT) for _ in range(rng.randint(1, 3)))

    path = os.path.join(workdir, f"names{rng.randrange(10**9)}.yaml")
    if rng.random() < 0.5:
        layers = [{"relu": {}, "name": text()} for _ in range(rng.randint(1, 4))]
        if rng.random() < 0.3:
            layers.append({"relu": {}, "from": text()})
        data, command = {"name": text(), "input": "4x4x1", "layers": layers}, "model"
    else:
        data = {"questions": [{"name": text(), "input": "4x4x1", "maxpool": 2, "expect": {"output": rng.choice(
            ["2x2x1", "3x3x1", text()])}} for _ in range(rng.randint(1, 3))]}
        command = "check"
    write(path, json.dumps(data))
    fmt = rng.choice(["table", "json", "csv", "markdown"])
    return [command, path, "--format", fmt], path, fmt, rng.random() < 0.5


def huge_literals(rng: random.Random, workdir: str) -> tuple[list[str], str, str | None, bool]:
    """Numbers far beyond any bound: thousands of digits, 1e400, in every field and flag."""
    def number() -> str:
        return rng.choice(["9" * rng.randint(20, 5000), "-" + "9" * rng.randint(20, 400), "1e400", "-1e400",
                           "1e308", ".nan", "10" * rng.randint(10, 60), str(10**9 + 1), "0." + "1" * 200])

    if rng.random() < 0.3:
        flag = rng.choice([["layer", "--input", "8x8x3", "--filters", "2", "--k", number()],
                           ["pool", "--values", f"[[{number()}, 1], [2, 3]]", "--k", "2", "--op", "avg"],
                           ["model", SPECS[0], "--verify", "--seed", number()],
                           ["solve", "--input", f"{number()}x8x1", "--output", "4x4x1"]])
        return flag + ["--format", "json"], "--", "json", False
    path = os.path.join(workdir, f"big{rng.randrange(10**9)}.yaml")
    field = rng.choice(["filters: {n}", "kernel: {n}", "stride: [1, {n}]", "padding: {n}", "units: {n}"])
    kind = "dense" if "units" in field else "conv"
    layer = f"{{{kind}: {{{field.format(n=number())}{', kernel: 1' if kind == 'conv' and 'kernel' not in field else ''}" \
            f"{', filters: 1' if kind == 'conv' and 'filters' not in field else ''}}}}}"
    write(path, f"input: {rng.choice(['8x8x3', number() + 'x8x3', '8'])}\nlayers:\n  - {layer}\n")
    return ["model", path, "--format", "json"], path, "json", False


def graph_bombs(rng: random.Random, workdir: str) -> tuple[list[str], str, str | None, bool]:
    """Specs and quizzes that grow: repeats of repeats, merges of many inputs, sizes that grow layer
    by layer, quizzes aliasing one big model (run under lowered bounds, see ``LOWERED``)."""
    path = os.path.join(workdir, f"bomb{rng.randrange(10**9)}.yaml")
    choice = rng.randrange(4)
    if choice == 0:
        names = ", ".join(["input"] * rng.randint(50, 400))
        text = f"input: 4x4x1\nblocks:\n  w: {{layers: [{{add: [{names}]}}]}}\nlayers:\n  - {{block: w, repeat: {rng.randint(10, 500)}}}\n"
    elif choice == 1:
        text = ("input: 8x8x3\nblocks:\n  a: {layers: [relu, relu]}\n  b: {layers: [{block: a, repeat: %d}]}\n"
                "layers:\n  - {block: b, repeat: %d}\n" % (rng.randint(1, 60), rng.randint(1, 60)))
    elif choice == 2:
        steps = ", ".join(rng.choice(["{upsample: 1000}", "{upsample: 1000000000}", "{reshape: [1, -1, 1]}",
                                      "{zero_padding: 1000000000}", "flatten"]) for _ in range(rng.randint(1, 8)))
        text = f"input: {rng.choice(['8x8x3', '1000x1000x1000'])}\nlayers: [{steps}]\n"
    else:
        questions = "".join(f"  - {{model: *m, expect: {{output: 8x8x3}}}}\n" for _ in range(rng.randint(2, 40)))
        text = ("questions:\n  - model: &m {input: 8x8x3, blocks: {b: {layers: [relu]}}, layers: [{block: b, repeat: %d}]}\n"
                "    expect: {output: 8x8x3}\n%s" % (rng.randint(100, 1999), questions))
        write(path, text)
        return ["check", path], path, None, False
    write(path, text)
    return ["model", path, "--format", rng.choice(["json", "csv"])], path, None, False


def hostile_paths(rng: random.Random, workdir: str) -> tuple[list[str], str, str | None, bool]:
    """Paths that are not plain spec files: devices, pseudo-files, folders, odd names, model: paths
    that leave the quiz's folder, --junit targets that are links, devices or inputs."""
    odd = os.path.join(workdir, rng.choice(["[", "x\x1b]0;t\x07", "a\u202eb", "-- x", ":smile:"]) + ".yaml")
    write(odd, "input: 4x4x1\nlayers: [relu]\n")
    choice = rng.randrange(4)
    if choice == 0:
        target = rng.choice(["/proc/self/status", "/dev/zero", "/dev/null", workdir, "/nonexistent.yaml", odd])
        return ["model", target], target, None, False
    quiz = os.path.join(workdir, f"quiz{rng.randrange(10**9)}.yaml")
    model = rng.choice(["/etc/passwd", "../" * 8 + "tmp/secret.yaml", "/proc/self/status", "/dev/zero",
                        os.path.basename(odd), ".", "missing.yaml"])
    write(quiz, json.dumps({"questions": [{"model": model, "expect": {"output": "4x4x1"}}]}))
    if choice == 1:
        return ["check", quiz] + (["--allow-outside"] if rng.random() < 0.3 else []), quiz, None, False
    junit = rng.choice([quiz, workdir, "/dev/full", os.path.join(workdir, "no", "r.xml"), odd + ".xml"])
    if choice == 3:
        junit = os.path.join(workdir, f"link{rng.randrange(10**9)}.xml")
        os.symlink(odd, junit)
    return ["check", quiz, "--junit", junit], quiz, None, False


LOWERED = {"MAX_LAYERS": 2_000, "MAX_GRAPH_SIZE": 20_000}
"""Bounds lowered for the graph-size bombs, so a bomb is refused in milliseconds, not seconds."""
SURFACES = (hostile_names, huge_literals, graph_bombs, hostile_paths)


@contextlib.contextmanager
def lowered(names: dict[str, int]):
    saved = {name: getattr(limits, name) for name in names}
    for name, value in names.items():
        setattr(limits, name, value)
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(limits, name, value)


def write(path: str, text: str) -> None:
    with open(path, "w", encoding="utf-8", errors="surrogateescape") as f:
        f.write(text)


def run_case(rng: random.Random, workdir: str) -> tuple[str, list[str]]:
    """One generated case: (a description, its problems)."""
    runner = CliRunner()
    kind = rng.random()
    if kind < 0.4:
        surface = SURFACES[int(kind / 0.1)]
        args, where, fmt, colour = surface(rng, workdir)
        with lowered(LOWERED if surface is graph_bombs else {}):
            result = runner.invoke(main, args, env={"FORCE_COLOR": "1" if colour else None, "COLUMNS": "200"})
        return f"{surface.__name__}: {args!r}", problems(result, where, fmt, colour)
    if kind < 0.55:
        args = random_flags(rng)
        result = runner.invoke(main, args)
        return " ".join(args), problems(result, "--")
    path = os.path.join(workdir, f"case{rng.randrange(10**9)}.yaml")
    fmt = None
    if kind < 0.8:
        source = rng.choice(SPECS)
        data = yaml.safe_load(open(source))
        text = yaml.safe_dump(mutate(data, rng), sort_keys=False)
        fmt = rng.choice(["json", "csv", "table"])
        command = ["model", path, "--format", fmt]
    elif kind < 0.9:
        data = yaml.safe_load(open(QUIZ))
        data["questions"] = [q for q in data["questions"] if "model" not in q or isinstance(q["model"], dict)]
        text = yaml.safe_dump(mutate(data, rng), sort_keys=False)
        command = ["check", path]
    else:
        text = break_text(open(rng.choice(SPECS)).read(), rng)
        command = ["model", path]
    write(path, text)
    result = runner.invoke(main, command)
    os.unlink(path)
    found = problems(result, path, fmt)
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
