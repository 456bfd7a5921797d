"""The framework versions the goldens under ``tests/golden`` were recorded with: the rules and
counts cnncalc reproduces are those of these releases. ``cnncalc --version`` shows them; a test
checks each against the ``meta`` line of the golden files."""
from __future__ import annotations

GOLDEN_FRAMEWORKS = {"PyTorch": "2.13.0", "TensorFlow": "2.21.0", "Keras": "3.15.1", "ONNX": "1.23.2"}
"""Shapes, values and what each convention refuses (``shapes``, ``forward``, ``conventions.jsonl``)."""

ONNX_OPSET = 28

GOLDEN_COUNTERS = {"torchinfo": "1.8.0", "fvcore": "0.1.5", "ptflops": "0.7.5"}
"""Other tools' counts ``--macs-as`` reproduces (``macs.jsonl``, ``models.json``)."""


def versions_text() -> str:
    """One line each: the frameworks and the counting tools the goldens come from."""
    frameworks = ", ".join(f"{name} {version}" for name, version in GOLDEN_FRAMEWORKS.items())
    counters = ", ".join(f"{name} {version}" for name, version in GOLDEN_COUNTERS.items())
    return (f"conventions checked against {frameworks} (opset {ONNX_OPSET})\n"
            f"--macs-as reproduces {counters}")
