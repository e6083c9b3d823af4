"""Scoring for the intimacy check-up (and, through :func:`score_groups`, for any set of
1-5 statements such as the love-language profile). Pure functions.

Answers are whole numbers from 1 (strongly disagree) to 5 (strongly agree). A reverse-keyed
item counts as ``6 - answer``. A scale's score is the mean of its keyed answers, moved onto
0-100: ``(mean - 1) / 4 * 100``, rounded half up to a whole number. The arithmetic is exact
(fractions), so all 5s with one reverse item out of five is exactly 80.

Missing answers: a scale gets a score when at least 60% of its items (rounded up) are
answered; the score then uses the answered items only. Below that the scale has no score
(``score is None``). See docs/checkup.md.

Words shown to people (band meanings, talk-about openers, focus reasons) live in YAML under
``heard/content/checkup/``; the functions that need them take them as optional arguments and
fall back to the cached, validated files.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Protocol, TypeVar

from heard.checkup.content import (
    ANSWER_MAX,
    ANSWER_MIN,
    COMPONENTS,
    ROADBLOCKS,
    FocusContent,
    ScaleBands,
    checkup_bands,
    focus_content,
)

# A scale needs at least this share of its items answered (rounded up) to get a score.
MIN_ANSWERED_SHARE = Fraction(3, 5)


class KeyedItem(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def reverse(self) -> bool: ...


class ScaleItem(KeyedItem, Protocol):
    @property
    def scale(self) -> str: ...


ItemT = TypeVar("ItemT", bound=KeyedItem)


@dataclass(frozen=True)
class ScaleScore:
    """One scale's result. ``score`` is 0-100, or None when too few items were answered."""

    scale: str
    score: int | None
    answered: int
    total: int

    @property
    def complete(self) -> bool:
        return self.answered == self.total

    @property
    def scored(self) -> bool:
        return self.score is not None


@dataclass(frozen=True)
class Band:
    """The band a score falls in. ``index`` 0 is the lowest band of the scale."""

    scale: str
    index: int
    low: int
    high: int
    label: str
    meaning: str


@dataclass(frozen=True)
class Difference:
    """How two people's scores on one scale compare.

    ``talk_about`` is True when the gap reaches the threshold; ``prompt`` is then a gentle
    opener for a conversation. A gap is never a verdict on either person.
    """

    scale: str
    a: int
    b: int
    gap: int
    talk_about: bool
    prompt: str | None


@dataclass(frozen=True)
class FocusSuggestion:
    """One focus for the week.

    ``scale`` is None for the fallbacks ("no_scores" when nothing was scored yet, "all_well"
    when no component is low and no roadblock is strong). ``kind`` is "component",
    "roadblock" or the fallback's id.
    """

    scale: str | None
    kind: str
    score: int | None
    target: str
    also: tuple[str, ...]
    title: str
    reason: str
    this_week: str


@dataclass(frozen=True)
class AlphaResult:
    scale: str
    alpha: float | None
    respondents: int
    items: int


# --------------------------------------------------------------------------- basics


def keyed(answer: int, reverse: bool) -> int:
    """An answer as it counts towards its scale: reverse items flip (1<->5, 2<->4)."""
    return ANSWER_MIN + ANSWER_MAX - answer if reverse else answer


