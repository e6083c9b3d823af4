"""Love-language items and appreciation ideas: schemas, loaders and content checks.

The statements are answered like the check-up's (1 to 5), so they share its answer scale;
the loading and checking machinery is :mod:`heard.content`'s.

Plain Python: no Django here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, field_validator, model_validator

from heard.content import (
    ID_PATTERN,
    KINDS,
    ContentError,
    ContentModel,
    Cost,
    Kind,
    check_near_duplicates,
    load_items,
    register,
    shown_path,
    unique_kinds,
)

Language = Literal["words", "quality_time", "gifts", "acts_of_service", "physical_touch"]
LANGUAGES: tuple[str, ...] = get_args(Language)

Effort = Literal["small", "medium", "big"]

MIN_LANGUAGE_ITEMS = 4

LOVE_LANGUAGE_FILE = "lovelanguages/items.yaml"
APPRECIATION_FILE = "appreciation/ideas.yaml"


# --------------------------------------------------------------------------- love languages


class LoveLanguageItem(ContentModel):
    """One statement about how someone likes to be cared for, rated 1-5 on its own."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=10, max_length=200)
    language: Language
    reverse: bool = False
    kinds: tuple[Kind, ...] = KINDS

    _check_kinds = field_validator("kinds")(unique_kinds)

    @model_validator(mode="after")
    def _id_names_language(self) -> LoveLanguageItem:
        prefix = self.language.replace("_", "-")
        if not re.fullmatch(rf"{prefix}-\d{{2}}", self.id):
            raise ValueError(f"id must look like '{prefix}-01' for language {self.language}")
        return self

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds


def load_love_language_items(base: Path | None = None) -> tuple[LoveLanguageItem, ...]:
    items = load_items(LOVE_LANGUAGE_FILE, LoveLanguageItem, base=base)
    shown = shown_path(LOVE_LANGUAGE_FILE, base)
    check_near_duplicates(shown, ((i.id, i.text) for i in items))
    for language in LANGUAGES:
        for kind in KINDS:
            count = sum(1 for i in items if i.language == language and i.applies_to(kind))
            if count < MIN_LANGUAGE_ITEMS:
                raise ContentError(
                    shown,
                    language,
                    f"has {count} items for {kind}; it needs at least {MIN_LANGUAGE_ITEMS}",
                )
    return tuple(items)


@cache
def love_language_items() -> tuple[LoveLanguageItem, ...]:
    return load_love_language_items()


def love_language_items_for(kind: str) -> tuple[LoveLanguageItem, ...]:
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    return tuple(i for i in love_language_items() if i.applies_to(kind))


# --------------------------------------------------------------------------- appreciation


class AppreciationIdea(ContentModel):
    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=10, max_length=240)
    language: Language
    kinds: tuple[Kind, ...] = Field(min_length=1)
    effort: Effort
    cost: Cost

    _check_kinds = field_validator("kinds")(unique_kinds)


class AppreciationSuggestion(ContentModel):
    """A gentle nudge towards something to appreciate."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=10, max_length=200)
    language: Language
    kinds: tuple[Kind, ...] = KINDS

    _check_kinds = field_validator("kinds")(unique_kinds)


def _every_language_and_kind(items: Iterable[Any], shown: str, what: str) -> None:
    items = list(items)
    for language in LANGUAGES:
        for kind in KINDS:
            if not any(i.language == language and kind in i.kinds for i in items):
                raise ContentError(shown, language, f"no {what} for {kind}")


def load_appreciation_ideas(base: Path | None = None) -> tuple[AppreciationIdea, ...]:
    ideas = load_items(APPRECIATION_FILE, AppreciationIdea, key="ideas", base=base)
    shown = shown_path(APPRECIATION_FILE, base)
    check_near_duplicates(shown, ((i.id, i.text) for i in ideas))
    _every_language_and_kind(ideas, shown, "ideas")
    return tuple(ideas)


def load_appreciation_suggestions(
    base: Path | None = None,
) -> tuple[AppreciationSuggestion, ...]:
    found = load_items(APPRECIATION_FILE, AppreciationSuggestion, key="suggestions", base=base)
    shown = shown_path(APPRECIATION_FILE, base)
    check_near_duplicates(shown, ((s.id, s.text) for s in found))
    _every_language_and_kind(found, shown, "suggestions")
    return tuple(found)


@cache
def appreciation_ideas() -> tuple[AppreciationIdea, ...]:
    return load_appreciation_ideas()


@cache
def appreciation_suggestions() -> tuple[AppreciationSuggestion, ...]:
    return load_appreciation_suggestions()


def ideas_for(
    kind: str,
    *,
    language: str | None = None,
    effort: str | None = None,
    cost: str | None = None,
) -> tuple[AppreciationIdea, ...]:
    """Appreciation ideas that fit a kind of bond, optionally narrowed down."""
    return tuple(
        i
        for i in appreciation_ideas()
        if kind in i.kinds
        and (language is None or i.language == language)
        and (effort is None or i.effort == effort)
        and (cost is None or i.cost == cost)
    )


# --------------------------------------------------------------------------- registration

register("love-language-items")(love_language_items)
register("appreciation-ideas")(appreciation_ideas)
register("appreciation-suggestions")(appreciation_suggestions)
