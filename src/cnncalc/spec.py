"""Plain spec data (with locations) → ``Network``: defaults, blocks with parameters and repeat,
names, ``from:`` references, and key/type validation with file:line on every error."""
from __future__ import annotations

import re

from . import limits
from .conventions import Convention
from .errors import CnncalcError, LimitError, Loc, SpecError, Where, did_you_mean
from .grammar import parse_shape, whole
from .layers import KINDS, REGISTRY, LayerKind, lookup
from .gcpause import paused_gc
from .network import INPUT, Network, Node
from .yamlsrc import Document, Path, load_file

TOP_KEYS = ("name", "input", "convention", "defaults", "blocks", "layers")
LAYER_META = ("name", "from")
BLOCK_USE_KEYS = ("block", "with", "repeat", "name", "from")
BLOCK_KEYS = ("params", "layers")
_PARAM = re.compile(r"\$\{(\w+)\}|\$(\w+)")


def load_network(source: str | dict, convention: str | None = None) -> Network:
    """A network from a spec file path or an inline mapping (quizzes and the Python API)."""
    doc = load_file(source) if isinstance(source, str) else Document(source, "")
    return network_from_document(doc, (), convention)


def network_from_document(doc: Document, root: Path = (), convention: str | None = None) -> Network:
    """Build the network whose spec is the mapping at ``root`` of ``doc``."""
    with paused_gc():
        return _Builder(doc, root).build(convention)


def parse_convention(value: object) -> Convention:
    try:
        return Convention(str(value).lower())
    except ValueError:
        options = [c.value for c in Convention]
        raise SpecError(f"unknown convention {value!r}", expected=f"one of {', '.join(options)}",
                        suggestion=did_you_mean(str(value), options)) from None


def kind_names() -> list[str]:
    return sorted(REGISTRY) + sorted(a for k in KINDS for a in k.aliases)


def unknown_kind(name: object) -> SpecError:
    return SpecError(f"unknown layer kind '{name}'", expected="see 'cnncalc kinds' for the catalogue",
                     suggestion=did_you_mean(str(name), kind_names()))


def split_layer(item: dict, meta: tuple[str, ...] = LAYER_META) -> tuple[type[LayerKind], str, object]:
    """The one kind key of a layer mapping (the rest are ``meta`` keys): (kind, key as written, value)."""
    keys = [k for k in item if k not in meta]
    if len(keys) != 1:
        found = ", ".join(map(str, keys)) or "none"
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


