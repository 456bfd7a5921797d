"""The registry of layer kinds: the whole dispatch, and the source of the docs' catalogue."""
from __future__ import annotations

from . import conv, merge, pool, simple
from .base import AxisWindow, HParam, LayerKind, LayerOut, Note

KINDS: tuple[type[LayerKind], ...] = conv.KINDS + pool.KINDS + simple.KINDS + merge.KINDS

REGISTRY: dict[str, type[LayerKind]] = {kind.name: kind for kind in KINDS}
"""Spec name → kind (contract names only; aliases resolve through ``lookup``)."""

ALIASES: dict[str, str] = {alias: kind.name for kind in KINDS for alias in kind.aliases}


def lookup(name: str) -> type[LayerKind] | None:
    """The kind for a spec name or alias (case-insensitive), or None."""
    key = str(name).lower()
    return REGISTRY.get(key) or REGISTRY.get(ALIASES.get(key, ""))


__all__ = ["REGISTRY", "KINDS", "lookup", "LayerKind", "LayerOut", "HParam", "Note", "AxisWindow"]
