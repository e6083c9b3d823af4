"""Check-up content: schemas, loaders and content checks.

All text lives in YAML under ``heard/content/``. Every loader validates its file against a
pydantic schema and then against a few rules of our own (unique ids, enough items per scale,
reverse-keyed items, no near-duplicate wording); the shared machinery for that is in
:mod:`heard.content`. A bad file raises :class:`ContentError` with the path, the item and the
reason. The public loaders are cached; the ``load_*`` functions take a ``base`` folder so
tests can point them at a temporary copy.

Plain Python: no Django here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal, get_args

from pydantic import Field, ValidationError, field_validator, model_validator

from heard.content import (
    ID_PATTERN,
    KINDS,
    ContentError,
    ContentModel,
    Kind,
    check_near_duplicates,
    content_files,
    load_items,
    read_yaml,
    register,
    shown_path,
    unique_kinds,
)

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

ANSWER_MIN = 1
ANSWER_MAX = 5
MIN_COMPONENT_ITEMS = 5
MIN_ROADBLOCK_ITEMS = 3
CLOSENESS_STEPS = 7

CHECKUP_ITEMS_FILE = "checkup/items.yaml"
CHECKUP_BANDS_FILE = "checkup/bands.yaml"
CLOSENESS_FILE = "checkup/closeness.yaml"
FOCUS_FILE = "checkup/focus.yaml"

# --------------------------------------------------------------------------- check-up items


class CheckupItem(ContentModel):
    """One statement, answered from 1 (strongly disagree) to 5 (strongly agree)."""

    id: str = Field(pattern=ID_PATTERN)
    text: str = Field(min_length=10, max_length=200)
    scale: Scale
    reverse: bool = False
    kinds: tuple[Kind, ...] = KINDS

    _check_kinds = field_validator("kinds")(unique_kinds)

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


class BandRange(ContentModel):
    low: int = Field(ge=0, le=100)
    high: int = Field(ge=0, le=100)
    label: str = Field(min_length=2, max_length=40)
    meaning: str = Field(min_length=20, max_length=400)


class ScaleBands(ContentModel):
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


class ClosenessStep(ContentModel):
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


class FocusRule(ContentModel):
    """What to suggest when this scale is the one to work on this week."""

    scale: Scale
    target: Target
    also: tuple[Target, ...] = ()
    title: str = Field(min_length=5, max_length=80)
    reason: str = Field(min_length=20, max_length=400)
    this_week: str = Field(min_length=10, max_length=300)


class FocusFallback(ContentModel):
    id: Literal["all_well", "no_scores"]
    target: Target
    also: tuple[Target, ...] = ()
    title: str = Field(min_length=5, max_length=80)
    reason: str = Field(min_length=20, max_length=400)
    this_week: str = Field(min_length=10, max_length=300)


class TalkAbout(ContentModel):
    """A gentle opener for when two people score a scale far apart."""

    scale: Scale
    prompt: str = Field(min_length=20, max_length=300)


class FocusSettings(ContentModel):
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


# --------------------------------------------------------------------------- registration


def _focus_rules() -> dict[str, FocusRule]:
    return focus_content().rules


register("checkup-items")(checkup_items)
register("checkup-bands")(checkup_bands)
register("checkup-closeness")(closeness_steps)
register("checkup-focus")(_focus_rules)
