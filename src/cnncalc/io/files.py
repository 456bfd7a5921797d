"""Files, read and written safely: regular files only (a FIFO or a device never blocks or leaks),
within a size bound, and writes that are atomic, never through a link, never over an input.
"""
from __future__ import annotations

import os
import stat

from cnncalc.core import limits
from cnncalc.core.errors import FlagError, LimitError, Loc, SpecError

STDIN = "-"
"""The path that means standard input."""

_KINDS = ((stat.S_ISFIFO, "a FIFO (named pipe)"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"), (stat.S_ISDIR, "a directory"))


def kind_of(mode: int) -> str:
    """What a non-regular file is, for a message."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_bytes(path: str, limit: int = limits.MAX_SPEC_BYTES) -> bytes:
    """The bytes of a regular file (or of stdin for ``-``), at most ``limit`` of them.

    The file is opened without blocking and checked with ``fstat`` on the open descriptor, so a
    FIFO or a device is refused, not waited on. A file whose size is not known in advance
    (``/proc`` and ``/sys`` report 0 or a page) is refused as well: its text is not a spec, and
    an error quoting it would show another file's contents.
    """
    if path == STDIN:
        import sys

        return _bounded(sys.stdin.buffer.read(limit + 1), limit, Loc("<stdin>"))
    where = Loc(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except FileNotFoundError:
        raise SpecError("no such file", expected="give the path of a YAML file").with_where(loc=where) from None
    except IsADirectoryError:
        raise SpecError("is a directory", expected="give a YAML file").with_where(loc=where) from None
    except OSError as e:
        raise SpecError(f"cannot read: {e.strerror}").with_where(loc=where) from None
    info = os.fstat(fd)
    if not stat.S_ISREG(info.st_mode):
        os.close(fd)
        expected = "give a YAML file" if stat.S_ISDIR(info.st_mode) else "give a regular file (or - for stdin)"
        raise SpecError(f"is {kind_of(info.st_mode)}", expected=expected).with_where(loc=where)
    with os.fdopen(fd, "rb") as f:
        if info.st_size > limit:
            raise LimitError(f"file is {info.st_size:,} bytes", expected=f"at most {limit:,} bytes").with_where(loc=where)
        try:
            raw = f.read(info.st_size + 1)
        except OSError as e:
            raise SpecError(f"cannot read: {e.strerror}").with_where(loc=where) from None
    if len(raw) != info.st_size:
        raise SpecError("is a special file whose size is not known (such as /proc or /sys)",
                        expected="give a regular file on disk").with_where(loc=where)
    return raw


def _bounded(raw: bytes, limit: int, where: Loc) -> bytes:
    if len(raw) > limit:
        raise LimitError(f"holds more than {limit:,} bytes", expected=f"at most {limit:,} bytes").with_where(loc=where)
    return raw


def same_file(path: str, other: str) -> bool:
    """Whether two paths name one file (hard and symbolic links included)."""
    try:
        a, b = os.stat(path), os.stat(other)
    except OSError:
        return False
    return (a.st_dev, a.st_ino) == (b.st_dev, b.st_ino)


def check_target(path: str, flag: str, inputs: tuple[str, ...] = ()) -> None:
    """Refuse an output path before any work is done: a missing folder, a link, a device or FIFO,
    a directory, or one of the run's inputs."""
    where = Loc(f"{flag} {path}")
    folder = os.path.dirname(path) or "."
    if not os.path.isdir(folder):
        raise FlagError(f"the folder '{folder}' does not exist", expected="an existing folder").with_where(loc=where)
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return
    except OSError as e:
        raise FlagError(f"cannot write: {e.strerror}").with_where(loc=where) from None
    if stat.S_ISLNK(info.st_mode):
        raise FlagError("is a symbolic link; cnncalc never writes through one",
                        expected="the path of a regular file").with_where(loc=where)
    if not stat.S_ISREG(info.st_mode):
        raise FlagError(f"is {kind_of(info.st_mode)}", expected="the path of a regular file").with_where(loc=where)
    for source in inputs:
        if source != STDIN and same_file(path, source):
            raise FlagError("is an input of this run; it would be overwritten",
                            expected="another file name").with_where(loc=where)


def write_atomic(path: str, data: bytes, flag: str, inputs: tuple[str, ...] = ()) -> None:
    """Write ``data`` to a temporary file beside ``path``, then rename it over ``path``: a reader
    sees the old file or the whole new one, a full disk leaves the old file, and a link at
    ``path`` is replaced, never followed."""
    import tempfile

    check_target(path, flag, inputs)
    folder = os.path.dirname(path) or "."
    try:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    except OSError as e:
        raise FlagError(f"cannot write: {e.strerror}").with_where(loc=Loc(f"{flag} {path}")) from None
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, path)
    except OSError as e:
        try:
            os.unlink(temporary)
        except OSError:
            pass
        raise FlagError(f"cannot write: {e.strerror or e}").with_where(loc=Loc(f"{flag} {path}")) from None
