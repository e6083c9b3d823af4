"""Quality-time activities: schema, loader, content checks and filters.

Plain Python: no Django here (the CLI's ``heard ideas`` uses it without settings).
"""

from __future__ import annotations

import random
from functools import cache
from pathlib import Path
from typing import Literal, get_args

from pydantic import Field, field_validator

from heard.checkup.content import COMPONENTS, Component
from heard.content import (
    ContentError,
    ContentModel,
    Cost,
    check_near_duplicates,
    load_items,
    register,
    shown_path,
)

ACTIVITIES_FILE = "quality_time/activities.yaml"
MIN_ACTIVITIES = 150

Duration = Literal["ten_minutes", "an_hour", "half_a_day"]
Place = Literal["home", "out", "apart", "call"]
Energy = Literal["tired", "some", "lots"]
IdeaKind = Literal["partner", "friend", "family", "parent_adult_child"]
Theme = Literal[
    "screen", "walk", "cook", "game", "outdoors", "ritual", "talk", "make", "outing", "care",
    "distance",
]  # fmt: skip
DURATIONS: tuple[str, ...] = get_args(Duration)
PLACES: tuple[str, ...] = get_args(Place)
ENERGIES: tuple[str, ...] = get_args(Energy)
IDEA_KINDS: tuple[str, ...] = get_args(IdeaKind)
THEMES: tuple[str, ...] = get_args(Theme)
COSTS: tuple[str, ...] = get_args(Cost)

DURATION_MINUTES = {"ten_minutes": 10, "an_hour": 60, "half_a_day": 240}
LABELS = {
    "ten_minutes": "10 minutes",
    "an_hour": "An hour",
    "half_a_day": "Half a day",
    "free": "Free",
    "low": "Low cost",
    "some": "Some cost",
    "home": "At home",
    "out": "Out",
    "apart": "Apart or long-distance",
    "call": "Over a call",
    "tired": "When tired",
    "lots": "Lots of energy",
    "partner": "Partner",
    "friend": "Friend",
    "family": "Family",
    "parent_adult_child": "Parent and adult child",
}
# Energy "some" shares a word with cost "some"; filters say which is which.
ENERGY_LABELS = {"tired": "Tired", "some": "Some energy", "lots": "Lots of energy"}


class Activity(ContentModel):
    id: str = Field(pattern=r"^[a-z0-9]+(-[a-z0-9]+)*$", max_length=60)
    title: str = Field(min_length=10, max_length=120)
    duration: Duration
    cost: Cost = "free"
    place: Place
    energy: Energy
    kinds: tuple[IdeaKind, ...] = IDEA_KINDS  # type: ignore[assignment]
    builds: tuple[Component, ...] = Field(min_length=1)
    theme: Theme
    phones: str = Field(min_length=10, max_length=100)
    starter: str = Field(min_length=10, max_length=140)

    @field_validator("kinds", "builds")
    @classmethod
    def _no_repeats(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if not value:
            raise ValueError("must name at least one")
        if len(set(value)) != len(value):
            raise ValueError("must not repeat")
        return value

    @property
    def minutes(self) -> int:
        return DURATION_MINUTES[self.duration]

    def fits_bond(self, kind: str) -> bool:
        """A family bond fits family ideas and parent-and-adult-child ideas."""
        if kind == "family":
            return "family" in self.kinds or "parent_adult_child" in self.kinds
        return kind in self.kinds


def load_activities(base: Path | None = None) -> tuple[Activity, ...]:
    items = load_items(ACTIVITIES_FILE, Activity, key="activities", base=base)
    shown = shown_path(ACTIVITIES_FILE, base)
    if len(items) < MIN_ACTIVITIES:
        raise ContentError(shown, None, f"has {len(items)} activities; needs {MIN_ACTIVITIES}")
    check_near_duplicates(shown, ((a.id, a.title) for a in items))
    check_near_duplicates(shown, ((a.id, a.starter) for a in items))
    for field, values in (
        ("duration", DURATIONS),
        ("place", PLACES),
        ("energy", ENERGIES),
        ("theme", THEMES),
        ("cost", COSTS),
    ):
        for value in values:
            if not any(getattr(a, field) == value for a in items):
                raise ContentError(shown, field, f"no activity with {field} {value}")
    for kind in IDEA_KINDS:
        if not any(kind in a.kinds for a in items):
            raise ContentError(shown, kind, "no activity for this kind of bond")
    for component in COMPONENTS:
        if not any(component in a.builds for a in items):
            raise ContentError(shown, component, "no activity builds this component")
    return tuple(items)


@cache
def activities() -> tuple[Activity, ...]:
    return load_activities()


register("quality-activities")(activities)


class UnknownFilter(ValueError):
    pass


FILTERS = {
    "duration": DURATIONS,
    "cost": COSTS,
    "place": PLACES,
    "energy": ENERGIES,
    "kind": IDEA_KINDS,
    "builds": COMPONENTS,
    "theme": THEMES,
}


def activity_get(activity_id: str) -> Activity | None:
    return next((a for a in activities() if a.id == activity_id), None)


def activities_filter(**wanted: str | None) -> list[Activity]:
    """Activities matching every given filter (None or "" means any). An unknown filter
    value raises UnknownFilter with a message fit to show."""
    chosen = {k: v for k, v in wanted.items() if v}
    for key, value in chosen.items():
        if key not in FILTERS:
            raise UnknownFilter(f"There is no filter called {key!r}.")
        if value not in FILTERS[key]:
            raise UnknownFilter(f"{key} must be one of {', '.join(FILTERS[key])}.")
    found = []
    for activity in activities():
        if "kind" in chosen and not activity.fits_bond(chosen["kind"]):  # type: ignore[arg-type]
            continue
        if "builds" in chosen and chosen["builds"] not in activity.builds:
            continue
        if any(getattr(activity, k) != v for k, v in chosen.items() if k not in {"kind", "builds"}):
            continue
        found.append(activity)
    return found


def activity_surprise(*, rng: random.Random | None = None, **wanted: str | None) -> Activity | None:
    """One activity that fits the filters, at random; None when nothing fits."""
    found = activities_filter(**wanted)
    return (rng or random).choice(found) if found else None
