"""Errors as data: where it happened, what is wrong, what would be valid.

Every user-facing failure is a ``CnncalcError`` rendered once, as one line, by the CLI
boundary: ``<where>: <what is wrong>; <what would be valid>[; did you mean 'x'?]``.
"""
from __future__ import annotations

from enum import IntEnum
from typing import TYPE_CHECKING, NamedTuple, TypeVar

from cnncalc.core import limits

if TYPE_CHECKING:
    from collections.abc import Iterable, Sequence
    from enum import StrEnum

    E = TypeVar("E", bound=StrEnum)


def cut(text: object, limit: int | None = None) -> str:
    """User text cut to ``limit`` characters (``MAX_NAME_CHARS``) for a message (error lines stay
    one short line)."""
    text, limit = str(text), limit or limits.MAX_NAME_CHARS
    return text if len(text) <= limit else text[:limit - 3] + "..."


class ExitCode(IntEnum):
    """Process exit codes (contract): 0 ok, 1 a check failed, 2 bad input."""

    OK = 0
    FAILED = 1
    BAD_INPUT = 2


class Loc(NamedTuple):
    """A 1-based position in a file (``specs/lenet.yaml:7:5``) or a flag name."""

    path: str
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        parts = [cut(self.path, 4 * limits.MAX_NAME_CHARS)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)


class Where(NamedTuple):
    """What an error or note refers to; every field optional, filled in on the way up."""

    loc: Loc | None = None
    layer_index: int | None = None
    layer_name: str | None = None
    kind: str | None = None
    field: str | None = None
    axis: str | None = None
    """The spatial axis (L, D, H or W) a per-axis rule failed on; the message ends "on axis H"."""

    def merged(self, **ctx: object) -> "Where":
        """A copy where the given fields are set unless already known (inner wins)."""
        updates = {k: v for k, v in ctx.items() if v is not None and getattr(self, k) is None}
        return self._replace(**updates) if updates else self

    def __str__(self) -> str:
        head = str(self.loc) if self.loc else ""
        what = []
        if self.layer_index is not None or self.layer_name is not None:
            layer = "layer"
            if self.layer_index is not None:
                layer += f" {self.layer_index}"
            if self.layer_name is not None:
                layer += f" '{cut(self.layer_name)}'"
            if self.kind is not None:
                layer += f" ({self.kind})"
            what.append(layer)
        elif self.kind is not None:
            what.append(self.kind)
        if self.field is not None:
            what.append(f"field '{cut(self.field)}'")
        body = ", ".join(what)
        if head and body:
            return f"{head}: {body}"
        return head or body


class CnncalcError(Exception):
    """Base of every error cnncalc reports to a user (exit 2)."""

    def __init__(self, message: str, where: Where | None = None, expected: str | None = None,
                 suggestion: str | None = None, on_key: bool = False):
        super().__init__(message)
        self.message = message
        self.where = where or Where()
        self.expected = expected
        self.suggestion = suggestion
        self.on_key = on_key
        """Whether the error is about a mapping key (an unknown key) rather than its value: the
        location then points at the key."""

    def with_where(self, **ctx: object) -> "CnncalcError":
        """The same error with more context; fields already set are kept."""
        return type(self)(self.message, self.where.merged(**ctx), self.expected, self.suggestion, self.on_key)

    @property
    def reason(self) -> str:
        """What is wrong, without the location or the valid choices: the first clause of the line."""
        return f"{self.message} on axis {self.where.axis}" if self.where.axis else self.message

    def __str__(self) -> str:
        where = str(self.where)
        text = f"{where}: {self.reason}" if where else self.reason
        if self.expected:
            text += f"; {self.expected}"
        if self.suggestion:
            text += f"; did you mean '{self.suggestion}'?"
        return text


class SpecError(CnncalcError):
    """A spec or quiz document that cannot be read: syntax, unknown key or kind, wrong type."""


class ShapeError(CnncalcError):
    """A layer that cannot produce an output: window larger than input, mismatched merge."""


class FlagError(CnncalcError):
    """A bad command-line value; ``where`` names the flag."""


class LimitError(CnncalcError):
    """Input beyond a bound in ``limits.py``: file size, nesting, memory estimate."""


class QuizFileError(SpecError):
    """An invalid quiz file (exit 2); a wrong answer is a result, not this error."""


def did_you_mean(word: str, choices: "Iterable[object]") -> str | None:
    """The closest of ``choices`` to ``word``, if any is close (click's difflib idiom); bounded in
    the lengths and the number of choices compared."""
    import difflib
    import itertools

    word = str(word)
    if len(word) > limits.MAX_SUGGEST_LENGTH:
        return None
    short = [str(c) for c in itertools.islice(choices, limits.MAX_SUGGEST_CHOICES)
             if len(str(c)) <= limits.MAX_SUGGEST_LENGTH]
    match = difflib.get_close_matches(word, short, n=1, cutoff=0.6)
    return match[0] if match else None


def first_unknown(mapping: "Iterable[object]", valid: "Sequence[str]") -> object | None:
    """The first key of ``mapping`` that is not in ``valid``, or None."""
    return next((key for key in mapping if key not in valid), None)


def unknown_key(key: object, valid: "Sequence[str]", error: type[CnncalcError] = SpecError, what: str = "key",
                field_prefix: str = "") -> CnncalcError:
    """``unknown key; valid: …; did you mean …``, located on the key: the one rule for every
    mapping a spec, a layer or a quiz holds."""
    return error(f"unknown {what}", expected=f"valid: {', '.join(valid) or 'none'}",
                 suggestion=did_you_mean(str(key), valid), on_key=True).with_where(field=f"{field_prefix}{key}")


def reject_unknown(mapping: "Iterable[object]", valid: "Sequence[str]", error: type[CnncalcError] = SpecError,
                   what: str = "key", field_prefix: str = "") -> None:
    """Raise ``unknown_key`` for the first key of ``mapping`` not in ``valid``."""
    key = first_unknown(mapping, valid)
    if key is not None:
        raise unknown_key(key, valid, error, what, field_prefix)


def parse_choice(choices: "type[E]", value: object, what: str) -> "E":
    """A member of a ``StrEnum`` by its name, case-insensitive; else ``unknown <what>; one of …``."""
    try:
        return choices(str(value).lower())
    except ValueError:
        options = [c.value for c in choices]
        raise SpecError(f"unknown {what} {value!r}", expected=f"one of {', '.join(options)}",
                        suggestion=did_you_mean(str(value), options)) from None
