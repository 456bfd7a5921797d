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
        from cnncalc.cli import streams

        args = list(sys.argv[1:] if args is None else args)
        traceback = "--traceback" in args
        args = [a for a in args if a != "--traceback"]
        closed, OUTCOME[0] = streams.prepare(), ExitCode.OK
        try:
            if closed:
                raise CnncalcError(f"cannot write the output: {closed}", expected="redirect it to a file or /dev/null")
            code = super().main(args=args, prog_name=prog_name or "cnncalc", standalone_mode=False, **extra)
            sys.stdout.flush()
        except CnncalcError as e:
            code = error(str(e))
        except click.UsageError as e:
            command = e.ctx.command_path if e.ctx else "cnncalc"
            code = error(f"{e.format_message()} (see '{command} --help')")
        except click.ClickException as e:
            code = error(e.format_message())
        except (click.Abort, KeyboardInterrupt):
            streams.echo_error("Aborted.")
            code = 130
        except (BrokenPipeError, ReaderGone):  # the reader stopped reading (| head -1, | true): quietly
            streams.discard_stdout()
            code = OUTCOME[0]
        except OSError as e:
            if not streams.output_failed(e):
                code = internal(e, traceback)
            else:
                streams.discard_stdout()
                code = error(f"cannot write the output: {e.strerror or e}")
        except Exception as e:  # the last resort: never a traceback for users
            code = internal(e, traceback)
        sys.exit(int(code) if isinstance(code, int) else 0)


    def invoke(self, ctx: click.Context):  # noqa: D102
        try:
            return super().invoke(ctx)
        except BrokenPipeError:  # past click's own EPIPE handler, which would exit 1
            raise ReaderGone from None


class ReaderGone(Exception):
    """The reader of stdout closed it (a broken pipe); the boundary ends the run quietly."""


OUTCOME = [ExitCode.OK]
"""The exit code a command has reached before it prints (``outcome``): kept when the reader of
its output stops reading."""


def outcome(code: ExitCode) -> ExitCode:
    """Record the exit code of a result about to be printed; returns it."""
    OUTCOME[0] = code
    return code


def error(message: str) -> ExitCode:
    """``Error: <message>`` as one line on stderr (controls shown escaped, cut to a bound); exit 2."""
    from cnncalc.cli.streams import echo_error
    from cnncalc.core import limits
    from cnncalc.report.text import one_line

    echo_error(f"Error: {one_line(message, limits.MAX_MESSAGE_CHARS)}")
    return ExitCode.BAD_INPUT


def internal(e: Exception, traceback: bool) -> ExitCode:
    if traceback:
        raise e
    error(f"internal error, please report it: {type(e).__name__}: {e}")
    return ExitCode.FAILED


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


def rich_table(fmt: str, rows: int) -> bool:
    """Whether to draw a rich table: on a terminal, up to ``MAX_RICH_ROWS`` rows; a longer one is
    printed as the plain table, whose cost stays linear and small (rich takes ~0.7 ms a row)."""
    from cnncalc.core import limits

    return fmt == "table" and is_terminal() and rows <= limits.MAX_RICH_ROWS


def tracker():
    """The progress tracker factory engines are handed on a terminal (bars appear after a second)."""
    if not is_terminal():
        return None
    from cnncalc.cli.progress import LazyBar

    return LazyBar


def console():
    from rich.console import Console

    return Console(emoji=False)  # user text is escaped for markup; :smile: in a name stays text
