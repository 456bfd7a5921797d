"""The command line: a click group whose ``main`` is the single error boundary.

Every ``CnncalcError`` becomes one line on stderr and exit 2; usage errors likewise; a
failed check exits 1; anything unexpected is reported without a traceback (unless the
hidden ``--traceback`` flag is given). Engines are imported inside each command.
"""
from __future__ import annotations

import os
import sys

import click

from .errors import CnncalcError, ExitCode, FlagError, Loc
from .options import (MATRIX, PADDING, PER_AXIS, PER_AXIS_0, SHAPE, convention_option, format_option, strict_option,
                      window_options)

FLAG_OF_FIELD = {"input": "--input", "kernel": "--kernel", "stride": "--stride", "padding": "--padding", "dilation": "--dilation",
                 "groups": "--groups", "filters": "--filters", "output_padding": "--output-padding",
                 "ceil_mode": "--ceil-mode", "depth_multiplier": "--depth-multiplier", "weights": "--weights"}


class CnncalcGroup(click.Group):
    """A group that maps every exception to one line and an exit code (click core.py main semantics)."""

    def main(self, args=None, prog_name=None, **extra):  # noqa: D102
        args = list(sys.argv[1:] if args is None else args)
        traceback = "--traceback" in args
        args = [a for a in args if a != "--traceback"]
        try:
            code = super().main(args=args, prog_name=prog_name or "cnncalc", standalone_mode=False, **extra)
            sys.stdout.flush()
        except CnncalcError as e:
            click.echo(f"Error: {e}", err=True)
            code = ExitCode.BAD_INPUT
        except click.UsageError as e:
            command = e.ctx.command_path if e.ctx else "cnncalc"
            click.echo(f"Error: {e.format_message()} (see '{command} --help')", err=True)
            code = ExitCode.BAD_INPUT
        except click.ClickException as e:
            click.echo(f"Error: {e.format_message()}", err=True)
            code = ExitCode.BAD_INPUT
        except (click.Abort, KeyboardInterrupt):
            click.echo("Aborted.", err=True)
            code = 130
        except BrokenPipeError:
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            code = ExitCode.OK
        except Exception as e:  # the last resort: never a traceback for users
            if traceback:
                raise
            click.echo(f"Error: internal error, please report it: {type(e).__name__}: {e}", err=True)
            code = ExitCode.FAILED
        sys.exit(int(code) if isinstance(code, int) else 0)


@click.group(cls=CnncalcGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="cnncalc")
def main():
    """Exact arithmetic for convolutional networks: output volumes, padding, parameters
    with and without weight sharing, MACs, memory and receptive fields, under the
    textbook formula and the rules TensorFlow/Keras and PyTorch apply.

    \b
    Examples:
      cnncalc layer --input 32x32x3 --filters 20 --k 8 --s 2 --p 1
      cnncalc model specs/lenet.yaml
      cnncalc check specs/quizzes/cnn-lesson.yaml
    """


# --- output helpers ----------------------------------------------------------------------------

def is_terminal() -> bool:
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def tracker():
    """The progress tracker factory engines are handed on a terminal (bars appear after a second)."""
    if not is_terminal():
        return None
    from .progress import LazyBar

    return LazyBar


def console():
    from rich.console import Console

    return Console()


def as_flag_error(e: CnncalcError, values: dict) -> CnncalcError:
    """Errors of a one-layer command name the flag, not the layer of a spec."""
    field = e.where.field or "input"  # a layer error without a field is about what it receives
    flag = FLAG_OF_FIELD.get(field)
    if flag is None:
        return FlagError(e.message, expected=e.expected, suggestion=e.suggestion)
    shown = values.get(field)
    label = f"{flag} {_flag_value(shown)}" if shown is not None else flag
    return FlagError(e.message, expected=e.expected, suggestion=e.suggestion).with_where(loc=Loc(label))


def _flag_value(value: object) -> str:
    if isinstance(value, tuple):
        return "x".join(map(str, value))
    return str(value)


def explain_one(input_shape, kind: str, hp: dict, convention: str | None, strict: bool):
    from .explain import explain
    from .spec import layer_network

    hp = {k: v for k, v in hp.items() if v is not None}
    try:
        network = layer_network(input_shape, kind, hp, convention or "textbook")
        return explain(network, strict)
    except CnncalcError as e:
        raise as_flag_error(e, {**hp, "input": input_shape}) from None


def show_layer(explanation, fmt: str, values: list | None = None) -> None:
    from .render import Format, print_layer_rich, render_layer

    if fmt == "table" and is_terminal():
        print_layer_rich(console(), explanation, values)
    else:
        click.echo(render_layer(explanation, Format(fmt), values))


# --- commands ------------------------------------------------------------------------------------

