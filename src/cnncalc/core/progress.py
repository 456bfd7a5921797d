"""The progress-tracker protocol engines and analyses call: ``track(total, label)`` returns an
object with ``advance()`` and ``stop()``. The CLI hands a drawing one on a terminal."""
from __future__ import annotations


class NullBar:
    """The tracker of a run nobody watches: engines call it the same way, it does nothing."""

    def __init__(self, total: int = 0, label: str = ""):
        pass

    def advance(self) -> None:
        pass

    def stop(self) -> None:
        pass
