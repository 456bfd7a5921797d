"""The registry of layer kinds: the whole dispatch, and the source of the docs' catalogue.

Adding a kind means one class (its rules and ``CAPABILITIES``) and ``register(kind)``;
everything else reads the registry.
"""
from __future__ import annotations

from cnncalc.core.errors import SpecError, cut, did_you_mean
from cnncalc.core.layers import activations, conv, dense, merge, norm, pool, resize
from cnncalc.core.layers.base import CAPABILITIES, UNDECLARED, AxisWindow, HParam, LayerKind, LayerOut, Note, Step

KINDS: list[type[LayerKind]] = []
"""Every registered kind, in catalogue order."""
REGISTRY: dict[str, type[LayerKind]] = {}
"""Spec name → kind (contract names only; aliases resolve through ``lookup``)."""
ALIASES: dict[str, str] = {}


def register(kind: type[LayerKind]) -> type[LayerKind]:
    """Add a kind (its name and aliases) to the registry; usable as a class decorator."""
    KINDS.append(kind)
    REGISTRY[kind.name] = kind
    ALIASES.update({alias: kind.name for alias in kind.aliases})
    return kind


def unregister(kind: type[LayerKind]) -> None:
    """Remove a kind added by ``register`` (tests register throwaway kinds)."""
    KINDS.remove(kind)
    del REGISTRY[kind.name]
    for alias in kind.aliases:
        ALIASES.pop(alias, None)


def missing_capabilities(kind: type[LayerKind]) -> list[str]:
    """The capabilities ``kind`` has not declared (each must be declared, ``None`` when it has none)."""
    return [name for name in CAPABILITIES if getattr(kind, name, UNDECLARED) is UNDECLARED]


def lookup(name: str) -> type[LayerKind] | None:
    """The kind for a spec name or alias (case-insensitive), or None."""
    key = str(name).lower()
    return REGISTRY.get(key) or REGISTRY.get(ALIASES.get(key, ""))


def kind_names() -> list[str]:
    """Every spec name and alias, for "did you mean"."""
    return sorted(REGISTRY) + sorted(ALIASES)


def unknown_kind(name: object) -> SpecError:
    """The error for a name that is no kind, with the nearest one."""
    return SpecError(f"unknown layer kind '{cut(name)}'", expected="see 'cnncalc kinds' for the catalogue",
                     suggestion=did_you_mean(str(name), kind_names()))


for _kind in (conv.KINDS + pool.KINDS + dense.KINDS + (norm.BatchNorm, norm.LayerNorm) + resize.KINDS + (norm.LRN,)
              + activations.KINDS + merge.KINDS):
    register(_kind)

__all__ = ["REGISTRY", "KINDS", "ALIASES", "register", "unregister", "missing_capabilities", "lookup", "kind_names",
           "unknown_kind", "LayerKind", "LayerOut", "HParam", "Note", "AxisWindow", "Step"]
