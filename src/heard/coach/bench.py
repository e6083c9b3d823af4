"""``heard coach bench``: quality on our held-out corpus, ESConv and EPITOME (evaluation only,
read from ../shared/data, never trained on), and speed, load time and memory."""

from __future__ import annotations

import csv
import json
import os
import re
import subprocess
import sys
import time
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from heard.coach.labels import LABELS
from heard.coach.text import clean

# ESConv (evaluation only, research licence): read from ../shared/data at bench time, never
# shipped and never trained on.
ESCONV_CLASSES = (
    "Question",
    "Restatement or Paraphrasing",
    "Reflection of feelings",
    "Self-disclosure",
    "Affirmation and Reassurance",
    "Providing Suggestions",
    "Information",
    "Others",
)


def esconv_turns(path: Path) -> Iterator[tuple[int, str | None, str, str]]:
    """(conversation index, what the seeker said since the last reply, reply, strategy)."""
    with path.open(encoding="utf-8") as handle:
        for conv_id, line in enumerate(handle):
            conv = json.loads(line)
            pending: list[str] = []
            for turn in conv["dialog"]:
                if turn["speaker"] == "usr":
                    pending.append(turn["text"])
                    continue
                text = clean(turn["text"]).strip()
                if text and turn.get("strategy") in ESCONV_CLASSES:
                    yield conv_id, clean(" ".join(pending)) or None, text, turn["strategy"]
                pending = []


REPO = Path(__file__).resolve().parents[3]
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- coach:start -->", "<!-- coach:end -->"
HELD_OUT_SHARE = 0.2

# Our label -> ESConv strategy (used to pick one class per reply).
LABEL_TO_ESCONV = {
    "question": "Question",
    "reflection": "Restatement or Paraphrasing",
    "feeling": "Reflection of feelings",
    "self_disclosure": "Self-disclosure",
    "validation": "Affirmation and Reassurance",
    "support": "Affirmation and Reassurance",
    "advice": "Providing Suggestions",
}
INFORMATION_MIN_WORDS = 10
EPITOME = {
    "emotional-reactions": ("feeling", "support", "validation"),
    "interpretations": ("reflection", "feeling", "self_disclosure"),
    "explorations": ("question",),
}


def held_out(group: str) -> bool:
    return (zlib.crc32(group.encode()) % 1000) / 1000 < HELD_OUT_SHARE


def _f1(y: np.ndarray, p: np.ndarray) -> float:
    tp = float(np.sum(y & p))
    denom = float(np.sum(y) + np.sum(p))
    return 2 * tp / denom if denom else 0.0


def auc(y: np.ndarray, s: np.ndarray) -> float:
    order = np.argsort(s, kind="mergesort")
    ranks = np.empty(len(s))
    ranks[order] = np.arange(1, len(s) + 1)
    # average ranks of ties
    _, inv, counts = np.unique(s, return_inverse=True, return_counts=True)
    sums = np.zeros(len(counts))
    np.add.at(sums, inv, ranks)
    ranks = (sums / counts)[inv]
    pos = int(y.sum())
    neg = len(y) - pos
    if not pos or not neg:
        return float("nan")
    return float((ranks[y].sum() - pos * (pos + 1) / 2) / (pos * neg))


def spearman(a: np.ndarray, b: np.ndarray) -> float:
    def rank(x: np.ndarray) -> np.ndarray:
        _, inv, counts = np.unique(x, return_inverse=True, return_counts=True)
        order = np.argsort(x, kind="mergesort")
        r = np.empty(len(x))
        r[order] = np.arange(len(x))
        sums = np.zeros(len(counts))
        np.add.at(sums, inv, r)
        return (sums / counts)[inv]

    return float(np.corrcoef(rank(a), rank(b))[0, 1])


def _predict(model: Any, reply: str, share: str | None) -> tuple[np.ndarray, list[str]]:
    from heard.coach.analyze import probabilities

    probs, _ = probabilities(model, reply, share)
    found = [k for j, k in enumerate(LABELS) if probs[j] >= model.thresholds[j]]
    return probs, found


