"""Training (scikit-learn is imported here only, never at inference time).

Default data: our own corpus (``data/corpus.jsonl``) plus AnnoMI therapist utterances
(public domain; question, reflection and advice only, the labels AnnoMI annotates).
"""

from __future__ import annotations

import csv
import json
import math
import time
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from heard.coach import corpus
from heard.coach.features import DENSE_NAMES, Featurizer, char_terms, word_terms
from heard.coach.labels import LABELS
from heard.coach.model import MODEL_FILE, Model
from heard.coach.text import clean, words

SHARED_DATA = Path(__file__).resolve().parents[3].parent / "shared" / "data"
WORD_MIN_DF = 2
CHAR_MIN_DF = 3
CHAR_MAX_FEATURES = 60000
# Grouped CV on 10,789 natural rows: C 2 macro-F1 0.776, primary 0.716; C 4 0.778, 0.720.
C_VALUE = 4.0
ANNOMI_WEIGHT = 0.3
# Hand-written exchanges (data/conversations.txt) read like real replies; the templated rows
# repeat fragments, so each natural row counts for more.
CONVERSATION_WEIGHT = 3.0
FOLDS = 4
PRIMARY_C = 0.1  # the primary-label ranker: few features, strong regularisation
ANNOMI_LABELS = ("question", "reflection", "advice")


@dataclass
class Row:
    reply: str
    share: str | None
    group: str
    labels: set[str]
    known: set[str] = field(default_factory=lambda: set(LABELS))  # labels this row speaks to
    weight: float = 1.0
    source: str = "corpus"
    primary: str | None = None  # natural rows: the label the feedback should lead with
    need: str | None = None


NATURAL_DIR = Path(__file__).resolve().parent / "data" / "natural"
TEMPLATE_SHARE = 0.25  # slot-built corpus rows: at most this share of the training rows


