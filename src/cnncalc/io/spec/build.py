"""Phase two of reading a spec: the expanded layer items → ``Node``s (kinds, hyperparameters with
``defaults:``, unique names, ``from:`` references), every error located at its file:line."""
from __future__ import annotations

from typing import Iterable

from cnncalc.core import limits
from cnncalc.core.budget import Budget
from cnncalc.core.errors import CnncalcError, Loc, SpecError, Where, cut, did_you_mean, unknown_key
from cnncalc.core.literals import shown
from cnncalc.core.layers import LayerKind, lookup, unknown_kind
from cnncalc.core.network import INPUT, Node
from cnncalc.io.spec.expand import EnterBlock, Event, Fail, Layer
from cnncalc.io.yamlsrc import Path

LAYER_META = ("name", "from")


def values_in(value: object, limit: int) -> int:
    """The scalars in a hyperparameter mapping (lists and mappings walked), counting at most to ``limit + 1``."""
    count, stack = 0, [value]
    while stack and count <= limit:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        else:
            count += 1
    return count


def split_layer(item: dict, meta: tuple[str, ...] = LAYER_META) -> tuple[type[LayerKind], str, object]:
    """The one kind key of a layer mapping (the rest are ``meta`` keys): (kind, key as written, value)."""
    keys = [k for k in item if k not in meta]
    if len(keys) != 1:
        found = cut(", ".join(map(str, keys)) or "none", 200)
        raise SpecError(f"a layer needs exactly one kind key, found {found}",
                        expected="such as {conv: {filters: 6, kernel: 5}}, plus optional name: and from:")
    kind = lookup(keys[0])
    if kind is None:
        raise unknown_kind(keys[0]).with_where(field=str(keys[0]))
    return kind, keys[0], item[keys[0]]


def layer_hparams(kind: type[LayerKind], value: object) -> tuple[dict, list | None]:
    """(raw hyperparameter mapping, merge inputs) from the value of ``{kind: value}``."""
    if value is None:
        return {}, None
    if kind.merge:
        if isinstance(value, list):
            return {}, value
        if isinstance(value, dict):
            return value, None
        raise SpecError(f"{kind.name} takes a list of layer names", expected=f"{kind.name}: [a, b]")
    if isinstance(value, dict):
        return value, None
    if kind.primary is None:
        expected = f"{{{kind.name}: {{...}}}} with keys {', '.join(p.name for p in kind.schema)}" if kind.schema \
            else f"just '{kind.name}'"
        raise SpecError(f"{kind.name} takes no single value", expected=expected)
    return {kind.primary: value}, None


def check_defaults(defaults: object, fail: Fail) -> dict[str, dict]:
    """``defaults:`` maps kinds to hyperparameters every layer of that kind starts from."""
    if not isinstance(defaults, dict):
        raise fail(SpecError("defaults must map kinds to hyperparameters", expected="such as {conv: {bias: false}}"),
                   ("defaults",), field="defaults")
    result = {}
    for name, values in defaults.items():
        kind = lookup(name)
        if kind is None:
            raise fail(unknown_kind(name), ("defaults", name), True, field=str(name))
        if not isinstance(values, dict):
            raise fail(SpecError(f"defaults for {name} must be a mapping"), ("defaults", name))
        known = [p.name for p in kind.schema]
        for key in values:
            if key not in known:
                raise fail(unknown_key(key, known), ("defaults", name, key), True, kind=kind.name)
        result[kind.name] = values
    return result


class Scope:
    """The names a block instance's layers may refer to: local name → global name."""

    def __init__(self, input_name: str, prefix: str = "", instances: tuple[str, ...] = ()):
        self.local = {INPUT: input_name} if prefix else {}
        self.prefix, self.instances = prefix, instances
        self.previous = input_name
        self.block_base = ""  # the name prefix of the block use whose repetitions are being built


