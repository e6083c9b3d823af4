"""Reminders: opt-in, quiet hours, at most one per kind per person per local day.

Each due reminder becomes a Reminder row (unique per person, kind and day). A worker claims a
row with a lease in one conditional UPDATE, delivers it, then marks it sent. Two workers can
never both claim a row; a row whose lease ran out (its worker was killed) is claimed again.
Texts are written by Heard and never carry anything a person wrote."""

from __future__ import annotations

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.core.notices import notice_send
from heard.core.reminders import is_due
from heard.quality import selectors, times
from heard.quality.models import Reminder, ReminderKind, ReminderSettings

logger = logging.getLogger(__name__)

UNSUBSCRIBE_SALT = "heard.quality.unsubscribe"
PLAN_AHEAD = datetime.timedelta(hours=2)
WEEKLY_DAY, WEEKLY_HOUR = 6, 18  # Sunday evening

TEXTS = {
    ReminderKind.DAILY: ("A moment for today's check-in", "When you have two minutes, today's check-in is here."),
    ReminderKind.PLAN: ("Time together soon", "You have time together coming up soon. Enjoy it."),
    ReminderKind.PROPOSAL: ("A time to look at", "Someone suggested a time together. Answer whenever suits you."),
    ReminderKind.WEEKLY: ("Your week, gently", "A new week is close. Is there a little time you'd like to protect together?"),
    # Neutral on purpose: a lock screen or a shared inbox never says "counsellor".
    ReminderKind.PRACTICE: ("A small practice this week", "A small practice for this week is waiting on Today, whenever suits you."),
}  # fmt: skip
URLS = {
    ReminderKind.DAILY: "core:home",
    ReminderKind.PLAN: "quality:home",
    ReminderKind.PROPOSAL: "quality:home",
    ReminderKind.WEEKLY: "quality:ideas",
    ReminderKind.PRACTICE: "core:home",
}
# Practice: at the person's own time, on the first day this week it is waiting, then once
# more at least PRACTICE_GAP_DAYS later if it still isn't done: never more than twice a week.
PRACTICE_PER_WEEK, PRACTICE_GAP_DAYS = 2, 3


def unsubscribe_token(user: User, kind: str) -> str:
    return signing.dumps({"u": user.pk, "k": kind}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_read(token: str) -> tuple[User, str] | None:
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    user = User.objects.filter(pk=data.get("u"), is_active=True).first()
    return (user, str(data.get("k", ""))) if user else None


def in_quiet_hours(prefs: ReminderSettings, local: datetime.datetime) -> bool:
    start, end = prefs.quiet_start, prefs.quiet_end
    if start is None or end is None:
        return False
    now = local.time().replace(tzinfo=None)
    if start < end:
        return start <= now < end
    return now >= start or now < end  # quiet hours across midnight, e.g. 22:00-07:00


def due_kinds(prefs: ReminderSettings, now: datetime.datetime) -> list[str]:
    """Which kinds of reminder are due for this person now (before the once-a-day check)."""
    user = prefs.user
    local = times.in_zone(now, user.time_zone)
    if in_quiet_hours(prefs, local):
        return []
    due: list[str] = []
    if prefs.daily and local.time() >= prefs.daily_time:
        due.append(ReminderKind.DAILY)
    if prefs.plans and any(
        r.when and now <= r.when <= now + PLAN_AHEAD
        for r in selectors.upcoming_for(user=user, now=now)
    ):
        due.append(ReminderKind.PLAN)
    if prefs.proposals and any(
        r.yours_to_answer for r in selectors.proposals_for(user=user, now=now)
    ):
        due.append(ReminderKind.PROPOSAL)
    if prefs.weekly and local.weekday() == WEEKLY_DAY and local.hour >= WEEKLY_HOUR:
        due.append(ReminderKind.WEEKLY)
    if (
        prefs.practice
        and local.time() >= prefs.daily_time
        and _practice_spacing_ok(user, local.date())
        and is_due(ReminderKind.PRACTICE, user=user, day=local.date())
    ):
        due.append(ReminderKind.PRACTICE)
    return due


def _practice_spacing_ok(user: User, day: datetime.date) -> bool:
    """Fewer than PRACTICE_PER_WEEK practice reminders earlier this week (Monday on), the last
    at least PRACTICE_GAP_DAYS ago. Today's own row doesn't count: the once-a-day claim
    handles it (and a row a killed worker left is taken again)."""
    monday = day - datetime.timedelta(days=day.weekday())
    earlier = list(
        Reminder.objects.filter(
            user=user, kind=ReminderKind.PRACTICE, day__gte=monday, day__lt=day
        ).values_list("day", flat=True)
    )
    if len(earlier) >= PRACTICE_PER_WEEK:
        return False
    return all((day - d).days >= PRACTICE_GAP_DAYS for d in earlier)


@dataclass(frozen=True)
class Claimed:
    reminder: Reminder
    email: bool


def _claim(user: User, kind: str, day: datetime.date, worker: str, now: datetime.datetime) -> Reminder | None:  # fmt: skip
    lease = now + datetime.timedelta(seconds=settings.REMINDER_LEASE_SECONDS)
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                user=user, kind=kind, day=day, lease_until=lease, worker=worker, attempts=1
            )
    except IntegrityError:
        pass
    # Already there: take it over only if it was never sent and its lease has run out.
    taken = (
        Reminder.objects.filter(user=user, kind=kind, day=day, sent_at__isnull=True)
        .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        .update(lease_until=lease, worker=worker)
    )
    if not taken:
        return None
    found = Reminder.objects.get(user=user, kind=kind, day=day)
    Reminder.objects.filter(pk=found.pk).update(attempts=found.attempts + 1)
    return found


def _deliver(reminder: Reminder, prefs: ReminderSettings) -> None:
    subject, text = TEXTS[reminder.kind]  # type: ignore[index]
    url = reverse(URLS[reminder.kind])  # type: ignore[index]
    notice_send(user=reminder.user, kind=f"reminder_{reminder.kind}", text=text, url=url, key=f"reminder-{reminder.kind}")  # fmt: skip
    if prefs.email and reminder.user.email:
        unsubscribe = settings.SITE_URL + reverse(
            "quality:unsubscribe", args=[unsubscribe_token(reminder.user, reminder.kind)]
        )
        body = (
            f"{text}\n\n{settings.SITE_URL}{url}\n\n"
            f"You asked Heard for this reminder. To stop it: {unsubscribe}\n"
        )
        message = EmailMessage(
            subject=subject,
            body=body,
            to=[reminder.user.email],
            headers={
                "List-Unsubscribe": f"<{unsubscribe}>",
                "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            },
        )
        message.send()


def reminders_send_due(*, now: datetime.datetime | None = None, worker: str = "") -> int:
    """Claim and deliver every reminder that is due now. Returns how many were sent."""
    now = now or timezone.now()
    worker = worker or uuid.uuid4().hex[:12]
    sent = 0
    prefs_all = ReminderSettings.objects.select_related("user").filter(
        Q(daily=True) | Q(plans=True) | Q(proposals=True) | Q(weekly=True) | Q(practice=True),
        user__is_active=True,
    )
    for prefs in prefs_all:
        day = times.in_zone(now, prefs.user.time_zone).date()
        for kind in due_kinds(prefs, now):
            reminder = _claim(prefs.user, kind, day, worker, now)
            if reminder is None:
                continue
            _deliver(reminder, prefs)
            Reminder.objects.filter(pk=reminder.pk, worker=worker).update(sent_at=timezone.now())
            sent += 1
            logger.info("reminder sent kind=%s", kind)
    return sent