def natural_rows(directory: Path = NATURAL_DIR) -> list[Row]:
    """Replies written whole, each to a share written whole (``data/natural/*.jsonl``)."""
    rows: list[Row] = []
    seen: set[tuple[str, str]] = set()
    for path in sorted(directory.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            r = json.loads(line)
            labels = set(r.get("labels") or [])
            unknown = labels - set(LABELS)
            if unknown or not str(r.get("reply") or "").strip():
                raise ValueError(f"{path.name}:{number}: bad row (labels {sorted(unknown)})")
            key = (str(r.get("share") or "").strip().lower(), str(r["reply"]).strip().lower())
            if key in seen:
                continue
            seen.add(key)
            rows.append(
                Row(
                    clean(str(r["reply"])),
                    clean(str(r["share"])) if r.get("share") else None,
                    f"{path.stem}-{r.get('batch') or r.get('share_id') or number}",
                    labels,
                    source="natural",
                    primary=str(r.get("primary") or "none"),
                    need=r.get("need") or None,
                )
            )
    return rows


def capped_corpus_rows(natural: int, annomi: int) -> list[Row]:
    """Our older slot-built corpus, cut so it is at most ``TEMPLATE_SHARE`` of training rows.
    Whole groups are kept or dropped (by a stable hash), so no template is half in."""
    rows = corpus_rows()
    limit = int(TEMPLATE_SHARE / (1 - TEMPLATE_SHARE) * (natural + annomi))
    if len(rows) <= limit:
        return rows
    order = sorted({r.group for r in rows}, key=lambda g: zlib.crc32(g.encode()))
    kept: list[Row] = []
    by_group: dict[str, list[Row]] = {}
    for row in rows:
        by_group.setdefault(row.group, []).append(row)
    for group in order:
        if len(kept) + len(by_group[group]) > limit:
            continue
        kept.extend(by_group[group])
    return kept


def training_rows() -> list[Row]:
    natural = natural_rows()
    annomi = annomi_rows()
    return natural + capped_corpus_rows(len(natural), len(annomi)) + annomi


def corpus_rows(path: Path = corpus.CORPUS_FILE) -> list[Row]:
    return [
        Row(
            clean(str(r["reply"])),
            clean(str(r["share"])) if r.get("share") else None,
            str(r["group"]),
            set(r["labels"]),
            weight=CONVERSATION_WEIGHT if str(r["group"]).startswith("conv-") else 1.0,
        )
        for r in corpus.load(path)
    ]


def annomi_rows(data_dir: Path = SHARED_DATA) -> list[Row]:
    """Therapist utterances of high-quality AnnoMI sessions (first annotator per utterance)."""
    path = data_dir / "annomi" / "AnnoMI-full.csv"
    if not path.exists():
        return []
    rows: list[Row] = []
    seen: set[tuple[str, str]] = set()
    last_client: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for r in csv.DictReader(handle):
            key = (r["transcript_id"], r["utterance_id"])
            if r["interlocutor"] == "client":
                last_client[r["transcript_id"]] = r["utterance_text"]
                continue
            if key in seen or r["mi_quality"] != "high":
                continue
            seen.add(key)
            text = clean(r["utterance_text"]).strip()
            if len(words(text)) < 2:
                continue
            labels = set()
            if r["question_exists"] == "True":
                labels.add("question")
            if r["reflection_exists"] == "True":
                labels.add("reflection")
            subtype = r["therapist_input_subtype"]
            if subtype in {"advice", "options"}:
                labels.add("advice")
            known = {"question", "reflection"}
            if subtype in {"advice", "options", "n/a"}:
                known.add("advice")  # information/negotiation: unclear, leave out for advice
            rows.append(
                Row(
                    text,
                    clean(last_client.get(r["transcript_id"], "")) or None,
                    f"annomi-{r['transcript_id']}",
                    labels,
                    known,
                    ANNOMI_WEIGHT,
                    "annomi",
                )
            )
    return rows


def build_featurizer(rows: Sequence[Row], encoder: bool = True) -> Featurizer:
    n = len(rows)
    wdf: Counter[str] = Counter()
    cdf: Counter[str] = Counter()
    for row in rows:
        wdf.update(set(word_terms(words(row.reply))))
        cdf.update(set(char_terms(row.reply)))
    wterms = sorted(t for t, c in wdf.items() if c >= WORD_MIN_DF)
    cterms = [t for t, c in cdf.most_common() if c >= CHAR_MIN_DF][:CHAR_MAX_FEATURES]
    cterms.sort()

    def idf(terms: list[str], df: Counter[str]) -> np.ndarray:
        return np.array([math.log((1 + n) / (1 + df[t])) + 1.0 for t in terms], dtype=np.float32)

    from heard import nlp

    return Featurizer(
        {t: i for i, t in enumerate(wterms)},
        idf(wterms, wdf),
        {t: i for i, t in enumerate(cterms)},
        idf(cterms, cdf),
        2 * nlp.DIM if encoder and nlp.get_encoder() is not None else 0,
    )


def row_vectors(featurizer: Featurizer, rows: Sequence[Row]) -> list[Any]:
    """The encoder's (reply, share) vectors for every row, encoded in batches."""
    from heard import nlp

    encoder = nlp.get_encoder() if featurizer.encoder_dims else None
    if encoder is None:
        return [None] * len(rows)
    replies = encoder.encode([r.reply for r in rows])
    shares_text = sorted({r.share for r in rows if r.share})
    share_index = {text: i for i, text in enumerate(shares_text)}
    shares = encoder.encode(shares_text) if shares_text else np.zeros((0, nlp.DIM))
    zero = np.zeros(nlp.DIM, dtype=np.float32)
    return [
        (replies[i], shares[share_index[r.share]] if r.share else zero) for i, r in enumerate(rows)
    ]


def matrix(featurizer: Featurizer, rows: Sequence[Row], progress: Any = None) -> Any:
    from scipy import sparse

    indptr = [0]
    indices: list[np.ndarray] = []
    data: list[np.ndarray] = []
    for row, vectors in zip(rows, row_vectors(featurizer, rows), strict=True):
        idx, val = featurizer.transform(row.reply, row.share, vectors)
        indices.append(idx)
        data.append(val)
        indptr.append(indptr[-1] + idx.size)
        if progress is not None:
            progress.update(1)
    return sparse.csr_matrix(
        (np.concatenate(data), np.concatenate(indices), np.array(indptr)),
        shape=(len(rows), featurizer.n_features),
    )


def _best_threshold(y: np.ndarray, p: np.ndarray) -> float:
    best, best_f1 = 0.5, -1.0
    for t in np.arange(0.2, 0.81, 0.025):
        pred = p >= t
        tp = float(np.sum(pred & (y == 1)))
        f1 = 2 * tp / max(1.0, float(pred.sum() + y.sum()))
        if f1 > best_f1 + 1e-9:
            best, best_f1 = float(t), f1
    return best


def fit_primary(features: np.ndarray, primaries: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """The primary-label ranker: a multinomial model from log(probability / threshold) per
    label (see :func:`heard.coach.analyze.primary_features`) to the label a person chose to
    lead with. Rows whose primary is none teach it nothing (with no label found there is
    nothing to rank). Returns (weights, bias) over LABELS; a label never seen gets -inf-ish."""
    from sklearn.linear_model import LogisticRegression

    keep = np.array([p in LABELS for p in primaries])
    y = np.array([LABELS.index(p) for p, k in zip(primaries, keep, strict=True) if k])
    weights = np.zeros((len(LABELS), len(LABELS)))
    bias = np.full(len(LABELS), -1e4)
    if len(set(y.tolist())) < 2:
        if y.size:
            bias[y[0]] = 0.0
        return weights, bias
    clf = LogisticRegression(C=PRIMARY_C, max_iter=2000)
    clf.fit(features[keep], y)
    if len(clf.classes_) == 2:  # binary: one row of coefficients, for the second class
        weights[clf.classes_[1]] = clf.coef_[0]
        bias[clf.classes_] = (0.0, float(clf.intercept_[0]))
    else:
        weights[clf.classes_] = clf.coef_
        bias[clf.classes_] = clf.intercept_
    return weights, bias


def cv_report(
    rows: Sequence[Row],
    oof_prob: np.ndarray,
    thresholds: np.ndarray,
    fold_of: np.ndarray | None = None,
) -> dict[str, Any]:
    """Grouped cross-validation on the natural training rows, the way the coach decides:
    out-of-fold calibrated probabilities, the rule floors and caps, the tuned thresholds and
    the primary-label choice of :func:`heard.coach.analyze.analyze`. With ``fold_of`` (each
    row's fold), the primary-label ranker is fit on the other folds' natural rows and judged
    on this fold's (nested, like the model); without it the fixed rule decides. Thresholds
    are tuned on these same predictions, so the figures lean optimistic; they are the tuning
    signal, not the blind-set result."""
    from heard.coach import rules
    from heard.coach.analyze import pick_primary, primary_features, with_rules

    picked = [i for i, r in enumerate(rows) if r.source == "natural"]
    th = {k: float(thresholds[j]) for j, k in enumerate(LABELS)}
    y = np.zeros((len(picked), len(LABELS)), dtype=bool)
    p = np.zeros_like(y)
    right = 0
    errors: list[dict[str, Any]] = []
    adjusted = np.array(
        [
            with_rules(np.nan_to_num(oof_prob[i]), rules.matches(rows[i].reply), thresholds)
            for i in picked
        ]
    ).reshape(len(picked), len(LABELS))
    rankers: list[tuple[np.ndarray, np.ndarray] | None] = [None] * len(picked)
    if fold_of is not None:
        folds = np.asarray(fold_of)[picked]
        feats = primary_features(adjusted, thresholds)
        primaries = [rows[i].primary or "none" for i in picked]
        for f in sorted(set(folds.tolist())):
            out = folds != f
            ranker = fit_primary(feats[out], [q for q, o in zip(primaries, out, strict=True) if o])
            for m in np.flatnonzero(~out).tolist():
                rankers[m] = ranker
    for n, i in enumerate(picked):
        row = rows[i]
        probs = {k: float(adjusted[n, j]) for j, k in enumerate(LABELS)}
        found = [k for k in LABELS if probs[k] >= th[k]]
        primary = pick_primary(probs, th, found, row.need, rankers[n])
        right += primary == row.primary
        y[n] = [k in row.labels for k in LABELS]
        p[n] = [k in found for k in LABELS]
        if set(found) != row.labels or primary != row.primary:
            errors.append(
                {
                    "group": row.group,
                    "share": row.share,
                    "reply": row.reply,
                    "labels": sorted(row.labels, key=LABELS.index),
                    "primary": row.primary,
                    "predicted": found,
                    "predicted_primary": primary,
                    "probs": {k: round(v, 3) for k, v in probs.items()},
                }
            )
    per_label = {}
    for j, k in enumerate(LABELS):
        tp = float(np.sum(y[:, j] & p[:, j]))
        per_label[k] = {
            "f1": 2 * tp / max(1.0, float(y[:, j].sum() + p[:, j].sum())),
            "precision": tp / max(1.0, float(p[:, j].sum())),
            "recall": tp / max(1.0, float(y[:, j].sum())),
            "support": int(y[:, j].sum()),
        }
    summary = {
        "rows": len(picked),
        "macro_f1": round(float(np.mean([v["f1"] for v in per_label.values()])), 4),
        "primary": round(right / max(1, len(picked)), 4),
        "f1": {k: round(v["f1"], 4) for k, v in per_label.items()},
    }
    return {"summary": summary, "per_label": per_label, "errors": errors}


def format_cv(report: dict[str, Any]) -> str:
    s = report["summary"]
    lines = [
        f"grouped CV on {s['rows']} natural training rows ({FOLDS} folds by batch): "
        f"macro-F1 {s['macro_f1']:.3f}, primary right {s['primary']:.3f}",
        f"  {'label':16s} {'F1':>6s} {'prec':>6s} {'recall':>6s} {'rows':>6s}",
    ]
    for k, v in report["per_label"].items():
        lines.append(
            f"  {k:16s} {v['f1']:6.3f} {v['precision']:6.3f} {v['recall']:6.3f} {v['support']:6d}"
        )
    return "\n".join(lines)


def fit(
    rows: Sequence[Row], *, progress: bool = True, log: Any = print, errors_out: Path | None = None
) -> Model:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold
    from tqdm import tqdm

    start = time.time()
    featurizer = build_featurizer(rows)
    with tqdm(total=len(rows), desc="features", disable=not progress, unit="row") as bar:
        X = matrix(featurizer, rows, bar)
    groups = np.array([r.group for r in rows])
    weights = np.array([r.weight for r in rows])
    # Thresholds are tuned where replies read like real ones: the natural rows, out of fold.
    tuned_on = "natural" if any(r.source == "natural" for r in rows) else "corpus"
    in_corpus = np.array([r.source == tuned_on for r in rows])
    W = np.zeros((featurizer.n_features, len(LABELS)), dtype=np.float32)
    bias = np.zeros(len(LABELS), dtype=np.float32)
    platt = np.zeros((len(LABELS), 2), dtype=np.float32)
    thresholds = np.zeros(len(LABELS), dtype=np.float32)
    folds = list(GroupKFold(n_splits=FOLDS).split(X, groups=groups))
    oof_prob = np.full((len(rows), len(LABELS)), np.nan)
    for j, label in enumerate(tqdm(LABELS, desc="labels", disable=not progress)):
        mask = np.array([label in r.known for r in rows])
        y = np.array([1 if label in r.labels else 0 for r in rows])
        oof = np.full(len(rows), np.nan)
        for train_idx, test_idx in folds:
            tr = train_idx[mask[train_idx]]
            te = test_idx[mask[test_idx]]
            clf = LogisticRegression(C=C_VALUE, solver="liblinear", max_iter=300)
            clf.fit(X[tr], y[tr], sample_weight=weights[tr])
            oof[te] = clf.decision_function(X[te])
        ok = mask & ~np.isnan(oof)
        cal = LogisticRegression(C=100.0, solver="lbfgs")
        cal.fit(oof[ok].reshape(-1, 1), y[ok], sample_weight=weights[ok])
        a, b = float(cal.coef_[0, 0]), float(cal.intercept_[0])
        prob = 1 / (1 + np.exp(-(a * oof[ok] + b)))
        oof_prob[ok, j] = prob
        sel = in_corpus[ok]
        thresholds[j] = _best_threshold(y[ok][sel], prob[sel])
        clf = LogisticRegression(C=C_VALUE, solver="liblinear", max_iter=300)
        clf.fit(X[mask], y[mask], sample_weight=weights[mask])
        W[:, j] = clf.coef_[0]
        bias[j] = clf.intercept_[0]
        platt[j] = (a, b)
    sources = Counter(r.source for r in rows)
    meta = {
        "trained_on": dict(sources),
        "rows": len(rows),
        "word_features": featurizer.n_word,
        "char_features": featurizer.n_char,
        "dense_features": len(DENSE_NAMES),
        "encoder_features": featurizer.encoder_dims,
        "C": C_VALUE,
        "seconds": round(time.time() - start, 1),
    }
    fold_of = np.zeros(len(rows), dtype=int)
    for f, (_, test_idx) in enumerate(folds):
        fold_of[test_idx] = f
    report = cv_report(rows, oof_prob, thresholds, fold_of)
    meta["cv"] = report["summary"]
    primary = _final_ranker(rows, oof_prob, thresholds)
    log(f"trained on {json.dumps(meta)}")
    log(format_cv(report))
    if errors_out is not None:
        with Path(errors_out).open("w", encoding="utf-8") as handle:
            for item in report["errors"]:
                handle.write(json.dumps(item, ensure_ascii=False) + "\n")
        log(f"out-of-fold errors on training rows written to {errors_out}")
    return Model(featurizer, W, bias, platt, thresholds, meta, primary)


def _final_ranker(
    rows: Sequence[Row], oof_prob: np.ndarray, thresholds: np.ndarray
) -> tuple[np.ndarray, np.ndarray] | None:
    """The shipped primary-label ranker, fit on every natural row's out-of-fold
    probabilities (what the coach will see on a new reply, not the in-sample ones)."""
    from heard.coach import rules
    from heard.coach.analyze import primary_features, with_rules

    picked = [i for i, r in enumerate(rows) if r.source == "natural"]
    if not picked:
        return None
    adjusted = np.array(
        [
            with_rules(np.nan_to_num(oof_prob[i]), rules.matches(rows[i].reply), thresholds)
            for i in picked
        ]
    )
    return fit_primary(
        primary_features(adjusted, thresholds), [rows[i].primary or "none" for i in picked]
    )


def train(
    out: Path | None = None, *, progress: bool = True, errors_out: Path | None = None
) -> Path:
    model = fit(training_rows(), progress=progress, errors_out=errors_out)
    target = Path(out) if out else MODEL_FILE
    if target.is_dir() or target.suffix != ".npz":
        target.mkdir(parents=True, exist_ok=True)
        target = target / "model.npz"
    model.save(target)
    print(f"saved {target} ({target.stat().st_size / 1e6:.1f} MB)")
    return target
