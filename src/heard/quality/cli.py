"""`heard ideas`: browse quality-time ideas from the command line (no database needed)."""

from __future__ import annotations

import argparse
import random
import sys

from heard.content import ContentError
from heard.quality.content import FILTERS, UnknownFilter, activities_filter, activity_surprise


def ideas_main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="heard ideas", description="Ideas for time together.")
    for name, values in FILTERS.items():
        parser.add_argument(f"--{name}", choices=values)
    parser.add_argument("--surprise", action="store_true", help="pick one that fits")
    args = parser.parse_args(argv)
    wanted = {name: getattr(args, name) for name in FILTERS}
    try:
        found = (
            [p for p in [activity_surprise(rng=random.SystemRandom(), **wanted)] if p]
            if args.surprise
            else activities_filter(**wanted)
        )
    except (UnknownFilter, ContentError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if not found:
        print("Nothing fits all of those. Try loosening one filter.")
        return 0
    for activity in found:
        print(f"{activity.id:32} {activity.title}")
        if args.surprise:
            print(f"  Phones away: {activity.phones}\n  To talk about: {activity.starter}")
    return 0
