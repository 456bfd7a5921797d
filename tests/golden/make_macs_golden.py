"""Record what torchinfo, fvcore and ptflops report for the same small networks cnncalc reads as specs.

Run in a throwaway environment (see make_golden.py) that also has torchinfo, fvcore, ptflops:

    /tmp/fw/bin/pip install torchinfo fvcore ptflops
    /tmp/fw/bin/python tests/golden/make_macs_golden.py

Writes tests/golden/macs.jsonl: one line per network with its spec (cnncalc's form) and
the three tools' totals (torchinfo total_mult_adds, fvcore FlopCountAnalysis.total(),
ptflops get_model_complexity_info with the pytorch backend), the batch 1.
"""
from __future__ import annotations

import torch
from torch import nn

from golden_io import write_jsonl

NETWORKS = [
    {"name": "lenet", "input": [32, 32, 1], "layers": [
        {"conv": {"filters": 6, "kernel": 5}}, "relu", {"maxpool": 2}, {"conv": {"filters": 16, "kernel": 5}}, "relu",
        {"maxpool": 2}, "flatten", {"dense": 120}, "relu", {"dense": 84}, "relu", {"dense": 10}]},
    {"name": "conv-bn-relu", "input": [16, 16, 3], "layers": [
        {"conv": {"filters": 8, "kernel": 3, "padding": 1, "bias": False}}, "batchnorm", "relu",
        {"conv": {"filters": 16, "kernel": 3, "stride": 2, "padding": 1}}, "batchnorm", "relu6",
        {"avgpool": {"kernel": 3, "stride": 2, "padding": 1}}, "global_avgpool", {"dense": 10}, "softmax"]},
    {"name": "activations", "input": [8, 8, 4], "layers": [
        {"conv": {"filters": 4, "kernel": 1}}, "leaky_relu", "elu", "gelu", "silu", "sigmoid", "tanh", "hard_sigmoid",
        {"dropout": 0.5}, "global_maxpool", {"dense": {"units": 3, "bias": False}}]},
    {"name": "mobile", "input": [32, 32, 8], "layers": [
        {"depthwise_conv": {"kernel": 3, "padding": 1, "depth_multiplier": 2}}, "relu",
        {"conv": {"filters": 16, "kernel": 1, "bias": False}}, "batchnorm", "relu",
        {"conv": {"filters": 32, "kernel": 3, "stride": 2, "padding": 1, "groups": 4}}, "relu",
        {"adaptive_avgpool": 3}, "flatten", {"dense": 5}]},
    {"name": "decoder", "input": [7, 7, 16], "layers": [
        {"conv_transpose": {"filters": 8, "kernel": 3, "stride": 2}}, "relu",
        {"conv_transpose": {"filters": 4, "kernel": 4, "stride": 2, "padding": 1, "bias": False}}, "relu",
        {"upsample": 2}, {"conv": {"filters": 3, "kernel": 3, "padding": 1}},
        {"upsample": {"size": 2, "mode": "bilinear"}}, "sigmoid"]},
    {"name": "alexnet-ish", "input": [64, 64, 3], "layers": [
        {"conv": {"filters": 16, "kernel": 11, "stride": 4, "padding": 2}}, "relu", {"maxpool": {"kernel": 3, "stride": 2}},
        {"conv": {"filters": 32, "kernel": 5, "padding": 2}}, "relu", {"maxpool": {"kernel": 3, "stride": 2, "ceil_mode": True}},
        "flatten", {"dropout": 0.5}, {"dense": 64}, "relu", {"dense": 10}]},
]


def as_list(v, rank=2):
    return [v] * rank if isinstance(v, int) else list(v)