class Builder:
    """Turns the expanded events into nodes, naming each layer once and resolving its inputs."""

    def __init__(self, defaults: dict[str, dict], loc, fail: Fail, budget: Budget | None = None):
        self.defaults, self.loc, self.fail = defaults, loc, fail
        self.budget = budget or Budget()
        self.nodes: list[Node] = []
        self.names: set[str] = {INPUT}
        self.prefixes: set[str] = set()
        self.counters: dict[str, int] = {}
        self.parsed: dict[tuple, tuple] = {}
        """(kind, id of the written value) → what it parsed to, for the items a repeat builds again."""

    def build(self, events: Iterable[Event]) -> list[Node]:
        """The nodes of every layer event, in order."""
        scopes = [Scope(INPUT)]
        for event in events:
            scope = scopes[-1]
            if isinstance(event, Layer):
                scope.previous = self.add_layer(event.item, event.path, scope)
            elif isinstance(event, EnterBlock):
                if event.repetition == 0:
                    scope.previous = self.resolve_from(event.use, event.path, scope, merge=False)[0]
                    scope.block_base = self.block_base(event.use, scope.prefix, event.block, event.path)
                base = scope.block_base
                instance = f"{base}.{event.repetition}" if event.repeat > 1 else base
                scopes.append(Scope(scope.previous, instance + ".", scope.instances + (instance,)))
            else:
                last = scopes.pop().previous
                outer = scopes[-1]
                outer.previous = last
                if event.use.get("name"):
                    outer.local[str(event.use["name"])] = last
        return self.nodes

    def block_base(self, use: dict, prefix: str, block: str, path: Path) -> str:
        """The name prefix of a block's layers: its ``name:``, else BLOCK_n."""
        named = use.get("name")
        while True:
            base = prefix + (str(named) if named else self.auto_name(prefix, block))
            if base not in self.prefixes and base not in self.names:
                self.prefixes.add(base)
                return base
            if named:
                raise self.fail(SpecError(f"block name '{cut(base)}' is used twice", expected="unique names"),
                                path + ("name",), field="name")

    def add_layer(self, item: object, path: Path, scope: Scope) -> str:
        """Append the node of one layer item; return its name."""
        index = len(self.nodes) + 1
        if index > limits.MAX_LAYERS:
            raise self.fail(Budget().error(), path)
        if isinstance(item, str):
            kind = lookup(item)
            if kind is None:
                raise self.fail(unknown_kind(item), path, layer_index=index)
            written, value, item = item, None, {}
        elif isinstance(item, dict):
            try:
                kind, written, value = split_layer(item)
            except CnncalcError as e:
                raise self.fail(e, path + ((e.where.field,) if e.where.field else ()), bool(e.where.field),
                                layer_index=index) from None
        else:
            raise self.fail(SpecError(f"a layer must be a kind name or a mapping, got {shown(item)}",
                                      expected="such as relu or {conv: {filters: 6, kernel: 5}}"), path,
                            layer_index=index)
        local = item.get("name")
        name = self.unique(str(local) if local is not None else self.auto_name(scope.prefix, kind.name), scope.prefix,
                           path, named=local is not None)
        where = {"layer_index": index, "layer_name": name, "kind": kind.name}
        kind_path = path + (written,)
        parsed = self.parsed.get((kind, id(value)))  # a repeated block's items are the same objects
        if parsed is None:
            try:
                raw, merge_inputs = layer_hparams(kind, value)
            except CnncalcError as e:
                raise self.fail(e, kind_path, **where) from None
            if not isinstance(raw, dict):
                raise self.fail(SpecError("hyperparameters must be a mapping"), kind_path, **where)
            size = values_in(raw, self.budget.size)
        else:
            raw, merge_inputs, size, hp, _ = parsed
        written_inputs = merge_inputs if merge_inputs is not None else item.get("from")
        edges = len(written_inputs) if isinstance(written_inputs, list) else 1
        try:  # counted before anything of it is parsed or resolved
            self.budget.spend(1, 1 + edges + size)
        except CnncalcError as e:
            raise self.fail(e, path, **where) from None
        if parsed is None:
            try:
                hp = kind.parse_hparams({**self.defaults.get(kind.name, {}), **raw})
            except CnncalcError as e:
                own = e.where.field in raw
                raise self.fail(e, kind_path + ((e.where.field,) if own else ()), own and e.on_key, **where) from None
            if value is not None:
                self.parsed[(kind, id(value))] = (raw, merge_inputs, size, hp, value)  # value kept: ids not reused
        if merge_inputs is not None:
            inputs = tuple(self.resolve(n, path + (written, j), scope, where) for j, n in enumerate(merge_inputs))
        else:
            inputs = self.resolve_from(item, path, scope, merge=kind.merge, where=where)
        self.names.add(name)  # only now: a layer cannot read its own output
        if kind.merge and len(inputs) < 2:
            raise self.fail(SpecError(f"{kind.name} needs at least two inputs", expected=f"{kind.name}: [a, b]"),
                            kind_path, **where)
        self.nodes.append(Node(index, name, kind, hp, inputs, Where(self.loc(path), index, name, kind.name),
                               scope.instances))
        if local is not None:
            scope.local[str(local)] = name
        return name

    def resolve_from(self, item: dict, path: Path, scope: Scope, merge: bool, where: dict | None = None
                     ) -> tuple[str, ...]:
        """The inputs ``from:`` names, else the previous layer."""
        if "from" not in item:
            return (scope.previous,)
        value = item["from"]
        names = value if isinstance(value, list) else [value]
        if not names or (len(names) > 1 and not merge):
            raise self.fail(SpecError("from: takes one layer name here", expected="from: NAME"), path + ("from",),
                            field="from", **(where or {}))
        return tuple(self.resolve(n, path + ("from",), scope, where or {}) for n in names)

    def resolve(self, name: object, path: Path, scope: Scope, where: dict) -> str:
        """A reference to an earlier layer: a local name in this scope, then a global name."""
        key = str(name)
        if key in scope.local:
            return scope.local[key]
        if key in self.names:
            return key
        choices = list(scope.local) + sorted(self.names)
        raise self.fail(SpecError(f"no earlier layer is named '{cut(key)}'",
                                  expected="from: names a layer defined before this one (or input)",
                                  suggestion=did_you_mean(key, choices)), path, field="from", **where)

    def auto_name(self, prefix: str, kind: str) -> str:
        count = self.counters.get(prefix + kind, 0) + 1
        self.counters[prefix + kind] = count
        return f"{kind}_{count}"

    def unique(self, local: str, prefix: str, path: Path, named: bool) -> str:
        name = prefix + local
        if name in self.names or name in self.prefixes:
            if not named:
                return self.unique(self.auto_name(prefix, local.rsplit("_", 1)[0]), prefix, path, named)
            raise self.fail(SpecError(f"layer name '{cut(name)}' is used twice", expected="unique names"),
                            path + ("name",), field="name")
        return name


__all__ = ["Builder", "check_defaults", "split_layer", "layer_hparams", "LAYER_META", "Loc"]