@main.command()
@click.option("--input", "input_shape", type=SHAPE, required=True, help="Input volume HxWxC, e.g. 32x32x3.")
@click.option("--filters", type=int, default=None, help="Output channels (number of filters).")
@window_options
@click.option("--groups", type=int, default=None, help="Grouped convolution: C_in and C_out split in groups.")
@click.option("--no-bias", is_flag=True, help="No bias term.")
@click.option("--transpose", is_flag=True, help="Transposed convolution (PyTorch/Keras rules).")
@click.option("--output-padding", type=PER_AXIS_0, default=None, help="Transposed conv: extra rows at the end.")
@click.option("--depthwise", is_flag=True, help="Depthwise convolution: one filter per input channel.")
@click.option("--depth-multiplier", type=int, default=None, help="Depthwise: filters per input channel.")
@convention_option
@strict_option
@format_option
def layer(input_shape, filters, kernel, stride, padding, dilation, groups, no_bias, transpose, output_padding,
          depthwise, depth_multiplier, convention, strict, fmt):
    """Output volume, parameters (shared and unshared), MACs of one conv layer, worked out.

    \b
    Example:
      cnncalc layer --input 32x32x3 --filters 20 --k 8 --s 2 --p 1
      cnncalc layer --input 10x10x3 --filters 64 --kernel 5 --stride 2 --padding same
      cnncalc layer --input 7x7x16 --filters 8 --k 3 --s 2 --transpose --format json
    """
    if transpose and depthwise:
        raise FlagError("--transpose and --depthwise cannot be combined").with_where(loc=Loc("--depthwise"))
    kind = "conv_transpose" if transpose else "depthwise_conv" if depthwise else "conv"
    hp = {"kernel": kernel, "stride": stride, "padding": padding, "dilation": dilation}
    if depthwise:
        hp["depth_multiplier"] = depth_multiplier
        if filters is not None:
            raise FlagError("a depthwise conv has C_in·depth_multiplier outputs",
                            expected="use --depth-multiplier instead").with_where(loc=Loc("--filters"))
    else:
        hp.update(filters=filters, groups=groups)
    if transpose:
        hp["output_padding"] = output_padding
    if no_bias:
        hp["bias"] = False
    for flag, value in (("--kernel", kernel), ("--filters", filters if not depthwise else 1)):
        if value is None:
            raise FlagError("is required", expected="see 'cnncalc layer --help'").with_where(loc=Loc(flag))
    show_layer(explain_one(input_shape, kind, hp, convention, strict), fmt)
    return ExitCode.OK


@main.command()
@click.option("--input", "input_shape", type=SHAPE, default=None, help="Input volume HxWxC, e.g. 4x4x5.")
@click.option("--values", type=MATRIX, default=None, help="A matrix to pool: JSON such as [[1,2],[3,4]] or @file.")
@window_options
@click.option("--op", type=click.Choice(["max", "avg"]), default="max", show_default=True, help="max or avg.")
@click.option("--ceil-mode", is_flag=True, default=None, help="PyTorch ceil_mode: keep a last partial window.")
@click.option("--count-include-pad/--count-exclude-pad", default=None,
              help="avg: divide by the whole window (PyTorch default) or by real cells (TensorFlow).")
@convention_option
@strict_option
@format_option
def pool(input_shape, values, kernel, stride, padding, dilation, op, ceil_mode, count_include_pad, convention,
         strict, fmt):
    """Output volume of a max or average pooling layer; with --values, the pooled numbers.

    \b
    Example:
      cnncalc pool --input 4x4x5 --k 2 --s 2
      cnncalc pool --values "[[0,1,0.5,10],[2,2.5,1,-8],[4,0,5,6],[15,1,2,3]]" --k 2 --s 2 --op avg
    """
    input_shape = values_shape(input_shape, values)
    if kernel is None:
        raise FlagError("is required", expected="such as --k 2").with_where(loc=Loc("--kernel"))
    hp = {"kernel": kernel, "stride": stride, "padding": padding, "ceil_mode": ceil_mode}
    if op == "max":
        hp["dilation"] = dilation
    else:
        hp["count_include_pad"] = count_include_pad
        if dilation is not None:
            raise FlagError("average pooling has no dilation").with_where(loc=Loc("--dilation"))
    explanation = explain_one(input_shape, "maxpool" if op == "max" else "avgpool", hp, convention, strict)
    computed = None
    if values is not None:
        from .values import pool_values

        computed = pool_values(explanation.report, explanation.node, values)
    show_layer(explanation, fmt, computed)
    return ExitCode.OK


def values_shape(input_shape, values):
    if values is None and input_shape is None:
        raise FlagError("give --input or --values", expected="such as --input 4x4x5").with_where(loc=Loc("--input"))
    if values is None:
        return input_shape
    from .values import matrix_shape

    shape = matrix_shape(values)
    if input_shape is not None and tuple(input_shape) != shape:
        raise FlagError(f"disagrees with --values, a {'x'.join(map(str, shape))} matrix",
                        expected="leave --input out").with_where(loc=Loc("--input"))
    return shape


@main.command("conv")
@click.option("--values", type=MATRIX, required=True, help="Input matrix (one channel): JSON or @file.")
@click.option("--weights", type=MATRIX, required=True, help="Kernel matrix: JSON or @file.")
@click.option("--stride", "--s", "stride", type=PER_AXIS, default=None, help="Stride: 1 or 2x1.")
@click.option("--padding", "--p", "padding", type=PADDING, default=None, help="Padding, as for layer.")
@click.option("--dilation", "--d", "dilation", type=PER_AXIS, default=None, help="Dilation.")
@convention_option
@strict_option
@format_option
def conv_values_command(values, weights, stride, padding, dilation, convention, strict, fmt):
    """The real cross-correlation of a matrix with a kernel (what a conv layer computes).

    \b
    Example:
      cnncalc conv --values "[[1,1,1,0,0],[0,1,1,1,0],[0,0,1,1,1],[0,0,1,1,0],[0,1,1,0,0]]" \\
                   --weights "[[1,0,1],[0,1,0],[1,0,1]]"
    """
    from .values import conv_values

    hp = {"weights": weights, "stride": stride, "padding": padding, "dilation": dilation}
    explanation = explain_one(values_shape(None, values), "conv", hp, convention, strict)
    show_layer(explanation, fmt, conv_values(explanation.report, explanation.node, values))
    return ExitCode.OK


from .commands import check, kinds, model, solve  # noqa: E402  (commands register on `main`)

__all__ = ["main", "check", "kinds", "model", "solve"]
