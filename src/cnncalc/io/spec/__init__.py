"""A spec (a YAML file, an inline mapping, or one layer from the command line) → ``Network``.

Reading is two phases over plain data with locations: ``expand`` (blocks, ``$param``,
``repeat`` → a flat stream of layer items) then ``build`` (kinds, hyperparameters, names,
``from:`` → nodes). Every error names the file, line, layer and field.
"""
from __future__ import annotations

from cnncalc.core import limits
from cnncalc.core.budget import Budget
from cnncalc.core.conventions import Convention, parse_convention
from cnncalc.core.errors import CnncalcError, Loc, SpecError, Where, first_unknown, unknown_key
from cnncalc.core.layers import Note
from cnncalc.core.layout import parse_layout, read_shape
from cnncalc.core.gcpause import paused_gc
from cnncalc.core.layers import lookup, unknown_kind
from cnncalc.core.network import Network
from cnncalc.io.spec.build import Builder, check_defaults, layer_hparams, split_layer
from cnncalc.io.spec.expand import Expander, check_blocks
from cnncalc.io import zoo
from cnncalc.io.yamlsrc import Document, Path, load_file, load_text

TOP_KEYS = ("name", "input", "layout", "convention", "defaults", "blocks", "layers")


def load_network(source: str | dict, convention: str | None = None, layout: str | None = None,
                 budget: Budget | None = None) -> Network:
    """A network from a spec file path, a shipped network's name (``resnet50``), ``-`` (standard
    input), YAML text (a string with a line break or a ``{``), or an inline mapping."""
    return network_from_document(read_spec(source), (), convention, layout, budget)


def read_spec(source: str | dict) -> Document:
    """The document a spec argument stands for (see ``load_network``)."""
    if not isinstance(source, str):
        return Document(source, "")
    if source == "-":
        import sys

        return load_text(sys.stdin.read(limits.MAX_SPEC_BYTES + 1), "<stdin>")
    if "\n" in source or source.lstrip().startswith("{"):
        return load_text(source, "<string>")
    return load_file(zoo.resolve(source))


def network_from_document(doc: Document, root: Path = (), convention: str | None = None,
                          layout: str | None = None, budget: Budget | None = None) -> Network:
    """The network whose spec is the mapping at ``root`` of ``doc``; ``budget`` is the work it may
    spend (its own by default, a quiz file's when shared)."""

    def fail(error: CnncalcError, path: Path, on_key: bool = False, **where: object) -> CnncalcError:
        return error.with_where(loc=doc.loc(root + path, on_key), **where)

    def field(parse, path: Path, name: str):
        try:
            return parse()
        except CnncalcError as e:
            raise fail(e, path, field=name) from None

    data = doc.data
    for part in root:
        data = data[part]
    with paused_gc():
        if not isinstance(data, dict):
            raise fail(SpecError("a network spec must be a mapping", expected="keys name, input, layers"), ())
        key = first_unknown(data, TOP_KEYS)
        if key is not None:
            raise fail(unknown_key(key, TOP_KEYS), (key,), True)
        for key in ("input", "layers"):
            if key not in data:
                raise fail(SpecError(f"missing '{key}'", expected="a spec needs input: and layers:"), ())
        chosen_layout = layout if layout is not None else data.get("layout", "hwc")
        order = field(lambda: parse_layout(chosen_layout), ("layout",), "layout")
        shape, view, note = field(lambda: read_shape(data["input"], order), ("input",), "input")
        chosen = convention if convention is not None else data.get("convention", "textbook")
        rules = field(lambda: parse_convention(chosen), ("convention",), "convention")
        defaults = check_defaults(data.get("defaults") or {}, fail)
        blocks = check_blocks(data.get("blocks") or {}, fail)
        layers = data["layers"]
        if not isinstance(layers, list) or not layers:
            raise fail(SpecError("layers must be a non-empty list", expected="- conv: {...}"), ("layers",),
                       field="layers")
        budget = budget or Budget()
        events = Expander(blocks, fail, budget).expand(layers, ("layers",))
        nodes = Builder(defaults, lambda path: doc.loc(root + path), fail, budget).build(events)
        notes = (Note("layout", note, Where(doc.loc(root + ("input",)), field="input")),) if note else ()
        return Network(str(data.get("name", "network")), shape, rules, tuple(nodes), doc.path or None, view, notes)


def layer_network(input_shape: object, kind: str, hparams: dict, convention: str | Convention = "textbook",
                  doc: Document | None = None, path: Path = (), layout: str = "hwc",
                  budget: Budget | None = None) -> Network:
    """A one-layer network: what ``cnncalc layer``/``pool`` and quiz questions compute."""
    found = lookup(kind)
    if found is None:
        raise unknown_kind(kind)
    spec = {"input": input_shape, "layout": str(layout), "convention": str(convention),
            "layers": [{found.name: hparams, "name": "layer"}]}
    if doc is None:
        return network_from_document(Document(spec, ""), budget=budget)
    return network_from_document(Document(spec, doc.path, {(): doc.loc(path) or Loc(doc.path)}), budget=budget)


__all__ = ["load_network", "read_spec", "network_from_document", "layer_network", "split_layer", "layer_hparams", "TOP_KEYS"]
