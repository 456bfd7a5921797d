"""``Plain``: the declarations most weightless kinds share, so a new one declares only what differs."""
from __future__ import annotations

from cnncalc.core.layers import tools
from cnncalc.core.layers.base import LayerKind, input_copy, no_weights
from cnncalc.core.layers.working import plain_working


class Plain(LayerKind):
    """A kind that holds no weights, allocates at most a copy of its input, is counted by no other
    tool, is explained by its counts alone, and takes no ``--values``."""

    echo = ()
    weights = staticmethod(no_weights)
    temporaries = staticmethod(input_copy)
    other_tools = tools.NONE
    working = staticmethod(plain_working)
    values = None