class _Builder:
    """Expands one spec into nodes, keeping the location of every layer and field."""

    def __init__(self, doc: Document, root: Path):
        self.doc, self.root = doc, root
        self.nodes: list[Node] = []
        self.names: set[str] = {INPUT}
        self.prefixes: set[str] = set()
        self.counters: dict[str, int] = {}
        self.defaults: dict[str, dict] = {}
        self.blocks: dict[str, dict] = {}

    def loc(self, path: Path, key: bool = False) -> Loc | None:
        return self.doc.loc(self.root + path, key)

    def fail(self, error: CnncalcError, path: Path, key: bool = False, **where: object) -> CnncalcError:
        return error.with_where(loc=self.loc(path, key), **where)

    def build(self, convention: str | None) -> Network:
        data = self.doc.data
        for part in self.root:
            data = data[part]
        if not isinstance(data, dict):
            raise self.fail(SpecError("a network spec must be a mapping", expected="keys name, input, layers"), ())
        for key in data:
            if key not in TOP_KEYS:
                raise self.fail(SpecError("unknown key", expected=f"valid: {', '.join(TOP_KEYS)}",
                                          suggestion=did_you_mean(str(key), TOP_KEYS)), (key,), True, field=str(key))
        for key in ("input", "layers"):
            if key not in data:
                raise self.fail(SpecError(f"missing '{key}'", expected="a spec needs input: and layers:"), ())
        shape = self.field(lambda: parse_shape(data["input"]), ("input",), "input")
        chosen = convention if convention is not None else data.get("convention", "textbook")
        conv = self.field(lambda: parse_convention(chosen), ("convention",), "convention")
        self.defaults = self.read_defaults(data.get("defaults") or {})
        self.blocks = self.read_blocks(data.get("blocks") or {})
        layers = data["layers"]
        if not isinstance(layers, list) or not layers:
            raise self.fail(SpecError("layers must be a non-empty list", expected="- conv: {...}"), ("layers",),
                            field="layers")
        self.expand(layers, ("layers",), INPUT, prefix="", scope={}, params=None, stack=(), instances=())
        name = data.get("name", "network")
        return Network(str(name), shape, conv, tuple(self.nodes), self.doc.path or None)

    def field(self, parse, path: Path, name: str):
        try:
            return parse()
        except CnncalcError as e:
            raise self.fail(e, path, field=name) from None

    def read_defaults(self, defaults: object) -> dict[str, dict]:
        if not isinstance(defaults, dict):
            raise self.fail(SpecError("defaults must map kinds to hyperparameters",
                                      expected="such as {conv: {bias: false}}"), ("defaults",), field="defaults")
        result = {}
        for name, values in defaults.items():
            kind = lookup(name)
            if kind is None:
                raise self.fail(unknown_kind(name), ("defaults", name), True, field=str(name))
            if not isinstance(values, dict):
                raise self.fail(SpecError(f"defaults for {name} must be a mapping"), ("defaults", name))
            known = [p.name for p in kind.schema]
            for key in values:
                if key not in known:
                    raise self.fail(SpecError("unknown key", expected=f"valid: {', '.join(known)}",
                                              suggestion=did_you_mean(str(key), known)),
                                    ("defaults", name, key), True, kind=kind.name, field=str(key))
            result[kind.name] = values
        return result

    def read_blocks(self, blocks: object) -> dict[str, dict]:
        if not isinstance(blocks, dict):
            raise self.fail(SpecError("blocks must map names to {params, layers}"), ("blocks",), field="blocks")
        for name, block in blocks.items():
            path = ("blocks", name)
            if not isinstance(block, dict) or not isinstance(block.get("layers"), list) or not block["layers"]:
                raise self.fail(SpecError(f"block '{name}' needs a non-empty list of layers",
                                          expected="layers: [...]"), path)
            for key in block:
                if key not in BLOCK_KEYS:
                    raise self.fail(SpecError("unknown key", expected=f"valid: {', '.join(BLOCK_KEYS)}",
                                              suggestion=did_you_mean(str(key), BLOCK_KEYS)),
                                    path + (key,), True, field=str(key))
            if not isinstance(block.get("params") or {}, dict):
                raise self.fail(SpecError("params must be a mapping of names to default values"),
                                path + ("params",), field="params")
        return blocks

    # --- expansion -----------------------------------------------------------------------

    def expand(self, layers: list, path: Path, previous: str, prefix: str, scope: dict[str, str],
               params: dict | None, stack: tuple[str, ...], instances: tuple[str, ...]) -> str:
        """Append the nodes of ``layers``; return the name of the last one."""
        if len(self.nodes) + len(layers) > limits.MAX_LAYERS:  # each item adds at least one node
            raise self.fail(LimitError(f"more than {limits.MAX_LAYERS:,} layers"),
                            path + (limits.MAX_LAYERS - len(self.nodes),))
        for i, item in enumerate(layers):
            item_path = path + (i,)
            if params is not None:
                item = self.substitute(item, params, item_path)
            if isinstance(item, dict) and "block" in item:
                previous = self.use_block(item, item_path, previous, prefix, scope, stack, instances)
            else:
                previous = self.add_layer(item, item_path, previous, prefix, scope, instances)
        return previous

    def substitute(self, value: object, params: dict, path: Path) -> object:
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
                raise self.fail(SpecError(f"block parameter '{key}' is never defined",
                                          expected="declare it under the block's params: or pass it in with:",
                                          suggestion=did_you_mean(key, list(params))), path)
            return params[key]

        whole_match = _PARAM.fullmatch(value)
        if whole_match:
            return lookup_param(whole_match)
        return _PARAM.sub(lambda m: str(lookup_param(m)), value)

    def use_block(self, item: dict, path: Path, previous: str, prefix: str, scope: dict[str, str],
                  stack: tuple[str, ...], instances: tuple[str, ...]) -> str:
        for key in item:
            if key not in BLOCK_USE_KEYS:
                raise self.fail(SpecError("unknown key", expected=f"valid: {', '.join(BLOCK_USE_KEYS)}",
                                          suggestion=did_you_mean(str(key), BLOCK_USE_KEYS)),
                                path + (key,), True, field=str(key))
        name = item["block"]
        if not isinstance(name, str) or name not in self.blocks:
            raise self.fail(SpecError(f"unknown block '{name}'", expected=f"one of {', '.join(self.blocks) or 'none'}",
                                      suggestion=did_you_mean(str(name), list(self.blocks))), path + ("block",),
                            field="block")
        if name in stack or len(stack) >= limits.MAX_BLOCK_DEPTH:
            raise self.fail(SpecError(f"block '{name}' uses itself (through {' → '.join(stack + (name,))})",
                                      expected="blocks may not be recursive"), path, field="block")
        block = self.blocks[name]
        declared = dict(block.get("params") or {})
        given = item.get("with") or {}
        if not isinstance(given, dict):
            raise self.fail(SpecError("with: must be a mapping of parameter values"), path + ("with",), field="with")
        for key in given:
            if key not in declared:
                raise self.fail(SpecError(f"block '{name}' has no parameter '{key}'",
                                          expected=f"valid: {', '.join(map(str, declared)) or 'none'}",
                                          suggestion=did_you_mean(str(key), list(declared))),
                                path + ("with", key), True, field=str(key))
        values = {**declared, **given}
        missing = [k for k, v in values.items() if v is None]
        if missing:
            raise self.fail(SpecError(f"block '{name}' needs a value for '{missing[0]}'",
                                      expected=f"with: {{{missing[0]}: ...}}"), path, field="with")
        repeat = self.field(lambda: whole(item.get("repeat", 1), "repeat", 1, limits.MAX_LAYERS),
                            path + ("repeat",), "repeat")
        previous = self.resolve_from(item, path, previous, scope, merge=False)[0]
        base = self.block_base(item, prefix, str(name), path)
        for r in range(repeat):
            instance = f"{base}.{r}" if repeat > 1 else base
            previous = self.expand(block["layers"], ("blocks", name, "layers"), previous, instance + ".",
                                   {INPUT: previous}, values, stack + (name,), instances + (instance,))
        if item.get("name"):
            scope[str(item["name"])] = previous
        return previous

    def block_base(self, item: dict, prefix: str, block: str, path: Path) -> str:
        """The name prefix of a block's layers: its name:, else BLOCK_n."""
        named = item.get("name")
        while True:
            base = prefix + (str(named) if named else self.auto_name(prefix, block))
            if base not in self.prefixes and base not in self.names:
                self.prefixes.add(base)
                return base
            if named:
                raise self.fail(SpecError(f"block name '{base}' is used twice", expected="unique names"),
                                path + ("name",), field="name")

    def add_layer(self, item: object, path: Path, previous: str, prefix: str, scope: dict[str, str],
                  instances: tuple[str, ...]) -> str:
        if len(self.nodes) >= limits.MAX_LAYERS:
            raise self.fail(LimitError(f"more than {limits.MAX_LAYERS:,} layers"), path)
        if isinstance(item, str):
            kind = lookup(item)
            if kind is None:
                raise self.fail(unknown_kind(item), path, layer_index=len(self.nodes) + 1)
            written, value, item = item, None, {}
        elif isinstance(item, dict):
            try:
                kind, written, value = split_layer(item)
            except CnncalcError as e:
                raise self.fail(e, path + ((e.where.field,) if e.where.field else ()), bool(e.where.field),
                                layer_index=len(self.nodes) + 1) from None
        else:
            raise self.fail(SpecError(f"a layer must be a kind name or a mapping, got {item!r}",
                                      expected="such as relu or {conv: {filters: 6, kernel: 5}}"), path,
                            layer_index=len(self.nodes) + 1)
        index = len(self.nodes) + 1
        local = item.get("name")
        name = self.unique(str(local) if local is not None else self.auto_name(prefix, kind.name), prefix, path,
                           named=local is not None)
        where = {"layer_index": index, "layer_name": name, "kind": kind.name}
        kind_path = path + (written,)
        try:
            raw, merge_inputs = layer_hparams(kind, value)
        except CnncalcError as e:
            raise self.fail(e, kind_path, **where) from None
        if not isinstance(raw, dict):
            raise self.fail(SpecError("hyperparameters must be a mapping"), kind_path, **where)
        try:
            hp = kind.parse_hparams({**self.defaults.get(kind.name, {}), **raw})
        except CnncalcError as e:
            field = e.where.field
            own = field in raw
            raise self.fail(e, kind_path + ((field,) if own else ()), own and e.message == "unknown key",
                            **where) from None
        if merge_inputs is not None:
            inputs = tuple(self.resolve(n, path + (written, j), scope, where) for j, n in enumerate(merge_inputs))
        else:
            inputs = self.resolve_from(item, path, previous, scope, merge=kind.merge, where=where)
        if kind.merge and len(inputs) < 2:
            raise self.fail(SpecError(f"{kind.name} needs at least two inputs", expected=f"{kind.name}: [a, b]"),
                            kind_path, **where)
        self.nodes.append(Node(index, name, kind, hp, inputs, Where(self.loc(path), index, name, kind.name),
                               instances))
        if local is not None:
            scope[str(local)] = name
        return name

    def resolve_from(self, item: dict, path: Path, previous: str, scope: dict[str, str], merge: bool,
                     where: dict | None = None) -> tuple[str, ...]:
        if "from" not in item:
            return (previous,)
        value = item["from"]
        names = value if isinstance(value, list) else [value]
        if not names or (len(names) > 1 and not merge):
            raise self.fail(SpecError("from: takes one layer name here", expected="from: NAME"), path + ("from",),
                            field="from", **(where or {}))
        return tuple(self.resolve(n, path + ("from",), scope, where or {}) for n in names)

    def resolve(self, name: object, path: Path, scope: dict[str, str], where: dict) -> str:
        """A reference to an earlier layer: a local name in this scope, then a global name."""
        key = str(name)
        if key in scope:
            return scope[key]
        if key in self.names:
            return key
        choices = list(scope) + sorted(self.names)
        raise self.fail(SpecError(f"no earlier layer is named '{key}'",
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
            raise self.fail(SpecError(f"layer name '{name}' is used twice", expected="unique names"),
                            path + ("name",), field="name")
        self.names.add(name)
        return name


def layer_network(input_shape: object, kind: str, hparams: dict, convention: str | Convention = "textbook",
                  doc: Document | None = None, path: Path = ()) -> Network:
    """A one-layer network: what ``cnncalc layer``/``pool`` and quiz questions compute."""
    found = lookup(kind)
    if found is None:
        raise unknown_kind(kind)
    spec = {"input": input_shape, "convention": str(convention), "layers": [{found.name: hparams, "name": "layer"}]}
    if doc is None:
        return network_from_document(Document(spec, ""))
    return network_from_document(Document(spec, doc.path, {(): doc.loc(path) or Loc(doc.path)}))
