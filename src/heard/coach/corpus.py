"""Our own labelled corpus: original writing composed from hand-written scenarios and reply
fragments, plus hand-written hard cases and conversations. All the text is in data files
under ``data/`` (``templates.jsonl``, ``scenarios.txt``, ``hard_cases.txt``,
``conversations.txt``); this module only loads them and composes. Training reads the result,
``data/corpus.jsonl``, which ``python -m heard.coach.corpus`` regenerates (deterministic; a
test checks that the file and the data it comes from agree)."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from heard.coach.labels import LABELS, NEEDS

DATA_DIR = Path(__file__).resolve().parent / "data"
CORPUS_FILE = DATA_DIR / "corpus.jsonl"
ROWS_PER_SCENARIO = 64
SEED = 20240611


@dataclass(frozen=True)
class Scenario:
    id: str
    relation: str
    share: str
    gist: str
    feel: str
    topic: str
    fix: str
    me: str
    silver: str


def load_scenarios() -> list[Scenario]:
    out = []
    for line in (DATA_DIR / "scenarios.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = [p.strip() for p in line.split(" | ")]
        out.append(Scenario(*parts))
    return out


TEMPLATES_FILE = DATA_DIR / "templates.jsonl"


def load_templates(
    path: Path = TEMPLATES_FILE,
) -> tuple[dict[str, list[str]], list[str], list[str], list[tuple[list[str], int]]]:
    """The composing material, written for Heard, from ``data/templates.jsonl``: reply
    fragments per label (slots {gist} {feel} {feel2} {topic} {fix} {fix_cap} {me} {silver}),
    neutral openers that change no label, replies that carry no label, and the label patterns
    a composed reply follows, with their weights. File order is kept: it decides the rows."""
    fragments: dict[str, list[str]] = {}
    openers: list[str] = []
    none_replies: list[str] = []
    patterns: list[tuple[list[str], int]] = []
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            row = json.loads(line)
            kind = row.get("kind")
            if kind == "fragment":
                if row["label"] not in LABELS:
                    raise ValueError(f"{path.name}:{number}: unknown label {row['label']!r}")
                fragments.setdefault(row["label"], []).append(row["text"])
            elif kind == "opener":
                openers.append(row["text"])
            elif kind == "none_reply":
                none_replies.append(row["text"])
            elif kind == "pattern":
                unknown = [name for name in row["labels"] if name not in (*LABELS, "none")]
                if unknown:
                    raise ValueError(f"{path.name}:{number}: unknown label {unknown[0]!r}")
                patterns.append((list(row["labels"]), int(row["weight"])))
            else:
                raise ValueError(f"{path.name}:{number}: unknown kind {kind!r}")
    return fragments, openers, none_replies, patterns


FRAGMENTS, OPENERS, NONE_REPLIES, PATTERNS = load_templates()


def _fill(template: str, scenario: Scenario, rng: random.Random, feel_pool: list[str]) -> str:
    feel2 = rng.choice(feel_pool) if feel_pool and rng.random() < 0.6 else scenario.feel
    return template.format(
        gist=scenario.gist,
        feel=scenario.feel,
        feel2=feel2,
        topic=scenario.topic,
        fix=scenario.fix,
        fix_cap=scenario.fix[:1].upper() + scenario.fix[1:],
        me=scenario.me,
        silver=scenario.silver,
    )


def _vary(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        text = text.lower()
    elif roll < 0.2:
        text = text.rstrip(".")
    if rng.random() < 0.05:
        text = text.replace("you are", "ur").replace("you", "u")
    return text


def _feel_pool(feel: str) -> list[str]:
    from heard.coach.feelings import family_of

    family = family_of(feel)
    return list(family.words[:6]) if family else []


def compose(scenario: Scenario, rng: random.Random) -> tuple[str, list[str]]:
    combos, weights = zip(*PATTERNS, strict=True)
    labels = list(rng.choices(combos, weights=weights)[0])
    if labels == ["none"]:
        return rng.choice(NONE_REPLIES), []
    pool = _feel_pool(scenario.feel)
    parts = [_fill(rng.choice(FRAGMENTS[label]), scenario, rng, pool) for label in labels]
    # Skills usually come first, but not always.
    if rng.random() < 0.25:
        rng.shuffle(parts)
    opener = rng.choice(OPENERS)
    text = opener + " ".join(parts)
    if opener.endswith(", ") and text[len(opener) : len(opener) + 1].isupper():
        text = opener + text[len(opener)].lower() + text[len(opener) + 1 :]
    return _vary(text, rng), sorted(set(labels), key=LABELS.index)


def load_hard_cases() -> list[tuple[str, list[str], str]]:
    rows = []
    for line in (DATA_DIR / "hard_cases.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        scenario, labels, reply = (p.strip() for p in line.split(" | ", 2))
        names = [] if labels == "none" else labels.split(",")
        for name in names:
            if name not in LABELS:
                raise ValueError(f"unknown label {name!r} in hard case {reply!r}")
        rows.append((scenario, names, reply))
    return rows


def load_conversations() -> list[tuple[str, list[tuple[list[str], str]]]]:
    """Hand-written (share, [(labels, reply), ...]) blocks from ``conversations.txt``."""
    blocks: list[tuple[str, list[tuple[list[str], str]]]] = []
    for line in (DATA_DIR / "conversations.txt").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith(">"):
            blocks.append((line[1:].strip(), []))
            continue
        if not blocks:
            raise ValueError(f"reply before any share: {line!r}")
        labels, reply = (p.strip() for p in line.split(" | ", 1))
        names = [] if labels == "none" else labels.split(",")
        for name in names:
            if name not in LABELS:
                raise ValueError(f"unknown label {name!r} in conversation reply {reply!r}")
        blocks[-1][1].append((names, reply))
    return blocks


def generate(seed: int = SEED) -> list[dict[str, object]]:
    rng = random.Random(seed)
    scenarios = load_scenarios()
    by_id = {s.id: s for s in scenarios}
    rows: list[dict[str, object]] = []
    for scenario in scenarios:
        seen: set[str] = set()
        tries = 0
        while len(seen) < ROWS_PER_SCENARIO and tries < ROWS_PER_SCENARIO * 5:
            tries += 1
            reply, labels = compose(scenario, rng)
            if reply in seen:
                continue
            seen.add(reply)
            rows.append(
                {
                    "id": f"{scenario.id}-{len(seen):03d}",
                    "group": scenario.id,
                    "share": scenario.share,
                    "need": rng.choice(NEEDS),
                    "reply": reply,
                    "labels": labels,
                }
            )
    for index, (scenario_id, labels, reply) in enumerate(load_hard_cases()):
        scenario = by_id.get(scenario_id) or rng.choice(scenarios)
        rows.append(
            {
                "id": f"hard-{index:04d}",
                "group": f"hard-{index // 12:02d}",
                "share": scenario.share,
                "need": rng.choice(NEEDS),
                "reply": reply,
                "labels": labels,
            }
        )
    for b, (share, replies) in enumerate(load_conversations()):
        for index, (labels, reply) in enumerate(replies):
            rows.append(
                {
                    "id": f"conv-{b:03d}-{index:02d}",
                    "group": f"conv-{b:03d}",
                    "share": share,
                    "need": rng.choice(NEEDS),
                    "reply": reply,
                    "labels": sorted(labels, key=LABELS.index),
                }
            )
    return rows


def write(path: Path = CORPUS_FILE) -> int:
    rows = generate()
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(row, ensure_ascii=False) + "\n")
    return len(rows)


def load(path: Path = CORPUS_FILE) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


if __name__ == "__main__":
    count = write()
    rows = load()
    print(f"wrote {count} rows to {CORPUS_FILE}")
    for label in LABELS:
        print(f"  {label:16s} {sum(1 for r in rows if label in r['labels'])}")
