"""The small linear model: features, numpy inference, and the shipped weights file.

Training (``train.py``) uses scikit-learn; inference here needs only numpy. The weights live
in ``data/model.npz`` (plain arrays, loaded with ``allow_pickle=False``), so loading is fast
and cannot execute code.
"""

from __future__ import annotations

import itertools
import math
import re
import threading
import unicodedata
from collections import Counter
from pathlib import Path

import numpy as np

from heard import nlp
from heard.safety import rules

MODEL_PATH = Path(__file__).resolve().parent / "data" / "model.npz"
LABELS: tuple[str, ...] = ("none", "self_harm", "harm_to_others", "abuse")
MODEL_MAX_CHARS = 3000  # the sparse head reads at most this much; rules read further
FORMAT = 2

_APOSTROPHES = str.maketrans({"’": "'", "‘": "'", "`": "'", "´": "'", "“": '"', "”": '"'})
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
_NEGATORS = frozenset(
    {
        "not",
        "never",
        "no",
        "nobody",
        "nothing",
        "don't",
        "doesn't",
        "didn't",
        "won't",
        "wouldn't",
        "isn't",
        "aren't",
        "wasn't",
        "haven't",
        "hasn't",
        "can't",
        "cannot",
    }
)
_SCOPE_BREAK = frozenset({"but", "and", "so", "because", "though", "although", "yet"})

# Word classes that carry over to phrasings the training set never saw. Each adds an "L:"
# feature, and pairs of classes in one sentence add "P:" features.
LEXICON: dict[str, re.Pattern[str]] = {
    name: re.compile(pattern)
    for name, pattern in {
        "first": r"\b(?:i|i'm|i've|i'd|i'll|me|my|myself)\b",
        "self": r"\bmyself\b",
        "death": r"\b(?:die|dying|died|dead|death|suicid\w*|kill\w*|end it|ending it|end my life|"
        r"not be here|not wake up|be gone|disappear|alive|living|goodbye|funeral)\b",
        "harm": r"\b(?:hurt\w*|harm\w*|injur\w*|bruis\w*|bleed\w*|pain|punish\w*|wound\w*)\b",
        "violence": r"\b(?:hit|hits|hitting|slap\w*|punch\w*|kick\w*|beat\w*|shov\w*|push\w*|chok\w*|"
        r"strangl\w*|grab\w*|drag\w*|pinn\w*|threw|throw\w*|attack\w*|rap\w+|violen\w*|weapon|"
        r"smash\w*|stab\w*|shoot\w*|murder\w*)\b",
        "threat": r"\b(?:threat\w*|regret|warn\w*|or else|if i (?:ever )?(?:leave|left|tell|told))\b",
        "control": r"\b(?:won't let me|not allowed|allowance|permission|checks? my|tracks? my|"
        r"monitor\w*|locked|passport|password\w*|controls?|cut me off|spy\w*|take my|took my)\b",
        "fear": r"\b(?:scared|afraid|terrified|frightened|fear|unsafe|not safe|eggshells|freez\w*)\b",
        "intent": r"\b(?:going to|gonna|i'll|will|want to|wanna|plan\w*|decided|ready to|tonight)\b",
        "hopeless": r"\b(?:no point|hopeless|burden|better off|can't go on|can't do this|trapped|"
        r"no way out|worthless|give up|pointless)\b",
        "partner": r"\b(?:partner|husband|wife|boyfriend|girlfriend|dad|father|mum|mom|mother|"
        r"stepdad|brother|ex|fiancé|he|she)\b",
        "neg": r"\b(?:not|never|no|don't|doesn't|didn't|won't|wouldn't|isn't|nobody|nothing)\b",
        "media": rules.MEDIA_PATTERN,
        "other": rules.OTHER_PATTERN,
        "past": rules.RESOLVED_PATTERN,
        "present": rules.PRESENT_PATTERN,
        "joke": rules.IDIOM_PATTERN,
    }.items()
}
_SENTENCE_SPLIT = re.compile(r"[.!?;\n]+")


