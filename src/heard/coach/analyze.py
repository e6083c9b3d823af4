"""``analyze()``: feedback on one reply."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from heard import nlp
from heard.coach import messages as M
from heard.coach import rewrite, rules
from heard.coach.features import encoder_vectors
from heard.coach.labels import HABITS, LABELS, NEEDS, NONE, SKILLS
from heard.coach.model import Model, get_model
from heard.coach.text import MAX_CHARS, clean, looks_english, sentences

STRONG_RULE_FLOOR = 0.85
SELF_DISCLOSURE_NOT = ("defensiveness", "deflection")
SELF_DISCLOSURE_CAP = 0.8  # x the label's threshold: below it, so the label is not reported
MAX_STRENGTHS = 3
# Habits that hurt: with one of them in a reply, the coach praises nothing in it.
HURTFUL = ("invalidation", "blame", "contempt", "defensiveness", "deflection")
# The next skill to suggest, in order; the first one the reply does not already show is used.
LADDER = ("reflection", "feeling", "validation", "question", "support")

SKILL_POINTS = {
    "reflection": 18,
    "feeling": 18,
    "validation": 18,
    "question": 14,
    "support": 14,
    "self_disclosure": 10,
}
HABIT_PENALTY = {
    "advice": 22,
    "invalidation": 30,
    "blame": 35,
    "contempt": 45,
    "defensiveness": 30,
    "deflection": 25,
}
BASE_SCORE = 35
IDEAS_ADVICE_BONUS = 8


class CoachInputError(ValueError):
    """Input the coach cannot work with; the message is meant for people."""


Kind = Literal["strength", "habit", "tip"]


@dataclass(frozen=True)
class Message:
    label: str
    message: str
    span: tuple[int, int] | None
    suggestion: str
    kind: Kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label,
            "message": self.message,
            "span": list(self.span) if self.span else None,
            "suggestion": self.suggestion,
            "kind": self.kind,
        }


@dataclass
class Feedback:
    text: str  # the reply as analysed (cleaned, maybe truncated); spans index into it
    need: str | None
    probabilities: dict[str, float]
    labels: list[str]
    primary: str
    score: int
    messages: list[Message] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def strengths(self) -> list[Message]:
        return [m for m in self.messages if m.kind == "strength"]

    @property
    def habits(self) -> list[Message]:
        return [m for m in self.messages if m.kind == "habit"]

    def to_dict(self) -> dict[str, Any]:
        return {
            "primary": self.primary,
            "labels": list(self.labels),
            "scores": {k: round(v, 4) for k, v in self.probabilities.items()},
            "score": self.score,
            "feedback": [m.to_dict() for m in self.messages],
            "notes": list(self.notes),
        }


def _text_arg(value: object, what: str) -> str:
    if value is None:
        raise CoachInputError(f"{what} is missing: write some text first.")
    if not isinstance(value, str):
        raise CoachInputError(f"{what} must be text.")
    return value


def _prepare(
    reply: object, share: object, need: object
) -> tuple[str, str | None, str | None, list[str]]:
    notes: list[str] = []
    text = clean(_text_arg(reply, "The reply"))
    if not text.strip():
        raise CoachInputError("The reply is empty: write a reply first.")
    if len(text) > MAX_CHARS:
        text = text[:MAX_CHARS]
        notes.append(M.TRUNCATED.format(limit=MAX_CHARS))
    share_text: str | None = None
    if share is not None:
        share_text = clean(_text_arg(share, "What they shared")).strip() or None
        if share_text and len(share_text) > MAX_CHARS:
            share_text = share_text[:MAX_CHARS]
            notes.append(M.SHARE_TRUNCATED.format(limit=MAX_CHARS))
    if need is not None and need != "":
        if not isinstance(need, str) or need.strip().lower() not in NEEDS:
            raise CoachInputError(f"Unknown need {need!r}: use one of {', '.join(NEEDS)}.")
        need = need.strip().lower()
    else:
        need = None
    return text, share_text, need, notes


def _counts_against(label: str, need: str | None) -> bool:
    return label in HABITS and not (label == "advice" and need == "ideas")


def listening_score(probs: dict[str, float], need: str | None) -> int:
    skill = min(60.0, sum(SKILL_POINTS[k] * probs[k] for k in SKILLS))
    penalty = sum(HABIT_PENALTY[k] * probs[k] for k in HABITS if _counts_against(k, need))
    bonus = IDEAS_ADVICE_BONUS * probs["advice"] if need == "ideas" else 0.0
    return round(max(0.0, min(100.0, BASE_SCORE + skill + bonus - penalty)))


def _span(
    label: str,
    text: str,
    hits: dict[str, list[tuple[int, int, bool]]],
    model: Model,
    share: str | None,
    parts: list[tuple[int, int]],
) -> tuple[int, int] | None:
    if hits[label]:
        start, end, _ = hits[label][0]
        if label in HABITS:  # widen to the sentence, so the quote reads naturally
            for s, e in parts:
                if s <= start < e:
                    return (s, max(e, end))
        return (start, end)
    if len(parts) <= 1:
        return parts[0] if parts else None
    j = LABELS.index(label)
    pieces = [text[s:e] for s, e in parts]
    # Each sentence's vector is pooled from the reply's own run (no run per sentence).
    vectors = nlp.encode_parts(text, parts) if model.featurizer.encoder_dims else None
    pair = encoder_vectors(text, share) if vectors is not None else None  # cached by now
    share_vec = pair[1] if pair is not None else None
    scores = [
        float(
            model.predict(
                piece,
                share,
                None if vectors is None or share_vec is None else (vectors[n], share_vec),
            )[j]
        )
        for n, piece in enumerate(pieces)
    ]
    return parts[max(range(len(parts)), key=scores.__getitem__)]


def probabilities(
    model: Model, text: str, share: str | None
) -> tuple[np.ndarray, dict[str, list[tuple[int, int, bool]]]]:
    """Calibrated probabilities, with a floor where a strong rule fires; and the rule hits."""
    hits = rules.matches(text)
    return with_rules(model.predict(text, share), hits, model.thresholds), hits


def with_rules(
    probs: np.ndarray, hits: dict[str, list[tuple[int, int, bool]]], thresholds: np.ndarray
) -> np.ndarray:
    """``probs`` (in LABELS order) with a floor where a strong rule fires, and the cap on
    excuse and change-of-subject labels where the reply shares a related experience."""
    probs = np.array(probs, dtype=np.float64)
    for j, label in enumerate(LABELS):
        if any(strong for _, _, strong in hits[label]):
            probs[j] = max(float(probs[j]), STRONG_RULE_FLOOR)
    if hits["self_disclosure"]:
        # Sharing a related experience ("I went through the same thing when my boss…") is
        # not an excuse or a change of subject unless a phrase of that kind is there too.
        for label in SELF_DISCLOSURE_NOT:
            if not hits[label]:
                j = LABELS.index(label)
                probs[j] = min(float(probs[j]), SELF_DISCLOSURE_CAP * float(thresholds[j]))
    return probs


def primary_features(probs: np.ndarray, thresholds: np.ndarray) -> np.ndarray:
    """What the primary-label ranker reads: log(probability / threshold) per label."""
    return np.log(np.clip(np.asarray(probs, dtype=np.float64), 1e-4, 1.0) / thresholds)


def pick_primary(
    probs: dict[str, float],
    thresholds: dict[str, float],
    found: list[str],
    need: str | None,
    ranker: tuple[np.ndarray, np.ndarray] | None = None,
) -> str:
    """The label the feedback leads with, always a hurtful habit if one is found (so a reply
    that hurts never leads with praise). Among those candidates, the learned ranker (a small
    multinomial model over log(probability / threshold), fit on the natural rows) decides;
    without one, the most salient label (habits that count against the need weigh more)."""
    if not found:
        return NONE
    hurtful = [k for k in found if k in HURTFUL]
    candidates = hurtful or found
    if ranker is not None:
        x = primary_features(
            np.array([probs[k] for k in LABELS]), np.array([thresholds[k] for k in LABELS])
        )
        scores = ranker[0] @ x + ranker[1]
        return max(candidates, key=lambda k: float(scores[LABELS.index(k)]))
    if hurtful:
        return max(hurtful, key=lambda k: probs[k] / thresholds[k])
    return max(
        found,
        key=lambda k: probs[k] / thresholds[k] + (1.0 if _counts_against(k, need) else 0.0),
    )


def analyze(reply: str, *, share: str | None = None, need: str | None = None) -> Feedback:
    """Feedback on ``reply`` (what the listener wrote) to ``share`` (what was shared)."""
    text, share_text, need_name, notes = _prepare(reply, share, need)
    model = get_model()
    if not looks_english(text):
        notes.append(M.NOT_ENGLISH)
        zero = dict.fromkeys(LABELS, 0.0)
        return Feedback(text, need_name, zero, [], NONE, 50, [], notes)

    probs_arr, hits = probabilities(model, text, share_text)
    probs = {label: float(np.round(probs_arr[j], 4)) for j, label in enumerate(LABELS)}
    thresholds = {label: float(model.thresholds[j]) for j, label in enumerate(LABELS)}
    found = [label for label in LABELS if probs[label] >= thresholds[label]]

    primary = pick_primary(probs, thresholds, found, need_name, model.primary)
    score = listening_score(probs, need_name)
    parts = sentences(text)

    out: list[Message] = []
    hurtful = [k for k in found if k in HURTFUL]
    shown = set(found)
    nxt = next_step(shown, share_text)
    strengths = [k for k in found if k in SKILLS or (k == "advice" and need_name == "ideas")]
    strengths = [] if hurtful else strengths  # never praise a reply that hurts
    strengths.sort(key=lambda k: -probs[k])
    for label in strengths[:MAX_STRENGTHS]:
        said, _ = M.STRENGTHS[label]
        span = _span(label, text, hits, model, share_text, parts)
        out.append(Message(label, said, span, nxt, "strength"))
    habits = [k for k in found if _counts_against(k, need_name)]
    habits.sort(key=lambda k: (k not in HURTFUL, -probs[k]))
    for label in habits:
        why, instead = M.HABITS[label]
        if label == "advice":
            why = M.ADVICE_BY_NEED.get(need_name, why)
        span = _span(label, text, hits, model, share_text, parts)
        quoted = M.quote(text[span[0] : span[1]]) if span else ""
        example = rewrite.EXAMPLES[LADDER[0] if label != "advice" else "reflection"](share_text)
        out.append(
            Message(
                label,
                why.format(quote=quoted),
                span,
                f"{instead} For example: '{example}'",
                "habit",
            )
        )
    if not out:
        said, step = M.NOTHING_FOUND
        example = rewrite.reflection(share_text)
        out.append(Message(NONE, said, (0, len(text)), f"{step} '{example}'", "tip"))
    return Feedback(text, need_name, probs, found, primary, score, out, notes)


def next_step(shown: set[str], share: str | None) -> str:
    """One concrete thing to try that the reply does not already do, in the share's words."""
    for label in LADDER:
        if label not in shown:
            return f"{M.NEXT_STEP[label]} '{rewrite.EXAMPLES[label](share)}'"
    return M.ALL_THERE
