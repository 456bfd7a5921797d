"""Safe YAML → plain data plus a location for every value; duplicate keys are errors.

PyYAML's loaders keep the last of two duplicate keys silently, so the document is
composed (the safe loader; libyaml's when PyYAML has it) and the node tree walked here instead: every mapping key is
checked, alias expansions are counted against ``limits.MAX_YAML_NODES`` (alias bombs),
and nesting against ``limits.MAX_YAML_DEPTH``.
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from cnncalc.core import limits
from cnncalc.core.errors import LimitError, Loc, SpecError
from cnncalc.core.errors import cut
from cnncalc.core.literals import NumberLike
from cnncalc.core.gcpause import paused_gc

Path = tuple[object, ...]
_PLAIN_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_TAG = "tag:yaml.org,2002:"
_STR, _INT, _FLOAT, _BOOL, _NULL = (_TAG + t for t in ("str", "int", "float", "bool", "null"))
_IMPLICIT = {_STR, _INT, _FLOAT, _BOOL, _NULL, _TAG + "timestamp", _TAG + "value", _TAG + "merge"}
"""The tags PyYAML resolves plain scalars to; any other tag was written explicitly and is refused."""
_CORE_INT = re.compile(r"[-+]?[0-9]+")
_CORE_FLOAT = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN)")
_LEADING_ZERO = re.compile(r"[-+]?0[0-9_]")
_BOOLS = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}


def core_scalar(text: str, tag: str) -> object:
    """A plain scalar read by YAML 1.2's core schema: decimal ints, floats, true/false, null;
    anything else is a string. ``yes``/``on`` stay strings; a number YAML 1.1 reads in another
    base or form (``0x1F``, ``010``, ``1_000``, ``1:30``) is kept as ``NumberLike`` text."""
    if tag == _NULL:
        return None
    if text in _BOOLS:
        return _BOOLS[text]
    if _LEADING_ZERO.match(text):
        return NumberLike(text)
    if _CORE_INT.fullmatch(text):
        if len(text) > limits.MAX_LITERAL_DIGITS:
            raise LimitError(f"the number {text[:12]}... has {len(text):,} digits",
                             expected=f"at most {limits.MAX_LITERAL_DIGITS}")
        return int(text)
    if _CORE_FLOAT.fullmatch(text) and len(text) <= 4 * limits.MAX_LITERAL_DIGITS:
        return float(text.replace(".", "", 1) if text.lstrip("+-").startswith((".inf", ".Inf", ".INF", ".nan",
                                                                             ".NaN", ".NAN")) else text)
    if tag in (_INT, _FLOAT):
        return NumberLike(text)
    return text


@dataclass
class Document:
    """Plain data (dicts, lists, scalars) and where each value and key stood in the file."""

    data: object
    path: str
    values: dict[Path, object] = field(default_factory=dict)
    keys: dict[Path, object] = field(default_factory=dict)
    """PyYAML's marks (0-based ``line``, ``column``), made into a ``Loc`` only when asked for."""

    def _as_loc(self, mark) -> Loc:
        return mark_loc(self.path, mark)

    def loc(self, path: Path, key: bool = False) -> Loc | None:
        """The location of the value at ``path`` (or of its key), else of its nearest parent."""
        table = self.keys if key else self.values
        if path in table:
            return self._as_loc(table[path])
        while path:
            path = path[:-1]
            if path in self.values:
                return self._as_loc(self.values[path])
        return Loc(self.path) if self.path else None


def mark_loc(path: str, mark) -> Loc:
    """A PyYAML mark (0-based line and column) as a 1-based ``Loc``."""
    return Loc(path, mark.line + 1, mark.column + 1)


def read_text(path: str) -> str:
    """The UTF-8 text of a spec file (or of stdin for ``-``), refused early when missing, a folder,
    a FIFO or device, too large or binary (``io.files.read_bytes``)."""
    from cnncalc.io.files import read_bytes

    raw = read_bytes(path)
    where = Loc(shown_path(path))
    if b"\0" in raw:
        raise SpecError("is a binary file (it holds NUL bytes)", expected="a YAML text file").with_where(loc=where)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise SpecError(f"is not UTF-8 text (byte 0x{raw[e.start]:02x} at offset {e.start})",
                        expected="save the file as UTF-8").with_where(loc=where) from None


def shown_path(path: str) -> str:
    """How messages name a path: ``<stdin>`` for ``-``."""
    return "<stdin>" if path == "-" else path


def load_file(path: str) -> Document:
    """Read and parse a YAML file into a ``Document``."""
    return load_text(read_text(path), shown_path(path))


def load_text(text: str, path: str = "<string>") -> Document:
    """Parse YAML text (one document) into a ``Document``."""
    if len(text) > limits.MAX_SPEC_BYTES:
        raise LimitError(f"document is {len(text):,} characters", expected=f"at most {limits.MAX_SPEC_BYTES:,}"
                         ).with_where(loc=Loc(path))
    with paused_gc():  # a node tree of up to a million small objects, no cycles
        node = _compose(text, path)
        doc = Document(None, path)
        doc.data = _Walker(doc).walk(node, ())
    return doc


