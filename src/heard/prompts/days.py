"""A person's own day, in their own time zone, so long-distance pairs each get their own 'today'."""

from __future__ import annotations

import datetime
import zoneinfo

from heard.accounts.models import User


def _zone(user: User) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(user.time_zone or "UTC")
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return zoneinfo.ZoneInfo("UTC")


def local_today(user: User, now: datetime.datetime) -> datetime.date:
    return now.astimezone(_zone(user)).date()


def local_midnight(user: User, now: datetime.datetime) -> datetime.datetime:
    """The moment this person's current day began, as an aware datetime."""
    zone = _zone(user)
    return datetime.datetime.combine(local_today(user, now), datetime.time(), tzinfo=zone)
