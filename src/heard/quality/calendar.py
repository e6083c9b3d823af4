"""Calendar files built with the icalendar library. Events say "Time together" and nothing
else: no activity, no names, nothing anyone wrote."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar, Event, vRecur

from heard.quality.models import Plan, Repeat

TITLE = "Time together"
PRODID = "-//Heard//Quality time//EN"


def _calendar() -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", TITLE)
    return cal


def _event(plan: Plan) -> Event:
    event = Event()
    host = settings.SITE_URL.split("//")[-1].split("/")[0] or "heard"
    event.add("uid", f"plan-{plan.pk}@{host}")
    event.add("summary", TITLE)
    event.add("dtstamp", timezone.now())
    start = plan.starts_at.astimezone(datetime.UTC)
    if plan.repeat:
        # A repeating plan keeps its wall-clock time in the proposer's zone across DST.
        import zoneinfo

        start = plan.starts_at.astimezone(zoneinfo.ZoneInfo(plan.zone))
        freq = "DAILY" if plan.repeat == Repeat.DAILY else "WEEKLY"
        event.add("rrule", vRecur({"FREQ": freq}))
    event.add("dtstart", start)
    event.add("dtend", start + datetime.timedelta(minutes=plan.minutes))
    return event


def calendar_bytes(plans: Iterable[Plan]) -> bytes:
    plans = list(plans)
    cal = _calendar()
    for plan in plans:
        cal.add_component(_event(plan))
    if any(plan.repeat for plan in plans):
        cal.add_missing_timezones()
    return cal.to_ical()
