"""Writes for quality time: propose, answer, look back, rate, calendar feeds, settings."""

from __future__ import annotations

import datetime
import secrets

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.selectors import BondView, bond_for_member
from heard.core.errors import Conflict, DomainError, NotFound
from heard.core.notices import notice_send, notice_withdraw
from heard.quality import selectors, times
from heard.quality.content import activity_get
from heard.quality.models import (
    Anchor,
    CalendarFeed,
    Outcome,
    Plan,
    PlanOutcome,
    PlanStatus,
    ReminderSettings,
    Repeat,
    TogetherRating,
)
from heard.safety.selectors import joint_exercise_require

ANSWERS = ("accept", "another_time", "not_this_week")
RATING_MIN, RATING_MAX = 1, 10
FEED_PREFIX = "cal_"
ENDED_MESSAGE = "Plans can't be made there."


def _when(*, user: User, day: datetime.date, time: datetime.time, now: datetime.datetime) -> datetime.datetime:  # fmt: skip
    try:
        moment = times.local_to_utc(day, time, user.time_zone)
    except times.TimeProblem as exc:
        raise DomainError(str(exc)) from None
    if moment <= now:
        raise DomainError("That time has already passed. Choose a time still to come.")
    if moment > now + datetime.timedelta(days=366):
        raise DomainError("Choose a time within the next year.")
    return moment


def _bond(user: User, bond_id: int) -> BondView:
    try:
        view = bond_for_member(user=user, bond_id=bond_id)
    except NotFound:
        # Ended, someone else's or made up: one neutral answer for all of them.
        raise NotFound(ENDED_MESSAGE) from None
    joint_exercise_require(user=user, bond=view.bond)
    return view


def _notice_key(plan: Plan) -> str:
    return f"quality-plan-{plan.pk}"


def _tell_other(plan: Plan, view: BondView, text: str) -> None:
    notice_send(
        user=view.other,
        bond=view.bond,
        kind="quality_time",
        text=text,
        url=reverse("quality:plan", args=[plan.pk]),
        key=_notice_key(plan),
    )


@transaction.atomic
def plan_propose(
    *,
    user: User,
    bond_id: int,
    activity_id: str,
    day: datetime.date,
    time: datetime.time,
    repeat: str = "",
    anchor: str = "",
    now: datetime.datetime | None = None,
) -> Plan:
    view = _bond(user, bond_id)
    activity = activity_get(activity_id)
    if activity is None:
        raise DomainError("That activity isn't one of ours. Pick one from the ideas.")
    if repeat not in Repeat.values:
        raise DomainError("Repeat must be once, daily or weekly.")
    if anchor not in Anchor.values:
        raise DomainError("Choose one of the habits on the list, or none.")
    moment = _when(user=user, day=day, time=time, now=now or timezone.now())
    plan = Plan.objects.create(
        bond=view.bond,
        activity_id=activity.id,
        proposed_by=user,
        starts_at=moment,
        zone=user.time_zone,
        minutes=activity.minutes,
        repeat=repeat,
        anchor=anchor,
    )
    _tell_other(plan, view, f"{user.username} suggested some time together.")
    return plan


def _answerable(user: User, plan_id: int) -> tuple[Plan, BondView]:
    plan, view = selectors.plan_for_member(user=user, plan_id=plan_id)
    joint_exercise_require(user=user, bond=view.bond)
    return plan, view


@transaction.atomic
def plan_respond(
    *,
    user: User,
    plan_id: int,
    answer: str,
    day: datetime.date | None = None,
    time: datetime.time | None = None,
    now: datetime.datetime | None = None,
) -> Plan:
    """Accept, suggest another time (then it's their turn), or "not this week" (no reason)."""
    plan, view = _answerable(user, plan_id)
    if answer not in ANSWERS:
        raise DomainError("Answer accept, another_time or not_this_week.")
    if plan.status != PlanStatus.PROPOSED:
        raise Conflict("This plan has already been answered.")
    if plan.proposed_by_id == user.pk:
        raise Conflict("You suggested this time; it's their turn to answer.")
    now = now or timezone.now()
    plan.responded_at = now
    if answer == "accept":
        if plan.starts_at <= now:
            raise Conflict("That time has passed. Suggest another time instead.")
        plan.status = PlanStatus.ACCEPTED
        text = f"{user.username} said yes to your time together."
    elif answer == "not_this_week":
        plan.status = PlanStatus.NOT_THIS_WEEK
        text = f"{user.username} can't make it this week. Maybe another time."
    else:
        if day is None or time is None:
            raise DomainError("Give a day and a time to suggest instead.")
        plan.starts_at = _when(user=user, day=day, time=time, now=now)
        plan.zone = user.time_zone
        plan.proposed_by = user
        text = f"{user.username} suggested another time."
    plan.save()
    _tell_other(plan, view, text)
    notice_withdraw(user=user, key=_notice_key(plan))
    return plan


@transaction.atomic
def plan_reschedule(
    *,
    user: User,
    plan_id: int,
    day: datetime.date,
    time: datetime.time,
    now: datetime.datetime | None = None,
) -> Plan:
    """Another time for a plan that is on, missed or "not this week": a new one-off
    suggestion of the same activity, the other person's to answer. A one-off plan still to
    come is replaced by it; a repeating plan carries on, and a past time keeps its outcome."""
    plan, view = _answerable(user, plan_id)
    if plan.status not in (PlanStatus.ACCEPTED, PlanStatus.NOT_THIS_WEEK):
        raise Conflict("This plan can't be moved now.")
    now = now or timezone.now()
    moment = _when(user=user, day=day, time=time, now=now)
    fresh = Plan.objects.create(
        bond=view.bond,
        activity_id=plan.activity_id,
        proposed_by=user,
        starts_at=moment,
        zone=user.time_zone,
        minutes=plan.minutes,
        anchor=plan.anchor,
    )
    if not plan.repeat and plan.status == PlanStatus.ACCEPTED and plan.starts_at > now:
        plan.status = PlanStatus.CANCELLED
        plan.save(update_fields=["status"])
    notice_withdraw(user=user, key=_notice_key(plan))
    _tell_other(fresh, view, f"{user.username} suggested another time.")
    return fresh


