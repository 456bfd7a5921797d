"""Every bound cnncalc puts on hostile input, in one place (the README cites these)."""

MAX_SPEC_BYTES = 10 * 1024 * 1024
"""A spec or quiz file larger than this is refused before it is parsed."""

MAX_YAML_NODES = 1_000_000
"""YAML values in a document, counted as it is parsed and again counting every expansion
of an alias (stops alias bombs and documents too big to hold)."""

MAX_YAML_DEPTH = 64
"""Nesting depth of a YAML document."""

MAX_LAYERS = 200_000
"""Layers in one network after blocks and repeats are expanded; also in all the networks the
questions of one quiz file build together (a model used by forty questions counts forty times)."""

MAX_BLOCK_DEPTH = 16
"""Blocks used inside blocks, at most this deep."""

MAX_DIM = 10**9
"""Largest size of one axis of a shape, kernel, stride, padding or count; also of every axis a
layer outputs (checked as each layer is inferred, so sizes cannot grow layer by layer)."""

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

MAX_MESSAGE_CHARS = 1_000
"""Characters of one error line; user text in it is cut first (a name to 60 characters), and a
longer line is cut in the middle."""

MAX_MEMORY_FLAG = 2**40
"""The largest ``--max-memory`` accepted (1 TiB): the forward pass's memory guard cannot be switched off."""

MAX_GRAPH_SIZE = 4_000_000
"""Layers, their inputs (the graph's edges) and their hyperparameter values in one network after
blocks and repeats are expanded, counted as it is built (a merge of 100,000 inputs repeated
2,000 times is refused); all the questions of one quiz file together get the same budget, as
they do ``MAX_LAYERS``."""

MAX_VALUES_BYTES = 256 * 1024**2
"""Memory one ``--values``/``values:`` computation may use, estimated before it runs."""

MAX_CHECK_VALUES_BYTES = 1024**3
"""Memory the ``values:`` questions of one quiz file may use together."""

MAX_SOLVE_COMBOS = 10_000
"""Layers ``cnncalc solve`` tries, simplest first: one per candidate of a square problem, and the
simplest candidates of each axis combined for a non-square one (100 per axis in 2-D)."""

MAX_RICH_ROWS = 1_000
"""Rows of a table drawn with rich on a terminal; a longer table is printed as plain text, as when
piped (rich costs about 0.7 ms a row: 40,000 layers took 27 s, plain text takes about 1 s)."""

MAX_NAME_CHARS = 60
"""Characters of one piece of user text (a name, a key, a value) quoted in a message; a path gets four times as many."""

MAX_SUGGEST_LENGTH = 64
"""Words and choices longer than this are never compared for "did you mean": difflib is quadratic in length."""

MAX_SUGGEST_CHOICES = 2_000
"""Choices compared for one "did you mean" suggestion."""

MAX_SHEET_QUESTIONS = 10_000
"""Questions one ``cnncalc quiz new`` sheet or ``cnncalc drill`` run asks (``--count``)."""
