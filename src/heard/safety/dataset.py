"""Build and load the labelled crisis-detector dataset.

``build()`` composes the hand-written fragments in :mod:`heard.safety.fragments` into rows and
writes ``data/labelled.jsonl``. It is deterministic: the same code gives the same file. The
split is assigned per paraphrase group (one template and all its variants), so no text has a
near-copy on the other side of the split.
"""

from __future__ import annotations

import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

from heard.safety import fragments as F

DATA_PATH = Path(__file__).resolve().parent / "data" / "labelled.jsonl"
TEST_SHARE = 25  # percent of groups held out
HARD_NEGATIVE_FAMILIES = (
    "idiom",
    "negation",
    "resolved_history",
    "media_news",
    "worry_for_other",
    "everyday",
)

# Variants per template, chosen so each risk class has well over 300 rows.
VARIANTS = {
    "self_harm": 4,
    "harm_to_others": 7,
    "abuse": 5,
    "none": 3,
}


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    label: str
    family: str
    split: str
    group: str


def _stable_int(value: str) -> int:
    return int.from_bytes(hashlib.sha256(value.encode("utf-8")).digest()[:8], "big")


def split_for(group: str) -> str:
    return "test" if _stable_int(group) % 100 < TEST_SHARE else "train"


def _fill(template: str, rng: random.Random) -> str:
    text = template
    for slot, options in (
        ("{who}", F.WHO),
        ("{target}", F.TARGET),
        ("{thing}", F.THING),
        ("{friend}", F.FRIEND),
        ("{work}", F.WORK),
    ):
        while slot in text:
            text = text.replace(slot, rng.choice(options), 1)
    return text


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:] if text else text


def _style(text: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:  # texting style: lower case, no final full stop
        return text.lower().rstrip(".")
    if roll < 0.2:
        return text.rstrip(".") + "..."
    return text


def _variants(template: str, group: str, count: int) -> Iterator[str]:
    rng = random.Random(_stable_int(group))
    seen: set[str] = set()
    attempts = 0
    # The first variant is the bare sentence with its slots filled.
    while len(seen) < count and attempts < count * 20:
        attempts += 1
        core = _capitalise(_fill(template, rng))
        if seen:
            prefix = rng.choice(F.PREFIXES)
            suffix = rng.choice(F.SUFFIXES)
            if prefix and not prefix.endswith((". ", "? ", ": ")):
                core = core[:1].lower() + core[1:] if not core.startswith("I ") else core
            text = _style(f"{prefix}{core}{suffix}", rng)
        else:
            text = core
        if text not in seen:
            seen.add(text)
            yield text


def _rows_for(label: str, family: str, templates: list[str], key: str) -> Iterator[Row]:
    for index, template in enumerate(templates):
        group = f"{key}-{index:03d}"
        split = split_for(group)
        for number, text in enumerate(_variants(template, group, VARIANTS[label])):
            yield Row(
                id=f"{group}-{number}",
                text=text,
                label=label,
                family=family,
                split=split,
                group=group,
            )


def generate() -> list[Row]:
    rows: list[Row] = []
    for subtype, templates in F.SELF_HARM.items():
        rows.extend(_rows_for("self_harm", subtype, templates, f"sh-{subtype}"))
    for subtype, templates in F.HARM_TO_OTHERS.items():
        rows.extend(_rows_for("harm_to_others", subtype, templates, f"ho-{subtype}"))
    for subtype, templates in F.ABUSE.items():
        rows.extend(_rows_for("abuse", subtype, templates, f"ab-{subtype}"))
    negatives = {
        "idiom": F.IDIOM,
        "negation": F.NEGATION,
        "resolved_history": F.RESOLVED_HISTORY,
        "media_news": F.MEDIA_NEWS,
        "worry_for_other": F.WORRY_FOR_OTHER,
        "everyday": F.EVERYDAY,
    }
    for family, templates in negatives.items():
        rows.extend(_rows_for("none", family, templates, f"hn-{family}"))
    # Drop exact duplicate texts across groups (keep the first).
    unique: dict[str, Row] = {}
    for row in rows:
        unique.setdefault(row.text, row)
    return list(unique.values())


def build(path: Path = DATA_PATH) -> list[Row]:
    rows = generate()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as handle:
        for row in rows:
            handle.write(json.dumps(asdict(row), ensure_ascii=False) + "\n")
    return rows


def load(path: Path = DATA_PATH) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                rows.append(Row(**json.loads(line)))
    return rows


def summary(rows: list[Row]) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        key = row.label if row.label != "none" else f"none/{row.family}"
        bucket = out.setdefault(key, {"train": 0, "test": 0})
        bucket[row.split] += 1
    return out


if __name__ == "__main__":  # pragma: no cover
    built = build()
    for name, counts in sorted(summary(built).items()):
        print(f"{name:28s} train={counts['train']:4d} test={counts['test']:4d}")
    print("total", len(built))
