"""The reference networks shipped with the package (``cnncalc/zoo/*.yaml``), and how a spec
argument names one: a path when that file exists, else a bare shipped name (``resnet50``, or
``resnet50.yaml``), from any folder."""
from __future__ import annotations

import os

from cnncalc.core.errors import Loc, SpecError, did_you_mean

SUFFIXES = (".yaml", ".yml")


def folder() -> str:
    """The folder that holds the shipped specs (package data, beside this package's modules;
    read as a plain folder: importlib.resources would cost every command ~7 ms of imports)."""
    return os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "zoo")


def names() -> list[str]:
    """Every shipped network's name, sorted: the file names without ``.yaml``."""
    return sorted(name.removesuffix(".yaml") for name in os.listdir(folder()) if name.endswith(".yaml"))


def path_of(name: str) -> str | None:
    """The shipped spec a bare ``name`` (with or without ``.yaml``) stands for, or None."""
    if os.sep in name or (os.altsep and os.altsep in name):
        return None
    stem = next((name.removesuffix(s) for s in SUFFIXES if name.endswith(s)), name)
    return os.path.join(folder(), f"{stem}.yaml") if stem in names() else None


def resolve(source: str, base: str = "") -> str:
    """The file a spec argument reads: ``source`` (relative to ``base``) when it exists, else the
    shipped spec of that name; neither is one error that lists the shipped names."""
    target = os.path.join(base, source) if base else source
    if os.path.exists(target):
        return target
    shipped = path_of(source)
    if shipped is not None:
        return shipped
    stem = os.path.basename(source)
    stem = next((stem.removesuffix(s) for s in SUFFIXES if stem.endswith(s)), stem)
    raise SpecError("no such file, and no shipped network of that name",
                    expected=f"a YAML file, or one of: {', '.join(names())} (cnncalc zoo)",
                    suggestion=did_you_mean(stem, names())).with_where(loc=Loc(target))


__all__ = ["folder", "names", "path_of", "resolve"]
