"""Exercise questions drawn from a seed, each a valid quiz question with its answer key.

Pure: one ``random.Random(seed)``, a topic function per topic returning a ``Draft`` (the
question without its key), and ``make_question`` which computes the key through the public
API and draws again when the layer cannot be computed or does not show what the level asks.

Levels follow the lesson: 1 whole numbers only (every division exact, no dilation); 2 the
odd pixel of TensorFlow's SAME, strides that do not divide (the question says to floor) and
dilation 2; 3 ``ceil_mode`` under ``convention: pytorch``, dilation and non-square kernels.
"""
from __future__ import annotations

import copy
import itertools
import random
from dataclasses import dataclass, field
from typing import Callable, Iterator

from cnncalc.core.choices import QUIZ_TOPICS as TOPICS
from cnncalc.core.errors import CnncalcError
from cnncalc.teach.key import answer_key, work

MAX_TRIES = 200
FLOOR_NOTE = " (floor where it does not divide)"
CHANNELS = (1, 3, 8, 16)
FILTERS = (4, 6, 8, 10, 16, 20, 32)
POOLS = {"maxpool": "max", "avgpool": "average"}
CELLS = tuple(range(-8, 16)) + (0.5, 1.5, 2.5, -0.5, 4.5)


def anything(report) -> bool:
    return True


def exact(report) -> bool:
    """Every (W − K + 2P)/S divides: no floor note."""
    return not report.notes


def floors(report) -> bool:
    return bool(report.notes)


def odd_pixel(report) -> bool:
    """SAME put its odd pixel at the end of some axis."""
    return any(begin != end for begin, end in report.rows[0].pads)


@dataclass(frozen=True)
class Draft:
    """A question before its key: the title, the quiz fields, what it asks, what must hold.

    ``textbook``: the answer follows (W − K + 2P)/S + 1, so level 1 asks it to divide and a
    question where it does not says to floor (TensorFlow's ceil rules and receptive fields do not).
    """

    title: str
    body: dict
    asks: tuple[str, ...]
    wants: Callable = field(default=anything)
    textbook: bool = True


def volume(height: int, width: int, channels: int) -> str:
    return f"{height}x{width}x{channels}"


def per_axis(first: int, second: int) -> int | list[int]:
    return first if first == second else [first, second]


def sizes(rng: random.Random, level: int, low: int = 5, high: int = 32) -> tuple[int, int]:
    """Square inputs up to level 2, independent H and W at level 3."""
    height = rng.randint(low, high)
    return (height, height) if level < 3 else (height, rng.randint(low, high))


def size_where(rng: random.Random, low: int, high: int, keep: Callable[[int], bool]) -> int:
    return rng.choice([n for n in range(low, high + 1) if keep(n)])


def geometry(rng: random.Random, level: int) -> tuple[dict, Callable]:
    """kernel, stride (and dilation) of one window at a level, and what the result must show."""
    if level == 1:
        return {"kernel": rng.choice((1, 3, 3, 5, 5, 7)), "stride": rng.choice((1, 1, 2))}, exact
    if level == 2:
        if rng.random() < 0.5:
            return {"kernel": rng.choice((2, 3, 4, 5)), "stride": rng.choice((2, 3))}, floors
        return {"kernel": 3, "stride": rng.choice((1, 2)), "dilation": 2}, exact
    kernel = rng.sample((1, 2, 3, 5, 7), 2)
    window = {"kernel": kernel, "stride": per_axis(rng.choice((1, 2)), rng.choice((1, 2, 3)))}
    dilation = rng.choice((1, 2, 3))
    if dilation > 1:
        window["dilation"] = dilation
    return window, anything