# ---------------------------------------------------------------- the frozen blind set
BLIND_FILE = Path(__file__).resolve().parent / "data" / "blind" / "replies.jsonl"
BASELINE_FILE = REPO / "docs" / "baselines" / "coach-old.json"
HURTFUL = ("invalidation", "blame", "contempt", "defensiveness", "deflection")


def blind_rows(path: Path = BLIND_FILE) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


def blind_figures(
    rows: list[dict[str, Any]], predicted: list[tuple[list[str], str]]
) -> dict[str, Any]:
    y = np.array([[k in r["labels"] for k in LABELS] for r in rows])
    p = np.array([[k in labels for k in LABELS] for labels, _ in predicted])
    per = {k: _f1(y[:, j], p[:, j]) for j, k in enumerate(LABELS)}
    primary = float(
        np.mean([r["primary"] == prim for r, (_, prim) in zip(rows, predicted, strict=True)])
    )
    return {
        "rows": len(rows),
        "macro_f1": float(np.mean(list(per.values()))),
        "per_label": per,
        "primary": primary,
        "no_label_on_habit": float(
            np.mean(
                [
                    not labels
                    for r, (labels, _) in zip(rows, predicted, strict=True)
                    if set(r["labels"]) & set(HURTFUL)
                ]
            )
        ),
    }


def bench_blind() -> dict[str, Any] | None:
    from heard.coach.analyze import analyze

    rows = blind_rows()
    if not rows:
        return None
    predicted = []
    for r in rows:
        fb = analyze(r["reply"], share=r.get("share"), need=r.get("need"))
        predicted.append((list(fb.labels), fb.primary))
    out = {"new": blind_figures(rows, predicted)}
    old = _baseline()
    if old.get("blind"):
        kept = [r for r in rows if r["id"] in old["blind"]]
        out["old"] = blind_figures(
            kept,
            [(old["blind"][r["id"]]["labels"], old["blind"][r["id"]]["primary"]) for r in kept],
        )
    return out


def _baseline() -> dict[str, Any]:
    if not BASELINE_FILE.exists():
        return {}
    return json.loads(BASELINE_FILE.read_text(encoding="utf-8"))


# ---------------------------------------------------------------- ESConv
def esconv_class(model: Any, reply: str, share: str | None) -> str:
    probs, found = _predict(model, reply, share)
    mapped = [k for k in found if k in LABEL_TO_ESCONV]
    if mapped:
        j = max(mapped, key=lambda k: probs[LABELS.index(k)] / model.thresholds[LABELS.index(k)])
        return LABEL_TO_ESCONV[j]
    if len(re.findall(r"[A-Za-z']+", reply)) >= INFORMATION_MIN_WORDS and "advice" not in found:
        return "Information"
    return "Others"


# The 7 coarse classes merge the two ways of saying back what was heard.
COARSE = {
    "Restatement or Paraphrasing": "Restatement or Reflection",
    "Reflection of feelings": "Restatement or Reflection",
}


def esconv_scores(gold: np.ndarray, pred: np.ndarray) -> dict[str, Any]:
    per = {c: _f1(gold == c, pred == c) for c in ESCONV_CLASSES}
    cg = np.array([COARSE.get(g, g) for g in gold])
    cp = np.array([COARSE.get(x, x) for x in pred])
    coarse = {c: _f1(cg == c, cp == c) for c in sorted(set(cg))}
    return {
        "turns": len(gold),
        "macro_f1": float(np.mean(list(per.values()))),
        "macro_f1_7": float(np.mean(list(coarse.values()))),
        "accuracy": float(np.mean(gold == pred)),
        "per_class": per,
    }


