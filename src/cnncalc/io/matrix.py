"""Matrices written as text: inline JSON or YAML, or ``@file`` (``.npy``, ``.csv``, ``.txt``) on the
command line; the result goes through ``core.literals.parse_matrix``."""
from __future__ import annotations

import re

from cnncalc.core import limits
from cnncalc.core.errors import SpecError, cut
from cnncalc.core.literals import shown, parse_matrix


def read_matrix(value: object, files: bool = True) -> list:
    """A matrix from a flag or a quiz: nested lists, JSON/YAML text, or (with ``files``) ``@path``."""
    if isinstance(value, str):
        value = _matrix_text(value, files)
    return parse_matrix(value)


def _matrix_text(text: str, files: bool) -> object:
    if files and text.startswith("@"):
        return _matrix_file(text[1:])
    import json

    try:
        return json.loads(text)
    except json.JSONDecodeError:
        pass
    import yaml

    try:
        return yaml.safe_load(text)
    except yaml.YAMLError:
        raise SpecError(f"{shown(text)} is not a matrix", expected="JSON such as [[1, 2], [3, 4]] or @file") from None


def _matrix_file(path: str) -> object:
    import os

    if not os.path.isfile(path):
        raise SpecError(f"matrix file '{cut(path, 200)}' does not exist", expected="@path to a .npy, .csv or .txt file")
    if os.path.getsize(path) > limits.MAX_SPEC_BYTES:
        raise SpecError(f"matrix file '{cut(path, 200)}' is larger than {limits.MAX_SPEC_BYTES:,} bytes")
    if path.endswith(".npy"):
        import numpy as np

        try:
            array = np.load(path, allow_pickle=False)
        except (ValueError, OSError) as e:
            raise SpecError(f"matrix file '{cut(path, 200)}' is not a NumPy array: {cut(e, 200)}") from None
        return array.tolist()
    try:
        with open(path, encoding="utf-8") as f:
            lines = [ln.strip() for ln in f if ln.strip() and not ln.lstrip().startswith("#")]
    except UnicodeDecodeError:
        raise SpecError(f"matrix file '{cut(path, 200)}' is not UTF-8 text") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        try:
            rows.append([float(cell) for cell in re.split(r"[,\s;]+", line) if cell])
        except ValueError:
            raise SpecError(f"matrix file '{cut(path, 200)}' line {number}: not a row of numbers") from None
    return rows if len(rows) != 1 else rows[0]
