"""``heard coach review``: blind-set replies with the coach's full output, for a person to read.

Writes ``docs/coach-review.md``: a fixed, evenly spread sample of the frozen blind set (every
n-th reply), each with what was shared, the reply, the labels its writer gave, and everything
the coach says. Nothing here tunes anything; it is for reading whether the feedback is right.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from heard.coach.analyze import analyze
from heard.coach.bench import REPO, blind_rows

REVIEW_FILE = REPO / "docs" / "coach-review.md"


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def sample(rows: list[dict], count: int) -> list[dict]:
    if len(rows) <= count:
        return rows
    step = len(rows) / count
    return [rows[int(i * step)] for i in range(count)]


def render(count: int = 60) -> str:
    rows = sample(blind_rows(), count)
    lines = [
        "# The coach on blind-set replies",
        "",
        f"Made by `heard coach review` on {date.today().isoformat()}: {len(rows)} replies spread "
        "evenly over the frozen blind set (`src/heard/coach/data/blind/replies.jsonl`, written "
        "apart from the training rows). *Writer* is the label set its writer gave; *coach* is "
        "what the coach found; then every message the coach shows, with the words it points at.",
        "",
        "| # | need | shared | reply | writer | coach | what the coach says |",
        "|---|---|---|---|---|---|---|",
    ]
    agree = 0
    for i, r in enumerate(rows, start=1):
        fb = analyze(r["reply"], share=r.get("share"), need=r.get("need"))
        said = []
        for m in fb.messages:
            quote = f"«{fb.text[m.span[0] : m.span[1]]}» " if m.span else ""
            said.append(f"[{m.kind}: {m.label}] {quote}{m.message} {m.suggestion}")
        same = fb.primary == r["primary"]
        agree += same
        lines.append(
            f"| {i} | {r.get('need', '')} | {_cell(r.get('share', ''))} | {_cell(r['reply'])} | "
            f"{', '.join(r['labels']) or 'none'} (primary {r['primary']}) | "
            f"{', '.join(fb.labels) or 'none'} (primary {fb.primary}{'' if same else ' ✗'}) | "
            f"{_cell(' '.join(said))} |"
        )
    lines += ["", f"Primary label the same as the writer's in {agree} of {len(rows)}.", ""]
    return "\n".join(lines)


def write_review(count: int = 60, path: Path = REVIEW_FILE) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render(count), encoding="utf-8")
    return path
