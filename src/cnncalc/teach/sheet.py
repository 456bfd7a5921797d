"""Exercise sheets as YAML text, written by hand so that the same questions give the same bytes.

The layout is the lesson quiz's: one block per question, each layer and ``expect:`` on one
line in flow style, a ``model:`` in block style with one line per layer. Numbers are plain
decimals (ints, and floats such as 1.375; never an exponent); a string is left unquoted only
when YAML reads it back as the same string.
"""
from __future__ import annotations

import functools
import json
import re

from cnncalc.teach.generate import generate

_KEY = re.compile(r"[a-z_]+")
_DECIMAL = re.compile(r"-?\d+\.\d+")
_PLAIN = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.\- ]*")


@functools.lru_cache(maxsize=512)
def scalar(text: str) -> str:
    """A string as YAML: plain when it reads back unchanged (also inside a flow list), else quoted."""
    import yaml

    if _PLAIN.fullmatch(text) and not text.endswith(" "):
        try:
            if yaml.safe_load(f"[{text}]") == [text]:
                return text
        except yaml.YAMLError:
            pass
    return json.dumps(text, ensure_ascii=False)  # a JSON string is a YAML double-quoted scalar


def flow(value: object) -> str:
    """Any value on one line: ``{filters: 20, kernel: 8}``, ``[[3, 3], [3, 3]]``, ``~`` for null."""
    if value is None:
        return "~"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        if not _DECIMAL.fullmatch(text):
            raise ValueError(f"{text} is not a plain decimal")
        return text
    if isinstance(value, str):
        return scalar(value)
    if isinstance(value, list):
        return "[" + ", ".join(map(flow, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{_key(k)}: {flow(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {type(value).__name__} in a sheet")


def _key(key: str) -> str:
    if not _KEY.fullmatch(key):
        raise ValueError(f"{key!r} is not a quiz key")
    return key


def _is_block(value: object) -> bool:
    """Block style for what holds a list of mappings (a model and its layers), flow for the rest."""
    if isinstance(value, dict):
        return any(_is_block(v) for v in value.values())
    return isinstance(value, list) and any(isinstance(item, dict) for item in value)


def mapping_lines(data: dict, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for key, value in data.items():
        if not _is_block(value):
            lines.append(f"{pad}{_key(key)}: {flow(value)}")
            continue
        lines.append(f"{pad}{_key(key)}:")
        lines += mapping_lines(value, indent + 2) if isinstance(value, dict) else sequence_lines(value, indent + 2)
    return lines


def sequence_lines(items: list, indent: int) -> list[str]:
    pad = " " * indent
    lines = []
    for item in items:
        if isinstance(item, dict):
            body = mapping_lines(item, indent + 2)
            lines += [f"{pad}- {body[0].lstrip()}"] + body[1:]
        else:
            lines.append(f"{pad}- {flow(item)}")
    return lines


def blank(question: dict) -> dict:
    """The same question with every expected value left for the student."""
    return {**question, "expect": dict.fromkeys(question["expect"])}


def question_lines(question: dict, indent: int = 0) -> list[str]:
    """What a question gives (no name, no expect), as the sheet writes it."""
    return mapping_lines({k: v for k, v in question.items() if k not in ("name", "expect")}, indent)


ANSWER_FORMS = "a volume as 14x14x20, a count as 3860, padding as [[1, 2], [1, 2]], values as [[2.5, 10], [15, 6]]"


def sheet_text(questions: list[dict], title: str, header: list[str], blank_sheet: bool = False) -> str:
    """The quiz file: header comments, ``name:``, then the questions, a blank line between them."""
    lines = [f"# {line}" for line in header] + [f"name: {flow(title)}", "questions:"]
    for i, question in enumerate(questions):
        if i:
            lines.append("")
        lines += sequence_lines([blank(question) if blank_sheet else question], 2)
    return "\n".join(lines) + "\n"


def new_sheet(topics: tuple[str, ...], count: int, seed: int, level: int, blank_sheet: bool = False) -> str:
    """What ``cnncalc quiz new`` writes: the header says how to make the same sheet again."""
    command = f"cnncalc quiz new --topics {','.join(topics)} --count {count} --seed {seed} --difficulty {level}"
    if blank_sheet:
        header = [f"{command} --blank",
                  f"Replace every ~ with your answer ({ANSWER_FORMS}),",
                  "then check them: cnncalc check <this file>"]
    else:
        header = [command, "The answer key is in expect:. Check it: cnncalc check <this file>"]
    title = f"exercises: {', '.join(topics)} (difficulty {level}, seed {seed})"
    return sheet_text(generate(topics, count, seed, level), title, header, blank_sheet)