@transaction.atomic
def plan_cancel(*, user: User, plan_id: int) -> Plan:
    plan, view = selectors.plan_for_member(user=user, plan_id=plan_id)
    plan.status = PlanStatus.CANCELLED
    plan.save(update_fields=["status"])
    notice_withdraw(user=view.other, key=_notice_key(plan))
    return plan


def _occurrence(plan: Plan, occurs_at: datetime.datetime | None, now: datetime.datetime) -> datetime.datetime:  # fmt: skip
    if plan.status != PlanStatus.ACCEPTED:
        raise Conflict("This plan isn't on yet.")
    if occurs_at is None:
        occurs_at = selectors.last_time(plan, now=now)
        if occurs_at is None:
            raise Conflict("This plan hasn't started yet.")
        return occurs_at
    known = selectors.occurrences(
        plan, start=occurs_at - datetime.timedelta(seconds=1), end=occurs_at + datetime.timedelta(seconds=1), limit=1
    )  # fmt: skip
    if not known or occurs_at > now:
        raise DomainError("That isn't a time this plan has happened.")
    return known[0]


@transaction.atomic
def plan_outcome(
    *,
    user: User,
    plan_id: int,
    outcome: str,
    occurs_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> PlanOutcome:
    """ "We did it" or "we missed it". A miss carries no blame; the page offers a new time."""
    plan, _ = _answerable(user, plan_id)
    if outcome not in Outcome.values:
        raise DomainError("Outcome must be done or missed.")
    when = _occurrence(plan, occurs_at, now or timezone.now())
    found, _ = PlanOutcome.objects.update_or_create(
        plan=plan, occurs_at=when, defaults={"outcome": outcome}
    )
    return found


@transaction.atomic
def plan_rate(
    *,
    user: User,
    plan_id: int,
    rating: int,
    occurs_at: datetime.datetime | None = None,
    now: datetime.datetime | None = None,
) -> TogetherRating:
    """How connected this person felt. Only they ever see it."""
    plan, _ = _answerable(user, plan_id)
    if not isinstance(rating, int) or not RATING_MIN <= rating <= RATING_MAX:
        raise DomainError(f"Choose a number from {RATING_MIN} to {RATING_MAX}.")
    now = now or timezone.now()
    when = _occurrence(plan, occurs_at, now)
    day = times.in_zone(when, user.time_zone).date()
    found, _ = TogetherRating.objects.update_or_create(
        user=user, plan=plan, occurs_at=when, defaults={"rating": rating, "day": day}
    )
    PlanOutcome.objects.get_or_create(plan=plan, occurs_at=when, defaults={"outcome": Outcome.DONE})
    return found


# --------------------------------------------------------------------------- calendar feed


@transaction.atomic
def feed_create(*, user: User) -> str:
    """A new private feed URL token (shown once). Any earlier feed stops working."""
    feed_revoke(user=user)
    token = FEED_PREFIX + secrets.token_urlsafe(32)
    CalendarFeed.objects.create(user=user, token_hash=selectors.token_digest(token))
    return token


def feed_revoke(*, user: User) -> int:
    return CalendarFeed.objects.filter(user=user, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


# --------------------------------------------------------------------------- reminder settings

SETTING_FLAGS = ("daily", "plans", "proposals", "weekly", "practice", "email")


def reminder_settings_update(
    *,
    user: User,
    daily: bool = False,
    plans: bool = False,
    proposals: bool = False,
    weekly: bool = False,
    practice: bool = False,
    email: bool = False,
    daily_time: datetime.time | None = None,
    quiet_start: datetime.time | None = None,
    quiet_end: datetime.time | None = None,
) -> ReminderSettings:
    # Times are wall-clock times in the person's own zone; an offset sent with one means nothing.
    daily_time, quiet_start, quiet_end = (
        t.replace(tzinfo=None) if t is not None else None
        for t in (daily_time, quiet_start, quiet_end)
    )
    if (quiet_start is None) != (quiet_end is None):
        raise DomainError("Give both ends of your quiet hours, or neither.")
    if quiet_start is not None and quiet_start == quiet_end:
        raise DomainError("Quiet hours need to start and end at different times.")
    if email and not user.email:
        raise Conflict("Add an e-mail address on your account page first.")
    values = {
        "daily": daily,
        "plans": plans,
        "proposals": proposals,
        "weekly": weekly,
        "practice": practice,
        "email": email,
        "daily_time": daily_time or datetime.time(19, 0),
        "quiet_start": quiet_start,
        "quiet_end": quiet_end,
    }
    try:
        found, _ = ReminderSettings.objects.update_or_create(user=user, defaults=values)
    except IntegrityError:  # two saves at once: the other one won, apply ours on top
        found = ReminderSettings.objects.get(user=user)
        for key, value in values.items():
            setattr(found, key, value)
        found.save()
    return found


def reminder_unsubscribe(*, user: User, kind: str) -> None:
    """One-click unsubscribe: that kind of reminder stops, e-mail and in-app alike."""
    field = {
        "daily": "daily",
        "plan": "plans",
        "proposal": "proposals",
        "weekly": "weekly",
        "practice": "practice",
    }.get(kind, "email")
    ReminderSettings.objects.update_or_create(user=user, defaults={field: False})
