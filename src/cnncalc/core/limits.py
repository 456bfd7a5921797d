"""Every bound cnncalc puts on hostile input, in one place (the README cites these)."""

MAX_SPEC_BYTES = 10 * 1024 * 1024
"""A spec or quiz file larger than this is refused before it is parsed."""

MAX_YAML_NODES = 1_000_000
"""YAML values in a document, counted as it is parsed and again counting every expansion
of an alias (stops alias bombs and documents too big to hold)."""

MAX_YAML_DEPTH = 64
"""Nesting depth of a YAML document."""

MAX_LAYERS = 200_000
"""Layers in one network after blocks and repeats are expanded."""

MAX_BLOCK_DEPTH = 16
"""Blocks used inside blocks, at most this deep."""

MAX_DIM = 10**9
"""Largest size of one axis of a shape, kernel, stride, padding or count."""

MAX_LITERAL_DIGITS = 30
"""Digits of one number written in a spec, quiz or flag (a longer one is refused as it is read)."""

MAX_RANK = 3
"""Spatial axes at most (1-D, 2-D and 3-D layers)."""

MAX_MATRIX_ELEMENTS = 10_000_000
"""Elements of a ``--values``/``--weights`` matrix."""

MAX_SOLVE_COUNT = 10_000
"""``solve`` counts the layers beyond ``--limit`` up to this many ("showing 50 of 1,703"); past it, "more than"."""

MAX_WORKED_WINDOWS = 64
"""``--values`` writes out each window's working (``max(0, 1, 2, 2.5) = 2.5``) for at most this many output values."""

MAX_FORWARD_BYTES = 2 * 1024**3
"""Default peak memory the NumPy forward pass may allocate (``--max-memory``)."""
