"""Docs generated from the code: the layer catalogue, the limits, the reference networks'
totals, the conventions' refusals and the CLI reference.

``python tools/docs.py README.md`` rewrites the generated sections between their
``<!-- name:start -->``/``<!-- name:end -->`` markers; ``tests/test_docs.py`` fails on drift.
"""
from __future__ import annotations

import os
import re
import sys

from cnncalc.core import limits
from cnncalc.report.catalogue import catalogue_rows

COMMANDS = ("layer", "pool", "conv", "model", "zoo", "check", "solve", "draw", "kinds", "quiz new", "drill")


def catalogue() -> str:
    from cnncalc.report.text import markdown_table

    return markdown_table(*catalogue_rows())


def limits_table() -> str:
    from cnncalc.report.text import markdown_table

    rows = []
    source = open(limits.__file__, encoding="utf-8").read()
    for name, doc in re.findall(r'^(\w+) = [^\n]*\n"""(.*?)"""', source, flags=re.M | re.S):
        rows.append([f"`{name}`", f"{getattr(limits, name):,}", " ".join(doc.split())])
    return markdown_table(["limit", "value", "meaning"], rows)


def cli_reference() -> str:
    from click.testing import CliRunner

    from cnncalc.cli import main

    parts = []
    for command in COMMANDS:
        result = CliRunner().invoke(main, command.split() + ["--help"], prog_name="cnncalc", terminal_width=100)
        parts.append(f"### cnncalc {command}\n\n```\n{result.output.rstrip()}\n```")
    return "\n\n".join(parts)


def conventions_table() -> str:
    """One row per convention: the rules of its refusal table (core.conventions), in order."""
    from cnncalc.core.conventions import TABLES
    from cnncalc.report.text import markdown_table

    names = {"textbook": "textbook (default)", "tensorflow": "tensorflow (tf.nn)", "keras": "keras (Keras 3 layers)",
             "onnx": "onnx (current opset)"}
    rows = [["every convention", "impossible shapes (an output below 1); groups that do not divide the channels; "
             "`causal` anywhere but a 1-D conv"]]
    rows += [[names.get(c.value, c.value), "; ".join(rule.rule for rule in rules)] for c, rules in TABLES.items()]
    return markdown_table(["convention", "refuses"], rows)


def networks_table(zoo: str) -> str:
    """One row per shipped spec in the folder ``zoo``: what ``cnncalc model NAME`` reports for it."""
    from cnncalc.analyses.summary import summarize
    from cnncalc.core.shapes import format_shape
    from cnncalc.report.text import markdown_table, rf_text
    from cnncalc.io.spec import load_network

    rows = []
    for name in sorted(os.listdir(zoo)):
        if name.endswith(".yaml"):
            report = summarize(load_network(os.path.join(zoo, name)))
            t = report.totals
            rows.append([f"`{name.removesuffix('.yaml')}`", report.name, format_shape(report.input), f"{t.trainable:,}",
                         f"{t.non_trainable:,}", f"{t.macs:,}", f"{t.activations:,}", rf_text(report.receptive_field),
                         report.convention])
    headers = ["name", "network", "input", "trainable params", "non-trainable", "MACs", "activations", "RF",
               "convention"]
    return markdown_table(headers, rows)


SECTIONS = {"catalogue": catalogue, "limits": limits_table, "cli": cli_reference, "networks": networks_table,
            "conventions": conventions_table}


def regenerate(text: str, root: str = ".") -> str:
    """``text`` with every generated section replaced by its current content; ``root`` is the checkout."""
    for name, make in SECTIONS.items():
        pattern = re.compile(rf"(<!-- {name}:start -->\n)(?:.*?\n)?(<!-- {name}:end -->)", flags=re.S)
        if pattern.search(text):
            content = make(os.path.join(root, "src", "cnncalc", "zoo")) if name == "networks" else make()
            text = pattern.sub(lambda m: m.group(1) + content + "\n" + m.group(2), text)
    return text


if __name__ == "__main__":
    path = sys.argv[1] if len(sys.argv) > 1 else "README.md"
    with open(path, encoding="utf-8") as f:
        original = f.read()
    with open(path, "w", encoding="utf-8") as f:
        f.write(regenerate(original, os.path.dirname(os.path.abspath(path))))