def _compose(text: str, path: str):
    """The YAML node tree of ``text``; every parser error as one located SpecError or LimitError."""
    import yaml

    try:
        node = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as e:
        mark = e.problem_mark or e.context_mark
        loc = mark_loc(path, mark) if mark else Loc(path)
        problem = e.problem or e.context or "invalid YAML"
        raise SpecError(f"YAML syntax: {problem}", expected="valid YAML").with_where(loc=loc) from None
    except yaml.YAMLError as e:
        raise SpecError(f"YAML: {e}").with_where(loc=Loc(path)) from None
    except LimitError as e:
        raise e.with_where(loc=Loc(path)) from None
    except RecursionError:
        raise LimitError("the document is nested too deeply",
                         expected=f"at most {limits.MAX_YAML_DEPTH} levels").with_where(loc=Loc(path)) from None
    if node is None:
        raise SpecError("the document is empty", expected="a mapping with input: and layers:"
                        ).with_where(loc=Loc(path))
    return node


@functools.cache
def _loader():
    """The safe loader (libyaml's when present) that counts nodes as they are composed, so a
    huge document is refused before its whole tree is built, and memoises tag resolution:
    PyYAML resolves every scalar with a chain of regexes in Python, and quiz and spec files
    repeat the same few hundred scalars (``kernel``, ``3``, ``same``) thousands of times."""
    import yaml

    base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    memo: dict = {}

    class Loader(base):
        def __init__(self, stream):
            super().__init__(stream)
            self.nodes = 0

        def resolve(self, kind, value, implicit):
            self.nodes += 1
            if self.nodes > limits.MAX_YAML_NODES:
                raise LimitError(f"the document has more than {limits.MAX_YAML_NODES:,} values")
            key = (kind, value, implicit)
            tag = memo.get(key)
            if tag is None:
                tag = super().resolve(kind, value, implicit)
                if len(memo) < 65536 and type(value) is str and len(value) < 64:
                    memo[key] = tag
            return tag

    return Loader


class _Walker:
    def __init__(self, doc: Document):
        import yaml

        self.doc = doc
        self.visited = 0
        self.Scalar, self.Mapping, self.Sequence = yaml.ScalarNode, yaml.MappingNode, yaml.SequenceNode

    def _loc(self, node) -> Loc:
        return mark_loc(self.doc.path, node.start_mark)

    def walk(self, node, path: Path):
        self.visited += 1
        if self.visited > limits.MAX_YAML_NODES:
            raise LimitError(f"the document expands to more than {limits.MAX_YAML_NODES:,} values "
                             "(aliases repeated too often?)").with_where(loc=self._loc(node))
        if len(path) > limits.MAX_YAML_DEPTH:
            raise LimitError("the document is nested too deeply",
                             expected=f"at most {limits.MAX_YAML_DEPTH} levels").with_where(loc=self._loc(node))
        self.doc.values[path] = node.start_mark
        if isinstance(node, self.Scalar):
            return self.scalar(node)
        if node.tag not in _PLAIN_TAGS:
            raise SpecError(f"the tag {cut(node.tag)} is not allowed", expected="plain YAML mappings, lists and values"
                            ).with_where(loc=self._loc(node))
        if isinstance(node, self.Mapping):
            result: dict = {}
            for key_node, value_node in node.value:
                if not isinstance(key_node, self.Scalar):
                    raise SpecError("a key must be a plain name").with_where(loc=self._loc(key_node))
                self.scalar(key_node)  # the same tag rules as values
                key = key_node.value  # every key is its text: 1, 1.0 and true are three keys
                if key == "<<":
                    raise SpecError("YAML merge keys (<<) are not supported",
                                    expected="write the keys out, or use defaults: or blocks:"
                                    ).with_where(loc=self._loc(key_node))
                if key in result:
                    first = self.doc.loc(path + (key,), key=True)
                    raise SpecError(f"duplicate key '{cut(key)}' (first at line {first.line})",
                                    expected="each key once per mapping").with_where(loc=self._loc(key_node))
                child = path + (key,)
                self.doc.keys[child] = key_node.start_mark
                result[key] = self.walk(value_node, child)
            return result
        return [self.walk(item, path + (i,)) for i, item in enumerate(node.value)]

    def scalar(self, node):
        if not isinstance(node, self.Scalar):
            raise SpecError("a key must be a plain name").with_where(loc=self._loc(node))
        if node.tag not in _IMPLICIT or node.style and node.tag != _STR:
            raise SpecError(f"the tag {cut(node.tag)} is not allowed",
                            expected="plain YAML mappings, lists and values").with_where(loc=self._loc(node))
        if node.style:  # quoted or block: a string, whatever it spells
            return node.value
        try:
            return core_scalar(node.value, node.tag)
        except LimitError as e:
            raise e.with_where(loc=self._loc(node)) from None
