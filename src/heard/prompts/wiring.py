"""How the prompts app joins the rest of Heard: Today and bond-page sections, Progress series
and demo activity. Registered once, from PromptsConfig.ready()."""

from __future__ import annotations

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.selectors import BondView, bonds_for
from heard.core.demo import DEMO_ACTIVITY
from heard.core.memo import once_per_request
from heard.core.progress import register_series
from heard.core.sections import Section, register
from heard.prompts import selectors
from heard.prompts.models import Answer

_connected = False


def today_section(request: HttpRequest, **_: Any) -> Section | None:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    items = selectors.today_statuses(
        user=user,  # type: ignore[arg-type]
        bonds=bonds_for(user=user),  # type: ignore[arg-type]
        now=timezone.now(),
    )
    from heard.safety.selectors import paused_bond_ids

    paused = paused_bond_ids(bond_ids=[item.bond.id for item in items])
    return Section(
        template="prompts/today_section.html", context={"items": items, "paused": paused}
    )


def bond_section(request: HttpRequest, *, bond: BondView, **_: Any) -> Section:
    depth = selectors.bond_depth(bond=bond.bond, user=request.user)  # type: ignore[arg-type]
    return Section(template="prompts/bond_section.html", context={"bond": bond, "depth": depth})


def _week(day: datetime.date) -> datetime.date:
    return day - datetime.timedelta(days=day.weekday())


def _answered(user: User, bond: Any) -> Any:
    qs = Answer.objects.filter(author=user, submitted_at__isnull=False)
    target = getattr(bond, "bond", bond)
    if target is not None:
        qs = qs.filter(exchange__bond=target)
    return qs


def _answered_days(user: User, bond: Any) -> list[tuple[datetime.date, int]]:
    """(day, depth) of every question this person answered: both series read it, once a page."""
    target = getattr(bond, "bond", bond)
    key = ("answered_days", user.pk, getattr(target, "pk", None))
    return once_per_request(
        key, lambda: list(_answered(user, bond).values_list("exchange__day", "exchange__depth"))
    )


def exchanges_answered(*, user: User, bond: Any = None) -> list[tuple[datetime.date, float]]:
    """Questions this person answered, per week (Monday)."""
    weeks: dict[datetime.date, float] = {}
    for day, _ in _answered_days(user, bond):
        weeks[_week(day)] = weeks.get(_week(day), 0) + 1
    return sorted(weeks.items())


def depth_over_time(*, user: User, bond: Any = None) -> list[tuple[datetime.date, float]]:
    """The deepest question this person answered each week (1 light to 3 vulnerable)."""
    weeks: dict[datetime.date, float] = {}
    for day, depth in _answered_days(user, bond):
        weeks[_week(day)] = max(weeks.get(_week(day), 0), float(depth))
    return sorted(weeks.items())


def demo_exchange(bond: Any, first: User, second: User) -> None:
    """A question both demo people answered yesterday, with a heart and a reply."""
    from heard.prompts import demo

    demo.add_exchange(bond, first, second)


def connect() -> None:
    global _connected
    if _connected:
        return
    _connected = True
    register("today", order=20)(today_section)
    register("bond", order=20)(bond_section)
    register_series("exchanges_answered", "Questions answered", "per week")(exchanges_answered)
    register_series("depth", "How deep your questions went", "1 light to 3 vulnerable")(
        depth_over_time
    )
    DEMO_ACTIVITY.append(demo_exchange)
