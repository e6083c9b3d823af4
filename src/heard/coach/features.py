"""Turning a (share, reply) pair into one sparse feature vector.

The same code runs at training time (to build the matrix for scikit-learn) and at inference
time (numpy only), so the two can never drift apart. The vector has three blocks:
word 1-2 grams (TF-IDF, sublinear, L2), character 3-5 grams within words (TF-IDF, sublinear,
L2), and a few dense features: rule hits and features of the pair.
"""

from __future__ import annotations

import math
from collections import Counter
from itertools import pairwise

import numpy as np

from heard.coach import rules
from heard.coach.labels import LABELS
from heard.coach.text import words

CHAR_RANGE = (3, 5)
DENSE_WEIGHT = 0.7
ENCODER_WEIGHT = 1.0
PAIR_SCALE = 8.0  # the product of two unit vectors is small per dimension

_STOP = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "am",
        "i",
        "me",
        "my",
        "you",
        "your",
        "you're",
        "it",
        "it's",
        "that",
        "this",
        "they",
        "them",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "us",
        "do",
        "did",
        "does",
        "just",
        "really",
        "very",
        "not",
        "no",
        "yes",
        "oh",
        "ok",
        "okay",
        "well",
        "like",
        "what",
        "how",
        "why",
        "when",
        "who",
        "can",
        "could",
        "would",
        "should",
        "will",
        "have",
        "has",
        "had",
        "about",
        "all",
        "get",
        "got",
        "going",
        "too",
        "then",
        "there",
        "here",
        "one",
        "some",
        "any",
        "more",
        "know",
        "think",
        "feel",
        "felt",
    ]
)
_YOU = frozenset({"you", "your", "you're", "yours", "yourself", "you've", "you'd", "you'll"})
_ME = frozenset({"i", "me", "my", "i'm", "i've", "i'd", "i'll", "mine", "myself"})

DENSE_NAMES: tuple[str, ...] = (
    *(f"rule_{label}" for label in LABELS),
    "overlap_frac",
    "overlap_count",
    "has_share",
    "has_question_mark",
    "ends_question",
    "len_tiny",
    "len_short",
    "len_medium",
    "len_long",
    "you_ratio",
    "me_ratio",
    "starts_with_me",
    "any_feeling_word",
    "feeling_word_in_share",
    "small_talk",
    "information_cue",
    "impersonal",
    "overlap_you",
)


def word_terms(tokens: list[str]) -> list[str]:
    grams = list(tokens)
    padded = ["<s>", *tokens]
    grams.extend(f"{a} {b}" for a, b in pairwise(padded))
    return grams


def char_terms(text: str) -> list[str]:
    low, high = CHAR_RANGE
    grams: list[str] = []
    for word in text.lower().split():
        padded = f" {word} "
        size = len(padded)
        for n in range(low, high + 1):
            if n > size:
                break
            grams.extend(padded[i : i + n] for i in range(size - n + 1))
    return grams


def _stems(tokens: list[str]) -> set[str]:
    return {t[:5] for t in tokens if t.isalpha() and len(t) > 2 and t not in _STOP}


def dense_features(reply: str, share: str | None, tokens: list[str]) -> list[float]:
    hits = rules.matches(reply)
    out = [1.0 if hits[label] else 0.0 for label in LABELS]
    reply_stems = [t[:5] for t in tokens if t.isalpha() and len(t) > 2 and t not in _STOP]
    share_stems = _stems(words(share)) if share else set()
    shared = sum(1 for s in reply_stems if s in share_stems)
    out.append(shared / len(reply_stems) if reply_stems and share_stems else 0.0)
    out.append(min(shared, 5) / 5.0)
    out.append(1.0 if share else 0.0)
    out.append(1.0 if "?" in tokens else 0.0)
    out.append(1.0 if reply.rstrip().endswith("?") else 0.0)
    n = sum(1 for t in tokens if t not in {"?", "!"})
    out.extend([float(n <= 3), float(3 < n <= 8), float(8 < n <= 20), float(n > 20)])
    out.append(min(1.0, 4 * sum(1 for t in tokens if t in _YOU) / max(n, 1)))
    out.append(min(1.0, 4 * sum(1 for t in tokens if t in _ME) / max(n, 1)))
    out.append(1.0 if tokens and tokens[0] in _ME else 0.0)
    out.append(1.0 if rules.any_feeling_word(reply) else 0.0)
    out.append(1.0 if share and hits["feeling"] and rules.any_feeling_word(share) else 0.0)
    out.append(1.0 if rules.small_talk(reply) else 0.0)
    out.append(1.0 if rules.information_cue(reply) else 0.0)
    personal = sum(1 for t in tokens if t in _YOU or t in _ME)
    out.append(1.0 if n >= 6 and personal == 0 else 0.0)
    # restating their words back to them: overlap together with "you"
    has_you = any(t in _YOU for t in tokens)
    out.append(min(shared, 4) / 4.0 if has_you and share_stems else 0.0)
    return out


