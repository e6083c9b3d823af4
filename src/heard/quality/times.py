"""Local times and UTC, across daylight-saving changes. Plain Python."""

from __future__ import annotations

import datetime
import zoneinfo

UTC = datetime.UTC


class TimeProblem(ValueError):
    """A local time that can't be used, with a message fit to show."""


def zone(name: str) -> zoneinfo.ZoneInfo:
    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise TimeProblem(f"{name!r} is not a time zone we know.") from None


def local_to_utc(day: datetime.date, time: datetime.time, zone_name: str) -> datetime.datetime:
    """The moment a wall-clock time happens in a zone.

    A time the clocks skip (spring forward) is refused with a clear message. A time that
    happens twice (fall back) means the first of the two, as most calendars do.
    """
    tz = zone(zone_name)
    wall = datetime.datetime.combine(day, time.replace(tzinfo=None, fold=0))
    aware = wall.replace(tzinfo=tz)
    back = aware.astimezone(UTC).astimezone(tz).replace(tzinfo=None)
    if back != wall:
        raise TimeProblem(
            f"{time:%H:%M} doesn't happen on {day:%-d %B %Y} in {zone_name}: the clocks "
            "change that night. Try an hour later."
        )
    return aware.astimezone(UTC)


def shift_wall_clock(moment: datetime.datetime, days: int, zone_name: str) -> datetime.datetime:
    """The same wall-clock time ``days`` later in a zone. A time the clocks skip on that day
    moves on by the size of the gap, as the clock on the wall would."""
    tz = zone(zone_name)
    local = moment.astimezone(tz).replace(tzinfo=None)
    later = (local + datetime.timedelta(days=days)).replace(tzinfo=tz, fold=0)
    return later.astimezone(UTC)


def in_zone(moment: datetime.datetime, zone_name: str) -> datetime.datetime:
    try:
        return moment.astimezone(zone(zone_name))
    except TimeProblem:
        return moment.astimezone(UTC)


def shown(moment: datetime.datetime, zone_name: str) -> str:
    """e.g. "Sunday 29 March, 10:00 BST": with the zone's abbreviation, so an hour that
    happens twice is never ambiguous."""
    local = in_zone(moment, zone_name)
    return f"{local:%A %-d %B, %H:%M} {local.tzname()}"
