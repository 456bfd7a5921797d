"""The shipped networks: package data, found by a bare name from any folder, a file of that name first."""
from __future__ import annotations

import fnmatch
import json
import os
import tomllib

import pytest

from cnncalc.core.errors import SpecError
from cnncalc.io import zoo
from cnncalc.io.spec import load_network

from ..conftest import ROOT, SPECS

SHIPPED = sorted(p.stem for p in SPECS.glob("*.yaml"))


def test_every_spec_of_the_checkout_is_in_the_installed_package():
    # under CI the package is installed from a wheel: this reads the files the wheel shipped
    assert zoo.names() == SHIPPED
    assert {"lenet", "resnet50", "vgg16"} <= set(SHIPPED)


def test_pyproject_ships_the_yaml_files_as_package_data():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())
    patterns = config["tool"]["setuptools"]["package-data"]["cnncalc"]
    for name in SHIPPED:
        assert any(fnmatch.fnmatch(f"zoo/{name}.yaml", p) for p in patterns), name


@pytest.mark.parametrize("name", ["resnet50", "resnet50.yaml", "lenet.yml"])
def test_a_bare_name_that_is_no_file_reads_the_shipped_spec(tmp_path, monkeypatch, name):
    monkeypatch.chdir(tmp_path)
    stem = name.split(".")[0]
    assert zoo.resolve(name) == os.path.join(zoo.folder(), f"{stem}.yaml")
    assert load_network(name).name == {"resnet50": "ResNet-50 (torchvision)", "lenet": "LeNet-5"}[stem]


def test_a_file_of_that_name_wins_over_the_zoo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "lenet").write_text("name: mine\ninput: 8x8x1\nlayers: [relu]\n")
    assert load_network("lenet").name == "mine"


def test_a_path_is_never_looked_up_in_the_zoo(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert zoo.path_of("nets/lenet.yaml") is None
    with pytest.raises(SpecError) as e:
        load_network("nets/lenet.yaml")
    assert str(e.value).startswith("nets/lenet.yaml: no such file, and no shipped network of that name; ")
    assert str(e.value).endswith("did you mean 'lenet'?")


def test_an_unknown_name_lists_the_shipped_ones_and_suggests_the_closest(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SpecError) as e:
        load_network("resnet5")
    assert str(e.value) == ("resnet5: no such file, and no shipped network of that name; a YAML file, or one of: "
                            f"{', '.join(SHIPPED)} (cnncalc zoo); did you mean 'resnet50'?")


def test_yaml_text_and_a_dict_are_specs_too():
    text = "name: t\ninput: 8x8x1\nlayers:\n  - conv: {filters: 2, kernel: 3}\n"
    assert load_network(text).nodes[0].kind.name == "conv"
    assert load_network("{input: 8x8x1, layers: [relu]}").input == (8, 8, 1)
    assert load_network({"input": "8x8x1", "layers": ["relu"]}).input == (8, 8, 1)


def test_the_quiz_model_key_takes_a_shipped_name(tmp_path):
    from cnncalc import check_files

    quiz = tmp_path / "q.quiz.yaml"
    quiz.write_text("questions:\n  - name: lenet\n    model: lenet\n    expect: {params: 61706}\n"
                    "  - name: missing\n    model: lenet5\n    expect: {params: 1}\n")
    results = check_files([str(quiz)])
    assert (results.passed, results.failed) == (1, 1)
    assert "does not exist" in results.items[1].invalid


def test_zoo_json_is_one_object_per_shipped_network(run):
    data = json.loads(run("zoo", "--format", "json").stdout)
    assert [d["name"] for d in data] == SHIPPED
    lenet = next(d for d in data if d["name"] == "lenet")
    assert lenet == {"name": "lenet", "network": "LeNet-5", "input": [32, 32, 1], "output": [10], "params": 61706,
                     "trainable_params": 61706, "non_trainable_params": 0, "macs": 416520, "convention": "textbook"}