def bench_esconv(model: Any, data: Path, quick: bool) -> dict[str, Any] | None:
    path = data / "esconv" / "test.jsonl"
    if not path.exists():
        return None
    turns = list(esconv_turns(path))
    step = 4 if quick else 1
    turns = turns[::step]
    gold = np.array([t[3] for t in turns])
    pred = np.array([esconv_class(model, t[2], t[1]) for t in turns])
    out = {"new": esconv_scores(gold, pred)}
    old = _baseline().get("esconv")
    if old:
        out["old"] = esconv_scores(gold, np.array(old[::step]))
    return out


# ---------------------------------------------------------------- EPITOME
def bench_epitome(model: Any, data: Path, quick: bool) -> dict[str, Any] | None:
    out: dict[str, Any] = {}
    for name, labels in EPITOME.items():
        path = data / "epitome" / f"{name}-reddit.csv"
        if not path.exists():
            return None
        with path.open(encoding="utf-8") as handle:
            rows = list(csv.DictReader(handle))
        if quick:
            rows = rows[::4]
        idx = [LABELS.index(k) for k in labels]
        levels, scores, hits = [], [], []
        for r in rows:
            reply = clean(r["response_post"]).strip()[:5000]
            if not reply:
                continue
            probs, found = _predict(model, reply, clean(r["seeker_post"])[:5000])
            levels.append(int(r["level"]))
            scores.append(float(max(probs[i] for i in idx)))
            hits.append(any(k in found for k in labels))
        lv = np.array(levels)
        sc = np.array(scores)
        out[name] = {
            "labels": list(labels),
            "pairs": len(lv),
            "auc": auc(lv > 0, sc),
            "f1": _f1(lv > 0, np.array(hits)),
            "spearman": spearman(lv.astype(float), sc),
        }
        old = _baseline().get("epitome", {}).get(name)
        if old and not quick:
            pairs = [(int(r["level"]), o) for r, o in zip(rows, old, strict=True) if o is not None]
            out[name]["old_auc"] = auc(
                np.array([lv_ > 0 for lv_, _ in pairs]), np.array([o for _, o in pairs])
            )
    return out


# ---------------------------------------------------------------- speed and memory
_PROBE = """
import json, resource, time
t0 = time.perf_counter()
import heard.coach as coach
from heard.coach.model import get_model
from heard import nlp
get_model()
nlp.get_encoder()
t1 = time.perf_counter()
coach.analyze("I'm so sorry, that sounds exhausting. What happened?", share="Long day.")
hwm = [x for x in open("/proc/self/status") if x.startswith("VmHWM")]
rss = int(hwm[0].split()[1]) if hwm else resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"load_s": t1 - t0, "peak_mb": rss / 1024}))
"""
_BARE = (
    "print(int([x for x in open('/proc/self/status') if x.startswith('VmHWM')][0].split()[1])"
    " / 1024)"
)


def bench_speed(replies: list[tuple[str, str | None]]) -> dict[str, Any]:
    from heard.coach import analyze
    from heard.coach.model import get_model

    env = {
        **os.environ,
        "OMP_NUM_THREADS": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    loads = []
    for _ in range(3):
        done = subprocess.run(  # noqa: S603
            [sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, check=True
        )
        loads.append(json.loads(done.stdout.strip().splitlines()[-1]))
    bare = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _BARE], capture_output=True, text=True, check=True
    )
    get_model()
    for reply, share in replies[:50]:  # warm up
        analyze(reply, share=share)
    from heard import nlp

    encoder = nlp.get_encoder()
    times = []
    for reply, share in replies:
        if encoder is not None:
            with encoder._cache_lock:
                encoder._cache.clear()
        t = time.perf_counter()
        analyze(reply, share=share)
        times.append(time.perf_counter() - t)
    ms = np.array(times) * 1000
    t = time.perf_counter()
    for reply, share in replies:
        analyze(reply, share=share)
    throughput = len(replies) / (time.perf_counter() - t)
    return {
        "replies": len(replies),
        "p50_ms": float(np.percentile(ms, 50)),
        "p95_ms": float(np.percentile(ms, 95)),
        "max_ms": float(ms.max()),
        "throughput": throughput,
        "load_s": float(np.median([x["load_s"] for x in loads])),
        "peak_mb": float(max(x["peak_mb"] for x in loads)),
        "python_mb": float(bare.stdout.strip()),
    }


