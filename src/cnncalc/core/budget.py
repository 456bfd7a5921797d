"""Work left to spend, counted as it is spent: one network gets a budget of its own, and the
questions of one quiz file share one (forty questions aliasing one huge model spend it once)."""
from __future__ import annotations

from dataclasses import dataclass, field

from cnncalc.core import limits
from cnncalc.core.errors import LimitError


@dataclass
class Budget:
    """Layers, graph size (layers + their inputs + hyperparameter values) and ``values:`` bytes left."""

    layers: int = field(default_factory=lambda: limits.MAX_LAYERS)
    size: int = field(default_factory=lambda: limits.MAX_GRAPH_SIZE)
    values_bytes: int = field(default_factory=lambda: limits.MAX_CHECK_VALUES_BYTES)
    shared: bool = False
    """Shared by the questions of a quiz file: the messages say so."""

    @classmethod
    def for_quiz(cls) -> Budget:
        return cls(shared=True)

    def error(self, what: str = "layers", limit: int | None = None) -> LimitError:
        """The error for work beyond this budget."""
        limit = limits.MAX_LAYERS if limit is None else limit
        scope = " for the questions of one quiz file together" if self.shared else ""
        return LimitError(f"more than {limit:,} {what}{scope}",
                          expected="a smaller network" + (" or fewer questions per file" if self.shared else ""))

    @property
    def spent(self) -> bool:
        """Whether some work was refused for want of budget."""
        return self.overrun() is not None

    def overrun(self) -> LimitError | None:
        """The error for the first quantity spent beyond the budget, if any."""
        if self.layers < 0:
            return self.error()
        if self.size < 0:
            return self.error("layers, inputs and hyperparameter values", limits.MAX_GRAPH_SIZE)
        if self.values_bytes < 0:
            return self.error("bytes of values: computations", limits.MAX_CHECK_VALUES_BYTES)
        return None

    def refuse(self, count: int) -> LimitError:
        """The error for a list of ``count`` layers beyond what is left, refused before it is built;
        a shared budget that cannot hold it is spent (the file's questions stop there)."""
        if self.shared and count > self.layers:
            self.layers = -1
        return self.error()

    def spend(self, layers: int = 0, size: int = 0) -> None:
        """Take ``layers`` and ``size`` from what is left; a LimitError once either runs out."""
        self.layers -= layers
        self.size -= size
        error = self.overrun()
        if error is not None:
            raise error

    def spend_values(self, count: int) -> None:
        """Take the bytes of one ``values:`` computation."""
        self.values_bytes -= count
        if self.values_bytes < 0:
            raise self.overrun()
