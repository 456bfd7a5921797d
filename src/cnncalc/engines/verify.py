"""--verify: run the network forward in NumPy and compare each array's shape with the inference."""
from __future__ import annotations

import time
from dataclasses import dataclass

from cnncalc.core.shapes import format_shape


@dataclass(frozen=True)
class Verification:
    """Per layer: the shape NumPy produced and whether it is the inferred one; the run's time."""

    produced: dict[str, tuple[int, ...]]
    ok: dict[str, bool | None]
    """True or False per layer that ran; None for the layers after a mismatch, which did not run."""
    seconds: float
    layer_seconds: dict[str, float]

    @property
    def passed(self) -> bool:
        return all(v is True for v in self.ok.values())

    def ok_of(self, names: list[str]) -> bool | None:
        """Of several layers (a collapsed block): False if any differs, True if all match, else None."""
        marks = [self.ok.get(name) for name in names]
        return False if False in marks else (True if all(m is True for m in marks) else None)

    def seconds_of(self, names: list[str]) -> float | None:
        """Total forward time of the layers that ran among ``names``."""
        ran = [self.layer_seconds[name] for name in names if name in self.layer_seconds]
        return sum(ran) if ran else None

    def failures(self, report) -> list[str]:
        """One line per layer whose array does not have the inferred shape."""
        return [f"layer {r.index} '{r.name}' ({r.kind}): inferred {format_shape(r.output)}, NumPy produced "
                f"{format_shape(self.produced[r.name]) if r.name in self.produced else 'nothing'}"
                for r in report.rows if self.ok.get(r.name) is False]


def verify_network(network, report, seed=0, batch=1, max_memory=None, track=None,
                   dtype="float32") -> Verification:
    from cnncalc.engines.run import run_network

    start = time.perf_counter()
    shapes, times = run_network(network, [row.layer for row in report.rows], seed=seed, batch=batch,
                                max_memory=max_memory, track=track, dtype=dtype)
    seconds = time.perf_counter() - start
    ok = {row.name: (shapes[row.name] == row.output if row.name in shapes else None) for row in report.rows}
    return Verification(shapes, ok, seconds, times)
