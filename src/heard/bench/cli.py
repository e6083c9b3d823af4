"""`heard bench web`: see heard.bench.web. (The coach and the detector have their own
benchmarks: `heard coach bench`, `heard safety bench`.)"""

from __future__ import annotations

import sys


def main(argv: list[str]) -> int:
    if argv[:1] != ["web"]:
        print("usage: heard bench web [--quick] [--databases sqlite,postgres] ...", file=sys.stderr)
        return 2
    from heard.bench.web import main as web

    return web(argv[1:])
