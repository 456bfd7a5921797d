"""The one-layer commands: ``layer`` (conv, depthwise, transposed), ``pool`` and ``conv`` (values)."""
from __future__ import annotations

import click

from cnncalc.cli.app import console, is_terminal, main
from cnncalc.cli.options import (MATRIX, PADDING, PER_AXIS, PER_AXIS_0, SHAPE, Needed, as_flag_error,
                                 convention_option, format_option, layout_option, strict_option, window_options)
from cnncalc.core.errors import CnncalcError, ExitCode, FlagError, Loc


def explain_one(input_shape, kind: str, hp: dict, convention: str | None, strict: bool, matrices: dict | None = None,
                layout: str | None = None):
    """The layer worked out; an error names the flag. ``matrices`` maps a field to the matrix flag
    that gave it (``{"input": ("--values", matrix)}``), for the flags the command has."""
    from cnncalc.analyses.explain import explain
    from cnncalc.io.spec import layer_network

    hp = {k: v for k, v in hp.items() if v is not None}
    try:
        network = layer_network(input_shape, kind, hp, convention or "textbook", layout=layout or "hwc")
        return explain(network, strict)
    except CnncalcError as e:
        shown = {**hp, "input": input_shape}
        shown.update({field: f"({_size(m)})" for field, (_, m) in (matrices or {}).items()})
        raise as_flag_error(e, shown, {field: flag for field, (flag, _) in (matrices or {}).items()}) from None


def _size(matrix: list) -> str:
    """``a 3x3 matrix`` or ``a list of 2 values``: what a matrix flag held, for an error."""
    if matrix and isinstance(matrix[0], list):
        return f"a {len(matrix)}x{len(matrix[0])} matrix"
    return f"a list of {len(matrix)} value{'s' * (len(matrix) != 1)}"


def show_layer(explanation, fmt: str, matrix: list | None = None) -> None:
    """The layer worked out; with ``matrix``, its values and each window's working too."""
    from cnncalc.report.layer import print_layer_rich, render_layer
    from cnncalc.report.text import Format

    values = windows = None
    if matrix is not None:
        from cnncalc.engines.values import compute_values, window_values

        values = compute_values(explanation.layer, matrix)
        windows = window_values(explanation.layer, matrix, values)
    if fmt == "table" and is_terminal():
        print_layer_rich(console(), explanation, values, windows)
    else:
        click.echo(render_layer(explanation, Format(fmt), values, windows))


@main.command()
@click.option("--input", "input_shape", type=SHAPE, required=True, help="Input volume HxWxC, e.g. 32x32x3.")
@click.option("--filters", type=int, default=None, cls=Needed, needed="required unless --depthwise",
              help="Output channels (number of filters).")
@window_options
@click.option("--groups", type=int, default=None, help="Grouped convolution: C_in and C_out split in groups.")
@click.option("--no-bias", is_flag=True, help="No bias term.")
@click.option("--transpose", is_flag=True, help="Transposed convolution (PyTorch/Keras rules).")
@click.option("--output-padding", type=PER_AXIS_0, default=None, help="Transposed conv: extra rows at the end.")
@click.option("--output-shape", type=PER_AXIS, default=None,
              help="Transposed conv: the output size wanted (the pads or output_padding are derived).")
@click.option("--depthwise", is_flag=True, help="Depthwise convolution: one filter per input channel.")
@click.option("--depth-multiplier", type=int, default=None, help="Depthwise: filters per input channel.")
@convention_option
@layout_option
@strict_option
@format_option
def layer(input_shape, filters, kernel, stride, padding, dilation, groups, no_bias, transpose, output_padding,
          output_shape, depthwise, depth_multiplier, convention, layout, strict, fmt):
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
        hp.update(output_padding=output_padding, output_shape=output_shape)
    elif output_shape is not None:
        raise FlagError("applies to a transposed conv", expected="add --transpose").with_where(loc=Loc("--output-shape"))
    if no_bias:
        hp["bias"] = False
    for flag, value in (("--kernel", kernel), ("--filters", filters if not depthwise else 1)):
        if value is None:
            raise FlagError("is required", expected="see 'cnncalc layer --help'").with_where(loc=Loc(flag))
    show_layer(explain_one(input_shape, kind, hp, convention, strict, layout=layout), fmt)
    return ExitCode.OK


@main.command()
@click.option("--input", "input_shape", type=SHAPE, default=None, cls=Needed, needed="required unless --values",
              help="Input volume HxWxC, e.g. 4x4x5.")
@click.option("--values", type=MATRIX, default=None, help="A matrix to pool: JSON such as [[1,2],[3,4]] or @file.")
@window_options
@click.option("--op", type=click.Choice(["max", "avg"], case_sensitive=False), default="max", show_default=True, help="max or avg.")
@click.option("--ceil-mode", is_flag=True, default=None, help="PyTorch ceil_mode: keep a last partial window.")
@click.option("--count-include-pad/--count-exclude-pad", default=None,
              help="avg: divide by the whole window (PyTorch default) or by real cells (TensorFlow).")
@convention_option
@layout_option
@strict_option
@format_option
def pool(input_shape, values, kernel, stride, padding, dilation, op, ceil_mode, count_include_pad, convention,
         layout, strict, fmt):
    """Output volume of a max or average pooling layer; with --values, the pooled numbers.

    \b
    Example:
      cnncalc pool --input 4x4x5 --k 2 --s 2
      cnncalc pool --values "[[0,1,0.5,10],[2,2.5,1,-8],[4,0,5,6],[15,1,2,3]]" --k 2 --s 2 --op avg
    """
    input_shape = values_shape(input_shape, values)
    if kernel is None:
        raise FlagError("is required", expected="such as --k 2").with_where(loc=Loc("--kernel"))
    hp = {"kernel": kernel, "stride": stride, "padding": padding, "dilation": dilation, "ceil_mode": ceil_mode}
    if op == "avg":
        hp["count_include_pad"] = count_include_pad
    explanation = explain_one(input_shape, "maxpool" if op == "max" else "avgpool", hp, convention, strict,
                              {"input": ("--values", values)} if values is not None else None,
                              None if values is not None else layout)
    show_layer(explanation, fmt, values)
    return ExitCode.OK


def values_shape(input_shape, values):
    if values is None and input_shape is None:
        raise FlagError("give --input or --values", expected="such as --input 4x4x5").with_where(loc=Loc("--input"))
    if values is None:
        return input_shape
    from cnncalc.core.literals import matrix_shape

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
    hp = {"weights": weights, "stride": stride, "padding": padding, "dilation": dilation}
    explanation = explain_one(values_shape(None, values), "conv", hp, convention, strict,
                              {"input": ("--values", values), "kernel": ("--weights", weights),
                               "weights": ("--weights", weights)})
    show_layer(explanation, fmt, values)
    return ExitCode.OK
