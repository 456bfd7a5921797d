"""Progress for long work on a terminal (a bar over steps, a spinner over one step), shown only
once the work has taken a second."""
from __future__ import annotations

import time
from contextlib import contextmanager

from cnncalc.core.progress import NullBar


class LazyBar(NullBar):
    """The tracker the CLI hands to engines on a terminal (``track(total, label)``): counts
    steps and draws a transient rich bar only after ``after`` seconds have passed."""

    def __init__(self, total: int, label: str, after: float = 1.0):
        self.total, self.label, self.after = total, label, after
        self.start, self.done, self.progress = time.perf_counter(), 0, None

    def advance(self) -> None:
        self.done += 1
        if self.progress is None and time.perf_counter() - self.start > self.after:
            from rich.progress import Progress

            self.progress = Progress(transient=True)
            from cnncalc.report.text import markup

            self.task = self.progress.add_task(markup(self.label), total=self.total, completed=self.done)
            self.progress.start()
        elif self.progress is not None:
            self.progress.advance(self.task)

    def stop(self) -> None:
        if self.progress is not None:
            self.progress.stop()


@contextmanager
def delayed_status(enabled: bool, text: str, after: float = 1.0):
    """A rich spinner on stderr for one long step (reading and inferring a huge spec), started
    by a timer only if the step is still running after ``after`` seconds."""
    if not enabled:
        yield None
        return
    import threading

    lock, state = threading.Lock(), {"done": False, "status": None}

    def start() -> None:
        from rich.console import Console

        from cnncalc.report.text import markup

        with lock:
            if not state["done"]:
                state["status"] = Console(stderr=True, emoji=False).status(markup(text))
                state["status"].start()

    timer = threading.Timer(after, start)
    timer.daemon = True
    timer.start()
    try:
        yield state
    finally:
        timer.cancel()
        with lock:
            state["done"] = True
            if state["status"] is not None:
                state["status"].stop()
