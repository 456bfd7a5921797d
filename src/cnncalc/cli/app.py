"""The click group whose ``main`` is the single error boundary, and the terminal helpers.

Every ``CnncalcError`` becomes one line on stderr and exit 2; usage errors likewise; a
failed check exits 1; anything unexpected is reported without a traceback (unless the
hidden ``--traceback`` flag is given). Engines are imported inside each command.
"""
from __future__ import annotations

import os
import sys

import click

from cnncalc.core.errors import CnncalcError, ExitCode
from cnncalc.core.frameworks import versions_text

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
@click.version_option(package_name="cnncalc", message=f"%(prog)s %(version)s\n{versions_text()}")
def main():
    """Exact arithmetic for convolutional networks: output volumes, padding, parameters
    with and without weight sharing, MACs, memory and receptive fields, under the
    textbook formula and the rules TensorFlow/Keras and PyTorch apply.

    \b
    Examples:
      cnncalc layer --input 32x32x3 --filters 20 --k 8 --s 2 --p 1
      cnncalc model lenet
      cnncalc zoo
      cnncalc check specs/quizzes/cnn-lesson.yaml
    """


def is_terminal() -> bool:
    return sys.stdout.isatty() or bool(os.environ.get("FORCE_COLOR"))


def tracker():
    """The progress tracker factory engines are handed on a terminal (bars appear after a second)."""
    if not is_terminal():
        return None
    from cnncalc.cli.progress import LazyBar

    return LazyBar


def console():
    from rich.console import Console

    return Console()
