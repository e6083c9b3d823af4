"""``heard lessons list|show ID``: the lessons, read from the content files. Plain Python: no
settings or database needed."""

from __future__ import annotations

import argparse
import sys

from heard.content import ContentError
from heard.learn.content import TOPIC_NAMES, TOPICS, lesson_index, lessons


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="heard lessons", description="Heard's lessons.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("list", help="every lesson, by topic")
    show = sub.add_parser("show", help="one lesson, as Markdown")
    show.add_argument("id")
    return parser


def _list() -> str:
    lines = []
    for topic in TOPICS:
        lines.append(TOPIC_NAMES[topic])
        for lesson in lessons():
            if lesson.topic == topic:
                step = f"  (path {lesson.path})" if lesson.path else ""
                lines.append(f"  {lesson.id:<32} {lesson.minutes} min  {lesson.title}{step}")
        lines.append("")
    return "\n".join(lines)


def _show(lesson_id: str) -> str | None:
    lesson = lesson_index().get(lesson_id)
    if lesson is None:
        return None
    return (
        f"# {lesson.title}\n\n{lesson.topic_name} · {lesson.minutes}-minute read\n\n"
        f"{lesson.body}\n\n## One small practice\n\n{lesson.practice.text}\n"
        f"({lesson.practice.label})\n"
    )


def main(argv: list[str] | None = None) -> int:
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
    except SystemExit as exc:  # argparse has already printed usage or help
        return exc.code if isinstance(exc.code, int) else 1
    try:
        if args.command == "list":
            print(_list(), end="")
            return 0
        shown = _show(args.id)
    except ContentError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if shown is None:
        print(f"error: there is no lesson {args.id!r}; see `heard lessons list`", file=sys.stderr)
        return 1
    print(shown, end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
