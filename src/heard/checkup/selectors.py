"""Reads for the check-up: results, the side-by-side, the week's focus, the score charts.

Every bond-scoped read goes through ``bond_for_member``; a person's own rows are filtered by
the person, so nobody else's result can be named by id."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import cache

from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView, bonds_for
from heard.checkup.content import (
    CHECKUP_ITEMS_FILE,
    COMPONENTS,
    ROADBLOCKS,
    closeness_steps,
)
from heard.checkup.models import CheckupResult
from heard.checkup.scoring import Difference, FocusSuggestion, band_for, compare, focus_plan
from heard.content import content_files, read_yaml
from heard.core.charts import Chart, line_chart
from heard.core.errors import NotFound
from heard.core.memo import once_per_request

RETAKE_DAYS = 30

SCALE_NAMES = {
    "vulnerability": "Opening up",
    "empathy": "Feeling understood",
    "trust": "Trust",
    "authenticity": "Being yourself",
    "acceptance": "Feeling accepted",
    "time": "Too little time",
    "fear": "Fear of opening up",
    "weakness_belief": "Seeing openness as weakness",
    "communication": "Talks that go sideways",
    "old_hurts": "Old hurts",
}
# Where each focus target is practised: (url, link text).
TARGET_LINKS = {
    "quality_time": ("/together/", "Plan a little time together"),
    "start_small": ("/", "Try today's light prompt"),
    "listening_dialogue": ("/talk/", "Start a listening dialogue"),
    "i_statement": ("/talk/", "Try the I-statement builder"),
    "help": ("/help/", "Open the help page"),
    "appreciation": ("/checkup/appreciation/", "Send a note of appreciation"),
    "love_languages": ("/checkup/love-languages/", "Explore love languages"),
    "practice": ("/talk/", "Practise listening with the coach"),
}


# --------------------------------------------------------------------------- answer scale


@cache
def answer_labels() -> dict[int, str]:
    data = read_yaml(content_files(CHECKUP_ITEMS_FILE)[0])
    labels = (data.get("answer_scale") or {}).get("labels") or {}
    return {int(k): str(v) for k, v in labels.items()}


# --------------------------------------------------------------------------- check-up


@dataclass(frozen=True)
class ScaleRow:
    scale: str
    name: str
    group: str  # "component" or "roadblock"
    score: int | None
    band: str
    meaning: str


def scale_rows(scores: dict[str, int | None]) -> list[ScaleRow]:
    rows = []
    for group, scales in (("component", COMPONENTS), ("roadblock", ROADBLOCKS)):
        for scale in scales:
            if scale not in scores:
                continue
            score = scores[scale]
            band = band_for(scale, score) if score is not None else None
            rows.append(
                ScaleRow(
                    scale=scale,
                    name=SCALE_NAMES.get(scale, scale),
                    group=group,
                    score=score,
                    band=band.label if band else "Not enough answers",
                    meaning=band.meaning
                    if band
                    else "You skipped most of these statements, so there is no score this time.",
                )
            )
    return rows


def closeness_label(step: int | None) -> str:
    for item in closeness_steps():
        if item.step == step:
            return item.label
    return ""


def checkup_result_own(*, user: User, result_id: int) -> CheckupResult:
    """One of the person's own check-ups; anyone else's is NotFound."""
    result = CheckupResult.objects.filter(pk=result_id, user=user).select_related("bond").first()
    if result is None:
        raise NotFound("That check-up doesn't exist.")
    return result


def checkup_results(*, user: User) -> list[CheckupResult]:
    """All of a person's check-ups, newest first, with their bonds: one query, once per page.
    The overview, the focus and the score charts all read from it (a check-up a month keeps
    the list short)."""

    def query() -> list[CheckupResult]:
        return list(CheckupResult.objects.filter(user=user).select_related("bond"))

    return once_per_request(("checkup_results", user.pk), query)


def latest_checkup(*, user: User, bond: Bond | None) -> CheckupResult | None:
    wanted = bond.pk if bond is not None else None
    return next((r for r in checkup_results(user=user) if r.bond_id == wanted), None)


def days_since(result: CheckupResult | None) -> int | None:
    if result is None:
        return None
    return (timezone.now() - result.created_at).days


@dataclass(frozen=True)
class CheckupRow:
    """One line of the check-up overview: a bond (or on your own) and its latest result."""

    bond: BondView | None
    latest: CheckupResult | None
    days: int | None

    @property
    def retake_due(self) -> bool:
        return self.days is not None and self.days >= RETAKE_DAYS


def checkup_overview(*, user: User) -> list[CheckupRow]:
    rows = [
        CheckupRow(view, latest := latest_checkup(user=user, bond=view.bond), days_since(latest))
        for view in bonds_for(user=user)
    ]
    solo = latest_checkup(user=user, bond=None)
    rows.append(CheckupRow(None, solo, days_since(solo)))
    return rows


@dataclass(frozen=True)
class SideBySide:
    """Both people's latest check-ups for a bond. ``available`` only when both shared theirs."""

    available: bool
    mine: CheckupResult | None
    theirs: CheckupResult | None
    differences: list[Difference]

    @property
    def talk_about(self) -> list[Difference]:
        return sorted((d for d in self.differences if d.talk_about), key=lambda d: -d.gap)


