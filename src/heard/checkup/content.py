"""Check-up, love-language and appreciation content: schemas, loaders and content checks.

All text lives in YAML under ``heard/content/``. Every loader validates its file against a
pydantic schema and then against a few rules of our own (unique ids, enough items per scale,
reverse-keyed items, no near-duplicate wording). A bad file raises :class:`ContentError` with
the path, the item and the reason. The public loaders are cached; the ``load_*`` functions
take a ``base`` folder so tests can point them at a temporary copy.

Plain Python: no Django here.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from heard.content import CONTENT_DIR, ContentError, content_files, load_items, read_yaml, register

Kind = Literal["partner", "friend", "family"]
KINDS: tuple[Kind, ...] = get_args(Kind)

Component = Literal["vulnerability", "empathy", "trust", "authenticity", "acceptance"]
Roadblock = Literal["time", "fear", "weakness_belief", "communication", "old_hurts"]
Scale = Literal[
    "vulnerability",
    "empathy",
    "trust",
    "authenticity",
    "acceptance",
    "time",
    "fear",
    "weakness_belief",
    "communication",
    "old_hurts",
]
COMPONENTS: tuple[str, ...] = get_args(Component)
ROADBLOCKS: tuple[str, ...] = get_args(Roadblock)
SCALES: tuple[str, ...] = COMPONENTS + ROADBLOCKS

Language = Literal["words", "quality_time", "gifts", "acts_of_service", "physical_touch"]
LANGUAGES: tuple[str, ...] = get_args(Language)

Target = Literal[
    "quality_time",
    "start_small",
    "listening_dialogue",
    "i_statement",
    "help",
    "appreciation",
    "love_languages",
    "practice",
]
TARGETS: tuple[str, ...] = get_args(Target)

Effort = Literal["small", "medium", "big"]
Cost = Literal["free", "low", "some"]

ANSWER_MIN = 1
ANSWER_MAX = 5
MIN_COMPONENT_ITEMS = 5
MIN_ROADBLOCK_ITEMS = 3
MIN_LANGUAGE_ITEMS = 4
CLOSENESS_STEPS = 7
# Two texts whose normalised wording matches at least this closely count as near-duplicates.
NEAR_DUPLICATE_RATIO = 0.85

CHECKUP_ITEMS_FILE = "checkup/items.yaml"
CHECKUP_BANDS_FILE = "checkup/bands.yaml"
CLOSENESS_FILE = "checkup/closeness.yaml"
FOCUS_FILE = "checkup/focus.yaml"
LOVE_LANGUAGE_FILE = "lovelanguages/items.yaml"
APPRECIATION_FILE = "appreciation/ideas.yaml"

_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"


# --------------------------------------------------------------------------- helpers


def shown_path(relpath: str, base: Path | None = None) -> str:
    """The path of a content file as we show it in errors (relative to ``src/`` if we can)."""
    path = content_files(relpath, base)[0]
    try:
        return str(path.relative_to(CONTENT_DIR.parent.parent))
    except ValueError:
        return str(path)


def _normalise(text: str) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split())


def near_duplicate(
    texts: Iterable[tuple[object, str]], ratio: float = NEAR_DUPLICATE_RATIO
) -> tuple[object, object, float] | None:
    """The first pair of (id, text) whose wording is nearly the same, with its similarity."""
    seen: list[tuple[object, str]] = []
    for ident, text in texts:
        norm = _normalise(text)
        for other_id, other in seen:
            matcher = difflib.SequenceMatcher(None, norm, other, autojunk=False)
            if matcher.real_quick_ratio() < ratio or matcher.quick_ratio() < ratio:
                continue
            similarity = matcher.ratio()
            if similarity >= ratio:
                return other_id, ident, similarity
        seen.append((ident, norm))
    return None


def check_near_duplicates(shown: str, texts: Iterable[tuple[object, str]]) -> None:
    found = near_duplicate(texts)
    if found:
        first, second, similarity = found
        raise ContentError(
            shown, second, f"text is a near-duplicate of {first} ({similarity:.0%} alike)"
        )


def _unique_kinds(value: tuple[str, ...]) -> tuple[str, ...]:
    if not value:
        raise ValueError("kinds must name at least one of partner, friend, family")
    if len(set(value)) != len(value):
        raise ValueError("kinds must not repeat")
    return value


class _Content(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


# --------------------------------------------------------------------------- check-up items


class CheckupItem(_Content):
    """One statement, answered from 1 (strongly disagree) to 5 (strongly agree)."""

    id: str = Field(pattern=_ID)
    text: str = Field(min_length=10, max_length=200)
    scale: Scale
    reverse: bool = False
    kinds: tuple[Kind, ...] = KINDS

    _check_kinds = field_validator("kinds")(_unique_kinds)

    @model_validator(mode="after")
    def _id_names_scale(self) -> CheckupItem:
        prefix = self.scale.replace("_", "-")
        if not re.fullmatch(rf"{prefix}-\d{{2}}", self.id):
            raise ValueError(f"id must look like '{prefix}-01' for scale {self.scale}")
        return self

    def applies_to(self, kind: str) -> bool:
        return kind in self.kinds


def load_checkup_items(base: Path | None = None) -> tuple[CheckupItem, ...]:
    items = load_items(CHECKUP_ITEMS_FILE, CheckupItem, base=base)
    shown = shown_path(CHECKUP_ITEMS_FILE, base)
    check_near_duplicates(shown, ((i.id, i.text) for i in items))
    for scale in SCALES:
        minimum = MIN_COMPONENT_ITEMS if scale in COMPONENTS else MIN_ROADBLOCK_ITEMS
        for kind in KINDS:
            scoped = [i for i in items if i.scale == scale and i.applies_to(kind)]
            if len(scoped) < minimum:
                raise ContentError(
                    shown,
                    scale,
                    f"scale has {len(scoped)} items for {kind}; it needs at least {minimum}",
                )
            if scale in COMPONENTS and not any(i.reverse for i in scoped):
                raise ContentError(
                    shown, scale, f"scale needs at least one reverse-keyed item for {kind}"
                )
    return tuple(items)


@cache
def checkup_items() -> tuple[CheckupItem, ...]:
    """Every check-up item, in file order."""
    return load_checkup_items()


def checkup_items_for(kind: str) -> tuple[CheckupItem, ...]:
    """The check-up items that fit this kind of bond (partner, friend or family)."""
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {', '.join(KINDS)}")
    return tuple(i for i in checkup_items() if i.applies_to(kind))


# --------------------------------------------------------------------------- bands


class BandRange(_Content):
    low: int = Field(ge=0, le=100)
    high: int = Field(ge=0, le=100)
    label: str = Field(min_length=2, max_length=40)
    meaning: str = Field(min_length=20, max_length=400)


class ScaleBands(_Content):
    """How to read a 0-100 score on one scale, split into bands that cover 0-100 exactly."""

    scale: Scale
    ranges: tuple[BandRange, ...] = Field(min_length=2)

    @model_validator(mode="after")
    def _cover_0_to_100(self) -> ScaleBands:
        expected = 0
        for band in self.ranges:
            if band.low != expected:
                raise ValueError(f"band '{band.label}' should start at {expected}")
            if band.high < band.low:
                raise ValueError(f"band '{band.label}' ends before it starts")
            expected = band.high + 1
        if expected != 101:
            raise ValueError("bands must end at 100")
        return self


def load_bands(base: Path | None = None) -> dict[str, ScaleBands]:
    bands = load_items(CHECKUP_BANDS_FILE, ScaleBands, key="bands", id_field="scale", base=base)
    shown = shown_path(CHECKUP_BANDS_FILE, base)
    by_scale: dict[str, ScaleBands] = {b.scale: b for b in bands}
    for scale in SCALES:
        if scale not in by_scale:
            raise ContentError(shown, scale, "no bands for this scale")
    return by_scale


@cache
def checkup_bands() -> dict[str, ScaleBands]:
    return load_bands()


# --------------------------------------------------------------------------- closeness picture


class ClosenessStep(_Content):
    """One step of the closeness picture: two circles, from apart (1) to almost one (7).

    ``centre_distance`` is the distance between the two circles' centres in radii: 2.0 means
    the circles just touch, 0 would be one circle on top of the other.
    """

    step: int = Field(ge=1, le=CLOSENESS_STEPS)
    label: str = Field(min_length=2, max_length=40)
    description: str = Field(min_length=5, max_length=160)
    centre_distance: float = Field(ge=0, le=4)


def load_closeness(base: Path | None = None) -> tuple[ClosenessStep, ...]:
    steps = load_items(CLOSENESS_FILE, ClosenessStep, key="steps", id_field="step", base=base)
    shown = shown_path(CLOSENESS_FILE, base)
    if [s.step for s in steps] != list(range(1, CLOSENESS_STEPS + 1)):
        raise ContentError(shown, None, f"steps must be 1 to {CLOSENESS_STEPS}, in order")
    for before, after in pairwise(steps):
        if after.centre_distance >= before.centre_distance:
            raise ContentError(shown, after.step, "circles must move closer at every step")
    data = read_yaml(content_files(CLOSENESS_FILE, base)[0])
    if not isinstance(data.get("question"), str) or not data["question"].strip():
        raise ContentError(shown, None, "expected a 'question' to ask above the picture")
    return tuple(steps)


@cache
def closeness_steps() -> tuple[ClosenessStep, ...]:
    return load_closeness()


@cache
def closeness_question() -> str:
    closeness_steps()  # validates the file
    data = read_yaml(content_files(CLOSENESS_FILE)[0])
    return str(data["question"]).strip()


# --------------------------------------------------------------------------- focus plan


class FocusRule(_Content):
    """What to suggest when this scale is the one to work on this week."""

    scale: Scale
    target: Target
    also: tuple[Target, ...] = ()
    title: str = Field(min_length=5, max_length=80)
    reason: str = Field(min_length=20, max_length=400)
    this_week: str = Field(min_length=10, max_length=300)


class FocusFallback(_Content):
    id: Literal["all_well", "no_scores"]
    target: Target
    also: tuple[Target, ...] = ()
    title: str = Field(min_length=5, max_length=80)
    reason: str = Field(min_length=20, max_length=400)
    this_week: str = Field(min_length=10, max_length=300)


class TalkAbout(_Content):
    """A gentle opener for when two people score a scale far apart."""

    scale: Scale
    prompt: str = Field(min_length=20, max_length=300)


class FocusSettings(_Content):
    compare_threshold: int = Field(default=20, ge=1, le=100)
    all_well_component_min: int = Field(default=70, ge=0, le=100)
    all_well_roadblock_max: int = Field(default=39, ge=0, le=100)


@dataclass(frozen=True)
class FocusContent:
    rules: dict[str, FocusRule]
    fallbacks: dict[str, FocusFallback]
    talk_about: dict[str, TalkAbout]
    settings: FocusSettings


def _keyed_by(items: Iterable[Any], field: str, wanted: Iterable[str], shown: str) -> dict:
    by_key = {getattr(i, field): i for i in items}
    for key in wanted:
        if key not in by_key:
            raise ContentError(shown, key, "missing")
    return by_key


def load_focus(base: Path | None = None) -> FocusContent:
    shown = shown_path(FOCUS_FILE, base)
    rules = load_items(FOCUS_FILE, FocusRule, key="rules", id_field="scale", base=base)
    fallbacks = load_items(FOCUS_FILE, FocusFallback, key="fallbacks", base=base)
    talk = load_items(FOCUS_FILE, TalkAbout, key="talk_about", id_field="scale", base=base)
    data = read_yaml(content_files(FOCUS_FILE, base)[0])
    try:
        settings = FocusSettings.model_validate(data.get("settings") or {})
    except ValidationError as exc:
        raise ContentError(shown, "settings", str(exc.errors()[0]["msg"])) from None
    return FocusContent(
        rules=_keyed_by(rules, "scale", SCALES, shown),
        fallbacks=_keyed_by(fallbacks, "id", ("all_well", "no_scores"), shown),
        talk_about=_keyed_by(talk, "scale", SCALES, shown),
        settings=settings,
    )


@cache
def focus_content() -> FocusContent:
    return load_focus()


# --------------------------------------------------------------------------- love languages


class LoveLanguageItem(_Content):
    """One statement about how someone likes to be cared for, rated 1-5 on its own."""

    id: str = Field(pattern=_ID)
    text: str = Field(min_length=10, max_length=200)
    language: Language
    reverse: bool = False
    kinds: tuple[Kind, ...] = KINDS

    _check_kinds = field_validator("kinds")(_unique_kinds)

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


class AppreciationIdea(_Content):
    id: str = Field(pattern=_ID)
    text: str = Field(min_length=10, max_length=240)
    language: Language
    kinds: tuple[Kind, ...] = Field(min_length=1)
    effort: Effort
    cost: Cost

    _check_kinds = field_validator("kinds")(_unique_kinds)


class AppreciationSuggestion(_Content):
    """A gentle nudge towards something to appreciate."""

    id: str = Field(pattern=_ID)
    text: str = Field(min_length=10, max_length=200)
    language: Language
    kinds: tuple[Kind, ...] = KINDS

    _check_kinds = field_validator("kinds")(_unique_kinds)


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


def _focus_rules() -> dict[str, FocusRule]:
    return focus_content().rules


register("checkup-items")(checkup_items)
register("checkup-bands")(checkup_bands)
register("checkup-closeness")(closeness_steps)
register("checkup-focus")(_focus_rules)
register("love-language-items")(love_language_items)
register("appreciation-ideas")(appreciation_ideas)
register("appreciation-suggestions")(appreciation_suggestions)