# Texting-style contractions without the apostrophe ("im scared", "dont"), restored so the
# rules and features read them like the usual spelling. Only unambiguous forms are listed.
_CONTRACTIONS = {
    "im": "i'm",
    "ive": "i've",
    "dont": "don't",
    "doesnt": "doesn't",
    "didnt": "didn't",
    "cant": "can't",
    "wont": "won't",
    "wouldnt": "wouldn't",
    "isnt": "isn't",
    "arent": "aren't",
    "wasnt": "wasn't",
    "havent": "haven't",
    "hasnt": "hasn't",
    "hes": "he's",
    "theyre": "they're",
    "youre": "you're",
    "theyll": "they'll",
}
_CONTRACTION = re.compile(r"\b(?:" + "|".join(_CONTRACTIONS) + r")\b")


def normalise(text: str, limit: int | None = None) -> str:
    """NFKC, lower case, plain apostrophes, usual contractions, single spaces; cut to ``limit``."""
    if limit is not None:
        text = text[: limit * 2]  # cheap pre-cut before normalising
    text = unicodedata.normalize("NFKC", text).translate(_APOSTROPHES).lower()
    text = _SPACE.sub(" ", text).strip()
    text = _CONTRACTION.sub(lambda m: _CONTRACTIONS[m.group(0)], text)
    return text[:limit] if limit is not None else text


def tokens(text: str) -> list[str]:
    return _WORD.findall(text)


def analyse(
    text: str,
    lexicon: dict[str, re.Pattern[str]] | None = None,
    patterns: tuple[rules.Pattern, ...] = rules.PATTERNS,
) -> list[str]:
    """Features of a normalised text: words, word n-grams, negation scope, lexicon, rules.

    ``lexicon`` and ``patterns`` replace the shipped word classes and rule patterns (training
    passes cut-down lists to mimic wording they were not written for).
    """
    lexicon = LEXICON if lexicon is None else lexicon
    words = tokens(text)
    feats: list[str] = [f"w:{w}" for w in words]
    feats.extend(f"b:{a} {b}" for a, b in itertools.pairwise(words))
    feats.extend(f"t:{a} {b} {c}" for a, b, c in zip(words, words[1:], words[2:], strict=False))
    scope = 0
    for word in words:
        if word in _NEGATORS:
            scope = 4
            continue
        if word in _SCOPE_BREAK:
            scope = 0
        if scope:
            feats.append(f"n:{word}")
            scope -= 1
    for sentence in _SENTENCE_SPLIT.split(text):
        present = [name for name, regex in lexicon.items() if regex.search(sentence)]
        feats.extend(f"L:{name}" for name in present)
        feats.extend(f"P:{a}+{b}" for i, a in enumerate(present) for b in present[i + 1 :])
    for hit in rules.evaluate(text, patterns):
        feats.append(f"R:{hit.label}:{hit.guard or 'live'}")
        feats.append(f"R:{hit.rule}:{hit.guard or 'live'}")
    return feats


