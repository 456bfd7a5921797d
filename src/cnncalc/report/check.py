"""Check results → text (table, json, csv, markdown) and JUnit XML."""
from __future__ import annotations

import json

from cnncalc.analyses.check import CheckResults, QuestionResult
from cnncalc.report.text import csv_text, markdown_table, markup, plain_table, to_json, visible


def shown(value: object) -> str:
    return value if isinstance(value, str) else json.dumps(value)


def mismatch_text(result: QuestionResult) -> str:
    if result.invalid:
        return f"invalid: {result.invalid}"
    return "; ".join(f"{m.field}: expected {shown(m.expected)}, got {shown(m.got)}" for m in result.mismatches)


def result_rows(results: CheckResults) -> list[list[str]]:
    return [["✓" if r.passed else "✗", r.name, str(r.loc) if r.loc else r.file, mismatch_text(r)]
            for r in results.items]


HEADERS = ["", "question", "where", "expected vs got"]


def render_results(results: CheckResults, fmt: str) -> str:
    if fmt == "json":
        return to_json({
            "passed": results.passed, "failed": results.failed, "invalid": results.invalid,
            "questions": [{"file": r.file, "name": r.name, "line": r.loc.line if r.loc else None,
                           "passed": r.passed, "invalid": r.invalid,
                           "mismatches": [{"field": m.field, "expected": m.expected, "got": m.got}
                                          for m in r.mismatches]} for r in results.items]})
    rows = result_rows(results)
    if fmt == "csv":
        return csv_text(["passed", "question", "where", "expected vs got"], rows)
    table = markdown_table(HEADERS, rows) if fmt == "markdown" else plain_table(HEADERS, rows)
    return f"{table}\n\n{results.summary}"


def print_results_rich(console, results: CheckResults) -> None:
    from rich.table import Table

    table = Table()
    for header in HEADERS:
        table.add_column(header)
    for result, row in zip(results.items, result_rows(results)):
        style = "green" if result.passed else "red"
        table.add_row(f"[{style}]{row[0]}[/{style}]", *map(markup, row[1:]))
    console.print(table)
    style = "green" if results.exit_code == 0 else "red"
    console.print(f"[{style}]{results.summary}[/{style}]", highlight=False)


def junit_xml(results: CheckResults) -> bytes:
    """One <testsuite> per quiz file, one <testcase> per question (the JUnit schema CI systems read);
    every name and message ``visible`` and free of characters XML 1.0 cannot hold."""
    from xml.etree import ElementTree as ET

    def element(parent, tag: str, **attributes: object):
        return ET.SubElement(parent, tag, {k: xml_text(v) for k, v in attributes.items()})

    root = ET.Element("testsuites", name="cnncalc check", tests=str(len(results.items)),
                      failures=str(results.failed))
    suites: dict[str, ET.Element] = {}
    for r in results.items:
        suite = suites.get(r.file)
        if suite is None:
            suite = suites[r.file] = element(root, "testsuite", name=r.file)
        case = element(suite, "testcase", classname=r.file, name=r.name)
        if r.invalid:
            element(case, "error", message=r.invalid)
        elif not r.passed:
            element(case, "failure", message=mismatch_text(r))
    for suite in suites.values():
        cases = suite.findall("testcase")
        suite.set("tests", str(len(cases)))
        suite.set("failures", str(sum(c.find("failure") is not None for c in cases)))
        suite.set("errors", str(sum(c.find("error") is not None for c in cases)))
    for message in results.invalid:
        suite = element(root, "testsuite", name="invalid files", tests="1", errors="1")
        case = element(suite, "testcase", classname="cnncalc", name="load")
        element(case, "error", message=message)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True)


def xml_text(value: object) -> str:
    """User text for XML 1.0: ``visible`` escapes every character XML cannot hold (controls, lone
    surrogates from a non-UTF-8 file name, U+FFFE and U+FFFF)."""
    return visible(value)


def write_junit(results: CheckResults, path: str, inputs: tuple[str, ...] = ()) -> None:
    """The JUnit XML at ``path``, written atomically, never through a link nor over an input."""
    from cnncalc.io.files import write_atomic

    write_atomic(path, junit_xml(results), "--junit", inputs)
