"""Progress: one selector per chart, the weekly rhythm, milestones and the CSV export rows.

Activity from other apps (exchanges answered, depth, dialogues) comes through the progress
series registry, so a missing app simply means an empty series."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Q

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView, bonds_for
from heard.checkup.charts import Chart, bar_chart, line_chart
from heard.checkup.content import COMPONENTS, ROADBLOCKS
from heard.checkup.models import (
    Appreciation,
    AppreciationStatus,
    CheckIn,
    CheckupResult,
    ConnectionRating,
    Milestone,
)
from heard.checkup.selectors import SCALE_NAMES, checkup_results, local_today
from heard.core.progress import register_series, series_for
from heard.safety.selectors import paused_bond_ids

Dated = list[tuple[datetime.date, float]]


# --------------------------------------------------------------------------- our own series


def _ratings(*, user: User, bond: Bond | None) -> Dated:
    rows = ConnectionRating.objects.filter(checkin__user=user)
    if bond is not None:
        rows = rows.filter(bond=bond)
    by_day: dict[datetime.date, list[int]] = defaultdict(list)
    for day, rating in rows.values_list("checkin__day", "rating"):
        by_day[day].append(rating)
    return [(day, sum(v) / len(v)) for day, v in sorted(by_day.items())]


@register_series("connection_rating", "Connection rating", "/10")
def connection_series(*, user: User, bond: Bond | None = None) -> Dated:
    """The person's own connection ratings (averaged over bonds when no bond is given)."""
    return _ratings(user=user, bond=bond)


@register_series("checkins", "Check-ins", "")
def checkin_series(*, user: User, bond: Bond | None = None) -> Dated:
    return [(day, 1.0) for day in CheckIn.objects.filter(user=user).values_list("day", flat=True)]


def _activity(name: str, *, user: User, bond: Bond | None = None) -> Dated:
    kwargs: dict[str, object] = {"user": user}
    if bond is not None:
        kwargs["bond"] = bond
    return [(day, float(value)) for day, value in series_for(name, **kwargs)]


# --------------------------------------------------------------------------- charts


def connection_chart(*, user: User, view: BondView) -> Chart:
    return connection_charts(user=user, views=[view])[0]


