"""`heard coach ...`: feedback on one reply, batch JSONL, train and bench."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

USAGE = """usage:
  heard coach "reply text" [--share TEXT] [--need listen|comfort|ideas] [--json]
  heard coach --jsonl < in.jsonl > out.jsonl
  heard coach train [--out DIR] [--cv-errors FILE]
  heard coach bench [--quick] [--no-write]
  heard coach review [--rows N]
"""


def _feedback_text(fb: Any) -> str:
    lines = [f"Listening score: {fb.score}/100", f"Labels: {', '.join(fb.labels) or 'none'}"]
    for note in fb.notes:
        lines.append(f"Note: {note}")
    for m in fb.messages:
        head = {"strength": "+", "habit": "Try:", "tip": "Tip:"}[m.kind]
        words = f'  "{fb.text[m.span[0] : m.span[1]]}"' if m.span and m.kind == "strength" else ""
        lines.append(f"\n{head} [{m.label}] {m.message}{words}")
        lines.append(f"   {m.suggestion}")
    return "\n".join(lines)


def run_jsonl(stdin: TextIO, stdout: TextIO) -> int:
    from heard.coach.analyze import CoachInputError, analyze

    for number, line in enumerate(stdin, start=1):
        if not line.strip():
            continue
        ident: Any = None
        try:
            item = json.loads(line)
            if not isinstance(item, dict):
                raise CoachInputError("each line must be a JSON object")
            ident = item.get("id")
            reply: Any = item.get("reply")
            fb = analyze(reply, share=item.get("share"), need=item.get("need"))
            out = {"id": ident, **fb.to_dict()}
        except json.JSONDecodeError as exc:
            out = {"id": None, "error": f"line {number}: not valid JSON ({exc.msg})"}
        except CoachInputError as exc:
            out = {"id": ident, "error": str(exc)}
        except Exception as exc:  # one bad line never stops the batch
            out = {"id": ident, "error": f"could not analyse this line: {type(exc).__name__}"}
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "train":
        p = argparse.ArgumentParser(prog="heard coach train")
        p.add_argument("--out", type=Path, default=None, help="folder or .npz path")
        p.add_argument(
            "--cv-errors",
            type=Path,
            default=None,
            help="write the grouped-CV errors on the natural training rows here (JSON lines)",
        )
        a = p.parse_args(argv[1:])
        from heard.coach.train import train

        train(a.out, errors_out=a.cv_errors)
        return 0
    if argv and argv[0] == "bench":
        p = argparse.ArgumentParser(prog="heard coach bench")
        p.add_argument("--quick", action="store_true", help="a subsample (about 30 s)")
        p.add_argument("--no-write", action="store_true", help="do not update docs/benchmarks.md")
        a = p.parse_args(argv[1:])
        from heard.coach.bench import run

        run(quick=a.quick, write=not a.no_write)
        return 0
    if argv and argv[0] == "review":
        p = argparse.ArgumentParser(prog="heard coach review")
        p.add_argument("--rows", type=int, default=60, help="how many blind-set replies")
        a = p.parse_args(argv[1:])
        from heard.coach.review import write_review

        path = write_review(a.rows)
        print(f"written to {path}")
        return 0
    p = argparse.ArgumentParser(prog="heard coach", usage=USAGE)
    p.add_argument("reply", nargs="?", help="the reply to give feedback on")
    p.add_argument("--share", help="what the other person shared")
    p.add_argument("--need", help="listen, comfort or ideas")
    p.add_argument("--jsonl", action="store_true", help="batch: JSON lines on stdin")
    p.add_argument("--json", action="store_true", help="print JSON instead of text")
    a = p.parse_args(argv)
    if a.jsonl:
        return run_jsonl(sys.stdin, sys.stdout)
    from heard.coach.analyze import CoachInputError, analyze

    if a.reply is None:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        fb = analyze(a.reply, share=a.share, need=a.need)
    except CoachInputError as exc:
        print(f"heard coach: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(fb.to_dict(), ensure_ascii=False, indent=2) if a.json else _feedback_text(fb))
    return 0
