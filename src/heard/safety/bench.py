"""``heard safety bench``: the detector on the frozen blind sets, old model beside new.

The blind sets (``data/blind/``) were written apart from the training rows and are never
trained or tuned on. The old model's figures come from its predictions on the same rows,
frozen in ``docs/baselines/safety-old.json`` (made once by running the detector as it stood at
the commit named there). Latency is measured with encoding included (the encoder's cache is
emptied before each text), on one thread; load time and memory growth in a fresh process.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from heard import nlp
from heard.safety import dataset
from heard.safety.detector import RISK_LABELS, check

START = "<!-- safety:start -->"
END = "<!-- safety:end -->"
ROOT = Path(__file__).resolve().parents[3]
DOCS_PATH = ROOT / "docs" / "benchmarks.md"
BASELINE_PATH = ROOT / "docs" / "baselines" / "safety-old.json"
RECALL_TARGETS = {"self_harm": 0.95, "abuse": 0.95, "harm_to_others": 0.90}
PRECISION_TARGETS = {"self_harm": 0.85, "abuse": 0.85}
HARD_NEGATIVE_TARGET = 0.08
ORDINARY_TARGET = 0.01
P50_TARGET_MS, P95_TARGET_MS = 10.0, 30.0
LOAD_TARGET_S, GROWTH_TARGET_MB = 2.0, 300.0


@dataclass
class SetFigures:
    rows: int
    classes: dict[str, tuple[float, float, int]]  # label -> (precision, recall, support)
    false_alarm: float  # share of none rows flagged as any risk
    none_rows: int
    by_lang: dict[str, tuple[float, int]] = field(default_factory=dict)  # recall, support
    unjudged: float = 0.0


@dataclass
class BenchResult:
    new: dict[str, SetFigures]
    old: dict[str, SetFigures]
    old_commit: str
    p50_ms: float
    p95_ms: float
    load_s: float
    growth_mb: float
    encoder: bool


def figures(
    rows: list[dataset.Row], predicted: list[str], unjudged: list[bool] | None = None
) -> SetFigures:
    classes = {}
    for label in RISK_LABELS:
        tp = sum(r.label == label == p for r, p in zip(rows, predicted, strict=True))
        flagged = sum(p == label for p in predicted)
        support = sum(r.label == label for r in rows)
        classes[label] = (
            tp / flagged if flagged else 0.0,
            tp / support if support else 0.0,
            support,
        )
    none = [p for r, p in zip(rows, predicted, strict=True) if r.label == "none"]
    by_lang: dict[str, tuple[float, int]] = {}
    for lang in sorted({r.lang for r in rows} - {"en"}):
        risky = [
            (r, p)
            for r, p in zip(rows, predicted, strict=True)
            if r.lang == lang and r.label != "none"
        ]
        if risky:
            by_lang[lang] = (sum(r.label == p for r, p in risky) / len(risky), len(risky))
    return SetFigures(
        rows=len(rows),
        classes=classes,
        false_alarm=sum(p in RISK_LABELS for p in none) / len(none) if none else 0.0,
        none_rows=len(none),
        by_lang=by_lang,
        unjudged=(sum(unjudged) / len(unjudged)) if unjudged else 0.0,
    )


def _latency(texts: list[str]) -> tuple[float, float]:
    encoder = nlp.get_encoder()
    timings = []
    for text in texts[:20]:
        check(text)
    for text in texts:
        if encoder is not None:
            with encoder._cache_lock:
                encoder._cache.clear()
        started = time.perf_counter()
        check(text)
        timings.append((time.perf_counter() - started) * 1000)
    return float(np.percentile(timings, 50)), float(np.percentile(timings, 95))


_PROBE = """
import time
def status(field):
    with open("/proc/self/status") as f:
        return int(next(x for x in f if x.startswith(field)).split()[1]) / 1024
