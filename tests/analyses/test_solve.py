"""Inverse search: every listed solution, fed back to `cnncalc layer`, gives the target."""
from __future__ import annotations

import json

from hypothesis import given, settings
from hypothesis import strategies as st

from cnncalc import infer_layer, solve


def test_lesson_exercise_lists_kernel_2_stride_2_valid():
    result = solve("4x4x1", "2x2x3")
    found = [(s.explanation.node.hparams["kernel"], s.explanation.node.hparams["stride"],
              str(s.explanation.node.hparams["padding"])) for s in result.solutions]
    assert ((2, 2), (2, 2), "valid") in [(k * 2 if len(k) == 1 else k, st * 2 if len(st) == 1 else st, p)
                                         for k, st, p in found]
    assert len(result.solutions) > 1  # "there's more than 1 way"


def test_pooling_cannot_change_depth():
    result = solve("4x4x5", "2x2x3", kind="pool")
    assert result.solutions == () and "keeps the depth" in result.reason


def test_impossible_target_shows_nearest_sizes():
    result = solve("4x4x1", "9x9x1", max_padding=1)
    assert result.solutions == ()
    assert result.nearest and 9 not in result.nearest[0]


def test_fixed_kernel_narrows_the_search():
    result = solve("224x224x3", "112x112x64", kernel=(7,))
    assert result.solutions and all(s.explanation.node.hparams["kernel"] == (7,) for s in result.solutions)


def test_axes_of_one_size_with_different_fixed_kernels_are_searched_apart():
    result = solve("8x8x1", "4x3x1", kernel=(2, 4))
    assert result.solutions
    for solution in result.solutions:
        hp = solution.explanation.node.hparams
        assert hp["kernel"] == (2, 4) and solution.explanation.row.output == (4, 3, 1)


def test_json_solutions_feed_back_to_layer(run):
    data = json.loads(run("solve", "--input", "10x12x3", "--output", "5x6x8", "--format", "json").stdout)
    assert data["solutions"]
    for solution in data["solutions"][:10]:
        args = ["layer", "--input", "10x12x3", "--filters", str(solution["filters"]),
                "--kernel", "x".join(map(str, solution["kernel"])), "--stride", "x".join(map(str, solution["stride"])),
                "--padding", json.dumps(solution["padding"]).replace(" ", ""), "--format", "json"]
        assert json.loads(run(*args).stdout)["output"] == [5, 6, 8]


@settings(max_examples=40, deadline=None)
@given(st.integers(1, 40), st.integers(1, 40), st.sampled_from(["conv", "pool", "transpose"]))
def test_every_solution_gives_the_target(n, m, kind):
    channels = 3
    result = solve(f"{n}x{n}x{channels}", f"{m}x{m}x{channels}", kind=kind, max_kernel=5, max_stride=3)
    for s in result.solutions:
        node = s.explanation.node
        hp = {k: v for k, v in node.hparams.items() if v is not None}
        again = infer_layer(f"{n}x{n}x{channels}", node.kind.name, hp).row.output
        assert again == (m, m, channels)
