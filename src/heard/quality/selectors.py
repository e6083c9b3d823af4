"""Reads for quality time: plans a person may see, their next times, feeds."""

from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView, bond_for_member, bonds_for
from heard.core.errors import NotFound
from heard.quality import times
from heard.quality.content import Activity, activity_get
from heard.quality.models import (
    CalendarFeed,
    Plan,
    PlanOutcome,
    PlanStatus,
    ReminderSettings,
    Repeat,
    TogetherRating,
)
from heard.safety.selectors import paused_bond_ids

STEP_DAYS = {Repeat.DAILY: 1, Repeat.WEEKLY: 7}
# Until this long after it started, a plan's time is still "now" (for Together now).
RUNNING_GRACE = datetime.timedelta(hours=3)
NOT_FOUND = "That plan doesn't exist."


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def plan_for_member(*, user: User, plan_id: int) -> tuple[Plan, BondView]:
    """A plan in an active bond the person belongs to; anyone else (an ex too) gets 404."""
    if not getattr(user, "is_authenticated", False):
        raise NotFound(NOT_FOUND)
    plan = Plan.objects.filter(pk=plan_id, bond__memberships__user=user).first()
    if plan is None:
        raise NotFound(NOT_FOUND)
    try:
        view = bond_for_member(user=user, bond_id=plan.bond_id)
    except NotFound:
        raise NotFound(NOT_FOUND) from None
    return plan, view