before = status("VmRSS")
started = time.perf_counter()
from heard.safety.detector import check
check("warming up the model")
took = time.perf_counter() - started
print(took, status("VmHWM") - before)
"""


def _load_and_growth() -> tuple[float, float]:
    out = subprocess.run(  # noqa: S603 - our own interpreter and code
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True, timeout=120
    )
    took, growth = out.stdout.split()[-2:]
    return float(took), float(growth)


def _old() -> tuple[dict[str, SetFigures], str]:
    if not BASELINE_PATH.exists():
        return {}, ""
    frozen = json.loads(BASELINE_PATH.read_text(encoding="utf-8"))
    out = {}
    for name in dataset.BLIND_SETS:
        rows = [r for r in dataset.load_blind(name) if r.id in frozen["predictions"].get(name, {})]
        if rows:
            out[name] = figures(rows, [frozen["predictions"][name][r.id] for r in rows])
    return out, str(frozen.get("commit", ""))


def run() -> BenchResult:
    new = {}
    texts: list[str] = []
    for name in dataset.BLIND_SETS:
        rows = dataset.load_blind(name)
        if not rows:
            continue
        found = [check(r.text) for r in rows]
        new[name] = figures(rows, [f.label for f in found], [f.unjudged for f in found])
        if name != "multilingual":
            texts.extend(r.text for r in rows)
    old, commit = _old()
    p50, p95 = _latency(texts)
    load_s, growth = _load_and_growth()
    return BenchResult(new, old, commit, p50, p95, load_s, growth, nlp.get_encoder() is not None)


def _mark(ok: bool) -> str:
    return "met" if ok else "**MISSED**"


def render(result: BenchResult, today: date | None = None) -> str:
    today = today or date.today()
    lines = [
        "## Crisis detector (heard.safety)",
        "",
        f"Measured {today.isoformat()} with `heard safety bench` on the frozen blind sets in "
        "`src/heard/safety/data/blind/` (written apart from the training rows, never trained or "
        "tuned on). Old = the keyword-gated model of commit "
        f"`{result.old_commit or 'unknown'}`, new = this one.",
        "",
    ]
    natural_new, natural_old = result.new.get("natural"), result.old.get("natural")
    if natural_new:
        lines += [
            f"**Blind natural set** ({natural_new.rows} texts):",
            "",
            "| class | support | old P | old R | new P | new R | target |",
            "|---|---:|---:|---:|---:|---:|---|",
        ]
        for label in RISK_LABELS:
            p, r, n = natural_new.classes[label]
            op, orr, _ = natural_old.classes[label] if natural_old else (float("nan"),) * 3
            ok = r >= RECALL_TARGETS[label] and p >= PRECISION_TARGETS.get(label, 0.0)
            target = f"R ≥ {RECALL_TARGETS[label]}" + (
                f", P ≥ {PRECISION_TARGETS[label]}" if label in PRECISION_TARGETS else ""
            )
            lines.append(
                f"| {label} | {n} | {op:.3f} | {orr:.3f} | {p:.3f} | {r:.3f} | {target}: {_mark(ok)} |"
            )
        old_fa = f"{natural_old.false_alarm:.3f}" if natural_old else "n/a"
        lines += [
            f"| hard negatives flagged | {natural_new.none_rows} | | {old_fa} | | "
            f"{natural_new.false_alarm:.3f} | ≤ {HARD_NEGATIVE_TARGET}: "
            f"{_mark(natural_new.false_alarm <= HARD_NEGATIVE_TARGET)} |",
            "",
        ]
    ordinary = result.new.get("ordinary")
    if ordinary:
        old = result.old.get("ordinary")
        old_text = f"old {old.false_alarm:.3f}, " if old else ""
        lines += [
            f"**Ordinary Heard text** ({ordinary.rows} messages, none a crisis): flagged "
            f"{old_text}new {ordinary.false_alarm:.3f} (target ≤ {ORDINARY_TARGET}: "
            f"{_mark(ordinary.false_alarm <= ORDINARY_TARGET)}).",
            "",
        ]
    multi = result.new.get("multilingual")
    if multi:
        langs = ", ".join(f"{lang} {r:.2f} of {n}" for lang, (r, n) in multi.by_lang.items())
        lines += [
            f"**Other languages** ({multi.rows} texts; explicit self-harm intent recall: {langs}). "
            "The encoder reads English only, so these are judged by the explicit-statement rules "
            "and the words head. A text the detector recognises as another language is marked "
            f"unjudged and its writer still gets a quiet link to Help: {multi.unjudged:.0%} of "
            "these texts.",
            "",
        ]
    lines += [
        f"**Cost**, encoding included, one thread: p50 {result.p50_ms:.1f} ms "
        f"({_mark(result.p50_ms <= P50_TARGET_MS)} ≤ {P50_TARGET_MS:.0f}), p95 {result.p95_ms:.1f} ms "
        f"({_mark(result.p95_ms <= P95_TARGET_MS)} ≤ {P95_TARGET_MS:.0f}); load {result.load_s:.2f} s "
        f"({_mark(result.load_s <= LOAD_TARGET_S)} ≤ {LOAD_TARGET_S:.0f}); process growth "
        f"{result.growth_mb:.0f} MB ({_mark(result.growth_mb <= GROWTH_TARGET_MB)} ≤ "
        f"{GROWTH_TARGET_MB:.0f}). Encoder {'on' if result.encoder else 'OFF'}.",
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