def build(spec: dict) -> nn.Module:
    """The torch module a spec describes (channels-first; Sequential networks only)."""
    shape = list(spec["input"])
    channels = shape[-1]
    modules: list[nn.Module] = []
    flat = False
    for layer in spec["layers"]:
        kind, hp = (layer, {}) if isinstance(layer, str) else next(iter(layer.items()))
        if kind == "conv":
            modules.append(nn.Conv2d(channels, hp["filters"], hp["kernel"], hp.get("stride", 1), hp.get("padding", 0),
                                     groups=hp.get("groups", 1), bias=hp.get("bias", True)))
            channels = hp["filters"]
        elif kind == "depthwise_conv":
            out = channels * hp.get("depth_multiplier", 1)
            modules.append(nn.Conv2d(channels, out, hp["kernel"], hp.get("stride", 1), hp.get("padding", 0),
                                     groups=channels, bias=hp.get("bias", True)))
            channels = out
        elif kind == "conv_transpose":
            modules.append(nn.ConvTranspose2d(channels, hp["filters"], hp["kernel"], hp.get("stride", 1),
                                              hp.get("padding", 0), bias=hp.get("bias", True)))
            channels = hp["filters"]
        elif kind == "batchnorm":
            modules.append(nn.BatchNorm2d(channels))
        elif kind == "maxpool":
            hp = hp if isinstance(hp, dict) else {"kernel": hp}
            modules.append(nn.MaxPool2d(hp["kernel"], hp.get("stride"), hp.get("padding", 0),
                                        ceil_mode=hp.get("ceil_mode", False)))
        elif kind == "avgpool":
            modules.append(nn.AvgPool2d(hp["kernel"], hp.get("stride"), hp.get("padding", 0)))
        elif kind == "global_avgpool":
            modules += [nn.AdaptiveAvgPool2d(1), nn.Flatten()]
            flat = True
        elif kind == "global_maxpool":
            modules += [nn.AdaptiveMaxPool2d(1), nn.Flatten()]
            flat = True
        elif kind == "adaptive_avgpool":
            modules.append(nn.AdaptiveAvgPool2d(hp))
        elif kind == "flatten":
            modules.append(nn.Flatten())
            flat = True
        elif kind == "dense":
            hp = hp if isinstance(hp, dict) else {"units": hp}
            modules.append(nn.LazyLinear(hp["units"], bias=hp.get("bias", True)))
        elif kind == "dropout":
            modules.append(nn.Dropout(hp))
        elif kind == "upsample":
            hp = hp if isinstance(hp, dict) else {"size": hp}
            modules.append(nn.Upsample(scale_factor=hp["size"], mode=hp.get("mode", "nearest")))
        else:
            modules.append({"relu": nn.ReLU, "relu6": nn.ReLU6, "leaky_relu": nn.LeakyReLU, "elu": nn.ELU,
                            "gelu": nn.GELU, "silu": nn.SiLU, "sigmoid": nn.Sigmoid, "tanh": nn.Tanh,
                            "hard_sigmoid": nn.Hardsigmoid,
                            "softmax": lambda: nn.Softmax(dim=-1 if flat else 1)}[kind]())
    model = nn.Sequential(*modules).eval()
    model(torch.zeros(1, spec["input"][-1], *spec["input"][:-1]))  # materialise LazyLinear
    return model


def main() -> None:
    import fvcore
    import torchinfo
    from fvcore.nn import FlopCountAnalysis
    from ptflops import get_model_complexity_info

    lines = []
    for spec in NETWORKS:
        model = build(spec)
        chw = (spec["input"][-1], *spec["input"][:-1])
        x = torch.zeros(1, *chw)
        flops = FlopCountAnalysis(model, x)
        flops.unsupported_ops_warnings(False)
        flops.uncalled_modules_warnings(False)
        ptflops_total, _ = get_model_complexity_info(model, chw, as_strings=False, print_per_layer_stat=False,
                                                     verbose=False, backend="pytorch")
        lines.append({"spec": spec, "torchinfo": torchinfo.summary(model, (1, *chw), verbose=0).total_mult_adds,
                      "fvcore": int(flops.total()), "ptflops": int(ptflops_total),
                      "params": sum(p.numel() for p in model.parameters())})
    meta = {"torch": torch.__version__, "torchinfo": torchinfo.__version__,
            "fvcore": getattr(fvcore, "__version__", "0.1.5"), "ptflops": "0.7.5", "cases": len(lines)}
    write_jsonl("macs.jsonl", meta, lines)


if __name__ == "__main__":
    main()
