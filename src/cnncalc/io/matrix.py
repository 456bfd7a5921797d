"""Matrices written as text: inline JSON or YAML, or ``@file`` (``.npy``, ``.csv``, ``.txt``) on the
command line; the result goes through ``core.literals.parse_matrix``. YAML text is read by the
spec loader (``io.yamlsrc``), with its bounds and its YAML 1.2 numbers; files through ``io.files``."""
from __future__ import annotations

import re

from cnncalc.core import limits
from cnncalc.core.errors import CnncalcError, SpecError, cut
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
    except (ValueError, RecursionError):  # not JSON, a 5,000-digit integer, or nested too deep
        pass
    from cnncalc.io.yamlsrc import load_text

    try:
        return load_text(text, "<matrix>").data
    except CnncalcError as e:  # the flag names the place; the loader's "<matrix>:1:2" would not help
        reason = e.reason if not isinstance(e, SpecError) or "YAML syntax" not in e.reason else "invalid YAML"
        raise SpecError(f"{shown(text)} is not a matrix: {reason}",
                        expected="JSON such as [[1, 2], [3, 4]] or @file") from None


def _matrix_file(path: str) -> object:
    from cnncalc.io.files import read_bytes

    where = f"matrix file '{cut(path, 200)}'"
    try:
        raw = read_bytes(path)
    except CnncalcError as e:
        raise SpecError(f"{where}: {e.reason}", expected="@path to a .npy, .csv or .txt file") from None
    if path.endswith(".npy"):
        return _npy(raw, where)
    try:
        lines = [ln.strip() for ln in raw.decode("utf-8").splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
    except UnicodeDecodeError:
        raise SpecError(f"{where} is not UTF-8 text") from None
    rows = []
    for number, line in enumerate(lines, start=1):
        try:
            rows.append([float(cell) for cell in re.split(r"[,\s;]+", line) if cell])
        except ValueError:
            raise SpecError(f"{where} line {number}: not a row of numbers") from None
    return rows if len(rows) != 1 else rows[0]


def _npy(raw: bytes, where: str) -> list:
    """A NumPy array file: its header read first, so a header claiming a huge shape allocates nothing."""
    import io

    import numpy as np

    fp = io.BytesIO(raw)
    try:
        major, _ = np.lib.format.read_magic(fp)
        read_header = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        shape, _, dtype = read_header(fp)
    except (ValueError, OSError) as e:
        raise SpecError(f"{where} is not a NumPy array: {cut(e, 120)}") from None
    count = 1
    for n in shape:
        count *= n
    if len(shape) > 2 or dtype.kind not in "iuf" or count > limits.MAX_MATRIX_ELEMENTS:
        raise SpecError(f"{where} holds a {'x'.join(map(str, shape)) or 'scalar'} array of {dtype}",
                        expected=f"a 1-D or 2-D array of numbers, at most {limits.MAX_MATRIX_ELEMENTS:,} values")
    try:
        return np.load(io.BytesIO(raw), allow_pickle=False).tolist()
    except (ValueError, OSError) as e:
        raise SpecError(f"{where} is not a NumPy array: {cut(e, 120)}") from None
