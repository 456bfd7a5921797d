"""``cnncalc zoo``: the reference networks shipped with cnncalc."""
from __future__ import annotations

import click

from cnncalc.cli.app import console, is_terminal, main
from cnncalc.cli.options import format_option
from cnncalc.core.errors import ExitCode


@main.command()
@format_option
def zoo(fmt):
    """The reference networks shipped with cnncalc: name, network, input, params, MACs.

    Any command that reads a spec takes a name from this list when no file of that name exists.

    \b
    Example:
      cnncalc zoo
      cnncalc model resnet50 --depth 1
      cnncalc draw lenet -o lenet.svg
    """
    from cnncalc.analyses.summary import summarize
    from cnncalc.io import zoo as shipped
    from cnncalc.io.spec import load_network
    from cnncalc.report.text import Format
    from cnncalc.report.zoo import print_zoo_rich, render_zoo

    entries = [(name, summarize(load_network(shipped.path_of(name)))) for name in shipped.names()]
    if fmt == "table" and is_terminal():
        print_zoo_rich(console(), entries)
    else:
        click.echo(render_zoo(entries, Format(fmt)))
    return ExitCode.OK
