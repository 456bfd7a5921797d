"""``cnncalc check``."""
from __future__ import annotations

import click

from cnncalc.cli.app import console, error, main, outcome, rich_table, tracker
from cnncalc.cli.options import format_option


@main.command()
@click.argument("files", nargs=-1, required=True, type=click.Path())
@click.option("--junit", type=click.Path(dir_okay=False), default=None,
              help="Also write JUnit XML for CI systems.")
@click.option("--allow-outside", is_flag=True,
              help="Let a question's model: path leave the quiz file's folder.")
@format_option
def check(files, junit, allow_outside, fmt):
    """Check quiz answer keys: every question computed and compared with its expect:.

    Exit 0 when all pass, 1 when any answer is wrong or a question cannot be evaluated (each
    named with its reason), 2 when a file cannot be read.

    \b
    Example:
      cnncalc check specs/quizzes/cnn-lesson.yaml
      cnncalc check quizzes/*.yaml --junit report.xml
    """
    from cnncalc.analyses.check import check_files
    from cnncalc.engines.values import compute_values
    from cnncalc.io.files import check_target
    from cnncalc.report.check import print_results_rich, render_results, write_junit

    if junit:
        check_target(junit, "--junit", files)
    results = check_files(list(files), track=tracker(), compute_values=compute_values, outside=allow_outside)
    if junit:  # first: a reader that closes stdout early must not cost the CI its report
        write_junit(results, junit, files)
    outcome(results.exit_code)
    for message in results.invalid:
        error(message)
    if rich_table(fmt, len(results.items)):
        print_results_rich(console(), results)
    else:
        click.echo(render_results(results, fmt))
    return results.exit_code