def connection_charts(*, user: User, views: list[BondView]) -> list[Chart]:
    """One chart per bond: your ratings, and theirs while the bond is not paused. Two queries
    whatever the number of bonds (the ratings of both people in every bond, and the pauses)."""
    if not views:
        return []
    paused = paused_bond_ids(bond_ids=[v.bond.pk for v in views])
    wanted = Q()
    for view in views:
        wanted |= Q(bond_id=view.bond.pk, checkin__user_id__in=[user.pk, view.other.pk])
    by_key: dict[tuple[int, int], dict[datetime.date, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = ConnectionRating.objects.filter(wanted).values_list(
        "bond_id", "checkin__user_id", "checkin__day", "rating"
    )
    for bond_id, person_id, day, rating in rows:
        by_key[(bond_id, person_id)][day].append(rating)

    def dated(bond_id: int, person_id: int) -> Dated:
        days = by_key.get((bond_id, person_id), {})
        return [(day, sum(v) / len(v)) for day, v in sorted(days.items())]

    charts = []
    for view in views:
        series: list[tuple[str, Dated]] = [("You", dated(view.bond.pk, user.pk))]
        # Connection ratings are seen by both people, except while the bond is paused.
        if view.bond.pk not in paused:
            series.append((view.other.username, dated(view.bond.pk, view.other.pk)))
        charts.append(
            line_chart(
                id=f"connection-{view.id}",
                title=f"How connected you each felt with {view.other.username}",
                series=series,
                y_min=1,
                y_max=10,
                unit="/10",
            )
        )
    return charts


def scores_chart(*, user: User, bond: Bond | None, group: str = "component") -> Chart:
    scales = COMPONENTS if group == "component" else ROADBLOCKS
    wanted = bond.pk if bond is not None else None
    results = [r for r in checkup_results(user=user) if r.bond_id == wanted]
    series: list[tuple[str, Dated]] = [(SCALE_NAMES[scale], []) for scale in scales]
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


def activity_chart(*, user: User) -> Chart:
    return bar_chart(
        id="activity",
        title="Prompts answered and listening rounds done, per week",
        series=[
            ("Prompts answered", _activity("exchanges_answered", user=user)),
            ("Listening rounds done", _activity("dialogues_done", user=user)),
        ],
    )


def depth_chart(*, user: User) -> Chart:
    points = _activity("depth", user=user)
    top = max([value for _, value in points] or [3.0])
    return line_chart(
        id="depth",
        title="The depth you reached",
        series=[("Deepest prompt answered", points)],
        y_min=0,
        y_max=max(3.0, top),
        how="max",
    )


# --------------------------------------------------------------------------- weekly rhythm


@dataclass(frozen=True)
class Rhythm:
    checkin_days: int
    exchanges: int
    dialogues: int

    @property
    def sentence(self) -> str:
        parts = []
        if self.checkin_days:
            days = "day" if self.checkin_days == 1 else "days"
            parts.append(f"checked in on {self.checkin_days} {days}")
        if self.exchanges:
            parts.append(f"answered {self.exchanges} prompt{'s' if self.exchanges != 1 else ''}")
        if self.dialogues:
            rounds = "round" if self.dialogues == 1 else "rounds"
            parts.append(f"finished {self.dialogues} listening {rounds}")
        if not parts:
            return "A new week. Check in whenever it suits you; there's no score to keep."
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"This week you {joined}. Every bit counts."


def weekly_rhythm(*, user: User) -> Rhythm:
    """What happened this week (Monday on). Counted in weeks, never as a streak."""
    today = local_today(user)
    monday = today - datetime.timedelta(days=today.weekday())

    def this_week(points: Dated) -> int:
        return int(sum(value for day, value in points if monday <= day <= today))

    return Rhythm(
        checkin_days=CheckIn.objects.filter(user=user, day__gte=monday, day__lte=today).count(),
        exchanges=this_week(_activity("exchanges_answered", user=user)),
        dialogues=this_week(_activity("dialogues_done", user=user)),
    )


# --------------------------------------------------------------------------- milestones

MILESTONES: dict[str, tuple[str, str]] = {
    "first_checkin": (
        "Your first check-in",
        "You paused to notice how you feel. That is where closeness starts.",
    ),
    "first_checkup": (
        "Your first check-up",
        "You took an honest look at how things feel. That takes care and courage.",
    ),
    "checkup_again": (
        "You came back to the check-up",
        "Looking again shows what is changing, and what is worth protecting.",
    ),
    "checkins_four_weeks": (
        "Check-ins in four different weeks",
        "Four weeks with at least one check-in. Any four weeks count, in any order.",
    ),
    "first_appreciation": (
        "Your first note of appreciation",
        "You told someone what you value about them. Small words like these go a long way.",
    ),
    "first_depth_2": (
        "Your first depth-2 exchange",
        "You went a little deeper than everyday talk. That is a real step.",
    ),
    "first_dialogue": (
        "Your first listening dialogue",
        "You took turns to speak and to listen. It gets easier each time.",
    ),
    "ten_felt_heard": (
        "Ten listening rounds where you felt heard",
        "Ten times you came away feeling heard. That is something you built together.",
    ),
}


def milestones_reached(*, user: User) -> list[str]:
    reached = []
    checkin_days = list(CheckIn.objects.filter(user=user).values_list("day", flat=True))
    if checkin_days:
        reached.append("first_checkin")
    weeks = {day - datetime.timedelta(days=day.weekday()) for day in checkin_days}
    if len(weeks) >= 4:
        reached.append("checkins_four_weeks")
    checkups = CheckupResult.objects.filter(user=user).count()
    if checkups >= 1:
        reached.append("first_checkup")
    if checkups >= 2:
        reached.append("checkup_again")
    if Appreciation.objects.filter(sender=user, status=AppreciationStatus.SENT).exists():
        reached.append("first_appreciation")
    if any(value >= 2 for _, value in _activity("depth", user=user)):
        reached.append("first_depth_2")
    if sum(value for _, value in _activity("dialogues_done", user=user)) >= 1:
        reached.append("first_dialogue")
    # felt_heard holds ratings from 1 to 5; 4 or 5 means "I felt heard".
    if sum(1 for _, value in _activity("felt_heard", user=user) if value >= 4) >= 10:
        reached.append("ten_felt_heard")
    return reached


def milestone_words(milestone: Milestone) -> tuple[str, str]:
    return MILESTONES.get(milestone.key, (milestone.key.replace("_", " ").capitalize(), ""))


def milestones_all(*, user: User) -> list[tuple[Milestone, str, str]]:
    return [(m, *milestone_words(m)) for m in Milestone.objects.filter(user=user)]


# --------------------------------------------------------------------------- CSV export

EXPORT_HEADER = ["date", "metric", "bond", "value"]


def export_rows(*, user: User) -> list[list[str]]:
    """The person's dated numbers, oldest first. No notes, feeling words or note text."""
    names = {}
    for view in bonds_for(user=user):
        names[view.bond.pk] = view.other.username
    rows: list[tuple[datetime.date, str, str, str]] = []
    ratings = ConnectionRating.objects.filter(checkin__user=user).values_list(
        "checkin__day", "bond_id", "rating"
    )
    for day, bond_id, rating in ratings:
        rows.append((day, "connection_rating", names.get(bond_id, f"bond {bond_id}"), str(rating)))
    for day in CheckIn.objects.filter(user=user).values_list("day", flat=True):
        rows.append((day, "checkin", "", "1"))
    for result in CheckupResult.objects.filter(user=user).order_by("created_at"):
        bond = "" if result.bond_id is None else names.get(result.bond_id, f"bond {result.bond_id}")
        day = result.created_at.date()
        for scale in (*COMPONENTS, *ROADBLOCKS):
            if result.scores.get(scale) is not None:
                rows.append((day, f"checkup_{scale}", bond, str(result.scores[scale])))
        if result.closeness:
            rows.append((day, "closeness", bond, str(result.closeness)))
    sent = Appreciation.objects.filter(sender=user, status=AppreciationStatus.SENT)
    for sent_at, bond_id in sent.values_list("sent_at", "bond_id"):
        if sent_at is None:
            continue
        rows.append(
            (sent_at.date(), "appreciation_sent", names.get(bond_id, f"bond {bond_id}"), "1")
        )
    for metric in ("exchanges_answered", "dialogues_done", "felt_heard", "depth"):
        for day, value in _activity(metric, user=user):
            rows.append((day, metric, "", f"{value:g}"))
    rows.sort(key=lambda row: (row[0], row[1], row[2]))
    return [[day.isoformat(), metric, bond, value] for day, metric, bond, value in rows]
