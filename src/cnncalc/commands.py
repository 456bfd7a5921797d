"""The commands that read files or search: model, check, solve, kinds (registered on ``cli.main``)."""
from __future__ import annotations

import click

from .cli import as_flag_error, console, is_terminal, main, tracker
from .errors import CnncalcError, ExitCode, FlagError, Loc
from .options import PADDING, PER_AXIS, SHAPE, convention_option, format_option, strict_option


@main.command()
@click.argument("spec", type=click.Path(dir_okay=True))
@click.option("--verify", is_flag=True, help="Run a seeded NumPy forward pass and confirm every shape.")
@click.option("--depth", type=click.IntRange(0), default=None, help="Collapse blocks nested deeper than N.")
@click.option("--dtype", type=click.Choice(["float32", "float64", "float16", "bfloat16", "int8", "uint8"]),
              default="float32", show_default=True,
              help="Bytes per value for memory figures; --verify computes in it (float16/32/64).")
@click.option("--timings", is_flag=True, help="--verify with a column of each layer's forward time (ms).")
@click.option("--seed", type=int, default=0, show_default=True, help="--verify: seed of the random weights.")
@click.option("--batch", type=click.IntRange(1), default=1, show_default=True, help="--verify: batch size.")
@click.option("--max-memory", type=click.IntRange(1), default=None, help="--verify: refuse above N bytes (2 GiB).")
@click.option("--macs-as", type=click.Choice(["cnncalc", "torchinfo", "fvcore", "ptflops"]), default=None,
              help="Also count multiply-accumulates as torchinfo, fvcore or ptflops do (see README).")
@convention_option
@strict_option
@format_option
def model(spec, verify, depth, dtype, timings, seed, batch, max_memory, macs_as, convention, strict, fmt):
    """Layer-by-layer report of a network spec: output volumes, params, MACs, memory, receptive field.

    \b
    Example:
      cnncalc model specs/lenet.yaml
      cnncalc model specs/resnet50.yaml --depth 1
      cnncalc model specs/vgg16.yaml --format json
      cnncalc model specs/lenet.yaml --verify
      cnncalc model specs/vgg16.yaml --verify --timings --dtype float64
      cnncalc model specs/resnet50.yaml --macs-as torchinfo
    """
    from .analysis import summarize
    from .progress import delayed_status
    from .render import Format
    from .render_model import print_model_rich, render_model
    from .spec import load_network

    verify = verify or timings
    if verify:
        from .verify import FORWARD_DTYPES

        if dtype not in FORWARD_DTYPES:
            raise FlagError(f"the forward pass cannot compute in {dtype}",
                            expected=f"--dtype {', '.join(FORWARD_DTYPES)} with --verify"
                            ).with_where(loc=Loc("--dtype"))
    with delayed_status(is_terminal(), f"reading {spec} and inferring every layer"):
        network = load_network(spec, convention)
        report = summarize(network, strict, dtype)
    other = None
    if macs_as:
        from .counting import macs_as as count

        other = (macs_as, count(report, {n.name: dict(n.hparams) for n in network.nodes}, macs_as))
    verification = None
    if verify:
        from .verify import verify_network

        verification = verify_network(network, report, seed=seed, batch=batch, max_memory=max_memory,
                                      track=tracker(), dtype=dtype)
    if fmt == "table" and is_terminal():
        print_model_rich(console(), report, depth, verification, other, timings)
    else:
        click.echo(render_model(report, Format(fmt), depth, verification, other, timings))
    if verification is None:
        return ExitCode.OK
    click.echo(f"verified: NumPy {dtype} forward pass of batch {batch} in {verification.seconds:.2f} s, "
               f"{sum(v is True for v in verification.ok.values())}/{len(verification.ok)} layers with the inferred shape",
               err=fmt != "table")
    for line in verification.failures(report)[:10]:
        click.echo(f"Error: {line}", err=True)
    return ExitCode.OK if verification.passed else ExitCode.FAILED


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--junit", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write JUnit XML for CI systems.")
@format_option
def check(files, junit, fmt):
    """Check quiz answer keys: every question computed and compared with its expect:.

    Exit 0 when all pass, 1 when any answer is wrong, 2 when a file is invalid.

    \b
    Example:
      cnncalc check specs/quizzes/cnn-lesson.yaml
      cnncalc check quizzes/*.yaml --junit report.xml
    """
    from .check import check_files
    from .check_report import print_results_rich, render_results, write_junit

    results = check_files(list(files), track=tracker())
    for message in results.invalid + [r.invalid for r in results.items if r.invalid]:
        click.echo(f"Error: {message}", err=True)
    if fmt == "table" and is_terminal():
        print_results_rich(console(), results)
    else:
        click.echo(render_results(results, fmt))
    if junit:
        write_junit(results, junit)
    return results.exit_code


@main.command()
@click.option("--input", "input_shape", type=SHAPE, required=True, help="Input volume, e.g. 4x4x1.")
@click.option("--output", "output_shape", type=SHAPE, required=True, help="Target volume, e.g. 2x2x3.")
@click.option("--kind", type=click.Choice(["conv", "pool", "transpose"]), default="conv", show_default=True,
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
@format_option
def solve(input_shape, output_shape, kind, kernel, stride, padding, dilation, max_kernel, max_stride,
          max_dilation, max_padding, limit, convention, fmt):
    """Find every kernel, stride, padding and dilation that turns one volume into another.

    \b
    Example:
      cnncalc solve --input 4x4x1 --output 2x2x3
      cnncalc solve --input 224x224x3 --output 112x112x64 --k 7
      cnncalc solve --input 4x4x5 --output 2x2x5 --kind pool --format json
    """
    from .progress import delayed_status
    from .solve import Bounds, solve as run
    from .solve_report import print_solutions_rich, render_solutions

    bounds = Bounds(max_kernel, max_stride, max_dilation, max_padding, kernel, stride, padding, dilation)
    try:
        with delayed_status(is_terminal(), "searching every kernel, stride, padding and dilation"):
            result = run(input_shape, output_shape, kind, convention or "textbook", bounds, limit)
    except FlagError:
        raise
    except CnncalcError as e:
        raise as_flag_error(e, {}) from None
    if fmt == "table" and is_terminal():
        print_solutions_rich(console(), result, input_shape, output_shape)
    else:
        click.echo(render_solutions(result, fmt, input_shape, output_shape))
    return ExitCode.OK if result.solutions else ExitCode.FAILED


@main.command()
@format_option
def kinds(fmt):
    """The layer catalogue: every kind a spec may use, its hyperparameters and what it computes.

    \b
    Example:
      cnncalc kinds
      cnncalc kinds --format markdown
    """
    from .docs import catalogue_rows
    from .render import csv_text, markdown_table, plain_table, to_json

    headers, rows = catalogue_rows()
    if fmt == "json":
        click.echo(to_json([dict(zip(headers, r)) for r in rows]))
    elif fmt == "csv":
        click.echo(csv_text(headers, rows))
    elif fmt == "markdown":
        click.echo(markdown_table(headers, rows))
    else:
        click.echo(plain_table(headers, rows))
    return ExitCode.OK


# --- the teacher's commands (cnncalc quiz new, cnncalc drill) live in their own package ---
from .teach.commands import drill, quiz  # noqa: E402,F401