class SafetyModel:
    """One multinomial logistic regression over two kinds of feature of a text: TF-IDF weighted
    :func:`analyse` features (words, n-grams, negation scope, word classes, rule hits) and the
    sentence encoder's vector (:mod:`heard.nlp`, mean and max pooling side by side, scaled by
    ``alpha``). A long text is read in parts by the detector and combined with
    :func:`most_worrying`."""

    def __init__(
        self,
        *,
        index: dict[str, int],
        idf: np.ndarray,
        coef: np.ndarray,
        emb_coef: np.ndarray,
        intercept: np.ndarray,
        alpha: float,
        thresholds: dict[str, float],
        labels: tuple[str, ...] = LABELS,
        meta: dict[str, str] | None = None,
    ) -> None:
        self.index = index
        self.idf = idf
        self.coef = coef
        self.emb_coef = emb_coef
        self.intercept = intercept
        self.alpha = alpha
        self.thresholds = thresholds
        self.labels = labels
        self.meta = meta or {}

    def sparse_vector(self, clean: str) -> tuple[np.ndarray, np.ndarray]:
        counts = Counter(f for f in analyse(clean) if f in self.index)
        if not counts:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        idx = np.fromiter((self.index[f] for f in counts), dtype=np.int64, count=len(counts))
        tf = np.fromiter(
            (1.0 + math.log(c) for c in counts.values()), dtype=np.float32, count=len(counts)
        )
        values = tf * self.idf[idx]
        norm = float(np.sqrt(np.dot(values, values)))
        return idx, (values / norm if norm > 0 else values)

    def probabilities(self, clean: str, vector: np.ndarray) -> np.ndarray:
        """Label probabilities for a normalised text and its encoder vector (DIM,)."""
        idx, values = self.sparse_vector(clean)
        sparse = self.intercept + (self.coef[:, idx] @ values if idx.size else 0.0)
        return softmax(sparse + self.alpha * (self.emb_coef @ vector))

    def decide(self, probs: np.ndarray) -> str:
        """The risk label whose probability most exceeds its threshold, else ``none``."""
        best, best_ratio = "none", 1.0
        for label, threshold in self.thresholds.items():
            ratio = float(probs[self.labels.index(label)]) / threshold
            if ratio >= best_ratio:
                best, best_ratio = label, ratio
        return best

    def save(self, path: Path = MODEL_PATH) -> None:
        features = [""] * len(self.index)
        for feature, i in self.index.items():
            features[i] = feature
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            format=np.array(FORMAT),
            features=np.array(features, dtype=str),
            idf=self.idf.astype(np.float32),
            coef=self.coef.astype(np.float32),
            emb_coef=self.emb_coef.astype(np.float32),
            intercept=self.intercept.astype(np.float32),
            alpha=np.array(self.alpha, dtype=np.float32),
            labels=np.array(self.labels, dtype=str),
            threshold_labels=np.array(list(self.thresholds), dtype=str),
            threshold_values=np.array(list(self.thresholds.values()), dtype=np.float32),
            meta_keys=np.array(list(self.meta), dtype=str),
            meta_values=np.array(list(self.meta.values()), dtype=str),
        )

    @property
    def pooling(self) -> str:
        """The encoder pooling the model was trained on (:data:`heard.nlp.POOLINGS`), known
        from the width of its encoder weights."""
        width = self.emb_coef.shape[1]
        return next(name for name, dims in nlp.POOLINGS.items() if dims == width)

    @classmethod
    def load(cls, path: Path = MODEL_PATH) -> SafetyModel:
        with np.load(path, allow_pickle=False) as data:
            if "format" not in data.files or int(data["format"]) != FORMAT:
                raise ValueError(f"{path} is not a format-{FORMAT} safety model")
            keys = [str(k) for k in data["threshold_labels"]]
            return cls(
                index={str(f): i for i, f in enumerate(data["features"])},
                idf=data["idf"].astype(np.float32),
                coef=data["coef"].astype(np.float32),
                emb_coef=data["emb_coef"].astype(np.float32),
                intercept=data["intercept"].astype(np.float32),
                alpha=float(data["alpha"]),
                thresholds=dict(zip(keys, map(float, data["threshold_values"]), strict=True)),
                labels=tuple(str(label) for label in data["labels"]),
                meta={
                    str(k): str(v)
                    for k, v in zip(data["meta_keys"], data["meta_values"], strict=True)
                },
            )


def most_worrying(rows: list[np.ndarray]) -> np.ndarray:
    """Probabilities for a text read in parts: each risk label takes its highest part, ``none``
    its lowest, so one risky sentence in a long message still counts."""
    if len(rows) == 1:
        return rows[0]
    stacked = np.stack(rows)
    probs = stacked.max(axis=0)
    probs[0] = stacked[:, 0].min()
    return probs / probs.sum()


def softmax(logits: np.ndarray) -> np.ndarray:
    shifted = logits - logits.max(axis=-1, keepdims=True)
    exp = np.exp(shifted)
    return exp / exp.sum(axis=-1, keepdims=True)


_lock = threading.Lock()
_cached: SafetyModel | None = None


def get_model() -> SafetyModel | None:
    """The shipped model, loaded once (thread-safe). ``None`` if the file is missing."""
    global _cached
    if _cached is None:
        with _lock:
            if _cached is None and MODEL_PATH.exists():
                try:
                    _cached = SafetyModel.load(MODEL_PATH)
                except (ValueError, KeyError, OSError):
                    return None
    return _cached


def reset_cache() -> None:
    global _cached
    with _lock:
        _cached = None
