"""This app's part of Today: the check-in."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.bonds.selectors import bonds_for
from heard.core.sections import Section, register
from heard.daily import selectors
from heard.daily.forms import CheckInForm
from heard.daily.views import checkin_initial


@register("today", order=10)
def today_checkin(request: HttpRequest, **_: Any) -> Section:
    user = request.user
    today = selectors.checkin_today(user=user)  # type: ignore[arg-type]
    form = None
    if today is None:
        form = CheckInForm(bonds=bonds_for(user=user), initial=checkin_initial(today))  # type: ignore[arg-type]
    return Section("daily/parts/today_checkin.html", {"today": today, "form": form})
