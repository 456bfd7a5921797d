"""Shared click options and ParamTypes; each ParamType calls the parser the YAML loader uses,
so a flag and a spec key accept exactly the same forms."""
from __future__ import annotations

from typing import Any, Callable

import click

from cnncalc.core.choices import FORMATS, Convention, Layout
from cnncalc.core.errors import CnncalcError, FlagError, Loc, cut


FLAG_OF_FIELD = {"input": "--input", "kernel": "--kernel", "stride": "--stride", "padding": "--padding", "dilation": "--dilation",
                 "groups": "--groups", "filters": "--filters", "output_padding": "--output-padding",
                 "output_shape": "--output-shape",
                 "ceil_mode": "--ceil-mode", "depth_multiplier": "--depth-multiplier", "weights": "--weights"}


class GrammarParam(click.ParamType):
    """A ParamType over a ``grammar`` parser; a bad value raises ``FlagError`` naming the flag."""

    def __init__(self, name: str, parse: Callable[[Any], Any]):
        self.name = name
        self.parse = parse

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        if not isinstance(value, str):
            return value
        try:
            return self.parse(value)
        except CnncalcError as e:
            flag = param.opts[0] if param is not None and param.opts else self.name
            raise FlagError(e.reason, expected=e.expected, suggestion=e.suggestion).with_where(
                loc=Loc(f"{flag} {cut(repr(value))}")) from None


def _grammar():
    from cnncalc.core import literals as grammar

    return grammar


def _shape(value: str):
    return _grammar().parse_shape(value)


def _per_axis(minimum: int) -> Callable[[str], tuple[int, ...]]:
    return lambda value: _grammar().parse_per_axis(value, "value", minimum)


def _padding(value: str):
    return _grammar().parse_padding(value)


def _matrix(value: str):
    from cnncalc.io.matrix import read_matrix

    return read_matrix(value)


SHAPE = GrammarParam("shape", _shape)
PER_AXIS = GrammarParam("per-axis", _per_axis(1))
PER_AXIS_0 = GrammarParam("per-axis", _per_axis(0))
PADDING = GrammarParam("padding", _padding)
MATRIX = GrammarParam("matrix", _matrix)


class Needed(click.Option):
    """An option the command checks itself, because whether it is needed depends on another flag;
    ``--help`` still says ``[required]`` (or ``[required unless ...]``)."""

    def __init__(self, *args, needed: str = "required", **kwargs):
        super().__init__(*args, **kwargs)
        self.needed = needed

    def get_help_record(self, ctx: click.Context):
        record = super().get_help_record(ctx)
        if record is None:
            return None
        opts, text = record
        return opts, f"{text}  [{self.needed}]"


def complete_spec(ctx: click.Context, param: click.Parameter, incomplete: str) -> list:
    """Shell completion of a SPEC argument: the shipped networks' names, then files."""
    from click.shell_completion import CompletionItem

    from cnncalc.io import zoo

    names = [CompletionItem(name, help="shipped network") for name in zoo.names() if name.startswith(incomplete)]
    return names + [CompletionItem(incomplete, type="file")]


def format_option(f):
    return click.option("--format", "fmt", type=click.Choice(FORMATS, case_sensitive=False), default="table", show_default=True,
                        help="table (rich on a terminal, plain text when piped), json, csv or markdown.")(f)


def convention_option(f):
    return click.option("--convention", type=click.Choice([c.value for c in Convention], case_sensitive=False), default=None,
                        help="Rules for what is legal: textbook (default), tensorflow (tf.nn ops), keras "
                             "(Keras layers), pytorch or onnx.")(f)


def layout_option(f):
    return click.option("--layout", type=click.Choice([m.value for m in Layout], case_sensitive=False), default=None,
                        help="How shapes are written: hwc (default, 32x32x3), nhwc (1x4x4x1), chw, nchw (1x3x224x224).")(f)


def layout_shape(shape, layout: str | None, flag: str):
    """A shape flag read in ``--layout``: (channels-last shape, the view to show shapes in); how an
    ambiguous shape was read is said on stderr (a 4-number shape starting with 1, a 2-number one)."""
    from cnncalc.core.layout import read_shape

    try:
        hwc, view, note = read_shape(shape, Layout(layout or "hwc"))
    except CnncalcError as e:
        raise FlagError(e.reason, expected=e.expected).with_where(loc=Loc(flag)) from None
    if note:
        click.echo(f"Note: {flag}: {note}", err=True)
    return hwc, view


def strict_option(f):
    return click.option("--strict", is_flag=True,
                        help="Make a non-integer (W − K + 2P)/S an error instead of a warning.")(f)


def window_options(f):
    """--kernel/--k, --stride/--s, --padding/--p, --dilation/--d."""
    for option in reversed([
        click.option("--kernel", "--k", "kernel", type=PER_AXIS, cls=Needed, help="Kernel size: 5 or 3x5 (HxW)."),
        click.option("--stride", "--s", "stride", type=PER_AXIS, default=None, help="Stride: 2 or 2x1."),
        click.option("--padding", "--p", "padding", type=PADDING, default=None,
                     help="same, valid, same_lower, an int, 2x1, or [[top,bottom],[left,right]]."),
        click.option("--dilation", "--d", "dilation", type=PER_AXIS, default=None, help="Dilation: 1 or 2x2."),
    ]):
        f = option(f)
    return f


def as_flag_error(e: CnncalcError, values: dict, flags: dict | None = None) -> CnncalcError:
    """Errors of a one-layer command name the flag, not the layer of a spec; ``flags`` maps the fields
    a command takes from another flag (``conv``'s kernel is its ``--weights``)."""
    field = e.where.field or "input"  # a layer error without a field is about what it receives
    flag = (flags or {}).get(field, FLAG_OF_FIELD.get(field))
    if flag is None:
        return FlagError(e.reason, expected=e.expected, suggestion=e.suggestion)
    shown = values.get(field)
    label = f"{flag} {_flag_value(shown)}" if shown is not None else flag
    return FlagError(e.reason, expected=e.expected, suggestion=e.suggestion).with_where(loc=Loc(label))


def _flag_value(value: object) -> str:
    if isinstance(value, tuple):
        return "x".join(map(str, value))
    return str(value)