def _block(terms: list[str], vocab: dict[str, int], idf: np.ndarray) -> dict[int, float]:
    counts = Counter(terms)
    out: dict[int, float] = {}
    for term, count in counts.items():
        index = vocab.get(term)
        if index is not None:
            out[index] = (1.0 + math.log(count)) * float(idf[index])
    norm = math.sqrt(sum(v * v for v in out.values()))
    if norm > 0:
        for key in out:
            out[key] /= norm
    return out


def encoder_vectors(reply: str, share: str | None) -> tuple[np.ndarray, np.ndarray] | None:
    """The shared encoder's vectors for the reply and the share (zeros for no share)."""
    from heard import nlp

    texts = [reply] if not share else [reply, share]
    vectors = nlp.encode(texts)
    if vectors is None:
        return None
    share_vec = vectors[1] if share else np.zeros(nlp.DIM, dtype=np.float32)
    return vectors[0], share_vec


class Featurizer:
    """Vocabularies and IDF weights learnt at training time, plus (when the model was trained
    with it) the shared sentence encoder: the reply's vector and its product with the share's,
    so a reply is read in the light of what it answers."""

    def __init__(
        self,
        word_vocab: dict[str, int],
        word_idf: np.ndarray,
        char_vocab: dict[str, int],
        char_idf: np.ndarray,
        encoder_dims: int = 0,
    ) -> None:
        self.word_vocab = word_vocab
        self.word_idf = word_idf
        self.char_vocab = char_vocab
        self.char_idf = char_idf
        self.n_word = len(word_vocab)
        self.n_char = len(char_vocab)
        self.encoder_dims = encoder_dims
        self.n_features = self.n_word + self.n_char + len(DENSE_NAMES) + encoder_dims

    def transform(
        self,
        reply: str,
        share: str | None,
        vectors: tuple[np.ndarray, np.ndarray] | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Indices and values of the non-zero features. ``vectors``: the encoder's (reply,
        share) vectors when the caller already has them."""
        tokens = words(reply)
        wblock = _block(word_terms(tokens), self.word_vocab, self.word_idf)
        cblock = _block(char_terms(reply), self.char_vocab, self.char_idf)
        dense = dense_features(reply, share, tokens)
        idx = list(wblock)
        val = list(wblock.values())
        idx.extend(self.n_word + k for k in cblock)
        val.extend(cblock.values())
        base = self.n_word + self.n_char
        for k, v in enumerate(dense):
            if v:
                idx.append(base + k)
                val.append(v * DENSE_WEIGHT)
        if self.encoder_dims:
            if vectors is None:
                vectors = encoder_vectors(reply, share)
            if vectors is not None:  # encoder off: these features stay zero
                start = base + len(DENSE_NAMES)
                reply_vec, share_vec = vectors
                block = (
                    np.concatenate([reply_vec, reply_vec * share_vec * PAIR_SCALE]) * ENCODER_WEIGHT
                )
                idx.extend(range(start, start + self.encoder_dims))
                val.extend(block.tolist())
        return np.asarray(idx, dtype=np.int64), np.asarray(val, dtype=np.float32)
