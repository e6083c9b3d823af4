"""Crisis-language detector: rules first, then a small local model.

    >>> from heard.safety.detector import check
    >>> check("this traffic is killing me").label
    'none'

``check`` never raises on a ``str``, never echoes the text, needs no network and imports no
Django. Long texts are cut: the rules read the first ``RULE_MAX_CHARS`` characters and the
model the first ``MODEL_MAX_CHARS``.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from heard.safety import rules
from heard.safety.model import LABELS, MODEL_MAX_CHARS, get_model, normalise

__all__ = ["RISK_LABELS", "Detection", "check"]

logger = logging.getLogger(__name__)

RISK_LABELS: tuple[str, ...] = ("self_harm", "harm_to_others", "abuse")
RULE_MAX_CHARS = 20_000
RULE_SCORE = 0.95  # the score a rule hit gives its label, at least
GUARDED_THRESHOLD = 0.6  # model threshold for a label whose only rule hits were guarded


@dataclass(frozen=True)
class Detection:
    """What ``check`` found. ``scores`` holds a confidence in [0, 1] for each label."""

    label: str
    scores: dict[str, float] = field(default_factory=dict)
    reason: str = "model"

    @property
    def is_risk(self) -> bool:
        return self.label in RISK_LABELS


def _empty_scores() -> dict[str, float]:
    return {label: (1.0 if label == "none" else 0.0) for label in LABELS}


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
            scores = _empty_scores()
            scores[hit.label], scores["none"] = RULE_SCORE, 1 - RULE_SCORE
            return Detection(hit.label, scores, "rule")
        return Detection("none", _empty_scores(), "error")


def _check(text: str) -> Detection:
    if not isinstance(text, str):
        text = "" if text is None else str(text)
    clean = normalise(text, RULE_MAX_CHARS)
    if not clean:
        return Detection("none", _empty_scores(), "empty")

    hits = rules.evaluate(clean)
    hit = rules.decide_hits(hits)
    model = get_model()
    if model is None:
        scores = _empty_scores()
        if hit is None:
            return Detection("none", scores, "no-model")
        scores[hit.label], scores["none"] = RULE_SCORE, 1 - RULE_SCORE
        return Detection(hit.label, scores, "rule")

    scores = model.probabilities(clean[:MODEL_MAX_CHARS])
    if hit is not None:
        scores[hit.label] = max(scores[hit.label], RULE_SCORE)
        return Detection(hit.label, scores, "rule")
    raised = guarded_labels(clean, hits)
    # With no live rule, the model flags freely only a text with a risk word outside everyday
    # idioms and negated clauses. Where the rules judged the text's risky words harmless ("this
    # week is killing me", "I'm not scared of him"), that stands. Where the text has no risky
    # word at all, the cue list (a closed vocabulary) has nothing to say, so the model may
    # still flag self_harm or abuse, over its higher no-cue bars (tuned on wording the cue list
    # was not written for).
    state = rules.cue_state(clean)
    if state == "cleared":
        return Detection("none", scores, "no-cue")
    if state == "none":
        label = model.decide(
            scores, raise_for=raised, floor=GUARDED_THRESHOLD, thresholds=model.no_cue_thresholds
        )
        return Detection(label, scores, "model-no-cue" if label != "none" else "no-cue")
    label = model.decide(scores, raise_for=raised, floor=GUARDED_THRESHOLD)
    return Detection(label, scores, "model")


def guarded_labels(clean: str, hits: list[rules.RuleHit]) -> set[str]:
    """Labels that need more from the model: a pattern for them matched but a guard
    (negation, idiom, film, someone else, resolved history) cancelled it, or the whole text is
    about a film, the news or someone else."""
    if rules.about_someone_else(clean) or rules.told_as_resolved(clean):
        return set(RISK_LABELS)
    return {h.label for h in hits if h.guard is not None}