def numeric_padding(rng: random.Random, level: int, kernel: int | list) -> int | list[int]:
    if level == 1:
        return rng.choice((0, (kernel - 1) // 2))
    if level == 2:
        return rng.choice((0, 1, 2))
    return per_axis(rng.randint(0, 2), rng.randint(0, 2))


def conv_layer(rng: random.Random, level: int) -> tuple[dict, dict, Callable]:
    """(input, conv hyperparameters, wants) with numeric padding."""
    window, wants = geometry(rng, level)
    hp = {"filters": rng.choice(FILTERS), "kernel": window["kernel"], "stride": window["stride"],
          "padding": numeric_padding(rng, level, window["kernel"])}
    if "dilation" in window:
        hp["dilation"] = window["dilation"]
    return {"input": volume(*sizes(rng, level), rng.choice(CHANNELS))}, hp, wants


def tensorflow_layer(rng: random.Random, window: dict, algorithm: str) -> dict:
    """tf.nn.conv2d (two times in three) or tf.nn.max_pool with a window and SAME or VALID."""
    if rng.random() < 2 / 3:
        return {"conv": {"filters": rng.choice(FILTERS), **window, "padding": algorithm}}
    return {"maxpool": {**window, "padding": algorithm}}


# --- one function per topic ------------------------------------------------------------------

def conv(rng: random.Random, level: int) -> Draft:
    given, hp, wants = conv_layer(rng, level)
    return Draft("output volume of a conv layer", {**given, "conv": hp}, ("output",), wants)


def params(rng: random.Random, level: int) -> Draft:
    given, hp, wants = conv_layer(rng, level)
    title = "parameters with and without weight sharing"
    if level > 1 and rng.random() < 0.3:
        hp["bias"] = False
        title += " (no bias)"
    return Draft(title, {**given, "conv": hp}, ("params", "params_unshared"), wants)


def pool(rng: random.Random, level: int) -> Draft:
    return pool_values(rng, level) if rng.random() < 0.5 else pool_shape(rng, level)


def pool_shape(rng: random.Random, level: int) -> Draft:
    op = rng.choice(("maxpool", "avgpool"))
    channels = rng.choice((1, 3, 5, 6, 16, 32))
    if level < 3:
        kernel, stride = rng.choice(((2, 2), (3, 3), (2, 1)) if level == 1 else ((3, 2), (2, 2), (3, 3), (4, 2)))
        size = rng.randint(4, 32)
        body = {"input": volume(size, size, channels), op: {"kernel": kernel, "stride": stride}}
        return Draft(f"output volume of a {POOLS[op]} pool", body, ("output",))
    kernel, stride = rng.choice(((2, 2), (3, 2), (3, 3)))
    padding = rng.randint(0, kernel // 2)
    size = size_where(rng, 5, 32, lambda n: (n + 2 * padding - kernel) % stride != 0)
    hp = {"kernel": kernel, "stride": stride, "padding": padding, "ceil_mode": True}
    body = {"input": volume(size, size, channels), "convention": "pytorch", op: hp}
    return Draft(f"output volume of a {POOLS[op]} pool with ceil_mode (PyTorch)", body, ("output",))


VALUE_WINDOWS = {  # level → (op, matrix size, kernel, stride): windows inside the matrix, averages of 4 cells
    1: (("maxpool", 4, 2, 2), ("avgpool", 4, 2, 2)),
    2: (("maxpool", 5, 3, 2), ("maxpool", 6, 3, 3), ("avgpool", 6, 2, 2), ("avgpool", 4, 2, 1)),
    3: (("maxpool", 7, 3, 2), ("maxpool", 5, 2, 1), ("avgpool", 6, 2, 2), ("avgpool", 5, 2, 1)),
}


def pool_values(rng: random.Random, level: int) -> Draft:
    op, size, kernel, stride = rng.choice(VALUE_WINDOWS[level])
    matrix = [[rng.choice(CELLS) for _ in range(size)] for _ in range(size)]
    body = {"values": matrix, op: {"kernel": kernel, "stride": stride}}
    return Draft(f"{POOLS[op]} pooling values, left to right, top to bottom", body, ("values",))


def padding(rng: random.Random, level: int) -> Draft:
    if level == 1:
        window, wants = {"kernel": rng.choice((3, 5, 7)), "stride": 1}, anything
    elif level == 2:
        window, wants = {"kernel": rng.choice((2, 3, 4, 5, 6, 7, 8)), "stride": rng.choice((2, 3))}, odd_pixel
    else:
        window, wants = geometry(rng, level)
    body = {"input": volume(*sizes(rng, level), rng.choice(CHANNELS)), "convention": "tensorflow",
            **tensorflow_layer(rng, window, "same")}
    return Draft("TensorFlow SAME: padding applied as [[top, bottom], [left, right]]", body, ("padding",), wants)


def tf(rng: random.Random, level: int) -> Draft:
    algorithm = rng.choice(("same", "valid"))
    if level < 3:
        kernel, stride = rng.choice((2, 3, 5, 8)), rng.choice((1, 2) if level == 1 else (2, 3))
        divides = {"same": lambda n: n % stride == 0, "valid": lambda n: (n - kernel + 1) % stride == 0}[algorithm]
        size = size_where(rng, 8, 32, divides if level == 1 else lambda n: not divides(n))
        window, shape = {"kernel": kernel, "stride": stride}, (size, size)
    else:
        window, _ = geometry(rng, level)
        shape = sizes(rng, level, 8, 40)
    body = {"input": volume(*shape, rng.choice(CHANNELS)), "convention": "tensorflow",
            **tensorflow_layer(rng, window, algorithm)}
    return Draft(f"output volume under TensorFlow {algorithm.upper()}", body, ("output",), textbook=False)


def transpose(rng: random.Random, level: int) -> Draft:
    """(in − 1)·s − 2p + k_eff + output_padding, PyTorch's ConvTranspose."""
    hp = {"filters": rng.choice(FILTERS)}
    if level == 1:
        kernel, stride, pad = rng.choice(((2, 2, 0), (4, 2, 1), (3, 1, 1), (3, 2, 1), (4, 4, 0)))
        hp.update(kernel=kernel, stride=stride, padding=pad)
    elif level == 2:
        hp.update(kernel=rng.choice((3, 4, 5)), stride=2, padding=rng.choice((0, 1, 2)),
                  output_padding=rng.choice((0, 1)))
    else:
        window, _ = geometry(rng, level)
        hp.update(window, padding=per_axis(rng.randint(0, 2), rng.randint(0, 2)),
                  output_padding=rng.choice((0, 1)))
    body = {"input": volume(*sizes(rng, level, 2, 16), rng.choice(CHANNELS)), "conv_transpose": hp}
    return Draft("output volume of a transposed conv", body, ("output",))


RF_LAYERS = {  # level → layers a receptive-field stack is drawn from
    1: ({"conv": {"filters": 8, "kernel": 3}}, {"conv": {"filters": 8, "kernel": 5}},
        {"maxpool": {"kernel": 2, "stride": 2}}),
    2: ({"conv": {"filters": 8, "kernel": 3}}, {"conv": {"filters": 8, "kernel": 3, "stride": 2}},
        {"conv": {"filters": 8, "kernel": 3, "dilation": 2}}, {"maxpool": {"kernel": 2, "stride": 2}}),
    3: ({"conv": {"filters": 8, "kernel": 5, "stride": 2}}, {"conv": {"filters": 8, "kernel": 3, "dilation": 3}},
        {"conv": {"filters": 8, "kernel": 7, "stride": 2}}, {"maxpool": {"kernel": 3, "stride": 2}},
        {"conv": {"filters": 8, "kernel": 3, "dilation": 2}}),
}


def receptive_field(rng: random.Random, level: int) -> Draft:
    layers = [copy.deepcopy(rng.choice(RF_LAYERS[level])) for _ in range(rng.randint(2, 3) if level < 3 else 4)]
    body = {"model": {"input": volume(64, 64, 3), "layers": layers}}
    return Draft("receptive field of the last layer, in input pixels", body, ("receptive_field",), textbook=False)


def model(rng: random.Random, level: int) -> Draft:
    size, channels = rng.choice((16, 20, 24, 28, 32)), rng.choice((1, 3))
    layers: list = []
    for _ in range(rng.randint(1, 2)):
        kernel = rng.choice((3, 5))
        conv_hp = {"filters": rng.choice((4, 6, 8, 16)), "kernel": kernel,
                   "padding": rng.choice((0, (kernel - 1) // 2) if level == 1 else (0, 1, "same"))}
        pool_hp = {"kernel": 2, "stride": 2}
        if level == 2 and rng.random() < 0.5:
            conv_hp["stride"] = 2
        if level == 3:
            if rng.random() < 0.5:
                conv_hp["dilation"] = 2
            pool_hp = {"kernel": 3, "stride": 2, "ceil_mode": True}
        layers += [{"conv": conv_hp}, "relu", {"maxpool": pool_hp}]
    layers.append("flatten")
    if level > 1:
        layers += [{"dense": {"units": rng.choice((16, 32, 64))}}, "relu"]
    layers.append({"dense": {"units": rng.choice((2, 5, 10))}})
    body = {"convention": "pytorch"} if level == 3 else {}
    body["model"] = {"input": volume(size, size, channels), "layers": layers}
    return Draft("a small network: output and parameters", body, ("output", "params"))


MAKERS: dict[str, Callable[[random.Random, int], Draft]] = {
    "conv": conv, "pool": pool, "params": params, "padding": padding, "tf": tf, "transpose": transpose,
    "receptive_field": receptive_field, "model": model}


# --- questions --------------------------------------------------------------------------------

def make_question(rng: random.Random, topic: str, level: int, number: int) -> dict:
    """A question of a topic with its key; drawn again until cnncalc computes it as the level asks."""
    for _ in range(MAX_TRIES):
        draft = MAKERS[topic](rng, level)
        try:
            worked = work(draft.body)
        except CnncalcError:
            continue
        floored = draft.textbook and not exact(worked.report)
        if (level == 1 and floored) or not draft.wants(worked.report):
            continue
        note = FLOOR_NOTE if floored else ""
        return {"name": f"{number}. {topic}: {draft.title}{note}", **draft.body,
                "expect": answer_key(worked, draft.asks)}
    raise RuntimeError(f"no computable {topic} question at level {level} in {MAX_TRIES} draws")


def stream(topics: tuple[str, ...] = TOPICS, seed: int = 0, level: int = 1) -> Iterator[dict]:
    """Questions without end, in rounds that hold every topic once, each round shuffled."""
    rng = random.Random(seed)
    ordered = [t for t in TOPICS if t in topics]
    number = itertools.count(1)
    while True:
        round_ = list(ordered)
        rng.shuffle(round_)
        for topic in round_:
            yield make_question(rng, topic, level, next(number))


def generate(topics: tuple[str, ...] = TOPICS, count: int = 10, seed: int = 0, level: int = 1) -> list[dict]:
    """The first ``count`` questions of ``stream``: a sheet is a prefix of the drill of its seed."""
    return list(itertools.islice(stream(topics, seed, level), count))