def occurrences(
    plan: Plan, *, start: datetime.datetime, end: datetime.datetime, limit: int = 60
) -> list[datetime.datetime]:
    """The times a plan happens from ``start`` up to ``end`` (its first time included)."""
    step = STEP_DAYS.get(plan.repeat)  # type: ignore[call-overload]
    if step is None:
        return [plan.starts_at] if start <= plan.starts_at < end else []
    found: list[datetime.datetime] = []
    n = 0
    if start > plan.starts_at:
        # Jump close to ``start`` instead of walking from the first time.
        n = max(0, (start - plan.starts_at).days // step - 1)
    while len(found) < limit:
        moment = times.shift_wall_clock(plan.starts_at, n * step, plan.zone)
        if moment >= end:
            break
        if moment >= start:
            found.append(moment)
        n += 1
    return found


def next_time(plan: Plan, *, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """The next (or current) time of a plan; None when a one-off plan is over."""
    now = now or timezone.now()
    found = occurrences(plan, start=now - datetime.timedelta(minutes=plan.minutes), end=now + datetime.timedelta(days=400), limit=1)  # fmt: skip
    return found[0] if found else None


def last_time(plan: Plan, *, now: datetime.datetime | None = None) -> datetime.datetime | None:
    """The latest time the plan has started (the one "we did it" is about)."""
    now = now or timezone.now()
    found = occurrences(plan, start=now - datetime.timedelta(days=8), end=now, limit=60)
    return found[-1] if found else None


@dataclass(frozen=True)
class PlanRow:
    plan: Plan
    view: BondView
    activity: Activity | None
    when: datetime.datetime | None
    when_shown: str
    yours_to_answer: bool

    @property
    def id(self) -> int:
        return self.plan.pk


def _row(plan: Plan, view: BondView, user: User, when: datetime.datetime | None) -> PlanRow:
    return PlanRow(
        plan=plan,
        view=view,
        activity=activity_get(plan.activity_id),
        when=when,
        when_shown=times.shown(when, user.time_zone) if when else "",
        yours_to_answer=plan.status == PlanStatus.PROPOSED and plan.proposed_by_id != user.pk,
    )


def plan_row(*, user: User, plan: Plan, view: BondView) -> PlanRow:
    return _row(plan, view, user, next_time(plan) or plan.starts_at)


def _active_views(user: User) -> dict[int, BondView]:
    views = {v.bond.pk: v for v in bonds_for(user=user)}
    paused = paused_bond_ids(bond_ids=list(views))
    return {pk: v for pk, v in views.items() if pk not in paused}


def upcoming_for(*, user: User, now: datetime.datetime | None = None) -> list[PlanRow]:
    """Accepted plans with a time still to come, soonest first. Paused bonds show none."""
    now = now or timezone.now()
    views = _active_views(user)
    rows = []
    for plan in Plan.objects.filter(bond_id__in=list(views), status=PlanStatus.ACCEPTED):
        when = next_time(plan, now=now)
        if when is not None:
            rows.append(_row(plan, views[plan.bond_id], user, when))
    return sorted(rows, key=lambda r: r.when or now)


def proposals_for(*, user: User, now: datetime.datetime | None = None) -> list[PlanRow]:
    """Suggested times still to answer, by either person, whose time hasn't passed."""
    now = now or timezone.now()
    views = _active_views(user)
    plans = Plan.objects.filter(
        bond_id__in=list(views), status=PlanStatus.PROPOSED, starts_at__gt=now
    )
    return [_row(p, views[p.bond_id], user, p.starts_at) for p in plans]


def open_plans_query(*, user: User) -> QuerySet[Plan]:
    """Accepted or proposed plans in this person's active bonds (whatever their times)."""
    return Plan.objects.filter(
        bond__memberships__user=user,
        bond__ended_at__isnull=True,
        status__in=[PlanStatus.ACCEPTED, PlanStatus.PROPOSED],
    )


def today_plans(
    *, user: User, now: datetime.datetime | None = None
) -> tuple[list[PlanRow], list[PlanRow]]:
    """``upcoming_for`` and ``proposals_for`` together, from one query."""
    now = now or timezone.now()
    views = _active_views(user)
    upcoming, proposals = [], []
    plans = Plan.objects.filter(
        bond_id__in=list(views), status__in=[PlanStatus.ACCEPTED, PlanStatus.PROPOSED]
    )
    for plan in plans:
        if plan.status == PlanStatus.ACCEPTED:
            when = next_time(plan, now=now)
            if when is not None:
                upcoming.append(_row(plan, views[plan.bond_id], user, when))
        elif plan.starts_at > now:
            proposals.append(_row(plan, views[plan.bond_id], user, plan.starts_at))
    return sorted(upcoming, key=lambda r: r.when or now), proposals


def to_look_back(*, user: User, now: datetime.datetime | None = None) -> list[PlanRow]:
    """Accepted plans whose latest time has passed without a "did it" or "missed it"."""
    now = now or timezone.now()
    views = _active_views(user)
    rows = []
    for plan in Plan.objects.filter(bond_id__in=list(views), status=PlanStatus.ACCEPTED):
        when = last_time(plan, now=now - datetime.timedelta(minutes=plan.minutes))
        if when and not PlanOutcome.objects.filter(plan=plan, occurs_at=when).exists():
            rows.append(_row(plan, views[plan.bond_id], user, when))
    return rows


def my_rating(*, user: User, plan: Plan, occurs_at: datetime.datetime) -> TogetherRating | None:
    return TogetherRating.objects.filter(user=user, plan=plan, occurs_at=occurs_at).first()


def my_ratings(*, user: User) -> list[dict[str, object]]:
    """The person's own ratings, oldest first: only theirs, whatever bond."""
    rows = TogetherRating.objects.filter(user=user).order_by("occurs_at", "pk")
    return [dict(r) for r in rows.values("plan_id", "occurs_at", "day", "rating")]


def ratings_series(*, user: User, bond: Bond | None = None) -> list[tuple[datetime.date, float]]:
    """The person's own ratings after time together (never the other person's)."""
    rows = TogetherRating.objects.filter(user=user)
    if bond is not None:
        rows = rows.filter(plan__bond=bond)
    by_day: dict[datetime.date, list[int]] = {}
    for day, rating in rows.values_list("day", "rating"):
        by_day.setdefault(day, []).append(rating)
    return [(d, sum(v) / len(v)) for d, v in sorted(by_day.items())]


def feed_owner(*, token: str) -> User:
    feed = (
        CalendarFeed.objects.filter(token_hash=token_digest(token), revoked_at__isnull=True)
        .select_related("user")
        .first()
    )
    if feed is None or not feed.user.is_active:
        raise NotFound("There is no calendar here.")
    return feed.user


def feed_active(*, user: User) -> CalendarFeed | None:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).first()


def feed_plans(*, user: User) -> QuerySet[Plan]:
    """Accepted plans in the person's active, unpaused bonds, for the calendar feed."""
    return Plan.objects.filter(bond_id__in=list(_active_views(user)), status=PlanStatus.ACCEPTED)


def reminder_settings(*, user: User) -> ReminderSettings:
    found = ReminderSettings.objects.filter(user=user).first()
    return found or ReminderSettings(user=user)
