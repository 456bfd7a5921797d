"""The teacher's commands on ``cnncalc``: ``quiz new`` writes an exercise sheet, ``drill`` practises
in the terminal. Engines are imported inside the commands, as for the others."""
from __future__ import annotations

import sys

import click

from cnncalc.cli.app import main
from cnncalc.core import limits
from cnncalc.core.errors import ExitCode, FlagError, Loc, did_you_mean
from cnncalc.core.choices import QUIZ_LEVELS as LEVELS, QUIZ_TOPICS as TOPICS



def parse_topics(text: str) -> tuple[str, ...]:
    """``conv,pool`` → the topics in their canonical order (so the order typed does not change a sheet)."""
    names = [name.strip() for name in text.split(",") if name.strip()]
    for name in names:
        if name not in TOPICS:
            raise FlagError(f"unknown topic '{name}'", expected=f"valid: {', '.join(TOPICS)}",
                            suggestion=did_you_mean(name, TOPICS)).with_where(loc=Loc(f"--topics {text}"))
    if not names:
        raise FlagError("names no topic", expected=f"such as conv,pool; valid: {', '.join(TOPICS)}").with_where(
            loc=Loc(f"--topics {text}"))
    return tuple(t for t in TOPICS if t in names)


def checked(value: int | None, flag: str, low: int, high: int) -> int | None:
    if value is not None and not low <= value <= high:
        raise FlagError(f"must be from {low} to {high:,}").with_where(loc=Loc(f"{flag} {value}"))
    return value


def new_seed() -> int:
    import random

    return random.SystemRandom().randrange(1_000_000)


def teach_options(command):
    """--topics, --seed and --difficulty, shared by quiz new and drill."""
    command = click.option("--difficulty", type=int, default=1, show_default=True,
                           help="1 whole numbers; 2 SAME's odd pixel, floors, dilation 2; "
                                "3 ceil_mode (PyTorch), dilation, non-square kernels.")(command)
    command = click.option("--seed", type=int, default=None,
                           help="The same seed gives the same questions (default: a new one, shown).")(command)
    return click.option("--topics", default=",".join(TOPICS), show_default=True,
                        help="Comma-separated topics to draw from.")(command)


@main.group()
def quiz():
    """Exercise sheets in the quiz format, answer key included (or left blank for students).

    \b
    Example:
      cnncalc quiz new --topics conv,pool,params --count 20 --seed 7 -o week3.quiz.yaml
      cnncalc quiz new --count 20 --seed 7 --blank -o week3-blank.quiz.yaml
    """


@quiz.command("new")
@teach_options
@click.option("--count", type=int, default=10, show_default=True, help="How many questions.")
@click.option("--blank", is_flag=True, help="Leave every expected value empty (~) for the student.")
@click.option("--output", "-o", "output", default="-", show_default=True, help="File to write; - is stdout.")
def quiz_new(topics, seed, difficulty, count, blank, output):
    """Write a sheet of questions answerable by hand with the lesson's formulas, with the key in expect:.

    The same options and seed write the same bytes; the sheet's header says how to make it again.
    cnncalc check passes the key, and reports each question of a --blank sheet as unanswered.

    \b
    Example:
      cnncalc quiz new --count 20 --seed 7 -o week3.quiz.yaml
      cnncalc quiz new --topics tf,padding --difficulty 2 --seed 7 --blank -o tf-blank.quiz.yaml
      cnncalc check week3.quiz.yaml
    """
    from cnncalc.teach.sheet import new_sheet

    chosen = parse_topics(topics)
    count = checked(count, "--count", 1, limits.MAX_SHEET_QUESTIONS)
    level = checked(difficulty, "--difficulty", LEVELS[0], LEVELS[-1])
    seed = new_seed() if seed is None else seed
    text = new_sheet(chosen, count, seed, level, blank)
    if output == "-":
        click.echo(text, nl=False)
        return ExitCode.OK
    from cnncalc.io.files import write_atomic

    write_atomic(output, text.encode("utf-8"), "--output")
    click.echo(f"wrote {count} questions to {output} (seed {seed}{', blank' if blank else ''})")
    return ExitCode.OK


@main.command()
@teach_options
@click.option("--count", type=int, default=None, help="Stop after N questions (default: until q or Ctrl-D).")
def drill(topics, seed, difficulty, count):
    """Practise in the terminal: answer, see right or wrong and the working, keep score.

    Type a volume as 14x14x20, a count as 3860 or 3,860, pooled values as 2.5,10,15,6.
    q or Ctrl-D ends and prints the score. It reads standard input, so it also runs from a script.
    The questions of --seed S are those of 'cnncalc quiz new --seed S' with the same topics.

    \b
    Example:
      cnncalc drill
      cnncalc drill --topics conv,params --difficulty 2 --seed 7
      printf '14x14x20\\nq\\n' | cnncalc drill --seed 7
    """
    import itertools

    from cnncalc.teach.drill import drill as run
    from cnncalc.teach.generate import stream

    chosen = parse_topics(topics)
    level = checked(difficulty, "--difficulty", LEVELS[0], LEVELS[-1])
    count = checked(count, "--count", 1, limits.MAX_SHEET_QUESTIONS)
    seed = new_seed() if seed is None else seed
    click.echo(f"drill: {', '.join(chosen)}; difficulty {level}; seed {seed}. "
               f"Type each answer and press Enter; q or Ctrl-D ends.\n")
    questions = stream(chosen, seed, level)
    run(questions if count is None else itertools.islice(questions, count), read_line(), write)
    return ExitCode.OK


def write(text: str) -> None:
    click.echo(text, nl=False)


def read_line():
    """A reader of standard input; from a pipe it echoes each line, so the transcript reads as typed."""
    stdin = sys.stdin
    echo = not stdin.isatty()

    def read() -> str | None:
        line = stdin.readline()
        if not line:
            return None
        if echo:
            click.echo(line.rstrip("\n"))
        return line

    return read
