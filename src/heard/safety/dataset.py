"""The crisis detector's labelled text, read from JSONL files a person can review.

- ``data/natural/*.jsonl``: training rows, each a whole message written by us in one person's
  voice. ``batch`` names the writing session a row came from; cross-validation holds out
  whole batches, so thresholds are never tuned on wording the model saw.
- ``data/blind/*.jsonl``: frozen evaluation sets, written apart from the training rows by
  someone who never saw them. Nothing trains or tunes on them; only the bench reads them.
  ``natural`` (risk classes and hard negatives), ``ordinary`` (everyday Heard text, none of it
  a crisis) and ``multilingual`` (es, fr, de, pt).
- The listening coach's own hand-written shares and replies (``heard/coach/data/natural``) are
  everyday text too: people telling a partner, friend or relative about their day, and the
  replies, warm or hurtful, none of them a crisis. They train as ``none`` rows of kind
  ``dialogue_share`` and ``dialogue_reply``, grouped by the coach's writing batch, less the few
  listed in ``data/everyday_excluded.txt`` (those that share a six-word run with a blind text).
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

DATA_DIR = Path(__file__).resolve().parent / "data"
NATURAL_DIR = DATA_DIR / "natural"
BLIND_DIR = DATA_DIR / "blind"
COACH_NATURAL_DIR = DATA_DIR.parents[1] / "coach" / "data" / "natural"
EVERYDAY_EXCLUDED = DATA_DIR / "everyday_excluded.txt"
LABELS = ("none", "self_harm", "harm_to_others", "abuse")
BLIND_SETS = ("natural", "ordinary", "multilingual")
# Hard-negative kinds written into the "ordinary" files (the writers' own kind names).
HARD_NEGATIVE_KINDS = frozenset(
    [
        "unfair_boss",
        "late_work_messages",
        "coworker_conflict",
        "friend_ghosting",
        "strict_loving_parents",
        "argument_no_fear",
        "jealousy_talked_through",
        "couples_therapy_going_well",
        "resolved_self_harm_history",
        "resolved_abuse_history",
        "worry_about_friend",
        "medication_change",
        "game_violence",
        "film_book_violence",
        "sport_violence",
        "news_violence",
        "idiom_hyperbole",
        "marked_joke",
    ]
)
# Kinds of none row, in the training files, that are everyday Heard text rather than hard
# negatives (the writers' own kind names).
ORDINARY_KINDS = frozenset(
    {
        "prompt_light",
        "prompt_personal",
        "prompt_vulnerable",
        "dialogue_share",
        "dialogue_reply",
        "listener_reply",
        "checkin",
        "checkin_note",
        "appreciation",
        "appreciation_note",
        "say_it",
        "without_blame",
        "hard_feelings",
    }
)


class DatasetError(ValueError):
    """A data file does not match the schema; the message names the file, line and reason."""


@dataclass(frozen=True)
class Row:
    id: str
    text: str
    label: str
    kind: str
    group: str
    lang: str = "en"
    source: str = ""  # the file the row came from (its stem)

    @property
    def ordinary(self) -> bool:
        """Everyday Heard text (prompt answers, shares, mirrors, notes), not a hard negative."""
        if self.label != "none" or self.kind in HARD_NEGATIVE_KINDS:
            return False
        return self.source.startswith("ordinary") or self.kind in ORDINARY_KINDS


def _read(path: Path, need_batch: bool) -> list[Row]:
    rows: list[Row] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path.name}:{number}"
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            raise DatasetError(f"{where}: not JSON ({error.msg})") from error
        if not isinstance(item, dict):
            raise DatasetError(f"{where}: a row must be an object")
        for key in ("id", "text", "label"):
            if not isinstance(item.get(key), str) or not item[key].strip():
                raise DatasetError(f"{where}: '{key}' must be a non-empty string")
        if item["label"] not in LABELS:
            raise DatasetError(f"{where}: unknown label {item['label']!r}")
        if need_batch and not isinstance(item.get("batch"), str):
            raise DatasetError(f"{where}: training rows need a 'batch'")
        rows.append(
            Row(
                id=item["id"],
                text=item["text"],
                label=item["label"],
                kind=str(item.get("kind") or "unspecified"),
                group=str(item.get("batch") or path.stem),
                lang=str(item.get("lang") or "en"),
                source=path.stem,
            )
        )
    return rows


def _check_unique(rows: list[Row], what: str) -> None:
    ids = Counter(row.id for row in rows)
    twice = [key for key, count in ids.items() if count > 1]
    if twice:
        raise DatasetError(f"{what}: duplicate ids {twice[:5]}")


def _excluded(path: Path) -> set[str]:
    if not path.exists():
        return set()
    lines = path.read_text(encoding="utf-8").splitlines()
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def everyday_rows(
    directory: Path = COACH_NATURAL_DIR, excluded: Path = EVERYDAY_EXCLUDED
) -> list[Row]:
    """The coach's hand-written shares and replies, as everyday ``none`` rows: each share once
    (it heads several replies), then each reply."""
    skip = _excluded(excluded)
    rows: list[Row] = []
    shares: set[str] = set()
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as error:
                raise DatasetError(f"{path.name}:{number}: not JSON ({error.msg})") from error
            if not isinstance(item, dict) or not isinstance(item.get("id"), str):
                raise DatasetError(f"{path.name}:{number}: a coach row needs an 'id'")
            group = f"coach-{path.stem}-{item.get('batch') or item.get('share_id') or number}"
            share_id = str(item.get("share_id") or item["id"])
            share = item.get("share")
            if isinstance(share, str) and share.strip() and share_id not in shares:
                shares.add(share_id)
                if f"share {share_id}" not in skip:
                    rows.append(
                        Row(
                            f"coach-share-{share_id}",
                            share,
                            "none",
                            "dialogue_share",
                            group,
                            source=f"coach_{path.stem}",
                        )
                    )
            reply = item.get("reply")
            if isinstance(reply, str) and reply.strip() and f"reply {item['id']}" not in skip:
                rows.append(
                    Row(
                        f"coach-reply-{item['id']}",
                        reply,
                        "none",
                        "dialogue_reply",
                        group,
                        source=f"coach_{path.stem}",
                    )
                )
    return rows


def load_training(
    directory: Path = NATURAL_DIR, everyday: Path | None = COACH_NATURAL_DIR
) -> list[Row]:
    """Every training row, in file order, then the coach's everyday text (``everyday_rows``;
    ``everyday=None`` leaves it out). Exact duplicate texts are kept once."""
    rows: list[Row] = []
    for path in sorted(directory.glob("*.jsonl")):
        rows.extend(_read(path, need_batch=True))
    if everyday is not None:
        rows.extend(everyday_rows(everyday))
    _check_unique(rows, "training rows")
    seen: set[str] = set()
    unique = []
    for row in rows:
        key = " ".join(row.text.lower().split())
        if key not in seen:
            seen.add(key)
            unique.append(row)
    return unique


def load_blind(name: str, directory: Path = BLIND_DIR) -> list[Row]:
    if name not in BLIND_SETS:
        raise DatasetError(f"unknown blind set {name!r}")
    path = directory / f"{name}.jsonl"
    if not path.exists():
        return []
    rows = _read(path, need_batch=False)
    _check_unique(rows, path.name)
    return rows


def summary(rows: list[Row]) -> dict[str, dict[str, int]]:
    """Counts per label, and per kind within each label."""
    out: dict[str, dict[str, int]] = {}
    for row in rows:
        out.setdefault(row.label, {}).setdefault(row.kind, 0)
        out[row.label][row.kind] += 1
    return out
