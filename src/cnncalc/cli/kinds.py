"""``cnncalc kinds``."""
from __future__ import annotations

import click

from cnncalc.cli.app import main
from cnncalc.cli.options import format_option
from cnncalc.core.errors import ExitCode


@main.command()
@format_option
def kinds(fmt):
    """The layer catalogue: every kind a spec may use, its hyperparameters and what it computes.

    \b
    Example:
      cnncalc kinds
      cnncalc kinds --format markdown
    """
    from cnncalc.report.catalogue import catalogue_rows
    from cnncalc.report.text import csv_text, markdown_table, plain_table, to_json

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
