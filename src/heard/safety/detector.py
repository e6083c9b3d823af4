"""Crisis-language detector: a local model that reads meaning, plus explicit-statement rules.

    >>> from heard.safety.detector import check
    >>> check("this traffic is killing me").label
    'none'

The model mixes sentence-encoder vectors (:mod:`heard.nlp`) with sparse word features; the
rules only add high-precision explicit statements and never clear a text. With the encoder
switched off (``HEARD_NLP_ENABLED=false``) the rules alone decide, as before the model existed.

``check`` never raises on a ``str``, never echoes the text, needs no network and imports no
Django. A text mostly in a language the model cannot read is returned as ``none`` with
``unjudged=True``, so the caller can still offer the writer a quiet link to help.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field

from heard import nlp
from heard.safety import rules
from heard.safety.model import LABELS, MODEL_MAX_CHARS, get_model, most_worrying, normalise

__all__ = ["RISK_LABELS", "Detection", "check"]

logger = logging.getLogger(__name__)

RISK_LABELS: tuple[str, ...] = ("self_harm", "harm_to_others", "abuse")
RULE_MAX_CHARS = 20_000
RULE_SCORE = 0.95  # the score a rule hit gives its label, at least

_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH = frozenset(
    [
        "i",
        "me",
        "my",
        "you",
        "your",
        "he",
        "she",
        "it",
        "we",
        "they",
        "the",
        "a",
        "an",
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
        "is",
        "am",
        "are",
        "was",
        "were",
        "be",
        "been",
        "do",
        "did",
        "does",
        "not",
        "no",
        "just",
        "have",
        "has",
        "had",
        "this",
        "that",
        "what",
        "when",
        "if",
        "can",
        "will",
        "would",
        "im",
        "dont",
        "its",
        "like",
        "about",
        "all",
        "really",
        "feel",
        "get",
        "got",
        "know",
        "want",
        "think",
    ]
)
_OTHER = frozenset(
    [
        "que",
        "de",
        "la",
        "el",
        "los",
        "las",
        "y",
        "en",
        "no",
        "me",
        "mi",
        "es",
        "por",
        "para",
        "una",
        "un",
        "con",
        "pero",
        "muy",
        "yo",
        "ya",
        "ser",
        "estoy",
        "quiero",
        "je",
        "ne",
        "pas",
        "le",
        "les",
        "et",
        "est",
        "un",
        "une",
        "des",
        "mon",
        "ma",
        "moi",
        "suis",
        "veux",
        "plus",
        "avec",
        "pour",
        "mais",
        "tout",
        "ich",
        "nicht",
        "und",
        "das",
        "ist",
        "die",
        "der",
        "ein",
        "eine",
        "mich",
        "mir",
        "mein",
        "bin",
        "will",
        "mehr",
        "kann",
        "auch",
        "aber",
        "eu",
        "não",
        "nao",
        "o",
        "os",
        "um",
        "uma",
        "meu",
        "minha",
        "mais",
        "com",
        "para",
        "mas",
        "estou",
        "quero",
        "isso",
    ]
)


@dataclass(frozen=True)
class Detection:
    """What ``check`` found. ``scores`` holds a confidence in [0, 1] for each label."""

    label: str
    scores: dict[str, float] = field(default_factory=dict)
    reason: str = "model"
    unjudged: bool = False  # the text is mostly in a language the model cannot read

    @property
    def is_risk(self) -> bool:
        return self.label in RISK_LABELS


def _empty_scores() -> dict[str, float]:
    return {label: (1.0 if label == "none" else 0.0) for label in LABELS}


def _rule_detection(hit: rules.RuleHit, reason: str = "rule") -> Detection:
    scores = _empty_scores()
    scores[hit.label], scores["none"] = RULE_SCORE, 1 - RULE_SCORE
    return Detection(hit.label, scores, reason)


_SENTENCE_END = re.compile(r"(?<=[.!?\n])\s+")
MIN_MODEL_WORDS = 3
CHUNK_WORDS = 60  # a part of a long message: about one encoder window
MAX_CHUNKS = 6


def chunk(text: str) -> list[str]:
    """A short text whole; a long one as runs of whole sentences of about CHUNK_WORDS words,
    each overlapping the last by a sentence (at most MAX_CHUNKS, spread over the text)."""
    if len(text.split()) <= CHUNK_WORDS:
        return [text]
    sentences = [s for s in _SENTENCE_END.split(text) if s.strip()]
    parts: list[str] = []
    current: list[str] = []
    for sentence in sentences:
        if current and len(" ".join([*current, sentence]).split()) > CHUNK_WORDS:
            parts.append(" ".join(current))
            current = current[-1:]
        current.append(sentence)
    if current:
        parts.append(" ".join(current))
    parts = [text, *parts]  # the whole, for what only the whole says
    if len(parts) > MAX_CHUNKS:
        step = (len(parts) - 1) / (MAX_CHUNKS - 1)
        parts = [parts[0]] + [parts[1 + int(i * step)] for i in range(MAX_CHUNKS - 1)]
    return parts


def readable(clean: str) -> bool:
    """False for a text of some length mostly in another language than English."""
    words = _WORDS.findall(clean)
    if len(words) < 4:
        return True
    english = sum(w in _ENGLISH for w in words)
    other = sum(w in _OTHER and w not in _ENGLISH for w in words)
    return not (other >= 2 and other > 2 * english)


def check(text: str) -> Detection:
    """Classify ``text`` as self_harm, harm_to_others, abuse or none."""
    try:
        return _check(text)
    except Exception:  # never let screening break a page; fail towards the rules alone
        logger.exception("safety check failed")
        try:
            hit = rules.decide(normalise(str(text), RULE_MAX_CHARS))
        except Exception:
            hit = None
        if hit is not None:
            return _rule_detection(hit)
        return Detection("none", _empty_scores(), "error")


def _check(text: str) -> Detection:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    clean = normalise(text, RULE_MAX_CHARS)
    if not clean:
        return Detection("none", _empty_scores(), "empty")

    hit = rules.decide(clean)
    model = get_model()
    chunks = chunk(text[: MODEL_MAX_CHARS * 2]) if model is not None else []
    vectors = nlp.encode(chunks, pooling=model.pooling) if model is not None else None
    if model is None or vectors is None:
        # No encoder (switched off or unavailable): the explicit-statement rules decide.
        if hit is not None:
            return _rule_detection(hit)
        return Detection("none", _empty_scores(), "rules-only", unjudged=not readable(clean))

    # A long message is read in parts, and each risk label takes its most worrying part, so
    # one risky sentence in a long ramble still counts.
    probs = most_worrying(
        [
            model.probabilities(normalise(part, MODEL_MAX_CHARS), vectors[i])
            for i, part in enumerate(chunks)
        ]
    )
    scores = {label: float(p) for label, p in zip(model.labels, probs, strict=True)}
    if hit is not None and model.meta.get("rules") == "on":
        scores[hit.label] = max(scores[hit.label], RULE_SCORE)
        return Detection(hit.label, scores, "rule")
    label = model.decide(probs)
    if len(_WORDS.findall(clean)) < MIN_MODEL_WORDS:
        # One or two words ("his", "mine") give the model nothing to go on; only an explicit
        # statement (the rules) flags a text this short.
        if hit is not None:
            return _rule_detection(hit)
        label = "none"
    if label == "none" and not readable(clean):
        return Detection("none", scores, "unjudged", unjudged=True)
    return Detection(label, scores, "model")
