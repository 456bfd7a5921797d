"""The standard streams as the boundary finds them: a legacy encoding, a closed or full stdout,
a reader that stops reading. Each ends in one documented behaviour, never a traceback.

- An encoding that cannot spell a symbol (``PYTHONIOENCODING=latin-1``, ``cp1252``) gets an
  ASCII stand-in (``✓`` → ``+``, ``→`` → ``->``), else a ``\\uXXXX`` escape.
- A closed pipe (``| head -1``, ``| true``) ends the run quietly with the result's exit code.
- A stdout that is closed or cannot be written (``>&-``, ``> /dev/full``) is one error line, exit 2.
"""
from __future__ import annotations

import codecs
import os
import sys

FALLBACK = {"✓": "+", "✗": "x", "→": "->", "—": "-", "–": "-", "−": "-", "×": "x", "·": "*", "…": "...",
            "≤": "<=", "≥": ">=", "≈": "~", "²": "^2", "∏": "prod", "Σ": "sum", "√": "sqrt", "⌊": "floor(",
            "⌋": ")", "⌈": "ceil(", "⌉": ")", "‘": "'", "’": "'", "“": '"', "”": '"', "•": "*", "│": "|",
            "─": "-", "α": "alpha", "β": "beta", "γ": "gamma"}
"""ASCII stand-ins for the symbols cnncalc prints, where the output encoding has none."""
ERRORS = "cnncalc-fallback"


def _fallback(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    text = error.object[error.start:error.end]
    return "".join(FALLBACK.get(c) or (f"\\u{ord(c):04x}" if ord(c) <= 0xFFFF else f"\\U{ord(c):08x}")
                   for c in text), error.end


codecs.register_error(ERRORS, _fallback)


def prepare() -> str | None:
    """Make the standard streams safe to write; the reason stdout cannot be used, if so. A file
    size limit (``ulimit -f``) makes a write fail with EFBIG (a JUnit report is then refused
    whole), not a signal that kills the run."""
    import signal

    if hasattr(signal, "SIGXFSZ"):
        try:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        except ValueError:  # not the main thread (an embedding application): leave it alone
            pass
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "utf-8").lower().replace("_", "-")
        if hasattr(stream, "reconfigure") and not encoding.startswith("utf-"):
            try:
                stream.reconfigure(errors=ERRORS)
            except (ValueError, OSError):
                pass
    if sys.stdin is not None and hasattr(sys.stdin, "reconfigure"):
        try:
            sys.stdin.reconfigure(errors="replace")  # a byte the encoding lacks is not a crash
        except (ValueError, OSError):
            pass
    if sys.stdout is None:
        return "standard output is closed"
    return None


def output_failed(e: OSError) -> bool:
    """Whether an error is stdout refusing what cnncalc writes (a full disk, a closed or bad
    descriptor): file errors name their file, and cnncalc writes no other file unguarded."""
    import errno

    return e.filename is None and e.errno in (errno.ENOSPC, errno.EIO, errno.EBADF, errno.EFBIG, errno.EDQUOT,
                                              errno.EPIPE, errno.EINVAL)


def discard_stdout() -> None:
    """Point stdout at /dev/null, so that the interpreter's last flush at exit stays silent."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass


def echo_error(line: str) -> None:
    """One line on stderr; a stderr that cannot be written is left alone."""
    import click

    try:
        click.echo(line, err=True)
    except OSError:
        pass
