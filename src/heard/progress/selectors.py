"""Progress: one selector per chart, the weekly rhythm, milestones and the CSV export rows.

Progress is the one app that reads across the others, and only through their selectors
(check-ups, check-ins, appreciation). Activity from other apps (exchanges answered, depth,
dialogues) comes through the progress series registry, so a missing app simply means an
empty series."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from heard.accounts.models import User
from heard.accounts.selectors import local_today
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView, bonds_for
from heard.checkup import selectors as checkup_selectors
from heard.checkup.content import COMPONENTS, ROADBLOCKS
from heard.core.charts import Chart, bar_chart, line_chart
from heard.core.progress import series_for
from heard.daily import selectors as daily_selectors
from heard.progress.models import Milestone
from heard.together import selectors as together_selectors

Dated = list[tuple[datetime.date, float]]


# --------------------------------------------------------------------------- series


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
    hidden = daily_selectors.bonds_with_ratings_hidden(views=views)
    ratings = daily_selectors.connection_ratings_for_bonds(user=user, views=views)
    charts = []
    for view in views:
        series: list[tuple[str, Dated]] = [("You", ratings.get((view.bond.pk, user.pk), []))]
        if view.bond.pk not in hidden:
            series.append((view.other.username, ratings.get((view.bond.pk, view.other.pk), [])))
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
        checkin_days=len(daily_selectors.checkin_days(user=user, since=monday, until=today)),
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
    checkin_days = daily_selectors.checkin_days(user=user)
    if checkin_days:
        reached.append("first_checkin")
    weeks = {day - datetime.timedelta(days=day.weekday()) for day in checkin_days}
    if len(weeks) >= 4:
        reached.append("checkins_four_weeks")
    checkups = checkup_selectors.checkup_count(user=user)
    if checkups >= 1:
        reached.append("first_checkup")
    if checkups >= 2:
        reached.append("checkup_again")
    if together_selectors.appreciation_sent_any(user=user):
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
    for day, bond_id, rating in daily_selectors.rating_rows(user=user):
        rows.append((day, "connection_rating", names.get(bond_id, f"bond {bond_id}"), str(rating)))
    for day in daily_selectors.checkin_days(user=user):
        rows.append((day, "checkin", "", "1"))
    for result in checkup_selectors.checkup_history(user=user):
        bond = "" if result.bond_id is None else names.get(result.bond_id, f"bond {result.bond_id}")
        day = result.created_at.date()
        for scale in (*COMPONENTS, *ROADBLOCKS):
            if result.scores.get(scale) is not None:
                rows.append((day, f"checkup_{scale}", bond, str(result.scores[scale])))
        if result.closeness:
            rows.append((day, "closeness", bond, str(result.closeness)))
    for sent_at, bond_id in together_selectors.appreciations_sent(user=user):
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
