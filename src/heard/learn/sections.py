"""Learn's parts of Today (a short read), Progress (a small count, never a streak) and a
bond's page (lessons marked to read together)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.bonds.selectors import BondView
from heard.core.sections import Section, register
from heard.learn import selectors
from heard.learn.content import lessons
from heard.safety.selectors import bond_is_paused


@register("today", order=30)
def today_read(request: HttpRequest, **_: Any) -> Section | None:
    lesson = selectors.next_lesson(user=request.user)  # type: ignore[arg-type]
    if lesson is None:
        return None
    return Section("learn/parts/today.html", {"lesson": lesson})


@register("progress", order=60)
def progress_read(request: HttpRequest, **_: Any) -> Section:
    return Section(
        "learn/parts/progress.html",
        {"count": selectors.read_count(user=request.user), "total": len(lessons())},  # type: ignore[arg-type]
    )


@register("bond", order=40)
def bond_together(request: HttpRequest, bond: BondView, **_: Any) -> Section | None:
    if bond_is_paused(bond=bond.bond):
        return None
    rows = selectors.together_for_bond(bond=bond.bond, user=request.user)  # type: ignore[arg-type]
    return Section("learn/parts/bond.html", {"b": bond, "rows": rows[:5]})
