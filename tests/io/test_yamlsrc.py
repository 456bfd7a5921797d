"""Hostile and malformed YAML: each refused with one clear message naming the file (and line)."""
from __future__ import annotations

import pytest

from cnncalc.core import limits
from cnncalc.core.errors import LimitError, SpecError
from cnncalc.io.yamlsrc import load_file, load_text


def test_locations_are_one_based_line_and_column():
    doc = load_text("input: 32x32x3\nlayers:\n  - relu\n", "net.yaml")
    assert str(doc.loc(("layers", 0))) == "net.yaml:3:5"


def test_duplicate_keys_are_errors_with_both_lines():
    with pytest.raises(SpecError) as info:
        load_text("input: 32x32x3\nlayers: []\ninput: 28x28x1\n", "dup.yaml")
    assert str(info.value) == "dup.yaml:3:1: duplicate key 'input' (first at line 1); each key once per mapping"


def test_nested_duplicate_keys_are_errors():
    with pytest.raises(SpecError, match="duplicate key 'filters'"):
        load_text("layers:\n  - conv: {filters: 6, filters: 8}\n", "x.yaml")


def test_alias_bomb_is_refused(tmp_path):
    bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        bomb.append(f"{'abcdefghij'[i]}: &{'abcdefghij'[i]} [" + ", ".join([f"*{'abcdefghij'[i - 1]}"] * 10) + "]")
    with pytest.raises(LimitError, match="expands to more than"):
        load_text("\n".join(bomb), "bomb.yaml")


def test_a_document_with_too_many_values_is_refused_while_it_is_parsed(monkeypatch):
    from cnncalc.io import yamlsrc

    monkeypatch.setattr(limits, "MAX_YAML_NODES", 1000)
    monkeypatch.setattr(yamlsrc._Walker, "walk", lambda *a: pytest.fail("the tree was walked"))
    with pytest.raises(LimitError) as info:
        load_text("layers:\n" + "  - relu\n" * 1000, "big.yaml")
    assert str(info.value) == "big.yaml: the document has more than 1,000 values"


def test_tag_resolution_is_memoised_without_changing_types():
    doc = load_text("a: [3, '3', 3.5, true, null, same, 3, '3', 3.5, true, null, same, 0x10, 1e3]", "t.yaml")
    assert doc.data["a"] == [3, "3", 3.5, True, None, "same"] * 2 + ["0x10", 1000.0]
    assert [type(v) for v in doc.data["a"][:6]] == [int, str, float, bool, type(None), str]
    assert type(doc.data["a"][-2]).__name__ == "NumberLike"  # YAML 1.2's core schema: never hex


def test_deep_nesting_is_refused():
    with pytest.raises((LimitError, SpecError), match="nest"):
        load_text("[" * 5000 + "]" * 5000, "deep.yaml")


def test_moderate_nesting_beyond_the_limit_is_refused():
    depth = limits.MAX_YAML_DEPTH + 5
    with pytest.raises(LimitError, match="nested too deeply"):
        load_text("[" * depth + "]" * depth, "deep.yaml")


def test_binary_file_is_refused(tmp_path):
    path = tmp_path / "net.yaml"
    path.write_bytes(b"input: \x00\x01\x02")
    with pytest.raises(SpecError, match="binary file"):
        load_file(str(path))


def test_non_utf8_file_is_refused_with_the_offset(tmp_path):
    path = tmp_path / "net.yaml"
    path.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(SpecError, match=r"not UTF-8 text \(byte 0xe9 at offset 9\)"):
        load_file(str(path))


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.yaml"
    with open(path, "wb") as f:
        f.seek(100 * 1024 * 1024)
        f.write(b"\n")
    with pytest.raises(LimitError, match="bytes"):
        load_file(str(path))


def test_directory_and_missing_file(tmp_path):
    with pytest.raises(SpecError, match="is a directory"):
        load_file(str(tmp_path))
    with pytest.raises(SpecError, match="no such file"):
        load_file(str(tmp_path / "missing.yaml"))


def test_syntax_error_names_line_and_column():
    with pytest.raises(SpecError) as info:
        load_text("input: [32, 32\nlayers: x\n", "bad.yaml")
    assert str(info.value).startswith("bad.yaml:2:")


def test_empty_document_is_an_error():
    with pytest.raises(SpecError, match="empty"):
        load_text("# nothing\n", "empty.yaml")


def test_unsafe_tags_are_not_constructed():
    with pytest.raises(SpecError):
        load_text("input: !!python/object/apply:os.system ['true']\n", "evil.yaml")
