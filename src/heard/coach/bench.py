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

REPO = Path(__file__).resolve().parents[3]
DOC = REPO / "docs" / "benchmarks.md"
START, END = "<!-- coach:start -->", "<!-- coach:end -->"
HELD_OUT_SHARE = 0.2

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
# ESConv strategy -> our label (only for the opt-in `train --with-esconv`).
ESCONV_TO_LABEL = {
    "Question": "question",
    "Restatement or Paraphrasing": "reflection",
    "Reflection of feelings": "feeling",
    "Self-disclosure": "self_disclosure",
    "Affirmation and Reassurance": "validation",
    "Providing Suggestions": "advice",
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


# ---------------------------------------------------------------- our corpus
def bench_corpus(quick: bool) -> dict[str, Any]:
    from heard.coach.train import annomi_rows, corpus_rows, fit

    rows = corpus_rows()
    train_rows = [r for r in rows if not held_out(r.group)]
    test_rows = [r for r in rows if held_out(r.group)]
    model = fit(train_rows + annomi_rows(), progress=not quick, log=lambda *_: None)
    y = np.array([[k in r.labels for k in LABELS] for r in test_rows])
    p = np.array([[k in _predict(model, r.reply, r.share)[1] for k in LABELS] for r in test_rows])
    per = {k: _f1(y[:, j], p[:, j]) for j, k in enumerate(LABELS)}
    groups = sorted({r.group for r in test_rows})
    return {
        "rows": len(test_rows),
        "groups": len(groups),
        "train_rows": len(train_rows),
        "macro_f1": float(np.mean(list(per.values()))),
        "per_label": per,
    }


# ---------------------------------------------------------------- ESConv
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


def esconv_class(model: Any, reply: str, share: str | None) -> str:
    probs, found = _predict(model, reply, share)
    mapped = [k for k in found if k in LABEL_TO_ESCONV]
    if mapped:
        j = max(mapped, key=lambda k: probs[LABELS.index(k)] / model.thresholds[LABELS.index(k)])
        return LABEL_TO_ESCONV[j]
    if len(re.findall(r"[A-Za-z']+", reply)) >= INFORMATION_MIN_WORDS and "advice" not in found:
        return "Information"
    return "Others"


def bench_esconv(model: Any, data: Path, quick: bool) -> dict[str, Any] | None:
    path = data / "esconv" / "test.jsonl"
    if not path.exists():
        return None
    turns = list(esconv_turns(path))
    if quick:
        turns = turns[::4]
    gold = np.array([t[3] for t in turns])
    pred = np.array([esconv_class(model, t[2], t[1]) for t in turns])
    per = {c: _f1(gold == c, pred == c) for c in ESCONV_CLASSES}
    return {
        "turns": len(turns),
        "macro_f1": float(np.mean(list(per.values()))),
        "accuracy": float(np.mean(gold == pred)),
        "per_class": per,
    }


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
    return out


# ---------------------------------------------------------------- speed and memory
_PROBE = """
import json, resource, time
t0 = time.perf_counter()
import heard.coach as coach
from heard.coach.model import get_model
get_model()
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
    times = []
    for reply, share in replies:
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


def render(r: dict[str, Any]) -> str:
    c = r["corpus"]
    lines = [
        START,
        "## Listening coach",
        "",
        f"Measured with `heard coach bench{' --quick' if r['quick'] else ''}` on {r['when']} "
        f"({r['machine']}). Model: {r['model']}.",
        "",
        "### Our corpus, held-out scenarios",
        "",
        f"Trained on {c['train_rows']} corpus rows + AnnoMI, tested on {c['rows']} rows from "
        f"{c['groups']} held-out scenario groups (split by group, never by row). The corpus is "
        "composed from hand-written fragments, so these figures are optimistic; ESConv and "
        "EPITOME below are the honest test.",
        "",
        f"**macro-F1 {c['macro_f1']:.3f}**",
        "",
        "| label | F1 |",
        "|---|---|",
        *[f"| {k} | {v:.3f} |" for k, v in c["per_label"].items()],
        "",
    ]
    e = r.get("esconv")
    if e:
        lines += [
            "### ESConv test (never trained on)",
            "",
            "Mapping (one class per reply: the mapped label above its threshold with the highest "
            "probability/threshold ratio): Question ← question; Restatement or Paraphrasing ← "
            "reflection; Reflection of feelings ← feeling; Self-disclosure ← self_disclosure; "
            "Affirmation and Reassurance ← validation or support; Providing Suggestions ← advice; "
            f"Information ← no mapped label and at least {INFORMATION_MIN_WORDS} words; "
            "Others ← no mapped label and a shorter reply.",
            "",
            f"**macro-F1 {e['macro_f1']:.3f}** over 8 classes (target ≥ 0.55: "
            f"{_ok(e['macro_f1'] >= 0.55)}; in-domain TF-IDF baseline from the issue 0.47), "
            f"accuracy {e['accuracy']:.3f}, {e['turns']} supporter turns.",
            "",
            "| strategy | F1 |",
            "|---|---|",
            *[f"| {k} | {v:.3f} |" for k, v in e["per_class"].items()],
            "",
        ]
    ep = r.get("epitome")
    if ep:
        lines += [
            "### EPITOME, Reddit (never trained on)",
            "",
            "Score = the highest probability among the mapped labels; positive = level 1 or 2.",
            "",
            "| scale | our labels | pairs | AUC | F1 (any mapped label) | Spearman |",
            "|---|---|---|---|---|---|",
            *[
                f"| {k} | {', '.join(v['labels'])} | {v['pairs']} | {v['auc']:.3f} | "
                f"{v['f1']:.3f} | {v['spearman']:.3f} |"
                for k, v in ep.items()
            ],
            "",
        ]
    s = r["speed"]
    lines += [
        "### Speed and memory (one thread)",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        f"| latency p50 per reply | {s['p50_ms']:.2f} ms | ≤ 5 ms | {_ok(s['p50_ms'] <= 5)} |",
        f"| latency p95 per reply | {s['p95_ms']:.2f} ms | ≤ 20 ms | {_ok(s['p95_ms'] <= 20)} |",
        f"| batch throughput | {s['throughput']:.0f} replies/s | | |",
        f"| load time (import + model) | {s['load_s'] * 1000:.0f} ms | ≤ 1 s | "
        f"{_ok(s['load_s'] <= 1)} |",
        f"| peak memory (load + analyze) | {s['peak_mb']:.0f} MB (bare Python "
        f"{s['python_mb']:.0f} MB) | ≤ 300 MB | {_ok(s['peak_mb'] <= 300)} |",
        "",
        f"Latency over {s['replies']} ESConv/corpus replies, full `analyze()` including messages.",
        "",
        "No sentence embedding: the PyPI packages that carry a small ONNX encoder "
        "(all-MiniLM-L6-v2 int8, paraphrase-MiniLM-L3) ship no tokenizer vocabulary, need "
        "onnxruntime; we estimate (not measured) that a 6-layer encoder alone would take "
        "most of the 5 ms p50 budget on one core. The model is TF-IDF word 1-2 grams + "
        "char 3-5 grams + rule and (share, reply) pair features, one calibrated logistic "
        "regression per label, exported to numpy.",
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
    print("held-out corpus: training a model without the held-out groups…", flush=True)
    result: dict[str, Any] = {"quick": quick, "corpus": bench_corpus(quick)}
    print("ESConv test…", flush=True)
    result["esconv"] = bench_esconv(model, data, quick)
    print("EPITOME…", flush=True)
    result["epitome"] = bench_epitome(model, data, quick)
    replies: list[tuple[str, str | None]] = []
    path = data / "esconv" / "test.jsonl"
    if path.exists():
        replies = [(t[2], t[1]) for t in esconv_turns(path)]
    from heard.coach.train import corpus_rows

    replies += [(r.reply, r.share) for r in corpus_rows()]
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
