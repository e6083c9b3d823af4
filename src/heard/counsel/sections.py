"""Counsel's part of Today: this week's practice from the person's counsellor."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.core.sections import Section, register
from heard.counsel import selectors


@register("today", order=15, probe=selectors.today_probe)
def today_practice(request: HttpRequest, **_: Any) -> Section | None:
    rows = selectors.my_assignments(user=request.user)  # type: ignore[arg-type]
    if not rows:
        return None
    return Section("counsel/parts/today.html", {"practice": rows})
