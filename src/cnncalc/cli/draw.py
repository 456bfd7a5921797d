"""``cnncalc draw``: the network as a picture (SVG, Graphviz DOT, Mermaid or a self-contained page)."""
from __future__ import annotations

import click

from cnncalc.cli.app import main
from cnncalc.cli.options import complete_spec, convention_option
from cnncalc.core.choices import DRAW_STYLES
from cnncalc.core.errors import ExitCode


@main.command()
@click.argument("spec", shell_complete=complete_spec)
@click.option("-o", "--output", required=True, type=click.Path(dir_okay=False),
              help="FILE.svg, .dot (Graphviz), .mmd (Mermaid) or .html (table and diagram in one page).")
@click.option("--style", type=click.Choice(DRAW_STYLES, case_sensitive=False), default="auto", show_default=True,
              help="lenet (stacked feature maps), blocks (cuboids), graph (boxes and edges); auto picks.")
@click.option("--depth", type=click.IntRange(0), default=None,
              help="Collapse blocks nested deeper than N: torchinfo's depth=N+1 (0: each top-level block one row).")
@convention_option
def draw(spec, output, style, depth, convention):
    """Draw a network: feature maps, cuboids or a layered graph, with shapes on every edge.

    SPEC is a YAML file, the name of a shipped network (cnncalc zoo) or - (standard input). No
    Graphviz, LaTeX or browser is needed; the suffix of -o picks the form.

    \b
    Example:
      cnncalc draw lenet -o lenet.svg
      cnncalc draw resnet50 -o resnet50.svg --style graph --depth 1
      cnncalc draw googlenet -o googlenet.html
      cnncalc draw vgg16 -o vgg16.mmd
    """
    from cnncalc.io.files import check_target, write_atomic
    from cnncalc.report.draw import format_of, render
    from cnncalc.report.draw.adapter import diagram_of_spec

    form = format_of(output)
    check_target(output, "-o", (spec,))
    text = render(diagram_of_spec(spec, convention), form, style.lower(), depth)
    write_atomic(output, text.encode("utf-8"), "-o", (spec,))  # whole or not at all, never through a link
    click.echo(output)
    return ExitCode.OK
