"""Phase one of reading a spec: blocks, ``$param`` substitution and ``repeat`` → a flat stream
of events (a layer item, a block instance entered or left). Names and ``from:`` are phase two's.
"""
from __future__ import annotations

import re
from typing import Callable, Iterator, Mapping, NamedTuple

from cnncalc.core import limits
from cnncalc.core.budget import Budget
from cnncalc.core.errors import CnncalcError, SpecError, cut, did_you_mean, first_unknown, unknown_key
from cnncalc.core.literals import whole
from cnncalc.io.yamlsrc import Path

BLOCK_KEYS = ("params", "layers")
BLOCK_USE_KEYS = ("block", "with", "repeat", "name", "from")
_PARAM = re.compile(r"\$\{(\w+)\}|\$(\w+)")

Fail = Callable[..., CnncalcError]
"""``fail(error, path, on_key=False, **where)``: the error located at ``path`` of the document."""


class Frame(NamedTuple):
    """Where expansion stands: the block parameter values in force and the blocks that led here."""

    params: Mapping[str, object] | None = None
    stack: tuple[str, ...] = ()


class Layer(NamedTuple):
    """One layer item as written (block parameters substituted) and where it stands."""

    item: object
    path: Path


class EnterBlock(NamedTuple):
    """A block instance begins: repetition ``repetition`` of ``repeat`` of ``block``."""

    use: dict
    path: Path
    block: str
    repetition: int
    repeat: int


class LeaveBlock(NamedTuple):
    """A block instance ends; its last layer is its output (bound to the use's ``name:``)."""

    use: dict
    path: Path


Event = Layer | EnterBlock | LeaveBlock


def check_blocks(blocks: object, fail: Fail) -> dict[str, dict]:
    """The ``blocks:`` mapping, each a non-empty ``layers:`` list with optional ``params:``."""
    if not isinstance(blocks, dict):
        raise fail(SpecError("blocks must map names to {params, layers}"), ("blocks",), field="blocks")
    for name, block in blocks.items():
        path = ("blocks", name)
        if not isinstance(block, dict) or not isinstance(block.get("layers"), list) or not block["layers"]:
            raise fail(SpecError(f"block '{cut(name)}' needs a non-empty list of layers", expected="layers: [...]"), path)
        key = first_unknown(block, BLOCK_KEYS)
        if key is not None:
            raise fail(unknown_key(key, BLOCK_KEYS), path + (key,), True)
        if not isinstance(block.get("params") or {}, dict):
            raise fail(SpecError("params must be a mapping of names to default values"), path + ("params",),
                       field="params")
    return blocks


class Expander:
    """Walks ``layers:`` lists and the blocks they use, checking each block use on the way."""

    def __init__(self, blocks: Mapping[str, dict], fail: Fail, budget: Budget | None = None):
        self.blocks, self.fail = blocks, fail
        self.items, self.budget = 0, budget or Budget()
        self.cap = min(limits.MAX_LAYERS, self.budget.layers)

    def expand(self, layers: list, path: Path, frame: Frame = Frame()) -> Iterator[Event]:
        """Every layer of ``layers`` in order, blocks opened in place."""
        if self.items + len(layers) > self.cap:  # each item adds at least one layer
            raise self.fail(self.budget.refuse(self.items + len(layers)), path + (self.cap - self.items,))
        self.items += len(layers)
        for i, item in enumerate(layers):
            item_path = path + (i,)
            if frame.params is not None:
                item = self.substitute(item, frame.params, item_path)
            if isinstance(item, dict) and "block" in item:
                yield from self.use_block(item, item_path, frame)
            else:
                yield Layer(item, item_path)

    def substitute(self, value: object, params: Mapping[str, object], path: Path) -> object:
        """Replace ``$name`` / ``${name}`` by block parameters (whole strings keep the value's type)."""
        if isinstance(value, dict):
            return {k: self.substitute(v, params, path + (k,)) for k, v in value.items()}
        if isinstance(value, list):
            return [self.substitute(v, params, path + (i,)) for i, v in enumerate(value)]
        if not isinstance(value, str) or "$" not in value:
            return value

        def lookup_param(match: re.Match) -> object:
            key = match.group(1) or match.group(2)
            if key not in params:
                raise self.fail(SpecError(f"block parameter '{cut(key)}' is never defined",
                                          expected="declare it under the block's params: or pass it in with:",
                                          suggestion=did_you_mean(key, list(params))), path)
            return params[key]

        whole_match = _PARAM.fullmatch(value)
        if whole_match:
            return lookup_param(whole_match)
        return _PARAM.sub(lambda m: str(lookup_param(m)), value)

    def use_block(self, use: dict, path: Path, frame: Frame) -> Iterator[Event]:
        """The events of every repetition of one block use."""
        key = first_unknown(use, BLOCK_USE_KEYS)
        if key is not None:
            raise self.fail(unknown_key(key, BLOCK_USE_KEYS), path + (key,), True)
        name = use["block"]
        if not isinstance(name, str) or name not in self.blocks:
            raise self.fail(SpecError(f"unknown block '{cut(name)}'", expected=f"one of {cut(', '.join(map(str, self.blocks)) or 'none', 200)}",
                                      suggestion=did_you_mean(str(name), list(self.blocks))), path + ("block",),
                            field="block")
        if name in frame.stack or len(frame.stack) >= limits.MAX_BLOCK_DEPTH:
            raise self.fail(SpecError(f"block '{cut(name)}' uses itself (through {cut(' → '.join(frame.stack + (name,)), 200)})",
                                      expected="blocks may not be recursive"), path, field="block")
        values = self.block_params(name, use, path)
        try:
            repeat = whole(use.get("repeat", 1), "repeat", 1, limits.MAX_LAYERS)
        except CnncalcError as e:
            raise self.fail(e, path + ("repeat",), field="repeat") from None
        body = ("blocks", name, "layers")  # substituted once for every repetition of this use
        layers = [self.substitute(item, values, body + (i,)) for i, item in enumerate(self.blocks[name]["layers"])]
        inner = Frame(None, frame.stack + (name,))
        for r in range(repeat):
            yield EnterBlock(use, path, name, r, repeat)
            yield from self.expand(layers, body, inner)
            yield LeaveBlock(use, path)

    def block_params(self, name: str, use: dict, path: Path) -> dict[str, object]:
        """The block's declared parameters updated by the use's ``with:``; every one must have a value."""
        declared = dict(self.blocks[name].get("params") or {})
        given = use.get("with") or {}
        if not isinstance(given, dict):
            raise self.fail(SpecError("with: must be a mapping of parameter values"), path + ("with",), field="with")
        for key in given:
            if key not in declared:
                raise self.fail(SpecError(f"block '{cut(name)}' has no parameter '{cut(key)}'",
                                          expected=f"valid: {cut(', '.join(map(str, declared)) or 'none', 200)}",
                                          suggestion=did_you_mean(str(key), list(declared))),
                                path + ("with", key), True, field=str(key))
        values = {**declared, **given}
        missing = [k for k, v in values.items() if v is None]
        if missing:
            raise self.fail(SpecError(f"block '{cut(name)}' needs a value for '{cut(missing[0])}'",
                                      expected=f"with: {{{cut(missing[0])}: ...}}"), path, field="with")
        return values