def _check_answer(item_id: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError(f"answer to {item_id} must be a whole number, not {value!r}")
    if not ANSWER_MIN <= value <= ANSWER_MAX:
        raise ValueError(f"answer to {item_id} must be {ANSWER_MIN}-{ANSWER_MAX}, not {value}")
    return value


def _round_half_up(value: Fraction) -> int:
    return math.floor(value + Fraction(1, 2))


def to_percent(keyed_answers: Sequence[int]) -> int:
    """Mean of keyed 1-5 answers on 0-100: (mean - 1) / 4 * 100, rounded half up."""
    if not keyed_answers:
        raise ValueError("no answers to score")
    mean = Fraction(sum(keyed_answers), len(keyed_answers))
    span = ANSWER_MAX - ANSWER_MIN
    return _round_half_up((mean - ANSWER_MIN) / span * 100)


def required_answers(total: int) -> int:
    """How many of a scale's ``total`` items must be answered for it to get a score."""
    return max(1, math.ceil(total * MIN_ANSWERED_SHARE)) if total else 0


def score_groups(
    items: Iterable[ItemT],
    answers: Mapping[str, int],
    group: Callable[[ItemT], str],
) -> dict[str, ScaleScore]:
    """Score 1-5 statements in groups (``group(item)`` names an item's group): the same
    keying, formula and missing-answer rule for every questionnaire."""
    grouped: dict[str, list[ItemT]] = {}
    seen: set[str] = set()
    for item in items:
        if item.id in seen:
            raise ValueError(f"item {item.id} is listed twice")
        seen.add(item.id)
        grouped.setdefault(group(item), []).append(item)
    results: dict[str, ScaleScore] = {}
    for name, members in grouped.items():
        values = [
            keyed(_check_answer(i.id, answers[i.id]), i.reverse)
            for i in members
            if answers.get(i.id) is not None
        ]
        enough = len(values) >= required_answers(len(members))
        results[name] = ScaleScore(
            scale=name,
            score=to_percent(values) if enough and values else None,
            answered=len(values),
            total=len(members),
        )
    return results


def score_answers(items: Iterable[ScaleItem], answers: Mapping[str, int]) -> dict[str, ScaleScore]:
    """Score every scale that has items in ``items``.

    ``answers`` maps item id to 1-5; a missing id (or None) is an unanswered item, ids that
    are not in ``items`` are ignored. Pass the items shown to this person (for example
    ``checkup_items_for(kind)``) so the missing-answer rule counts the right items.
    Raises ValueError for an answer outside 1-5.
    """
    return score_groups(items, answers, lambda item: item.scale)


# --------------------------------------------------------------------------- bands


def band_for(scale: str, score: int, bands: Mapping[str, ScaleBands] | None = None) -> Band:
    """The band a 0-100 score falls in, with its plain-language meaning."""
    if isinstance(score, bool) or not isinstance(score, int) or not 0 <= score <= 100:
        raise ValueError(f"score must be a whole number 0-100, not {score!r}")
    table = checkup_bands() if bands is None else bands
    if scale not in table:
        raise ValueError(f"no bands for scale {scale!r}")
    for index, band in enumerate(table[scale].ranges):
        if band.low <= score <= band.high:
            return Band(scale, index, band.low, band.high, band.label, band.meaning)
    raise ValueError(f"no band covers {score} on {scale}")  # pragma: no cover - schema-checked


# --------------------------------------------------------------------------- consistency


def cronbach_alpha(matrix: Sequence[Sequence[float]]) -> float | None:
    """Cronbach's alpha for rows of respondents by columns of (already keyed) items.

    alpha = k / (k - 1) * (1 - sum of item variances / variance of row totals), with sample
    variances. None when there are fewer than 2 respondents or 2 items, or when the totals do
    not vary (alpha is undefined then). Raises ValueError for ragged rows.
    """
    rows = [list(row) for row in matrix]
    if len(rows) < 2:
        return None
    k = len(rows[0])
    if any(len(row) != k for row in rows):
        raise ValueError("every respondent needs an answer to every item")
    if k < 2:
        return None

    def variance(values: Sequence[float]) -> float:
        mean = sum(values) / len(values)
        return sum((v - mean) ** 2 for v in values) / (len(values) - 1)

    total_variance = variance([sum(row) for row in rows])
    if total_variance == 0:
        return None
    item_variance = sum(variance(column) for column in zip(*rows, strict=True))
    return k / (k - 1) * (1 - item_variance / total_variance)


def alpha_by_scale(
    items: Iterable[ScaleItem],
    responses: Iterable[Mapping[str, int]],
    scales: Iterable[str] = COMPONENTS,
) -> dict[str, AlphaResult]:
    """Cronbach's alpha per scale over many people's answers (reverse items keyed first).

    A response counts for a scale only if it answers every item of that scale.
    """
    items = list(items)
    responses = list(responses)
    results: dict[str, AlphaResult] = {}
    for scale in scales:
        members = [i for i in items if i.scale == scale]
        matrix = [
            [keyed(_check_answer(i.id, r[i.id]), i.reverse) for i in members]
            for r in responses
            if members and all(r.get(i.id) is not None for i in members)
        ]
        results[scale] = AlphaResult(scale, cronbach_alpha(matrix), len(matrix), len(members))
    return results


# --------------------------------------------------------------------------- two people


ScoreLike = ScaleScore | int | None


def plain_scores(scores: Mapping[str, ScoreLike]) -> dict[str, int]:
    """Scale -> 0-100 for the scales that have a score; accepts ScaleScore or int values."""
    plain: dict[str, int] = {}
    for scale, value in scores.items():
        number = value.score if isinstance(value, ScaleScore) else value
        if number is not None:
            plain[scale] = number
    return plain


def compare(
    a_scores: Mapping[str, ScoreLike],
    b_scores: Mapping[str, ScoreLike],
    *,
    threshold: int | None = None,
    content: FocusContent | None = None,
) -> dict[str, Difference]:
    """Compare two people's scores, scale by scale, for the scales both have a score on.

    A gap of ``threshold`` points or more (20 by default, from focus.yaml) is marked as
    something to talk about, with a gentle opener. Gaps are about seeing things differently,
    not about who is right.
    """
    words = focus_content() if content is None else content
    limit = words.settings.compare_threshold if threshold is None else threshold
    a, b = plain_scores(a_scores), plain_scores(b_scores)
    order = [s for s in (*COMPONENTS, *ROADBLOCKS) if s in a and s in b]
    order += [s for s in a if s in b and s not in order]
    results: dict[str, Difference] = {}
    for scale in order:
        gap = abs(a[scale] - b[scale])
        flagged = gap >= limit
        talk = words.talk_about.get(scale)
        results[scale] = Difference(
            scale=scale,
            a=a[scale],
            b=b[scale],
            gap=gap,
            talk_about=flagged,
            prompt=talk.prompt if flagged and talk else None,
        )
    return results


def things_to_talk_about(differences: Mapping[str, Difference]) -> list[Difference]:
    """The flagged differences, widest gap first."""
    flagged = [d for d in differences.values() if d.talk_about]
    return sorted(flagged, key=lambda d: -d.gap)


# --------------------------------------------------------------------------- focus plan


def focus_plan(
    scores: Mapping[str, ScoreLike], *, content: FocusContent | None = None
) -> FocusSuggestion:
    """Pick one focus for the week.

    Candidates: the weakest component (need = 100 - score) and the strongest roadblock
    (need = score). The larger need wins; on a tie the roadblock wins, because a roadblock
    tends to hold the components back. Ties within a group follow the usual scale order.
    If no component is below ``all_well_component_min`` and no roadblock is above
    ``all_well_roadblock_max``, the "all_well" fallback is used; with no scores at all,
    "no_scores".
    """
    words = focus_content() if content is None else content
    plain = plain_scores(scores)
    components = [(plain[s], s) for s in COMPONENTS if s in plain]
    roadblocks = [(plain[s], s) for s in ROADBLOCKS if s in plain]

    if not components and not roadblocks:
        return _fallback(words, "no_scores")

    weakest = min(components, key=lambda pair: pair[0]) if components else None
    strongest = max(roadblocks, key=lambda pair: pair[0]) if roadblocks else None
    settings = words.settings
    components_fine = weakest is None or weakest[0] >= settings.all_well_component_min
    roadblocks_fine = strongest is None or strongest[0] <= settings.all_well_roadblock_max
    if components_fine and roadblocks_fine:
        return _fallback(words, "all_well")

    component_need = 100 - weakest[0] if weakest else -1
    roadblock_need = strongest[0] if strongest else -1
    if strongest is not None and roadblock_need >= component_need:
        score, scale, kind = strongest[0], strongest[1], "roadblock"
    else:
        assert weakest is not None
        score, scale, kind = weakest[0], weakest[1], "component"
    rule = words.rules[scale]
    return FocusSuggestion(
        scale=scale,
        kind=kind,
        score=score,
        target=rule.target,
        also=rule.also,
        title=rule.title,
        reason=rule.reason,
        this_week=rule.this_week,
    )


def _fallback(words: FocusContent, which: str) -> FocusSuggestion:
    fallback = words.fallbacks[which]
    return FocusSuggestion(
        scale=None,
        kind=which,
        score=None,
        target=fallback.target,
        also=fallback.also,
        title=fallback.title,
        reason=fallback.reason,
        this_week=fallback.this_week,
    )
