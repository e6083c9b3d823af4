"""Where a person is logged in: list their sessions and end any of them."""

from __future__ import annotations

from datetime import timedelta

from django.contrib.sessions.models import Session
from django.http import HttpRequest
from django.utils import timezone

from heard.accounts.models import DeviceSession, User

TOUCH_EVERY = timedelta(minutes=5)


def device_session_record(*, request: HttpRequest, user: User) -> None:
    key = request.session.session_key
    if not key:
        request.session.save()
        key = request.session.session_key
    DeviceSession.objects.update_or_create(
        session_key=key,
        defaults={"user": user, "user_agent": request.META.get("HTTP_USER_AGENT", "")[:200]},
    )


TOUCHED_AT = "heard_device_touched_at"


def device_session_touch(*, request: HttpRequest) -> None:
    """Note activity at most every few minutes, so most requests write nothing extra."""
    key = request.session.session_key
    now = timezone.now()
    touched = request.session.get(TOUCHED_AT, 0.0)
    if not key or now.timestamp() - touched < TOUCH_EVERY.total_seconds():
        return
    request.session[TOUCHED_AT] = now.timestamp()
    DeviceSession.objects.filter(session_key=key).update(last_seen_at=now)


def device_sessions_for(*, user: User) -> list[DeviceSession]:
    """Live sessions only: rows whose Django session expired or ended are dropped."""
    rows = list(DeviceSession.objects.filter(user=user))
    live = set(
        Session.objects.filter(
            session_key__in=[r.session_key for r in rows], expire_date__gt=timezone.now()
        ).values_list("session_key", flat=True)
    )
    stale = [r.pk for r in rows if r.session_key not in live]
    if stale:
        DeviceSession.objects.filter(pk__in=stale).delete()
    return [r for r in rows if r.session_key in live]


def device_session_end(*, user: User, device_id: int) -> bool:
    row = DeviceSession.objects.filter(user=user, pk=device_id).first()
    if row is None:
        return False
    Session.objects.filter(session_key=row.session_key).delete()
    row.delete()
    return True


def device_sessions_end_others(*, user: User, keep_key: str | None) -> None:
    others = DeviceSession.objects.filter(user=user).exclude(session_key=keep_key or "")
    Session.objects.filter(
        session_key__in=list(others.values_list("session_key", flat=True))
    ).delete()
    others.delete()