# ---------------------------------------------------------------- report
def _ok(flag: bool) -> str:
    return "met" if flag else "**not met**"


def _pair(new: float, old: float | None) -> str:
    return f"{old:.3f} | {new:.3f}" if old is not None else f"n/a | {new:.3f}"


def render(r: dict[str, Any]) -> str:
    lines = [
        START,
        "## Listening coach",
        "",
        f"Measured with `heard coach bench{' --quick' if r['quick'] else ''}` on {r['when']} "
        f"({r['machine']}). Model: {r['model']}. Old = the model of commit "
        f"`{r.get('old_commit') or 'unknown'}` (its predictions frozen in "
        "`docs/baselines/coach-old.json`), new = this one.",
        "",
    ]
    b = r.get("blind")
    if b:
        new, old = b["new"], b.get("old") or {}
        habits_ok = all(new["per_label"][k] >= 0.70 for k in HURTFUL)
        lines += [
            f"### Frozen blind set ({new['rows']} replies, written apart from the training rows)",
            "",
            "| measure | old | new | target |",
            "|---|---:|---:|---|",
            f"| multi-label macro-F1 (12 labels) | {_pair(new['macro_f1'], old.get('macro_f1'))} | "
            f"≥ 0.80: {_ok(new['macro_f1'] >= 0.80)} |",
            f"| primary label right | {_pair(new['primary'], old.get('primary'))} | "
            f"≥ 0.70: {_ok(new['primary'] >= 0.70)} |",
            f"| hurtful replies given no label at all | "
            f"{_pair(new['no_label_on_habit'], old.get('no_label_on_habit'))} | |",
            *[
                f"| F1 {k}{' (hurtful habit, ≥ 0.70)' if k in HURTFUL else ''} | "
                f"{_pair(v, (old.get('per_label') or {}).get(k))} | "
                f"{_ok(v >= 0.70) if k in HURTFUL else ''} |"
                for k, v in new["per_label"].items()
            ],
            "",
            f"Every hurtful habit at F1 ≥ 0.70: {_ok(habits_ok)}.",
            "",
        ]
    e = r.get("esconv")
    if e:
        new, old = e["new"], e.get("old") or {}
        lines += [
            "### ESConv test (never trained on)",
            "",
            "One class per reply: the mapped label above its threshold with the highest "
            "probability/threshold ratio (Question ← question; Restatement ← reflection; "
            "Reflection of feelings ← feeling; Self-disclosure ← self_disclosure; Affirmation and "
            "Reassurance ← validation or support; Providing Suggestions ← advice; Information ← "
            f"no mapped label and at least {INFORMATION_MIN_WORDS} words; Others ← the rest). The "
            "7 coarse classes merge Restatement and Reflection of feelings.",
            "",
            "| measure | old | new | target |",
            "|---|---:|---:|---|",
            f"| macro-F1, 7 coarse classes | {_pair(new['macro_f1_7'], old.get('macro_f1_7'))} | "
            f"≥ 0.50: {_ok(new['macro_f1_7'] >= 0.50)} |",
            f"| macro-F1, 8 classes | {_pair(new['macro_f1'], old.get('macro_f1'))} | |",
            f"| accuracy | {_pair(new['accuracy'], old.get('accuracy'))} | |",
            "",
            f"{new['turns']} supporter turns.",
            "",
        ]
    ep = r.get("epitome")
    if ep:
        lines += [
            "### EPITOME, Reddit (never trained on)",
            "",
            "Score = the highest probability among the mapped labels; positive = level 1 or 2.",
            "",
            "| scale | our labels | pairs | old AUC | new AUC | F1 (any mapped label) |",
            "|---|---|---|---|---|---|",
            *[
                f"| {k} | {', '.join(v['labels'])} | {v['pairs']} | "
                f"{v['old_auc']:.3f} | {v['auc']:.3f} | {v['f1']:.3f} |"
                if "old_auc" in v
                else f"| {k} | {', '.join(v['labels'])} | {v['pairs']} | n/a | {v['auc']:.3f} | {v['f1']:.3f} |"
                for k, v in ep.items()
            ],
            "",
        ]
    s = r["speed"]
    lines += [
        "### Speed and memory (one thread, encoder included)",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        f"| latency p50 per reply | {s['p50_ms']:.2f} ms | ≤ 5 ms | {_ok(s['p50_ms'] <= 5)} |",
        f"| latency p95 per reply | {s['p95_ms']:.2f} ms | ≤ 20 ms | {_ok(s['p95_ms'] <= 20)} |",
        f"| batch throughput | {s['throughput']:.0f} replies/s | | |",
        f"| load time (import + model + encoder) | {s['load_s'] * 1000:.0f} ms | ≤ 2 s | "
        f"{_ok(s['load_s'] <= 2)} |",
        f"| peak memory (load + analyze) | {s['peak_mb']:.0f} MB (bare Python "
        f"{s['python_mb']:.0f} MB) | ≤ 400 MB | {_ok(s['peak_mb'] <= 400)} |",
        "",
        f"Latency over {s['replies']} ESConv and blind-set replies, full `analyze()` including "
        "messages, with the encoder's cache emptied before each reply.",
        "",
        "The model: TF-IDF word 1-2 grams + char 3-5 grams + rule and (share, reply) pair "
        "features + the shared encoder (`heard.nlp`, all-MiniLM-L6-v2 int8) on the reply and on "
        "the (share, reply) product; one calibrated logistic regression per label, exported to "
        "numpy. Trained on our natural rows, a capped share of the older slot-built corpus, and "
        "AnnoMI; thresholds from cross-validation grouped by writing batch.",
        END,
    ]
    return "\n".join(lines) + "\n"


