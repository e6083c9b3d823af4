"""The love-language profile's scoring (moved here from the check-up's scoring tests)."""

from __future__ import annotations

from dataclasses import dataclass

from heard.together.content import LANGUAGES, love_language_items, love_language_items_for
from heard.together.scoring import love_language_profile


@dataclass(frozen=True)
class LangItem:
    id: str
    language: str
    reverse: bool = False


# --------------------------------------------------------------------------- love languages


def test_love_language_profile_scores_each_language_on_its_own():
    items = [LangItem(f"{lang}-{n}", lang) for lang in LANGUAGES for n in range(4)]
    levels = {"words": 5, "quality_time": 4, "gifts": 1, "acts_of_service": 3}
    answers = {i.id: levels[i.language] for i in items if i.language in levels}
    answers["physical_touch-0"] = 5  # 1 of 4 answered: too few
    profile = love_language_profile(items, answers)
    assert profile == {"words": 100, "quality_time": 75, "gifts": 0, "acts_of_service": 50}
    assert list(profile) == ["words", "quality_time", "gifts", "acts_of_service"]


def test_love_language_profile_has_no_primary_and_ties_are_fine():
    items = love_language_items_for("friend")
    profile = love_language_profile(items, {i.id: 4 for i in items})
    assert set(profile) == set(LANGUAGES)
    assert set(profile.values()) == {75}
    assert all(isinstance(v, int) for v in profile.values())


def test_love_language_profile_for_partner_includes_partner_only_items():
    partner = love_language_items_for("partner")
    family = love_language_items_for("family")
    assert len(partner) > len(family)
    assert len(love_language_items()) == len(partner)
