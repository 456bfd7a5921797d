"""``python -m cnncalc.report.draw SPEC -o FILE [--style S] [--depth N]`` until ``cnncalc draw`` exists."""
from __future__ import annotations

import argparse
import sys

from ...errors import CnncalcError
from . import STYLES, draw


def main(argv: list[str] | None = None) -> int:
    """Exit code 0 when the picture was written, 2 for bad input (one line on stderr)."""
    parser = argparse.ArgumentParser(prog="python -m cnncalc.report.draw", description=__doc__)
    parser.add_argument("spec")
    parser.add_argument("-o", "--output", required=True, help="FILE.svg, .dot, .mmd or .html")
    parser.add_argument("--style", default="auto", choices=STYLES)
    parser.add_argument("--depth", type=int, default=None, help="collapse blocks nested deeper than this")
    parser.add_argument("--convention", default=None)
    args = parser.parse_args(argv)
    try:
        path = draw(args.spec, args.output, args.style, args.depth, args.convention)
    except CnncalcError as e:
        print(f"Error: {e}", file=sys.stderr)
        return 2
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
