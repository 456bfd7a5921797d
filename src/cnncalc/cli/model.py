"""``cnncalc model``."""
from __future__ import annotations

import click

from cnncalc.cli.app import console, error, is_terminal, main, outcome, rich_table, tracker
from cnncalc.cli.options import convention_option, format_option, strict_option
from cnncalc.core import limits
from cnncalc.core.choices import DTYPE_BYTES, FORWARD_DTYPES, MacsConvention
from cnncalc.core.errors import ExitCode, FlagError, Loc


@main.command()
@click.argument("spec", type=click.Path(dir_okay=True))
@click.option("--verify", is_flag=True, help="Run a seeded NumPy forward pass and confirm every shape.")
@click.option("--depth", type=click.IntRange(0), default=None, help="Collapse blocks nested deeper than N.")
@click.option("--dtype", type=click.Choice(list(DTYPE_BYTES), case_sensitive=False),
              default="float32", show_default=True,
              help="Bytes per value for memory figures; --verify computes in it (float16/32/64).")
@click.option("--timings", is_flag=True, help="--verify with a column of each layer's forward time (ms).")
@click.option("--seed", type=click.IntRange(0, 2**64 - 1), default=0, show_default=True, help="--verify: seed of the random weights.")
@click.option("--batch", type=click.IntRange(1), default=1, show_default=True, help="--verify: batch size.")
@click.option("--max-memory", type=click.IntRange(1, limits.MAX_MEMORY_FLAG), default=None,
              help="--verify: refuse above N bytes (2 GiB; at most 1 TiB).")
@click.option("--macs-as", type=click.Choice([c.value for c in MacsConvention], case_sensitive=False), default=None,
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
    from cnncalc.analyses.summary import summarize
    from cnncalc.cli.progress import delayed_status
    from cnncalc.report.text import Format
    from cnncalc.report.model import print_model_rich, render_model
    from cnncalc.io.spec import load_network

    verify = verify or timings
    if verify:
        if dtype not in FORWARD_DTYPES:
            raise FlagError(f"the forward pass cannot compute in {dtype}",
                            expected=f"--dtype {', '.join(FORWARD_DTYPES)} with --verify"
                            ).with_where(loc=Loc("--dtype"))
    with delayed_status(is_terminal(), f"reading {spec} and inferring every layer"):
        network = load_network(spec, convention)
        report = summarize(network, strict, dtype)
    other = None
    if macs_as:
        from cnncalc.analyses.counting import macs_as as count

        other = (macs_as, count(report, macs_as))
    verification = None
    if verify:
        from cnncalc.engines.verify import verify_network

        verification = verify_network(network, report, seed=seed, batch=batch, max_memory=max_memory,
                                      track=tracker(), dtype=dtype)
        outcome(ExitCode.OK if verification.passed else ExitCode.FAILED)
    if rich_table(fmt, len(report.rows)):
        print_model_rich(console(), report, depth, verification, other, timings)
    else:
        click.echo(render_model(report, Format(fmt), depth, verification, other, timings))
    if verification is None:
        return ExitCode.OK
    click.echo(f"verified: NumPy {dtype} forward pass of batch {batch} in {verification.seconds:.2f} s, "
               f"{sum(v is True for v in verification.ok.values())}/{len(verification.ok)} layers with the inferred shape",
               err=fmt != "table")
    for line in verification.failures(report)[:10]:
        error(line)
    return ExitCode.OK if verification.passed else ExitCode.FAILED
