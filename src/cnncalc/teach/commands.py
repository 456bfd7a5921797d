"""The teacher's commands on ``cnncalc``: ``quiz new`` writes an exercise sheet. Engines are imported
inside the commands, as for the others."""
from __future__ import annotations

import click

from ..cli import main
from ..errors import ExitCode, FlagError, Loc, did_you_mean
from .generate import LEVELS, TOPICS

MAX_COUNT = 10_000


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
    """--topics, --seed and --difficulty."""
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
    from .sheet import new_sheet

    chosen = parse_topics(topics)
    count = checked(count, "--count", 1, MAX_COUNT)
    level = checked(difficulty, "--difficulty", LEVELS[0], LEVELS[-1])
    seed = new_seed() if seed is None else seed
    text = new_sheet(chosen, count, seed, level, blank)
    if output == "-":
        click.echo(text, nl=False)
        return ExitCode.OK
    try:
        with open(output, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
    except OSError as e:
        raise FlagError(f"cannot write: {e.strerror}").with_where(loc=Loc(f"--output {output}")) from None
    click.echo(f"wrote {count} questions to {output} (seed {seed}{', blank' if blank else ''})")
    return ExitCode.OK
