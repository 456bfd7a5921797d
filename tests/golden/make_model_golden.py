"""Per-layer golden summaries of reference networks from Keras (model.summary's data) and torchinfo.

Run in a throwaway environment with TensorFlow, PyTorch and torchinfo (see make_golden.py):

    /tmp/fw/bin/python tests/golden/make_model_golden.py

Writes tests/golden/models.json: for each shipped spec (src/cnncalc/zoo) that a framework builds here,
the (output shape channels-last, parameter count) of every layer that has parameters:
keras.applications VGG16, ResNet50 and MobileNetV2 (weights=None, no download), and torchinfo over
AlexNet, ResNet-50, GoogLeNet, MobileNetV2, SqueezeNet 1.1, DenseNet-121 and EfficientNet-B0
written as torchvision defines them (torchvision itself does not
install beside this PyTorch).
"""
from __future__ import annotations

import json
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")

HERE = os.path.dirname(os.path.abspath(__file__))


def keras_rows(model) -> list:
    rows = []
    for layer in model.layers:
        params = layer.count_params()
        if params:
            rows.append([list(layer.output.shape[1:]), params])
    return rows


def torch_models():
    import torch
    from torch import nn

    def cbr(i, o, k, s=1, relu=True):
        layers = [nn.Conv2d(i, o, k, s, k // 2, bias=False), nn.BatchNorm2d(o)]
        return nn.Sequential(*(layers + [nn.ReLU()] if relu else layers))

    class Bottleneck(nn.Module):
        def __init__(self, i, mid, out, s):
            super().__init__()
            self.main = nn.Sequential(cbr(i, mid, 1), cbr(mid, mid, 3, s), cbr(mid, out, 1, relu=False))
            self.down = cbr(i, out, 1, s, relu=False) if s != 1 or i != out else nn.Identity()

        def forward(self, x):
            return torch.relu(self.main(x) + self.down(x))

    blocks, i = [], 64
    for mid, n, s in ((64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)):
        for j in range(n):
            blocks.append(Bottleneck(i, mid, mid * 4, s if j == 0 else 1))
            i = mid * 4
    resnet = nn.Sequential(cbr(3, 64, 7, 2), nn.MaxPool2d(3, 2, 1), *blocks, nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                           nn.Linear(2048, 1000))
    alexnet = nn.Sequential(
        nn.Conv2d(3, 64, 11, 4, 2), nn.ReLU(), nn.MaxPool2d(3, 2), nn.Conv2d(64, 192, 5, padding=2), nn.ReLU(),
        nn.MaxPool2d(3, 2), nn.Conv2d(192, 384, 3, padding=1), nn.ReLU(), nn.Conv2d(384, 256, 3, padding=1),
        nn.ReLU(), nn.Conv2d(256, 256, 3, padding=1), nn.ReLU(), nn.MaxPool2d(3, 2), nn.AdaptiveAvgPool2d(6),
        nn.Flatten(), nn.Dropout(), nn.Linear(9216, 4096), nn.ReLU(), nn.Dropout(), nn.Linear(4096, 4096), nn.ReLU(),
        nn.Linear(4096, 1000))
    return {"resnet50.yaml": resnet, "alexnet.yaml": alexnet, "googlenet.yaml": googlenet(),
            "mobilenetv2.yaml": mobilenet_v2(), "squeezenet.yaml": squeezenet(), "densenet121.yaml": densenet121(),
            "efficientnet-b0.yaml": efficientnet_b0()}


def efficientnet_b0():
    """torchvision's efficientnet_b0: MBConv with squeeze-and-excitation (squeeze = block input // 4), SiLU."""
    from torch import nn

    def unit(i, o, k=1, s=1, groups=1, act=True):
        layers = [nn.Conv2d(i, o, k, s, (k - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(o, eps=1e-3)]
        return nn.Sequential(*(layers + [nn.SiLU()] if act else layers))

    class SE(nn.Module):
        def __init__(self, c, squeeze):
            super().__init__()
            self.scale = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Conv2d(c, squeeze, 1), nn.SiLU(),
                                       nn.Conv2d(squeeze, c, 1), nn.Sigmoid())

        def forward(self, x):
            return x * self.scale(x)

    class MBConv(nn.Module):
        def __init__(self, t, k, s, i, o):
            super().__init__()
            hidden = i * t
            expand = [unit(i, hidden)] if t != 1 else []
            self.body = nn.Sequential(*expand, unit(hidden, hidden, k, s, groups=hidden), SE(hidden, max(1, i // 4)),
                                      unit(hidden, o, act=False))
            self.residual = s == 1 and i == o

        def forward(self, x):
            return x + self.body(x) if self.residual else self.body(x)

    layers = [unit(3, 32, 3, 2)]
    for t, k, s, i, o, n in ((1, 3, 1, 32, 16, 1), (6, 3, 2, 16, 24, 2), (6, 5, 2, 24, 40, 2), (6, 3, 2, 40, 80, 3),
                             (6, 5, 1, 80, 112, 3), (6, 5, 2, 112, 192, 4), (6, 3, 1, 192, 320, 1)):
        for j in range(n):
            layers.append(MBConv(t, k, s if j == 0 else 1, i if j == 0 else o, o))
    return nn.Sequential(*layers, unit(320, 1280), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2),
                         nn.Linear(1280, 1000))


def squeezenet():
    """torchvision's squeezenet1_1: fire modules (squeeze 1x1, expand 1x1 and 3x3, concatenated)."""
    import torch
    from torch import nn

    class Fire(nn.Module):
        def __init__(self, i, squeeze, expand):
            super().__init__()
            self.squeeze = nn.Sequential(nn.Conv2d(i, squeeze, 1), nn.ReLU())
            self.e1 = nn.Sequential(nn.Conv2d(squeeze, expand, 1), nn.ReLU())
            self.e3 = nn.Sequential(nn.Conv2d(squeeze, expand, 3, padding=1), nn.ReLU())

        def forward(self, x):
            x = self.squeeze(x)
            return torch.cat([self.e1(x), self.e3(x)], 1)

    def pool():
        return nn.MaxPool2d(3, 2, ceil_mode=True)

    return nn.Sequential(
        nn.Conv2d(3, 64, 3, 2), nn.ReLU(), pool(), Fire(64, 16, 64), Fire(128, 16, 64), pool(),
        Fire(128, 32, 128), Fire(256, 32, 128), pool(), Fire(256, 48, 192), Fire(384, 48, 192), Fire(384, 64, 256),
        Fire(512, 64, 256), nn.Dropout(0.5), nn.Conv2d(512, 1000, 1), nn.ReLU(), nn.AdaptiveAvgPool2d(1),
        nn.Flatten())


def densenet121():
    """torchvision's densenet121: growth 32, bottleneck 128, blocks of 6, 12, 24, 16 layers."""
    import torch
    from torch import nn

    class DenseLayer(nn.Module):
        def __init__(self, i):
            super().__init__()
            self.body = nn.Sequential(nn.BatchNorm2d(i), nn.ReLU(), nn.Conv2d(i, 128, 1, bias=False),
                                      nn.BatchNorm2d(128), nn.ReLU(), nn.Conv2d(128, 32, 3, padding=1, bias=False))

        def forward(self, x):
            return torch.cat([x, self.body(x)], 1)

    layers, c = [nn.Conv2d(3, 64, 7, 2, 3, bias=False), nn.BatchNorm2d(64), nn.ReLU(), nn.MaxPool2d(3, 2, 1)], 64
    for i, n in enumerate((6, 12, 24, 16)):
        for _ in range(n):
            layers.append(DenseLayer(c))
            c += 32
        if i < 3:
            layers += [nn.BatchNorm2d(c), nn.ReLU(), nn.Conv2d(c, c // 2, 1, bias=False), nn.AvgPool2d(2, 2)]
            c //= 2
    return nn.Sequential(*layers, nn.BatchNorm2d(c), nn.ReLU(), nn.AdaptiveAvgPool2d(1), nn.Flatten(),
                         nn.Linear(c, 1000))


def mobilenet_v2():
    """torchvision's MobileNetV2 (width 1.0): Conv2dNormActivation = conv without bias, BN, ReLU6."""
    from torch import nn

    def unit(i, o, k=1, s=1, groups=1, act=True):
        layers = [nn.Conv2d(i, o, k, s, (k - 1) // 2, groups=groups, bias=False), nn.BatchNorm2d(o)]
        return nn.Sequential(*(layers + [nn.ReLU6()] if act else layers))

    class Inverted(nn.Module):
        def __init__(self, i, o, s, t):
            super().__init__()
            hidden = i * t
            expand = [unit(i, hidden)] if t != 1 else []
            self.body = nn.Sequential(*expand, unit(hidden, hidden, 3, s, groups=hidden), unit(hidden, o, act=False))
            self.residual = s == 1 and i == o

        def forward(self, x):
            return x + self.body(x) if self.residual else self.body(x)

    layers, i = [unit(3, 32, 3, 2)], 32
    for t, c, n, s in ((1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2),
                       (6, 320, 1, 1)):
        for j in range(n):
            layers.append(Inverted(i, c, s if j == 0 else 1, t))
            i = c
    return nn.Sequential(*layers, unit(320, 1280), nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2),
                         nn.Linear(1280, 1000))


def googlenet():
    """torchvision's GoogLeNet (aux_logits=False): BasicConv2d = conv without bias, BN(eps=1e-3), ReLU;
    its "5x5" branch is a 3x3 conv, as in torchvision."""
    import torch
    from torch import nn

    def basic(i, o, k=1, s=1, p=0):
        return nn.Sequential(nn.Conv2d(i, o, k, s, p, bias=False), nn.BatchNorm2d(o, eps=0.001), nn.ReLU())

    class Inception(nn.Module):
        def __init__(self, i, c1, c3r, c3, c5r, c5, pool):
            super().__init__()
            self.branches = nn.ModuleList([
                basic(i, c1), nn.Sequential(basic(i, c3r), basic(c3r, c3, 3, p=1)),
                nn.Sequential(basic(i, c5r), basic(c5r, c5, 3, p=1)),
                nn.Sequential(nn.MaxPool2d(3, 1, 1, ceil_mode=True), basic(i, pool))])

        def forward(self, x):
            return torch.cat([branch(x) for branch in self.branches], 1)

    return nn.Sequential(
        basic(3, 64, 7, 2, 3), nn.MaxPool2d(3, 2, ceil_mode=True), basic(64, 64), basic(64, 192, 3, p=1),
        nn.MaxPool2d(3, 2, ceil_mode=True), Inception(192, 64, 96, 128, 16, 32, 32),
        Inception(256, 128, 128, 192, 32, 96, 64), nn.MaxPool2d(3, 2, ceil_mode=True),
        Inception(480, 192, 96, 208, 16, 48, 64), Inception(512, 160, 112, 224, 24, 64, 64),
        Inception(512, 128, 128, 256, 24, 64, 64), Inception(512, 112, 144, 288, 32, 64, 64),
        Inception(528, 256, 160, 320, 32, 128, 128), nn.MaxPool2d(2, 2, ceil_mode=True),
        Inception(832, 256, 160, 320, 32, 128, 128), Inception(832, 384, 192, 384, 48, 128, 128),
        nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(0.2), nn.Linear(1024, 1000))


def torchinfo_rows(model) -> list:
    import torchinfo

    stats = torchinfo.summary(model, (1, 3, 224, 224), verbose=0, depth=10)
    rows = []
    for layer in stats.summary_list:
        if layer.is_leaf_layer and layer.trainable_params:
            shape = list(layer.output_size[1:])
            rows.append([shape[1:] + shape[:1] if len(shape) == 3 else shape, layer.trainable_params])
    return rows


def write(golden: dict, path: str) -> None:
    """One row per line, so a changed layer shows as a one-line diff."""
    lines = []
    for spec, entry in golden.items():
        head = {k: v for k, v in entry.items() if k != "rows"}
        rows = ",\n".join(f"   {json.dumps(row)}" for row in entry["rows"])
        lines.append(f" {json.dumps(spec)}: {json.dumps(head)[:-1]}, \"rows\": [\n{rows}\n ]}}")
    with open(path, "w") as f:
        f.write("{\n" + ",\n".join(lines) + "\n}\n")


def main() -> None:
    import keras

    golden = {
        "vgg16.yaml": {"source": f"keras {keras.__version__} applications.VGG16",
                       "rows": keras_rows(keras.applications.VGG16(weights=None))},
        "resnet50-keras.yaml": {"source": f"keras {keras.__version__} applications.ResNet50",
                                "rows": keras_rows(keras.applications.ResNet50(weights=None))},
        "mobilenetv2-keras.yaml": {"source": f"keras {keras.__version__} applications.MobileNetV2",
                                   "rows": keras_rows(keras.applications.MobileNetV2(weights=None))},
    }
    import torchinfo

    for spec, model in torch_models().items():
        golden[spec] = {"source": f"torchinfo {torchinfo.__version__}", "rows": torchinfo_rows(model),
                        "trainable_only": True}
    write(golden, os.path.join(HERE, "models.json"))
    print({k: len(v["rows"]) for k, v in golden.items()})


if __name__ == "__main__":
    main()
