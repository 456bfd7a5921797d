"""Writing a golden fixture: a first line {"meta": ...} (framework versions, case count), then one case per line.

Shared by the make_*_golden.py scripts, which run as scripts from this folder."""
from __future__ import annotations

import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def write_jsonl(name: str, meta: dict, cases: list, sort_keys: bool = False) -> None:
    with open(os.path.join(HERE, name), "w") as f:
        f.write(json.dumps({"meta": meta}) + "\n")
        for case in cases:
            f.write(json.dumps(case, sort_keys=sort_keys) + "\n")
    print(json.dumps(meta))
