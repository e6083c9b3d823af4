"""``heard safety ...``: check a text, train the model, run the benchmark.

The lead's ``heard`` command calls :func:`main`; ``python -m heard.safety`` does too.
"""

from __future__ import annotations

import argparse
import sys


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="heard safety", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="classify one text and print the label and scores")
    check.add_argument("text", help="the text to check ('-' reads standard input)")
    sub.add_parser("train", help="train on data/natural/ and write the shipped model")
    bench = sub.add_parser("bench", help="precision/recall, hard-negative rates and latency")
    bench.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    if args.command == "check":
        from heard.safety.detector import check

        text = sys.stdin.read() if args.text == "-" else args.text
        found = check(text)
        print(
            f"label: {found.label} ({found.reason}{', unjudged language' if found.unjudged else ''})"
        )
        for label, score in sorted(found.scores.items(), key=lambda item: -item[1]):
            print(f"  {label:15s} {score:.3f}")
        return 0
    if args.command == "train":
        from heard.safety.model import reset_cache
        from heard.safety.train import format_cv, train

        trained = train()
        reset_cache()
        print(
            f"model: {trained.features} word features + encoder, {trained.rows} rows -> {trained.path}"
        )
        for label, threshold in trained.thresholds.items():
            print(f"  {label:15s} threshold {threshold:.2f}")
        print(format_cv(trained))
        return 0
    if args.command == "bench":
        from heard.safety import bench

        figures = bench.run()
        markdown = bench.render(figures)
        print(markdown)
        if not args.no_write:
            bench.write_docs(markdown)
            print(f"\nwritten to {bench.DOCS_PATH}")
        return 0
    return 2  # pragma: no cover - argparse rejects unknown commands


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
