"""``cnncalc solve``."""
from __future__ import annotations

import click

from cnncalc.cli.app import console, is_terminal, main, outcome, rich_table
from cnncalc.cli.options import (PADDING, PER_AXIS, SHAPE, as_flag_error, convention_option, format_option,
                                 layout_option, layout_shape)
from cnncalc.core.choices import SolveKind
from cnncalc.core.errors import CnncalcError, ExitCode, FlagError


@main.command()
@click.option("--input", "input_shape", type=SHAPE, required=True, help="Input volume, e.g. 4x4x1.")
@click.option("--output", "output_shape", type=SHAPE, required=True, help="Target volume, e.g. 2x2x3.")
@click.option("--kind", type=click.Choice([k.value for k in SolveKind], case_sensitive=False), default="conv", show_default=True,
              help="Which layer to solve for.")
@click.option("--kernel", "--k", "kernel", type=PER_AXIS, default=None, help="Fix the kernel.")
@click.option("--stride", "--s", "stride", type=PER_AXIS, default=None, help="Fix the stride.")
@click.option("--padding", "--p", "padding", type=PADDING, default=None, help="Fix the padding.")
@click.option("--dilation", "--d", "dilation", type=PER_AXIS, default=None, help="Fix the dilation.")
@click.option("--max-kernel", type=click.IntRange(1, 64), default=7, show_default=True, help="Largest kernel tried.")
@click.option("--max-stride", type=click.IntRange(1, 64), default=4, show_default=True, help="Largest stride tried.")
@click.option("--max-dilation", type=click.IntRange(1, 16), default=1, show_default=True,
              help="Largest dilation tried.")
@click.option("--max-padding", type=click.IntRange(0, 64), default=None,
              help="Largest numeric padding tried (default k_eff − 1).")
@click.option("--limit", type=click.IntRange(1), default=50, show_default=True, help="At most N solutions.")
@convention_option
@layout_option
@format_option
def solve(input_shape, output_shape, kind, kernel, stride, padding, dilation, max_kernel, max_stride,
          max_dilation, max_padding, limit, convention, layout, fmt):
    """Find every kernel, stride, padding and dilation that turns one volume into another.

    \b
    Example:
      cnncalc solve --input 4x4x1 --output 2x2x3
      cnncalc solve --input 224x224x3 --output 112x112x64 --k 7
      cnncalc solve --input 4x4x5 --output 2x2x5 --kind pool --format json
    """
    from cnncalc.cli.progress import delayed_status
    from cnncalc.analyses.solve import Bounds, solve as run
    from cnncalc.report.solve import print_solutions_rich, render_solutions

    bounds = Bounds(max_kernel, max_stride, max_dilation, max_padding, kernel, stride, padding, dilation)
    input_shape, view = layout_shape(input_shape, layout, "--input")
    output_shape, _ = layout_shape(output_shape, layout, "--output")
    try:
        with delayed_status(is_terminal(), "searching every kernel, stride, padding and dilation"):
            result = run(input_shape, output_shape, kind, convention or "textbook", bounds, limit)
    except FlagError:
        raise
    except CnncalcError as e:
        raise as_flag_error(e, {}) from None
    outcome(ExitCode.OK if result.solutions else ExitCode.FAILED)
    if rich_table(fmt, len(result.solutions)):
        print_solutions_rich(console(), result, input_shape, output_shape, view)
    else:
        click.echo(render_solutions(result, fmt, input_shape, output_shape, view))
    return ExitCode.OK if result.solutions else ExitCode.FAILED