def write_doc(section: str, path: Path = DOC) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    current = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if START in current and END in current:
        before, rest = current.split(START, 1)
        after = rest.split(END, 1)[1]
        new = before + section.rstrip("\n") + after
    else:
        new = current.rstrip("\n") + "\n\n" + section
    path.write_text(new, encoding="utf-8")


def run(*, quick: bool = False, data: Path | None = None, write: bool = True) -> dict[str, Any]:
    import platform

    from heard.coach.model import MODEL_FILE, get_model
    from heard.coach.train import SHARED_DATA

    data = data or SHARED_DATA
    started = time.time()
    model = get_model()
    print("frozen blind set…", flush=True)
    result: dict[str, Any] = {"quick": quick, "blind": bench_blind()}
    result["old_commit"] = _baseline().get("commit", "")
    print("ESConv test…", flush=True)
    result["esconv"] = bench_esconv(model, data, quick)
    print("EPITOME…", flush=True)
    result["epitome"] = bench_epitome(model, data, quick)
    replies: list[tuple[str, str | None]] = []
    path = data / "esconv" / "test.jsonl"
    if path.exists():
        replies = [(t[2], t[1]) for t in esconv_turns(path)]
    replies += [(r["reply"], r.get("share")) for r in blind_rows()]
    replies = replies[:: (8 if quick else 2)][:2000]
    print("speed…", flush=True)
    result["speed"] = bench_speed(replies)
    result["when"] = time.strftime("%Y-%m-%d")
    result["machine"] = (
        f"{platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"
    )
    size = MODEL_FILE.stat().st_size / 1e6
    result["model"] = f"data/model.npz, {size:.1f} MB, trained on {model.meta.get('trained_on')}"
    result["seconds"] = round(time.time() - started, 1)
    section = render(result)
    print(section)
    if write:
        write_doc(section)
        print(f"written to {DOC} ({result['seconds']} s)")
    return result
