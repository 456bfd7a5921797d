"""``cnncalc model``."""
from __future__ import annotations

from dataclasses import replace

import click

from cnncalc.cli.app import console, error, is_terminal, main, outcome, rich_table, tracker
from cnncalc.cli.options import complete_spec, convention_option, format_option, layout_option, strict_option
from cnncalc.core import limits
from cnncalc.core.choices import DTYPE_BYTES, FORWARD_DTYPES, MacsConvention
from cnncalc.core.errors import ExitCode, FlagError, Loc


@main.command()
@click.argument("spec", type=click.Path(dir_okay=True), shell_complete=complete_spec)
@click.option("--verify", is_flag=True, help="Run a seeded NumPy forward pass and confirm every shape.")
@click.option("--depth", type=click.IntRange(0), default=None,
              help="Collapse blocks nested deeper than N: torchinfo's depth=N+1 (0: each top-level block one row).")
@click.option("--dtype", type=click.Choice(list(DTYPE_BYTES), case_sensitive=False),
              default="float32", show_default=True,
              help="Bytes per value for memory figures; --verify computes in it (float16/32/64).")
@click.option("--timings", is_flag=True, help="--verify with a column of each layer's forward time (ms).")
@click.option("--seed", type=click.IntRange(0, 2**64 - 1), default=0, show_default=True, help="--verify: seed of the random weights.")
@click.option("--batch", type=click.IntRange(1), default=None,
              help="Batch size of --verify and of the per-batch figures (default: the input's N, else 1).")
@click.option("--max-memory", type=click.IntRange(1, limits.MAX_MEMORY_FLAG), default=None,
              help="--verify: refuse above N bytes (2 GiB; at most 1 TiB).")
@click.option("--macs-as", type=click.Choice([c.value for c in MacsConvention], case_sensitive=False), default=None,
              help="Also count multiply-accumulates as torchinfo, fvcore or ptflops do: a column per layer "
                   "and a total (see README).")
@convention_option
@layout_option
@strict_option
@format_option
def model(spec, verify, depth, dtype, timings, seed, batch, max_memory, macs_as, convention, layout, strict, fmt):
    """Layer-by-layer report of a network spec: output volumes, params, MACs, memory, receptive field.

    SPEC is a YAML file, the name of a shipped network (cnncalc zoo) or - (standard input).

    \b
    Example:
      cnncalc model lenet
      cnncalc model resnet50 --depth 1
      cnncalc model vgg16 --format json
      cnncalc model lenet --verify
      cnncalc model vgg16 --verify --timings --dtype float64
      cnncalc model resnet50 --macs-as torchinfo
      cnncalc model - < my-net.yaml
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
        network = load_network(spec, convention, layout)
        if batch is not None:
            network = replace(network, view=network.view._replace(batch=batch))
        report = summarize(network, strict, dtype)
    other = None
    if macs_as:
        from cnncalc.analyses.counting import macs_as as count

        other = (macs_as, count(report, macs_as))
    verification = None
    if verify:
        from cnncalc.engines.verify import verify_network

        verification = verify_network(network, report, seed=seed, batch=network.view.batch, max_memory=max_memory,
                                      track=tracker(), dtype=dtype)
        outcome(ExitCode.OK if verification.passed else ExitCode.FAILED)
    if rich_table(fmt, len(report.rows)):
        print_model_rich(console(), report, depth, verification, other, timings)
    else:
        click.echo(render_model(report, Format(fmt), depth, verification, other, timings))
    if verification is None:
        return ExitCode.OK
    click.echo(f"verified: NumPy {dtype} forward pass of batch {network.view.batch} in {verification.seconds:.2f} s, "
               f"{sum(v is True for v in verification.ok.values())}/{len(verification.ok)} layers with the inferred shape",
               err=fmt != "table")
    for line in verification.failures(report)[:10]:
        error(line)
    return ExitCode.OK if verification.passed else ExitCode.FAILED