def side_by_side(*, user: User, view: BondView) -> SideBySide:
    mine = latest_checkup(user=user, bond=view.bond)
    theirs = latest_checkup(user=view.other, bond=view.bond)
    if mine is None or theirs is None or not (mine.shared and theirs.shared):
        # Nothing about the other person's check-up (not even whether it exists) leaks here.
        return SideBySide(False, mine, None, [])
    return SideBySide(True, mine, theirs, list(compare(mine.scores, theirs.scores).values()))


@dataclass(frozen=True)
class Focus:
    suggestion: FocusSuggestion
    result: CheckupResult | None
    url: str
    link_text: str
    also: list[tuple[str, str]]


def focus_for(*, user: User) -> Focus:
    """One focus for the week, from the person's most recent check-up (any bond or alone)."""
    result = next(
        (r for r in checkup_results(user=user) if r.bond is None or r.bond.ended_at is None),
        None,
    )
    suggestion = focus_plan(result.scores if result else {})
    url, text = TARGET_LINKS[suggestion.target]
    also = [TARGET_LINKS[t] for t in suggestion.also if t in TARGET_LINKS]
    return Focus(suggestion, result, url, text, [a for a in also if a[0] != url])


def checkup_count(*, user: User) -> int:
    return CheckupResult.objects.filter(user=user).count()


def checkup_history(*, user: User) -> list[CheckupResult]:
    """The person's check-ups, oldest first (for charts and the progress export)."""
    return list(CheckupResult.objects.filter(user=user).order_by("created_at", "pk"))


# --------------------------------------------------------------------------- charts


def scores_chart(*, user: User, bond: Bond | None, group: str = "component") -> Chart:
    scales = COMPONENTS if group == "component" else ROADBLOCKS
    wanted = bond.pk if bond is not None else None
    results = [r for r in checkup_results(user=user) if r.bond_id == wanted]
    series: list[tuple[str, list[tuple[datetime.date, float]]]] = [
        (SCALE_NAMES[scale], []) for scale in scales
    ]
    for result in reversed(results):
        day = result.created_at.date()
        for index, scale in enumerate(scales):
            value = result.scores.get(scale)
            if value is not None:
                series[index][1].append((day, float(value)))
    what = "parts of closeness" if group == "component" else "roadblocks"
    return line_chart(
        id=f"scores-{group}-{bond.pk if bond else 'solo'}",
        title=f"Your check-up over time: {what}",
        series=series,
        y_min=0,
        y_max=100,
    )


@dataclass(frozen=True)
class ClosenessPicture:
    step: int
    label: str
    description: str
    left: float
    right: float
    radius: float = 22.0
    cy: float = 30.0
    width: int = 120
    height: int = 60


def closeness_pictures() -> list[ClosenessPicture]:
    """The seven closeness pictures: two circles whose centres move closer at each step."""
    pictures = []
    for step in closeness_steps():
        gap = step.centre_distance * 22.0
        pictures.append(
            ClosenessPicture(step.step, step.label, step.description, 60 - gap / 2, 60 + gap / 2)
        )
    return pictures
