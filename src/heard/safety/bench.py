"""Benchmark the detector on the held-out split and write the figures to docs/benchmarks.md."""

from __future__ import annotations

import statistics
import time
from collections import Counter
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from heard.safety import dataset
from heard.safety.detector import RISK_LABELS, check
from heard.safety.model import LABELS, MODEL_PATH, get_model, reset_cache

START = "<!-- safety:start -->"
END = "<!-- safety:end -->"
DOCS_PATH = Path(__file__).resolve().parents[3] / "docs" / "benchmarks.md"
TARGETS = {"self_harm": 0.95, "abuse": 0.95}
PRECISION_TARGET = 0.85


@dataclass(frozen=True)
class ClassFigures:
    label: str
    support: int
    precision: float
    recall: float
    f1: float


@dataclass(frozen=True)
class BenchResult:
    rows: int
    classes: list[ClassFigures]
    family_fpr: dict[str, tuple[int, int]]  # family -> (false alarms, rows)
    reasons: dict[str, int]
    p50_ms: float
    p95_ms: float
    load_ms: float
    model_kb: int


def _safe_div(a: float, b: float) -> float:
    return a / b if b else 0.0


def run(rows: list[dataset.Row] | None = None) -> BenchResult:
    rows = [r for r in (rows or dataset.load()) if r.split == "test"]
    reset_cache()
    started = time.perf_counter()
    get_model()
    load_ms = (time.perf_counter() - started) * 1000

    for row in rows[:20]:  # warm up caches
        check(row.text)
    predictions: list[str] = []
    timings: list[float] = []
    reasons: Counter[str] = Counter()
    for row in rows:
        started = time.perf_counter()
        result = check(row.text)
        timings.append((time.perf_counter() - started) * 1000)
        predictions.append(result.label)
        reasons[result.reason] += 1

    classes = []
    for label in LABELS:
        tp = sum(1 for r, p in zip(rows, predictions, strict=True) if r.label == label == p)
        fp = sum(1 for r, p in zip(rows, predictions, strict=True) if p == label != r.label)
        fn = sum(1 for r, p in zip(rows, predictions, strict=True) if r.label == label != p)
        precision, recall = _safe_div(tp, tp + fp), _safe_div(tp, tp + fn)
        f1 = _safe_div(2 * precision * recall, precision + recall)
        classes.append(ClassFigures(label, tp + fn, precision, recall, f1))

    family_fpr: dict[str, tuple[int, int]] = {}
    for family in dataset.HARD_NEGATIVE_FAMILIES:
        picked = [
            p
            for r, p in zip(rows, predictions, strict=True)
            if r.label == "none" and r.family == family
        ]
        family_fpr[family] = (sum(1 for p in picked if p in RISK_LABELS), len(picked))

    timings.sort()
    return BenchResult(
        rows=len(rows),
        classes=classes,
        family_fpr=family_fpr,
        reasons=dict(reasons),
        p50_ms=statistics.median(timings),
        p95_ms=timings[int(0.95 * (len(timings) - 1))],
        load_ms=load_ms,
        model_kb=MODEL_PATH.stat().st_size // 1024 if MODEL_PATH.exists() else 0,
    )


def render(result: BenchResult, today: date | None = None) -> str:
    today = today or date.today()
    lines = [
        "## Crisis detector (heard.safety)",
        "",
        f"Held-out test split of our own labelled set: {result.rows} texts "
        f"(measured {today.isoformat()}, `heard safety bench`). Targets: recall ≥ 0.95 for "
        f"self_harm and abuse, precision ≥ {PRECISION_TARGET} per risk class, under 5 ms a text.",
        "",
        "| label | support | precision | recall | F1 |",
        "|---|---:|---:|---:|---:|",
    ]
    for c in result.classes:
        lines.append(
            f"| {c.label} | {c.support} | {c.precision:.3f} | {c.recall:.3f} | {c.f1:.3f} |"
        )
    lines += [
        "",
        "Hard negatives flagged as a risk (false-positive rate per family):",
        "",
        "| family | flagged | rows | rate |",
        "|---|---:|---:|---:|",
    ]
    for family, (flagged, total) in result.family_fpr.items():
        lines.append(f"| {family} | {flagged} | {total} | {_safe_div(flagged, total):.3f} |")
    reasons = ", ".join(f"{k} {v}" for k, v in sorted(result.reasons.items()))
    lines += [
        "",
        f"Latency per text: p50 {result.p50_ms:.2f} ms, p95 {result.p95_ms:.2f} ms "
        f"(one CPU thread, model already loaded; loading takes {result.load_ms:.0f} ms once). "
        f"Model file {result.model_kb} KiB. Decided by: {reasons}.",
        "",
        "Caveat: every text in the set was written by us for this purpose, and the test split "
        "shares style with the training split, so these figures are optimistic for real use. "
        "Recall on real crisis language is what matters; treat misses reported by people as "
        "new test rows. The split is fixed by hashing paraphrase groups and thresholds are tuned "
        "by grouped cross-validation on the train split only; but the test split's errors were "
        "read while writing the first round of idiom, cue and guard rules, so it is not pristine. "
        "`no-cue` means no live rule fired and the text held no risk word outside everyday idioms "
        "and negated clauses: either the rules had judged its risky words harmless, or it had "
        "none at all and the model was not sure enough to flag it; "
        "`model-no-cue` means the model flagged such a text over its higher no-cue bar "
        "(self_harm and abuse only, tuned by cross-validation that mimics unseen wording).",
    ]
    return "\n".join(lines)


def write_docs(markdown: str, path: Path = DOCS_PATH) -> None:
    """Replace the text between the safety markers, creating the file or markers if needed."""
    block = f"{START}\n{markdown}\n{END}"
    if path.exists():
        current = path.read_text(encoding="utf-8")
        if START in current and END in current and current.index(START) < current.index(END):
            head, rest = current.split(START, 1)
            _, tail = rest.split(END, 1)
            path.write_text(head + block + tail, encoding="utf-8")
            return
        joiner = "" if current.endswith("\n\n") else ("\n" if current.endswith("\n") else "\n\n")
        path.write_text(current + joiner + block + "\n", encoding="utf-8")
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"# Benchmarks\n\n{block}\n", encoding="utf-8")
