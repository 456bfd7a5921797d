"""Other tools' multiply-accumulate counts (``--macs-as``), layer by layer, from each kind's
declared ``other_tools`` rules (``core.layers.tools`` says what each tool counts).

cnncalc's own ``macs`` (DESIGN): weighted layers only, bias excluded.
"""
from __future__ import annotations

from cnncalc.analyses.summary import Report
from cnncalc.core.choices import MacsConvention
from cnncalc.core.layers import lookup
from cnncalc.core.layers.base import LayerOut, fused_activation
from cnncalc.core.network import Inferred, Node


def count(layer: Inferred, convention: MacsConvention) -> int:
    """One layer's count under ``convention``."""
    if convention is MacsConvention.CNNCALC:
        return layer.kind.macs(layer)
    return getattr(layer.kind.other_tools, convention.value)(layer)


def macs_as(report: Report, convention: MacsConvention | str) -> list[int]:
    """Each layer's count under ``convention``. A fused ``activation:`` counts as the separate
    activation module the tools see in PyTorch."""
    convention = MacsConvention(convention)
    return [count(row.layer, convention) + _fused_activation(row.layer, convention) for row in report.rows]


def _fused_activation(layer: Inferred, convention: MacsConvention) -> int:
    name = fused_activation(layer.hp)
    if not name:
        return 0
    kind = lookup(name)
    alone = Node(layer.node.index, layer.name, kind, kind.parse_hparams({}), (layer.name,))
    return count(Inferred(alone, (layer.output,), LayerOut(layer.output)), convention)
