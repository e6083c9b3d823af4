"""The love-language profile: each way of being cared for on its own 0-100 scale.

Scored exactly like the check-up (:func:`heard.checkup.scoring.score_groups`). Pure functions.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from heard.checkup.scoring import KeyedItem, score_groups
from heard.together.content import LANGUAGES


class LanguageItem(KeyedItem, Protocol):
    @property
    def language(self) -> str: ...


def love_language_profile(
    items: Iterable[LanguageItem], answers: Mapping[str, int]
) -> dict[str, int]:
    """Each love language on its own 0-100 scale, in the usual order.

    Same keying, formula and missing-answer rule as the check-up; a language with too few
    answers is left out. There is deliberately no "primary" language: people usually value
    several, and the evidence does not support sorting anyone into one.
    """
    scores = score_groups(items, answers, lambda item: item.language)
    ordered = [lang for lang in LANGUAGES if lang in scores] + [
        lang for lang in scores if lang not in LANGUAGES
    ]
    return {lang: s.score for lang in ordered if (s := scores[lang]).score is not None}
