"""This app's parts of Today, Together, Progress and a bond's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.bonds.selectors import BondView, bonds_for
from heard.checkup import progress, selectors, services
from heard.checkup.forms import CheckInForm
from heard.checkup.models import Milestone
from heard.checkup.views_daily import checkin_initial
from heard.core.sections import Section, register


def _unseen_milestones(user: Any) -> Any:
    return Milestone.objects.filter(user=user, seen_at__isnull=True)


def celebration(request: HttpRequest, **_: Any) -> Section | None:
    """Milestones not celebrated yet (recorded when the activity was, never on a page view)."""
    fresh = services.milestones_celebrate(user=request.user)  # type: ignore[arg-type]
    if not fresh:
        return None
    words = [progress.milestone_words(m) for m in fresh]
    return Section("checkup/parts/celebrate.html", {"milestones": words})


register("today", order=9, probe=_unseen_milestones)(celebration)
register("progress", order=9, probe=_unseen_milestones)(celebration)


@register("today", order=10)
def today_checkin(request: HttpRequest, **_: Any) -> Section:
    user = request.user
    today = selectors.checkin_today(user=user)  # type: ignore[arg-type]
    form = None
    if today is None:
        form = CheckInForm(bonds=bonds_for(user=user), initial=checkin_initial(today))  # type: ignore[arg-type]
    return Section("checkup/parts/today_checkin.html", {"today": today, "form": form})


@register("progress", order=10)
def progress_overview(request: HttpRequest, **_: Any) -> list[Section]:
    user = request.user
    views = bonds_for(user=user)  # type: ignore[arg-type]
    parts = []
    parts.append(
        Section(
            "checkup/parts/progress_focus.html",
            {
                "focus": selectors.focus_for(user=user),  # type: ignore[arg-type]
                "rhythm": progress.weekly_rhythm(user=user),  # type: ignore[arg-type]
            },
        )
    )
    parts.append(
        Section(
            "checkup/parts/progress_checkup.html",
            {"rows": selectors.checkup_overview(user=user), "retake_days": selectors.RETAKE_DAYS},  # type: ignore[arg-type]
        )
    )
    parts.append(
        Section(
            "checkup/parts/progress_charts.html",
            {
                "connection": progress.connection_charts(user=user, views=views),  # type: ignore[arg-type]
                "scores": _latest_scores_chart(request),
                "activity": progress.activity_chart(user=user),  # type: ignore[arg-type]
                "depth": progress.depth_chart(user=user),  # type: ignore[arg-type]
            },
        )
    )
    parts.append(
        Section(
            "checkup/parts/progress_milestones.html",
            {"milestones": progress.milestones_all(user=user)},  # type: ignore[arg-type]
        )
    )
    return parts


def _latest_scores_chart(request: HttpRequest) -> Any:
    focus = selectors.focus_for(user=request.user)  # type: ignore[arg-type]
    if focus.result is None:
        return None
    return progress.scores_chart(user=request.user, bond=focus.result.bond, group="component")  # type: ignore[arg-type]


@register("together", order=30)
def together_caring(request: HttpRequest, **_: Any) -> Section:
    return Section("checkup/parts/together.html", {"bonds": bonds_for(user=request.user)})  # type: ignore[arg-type]


@register("bond", order=30)
def bond_checkup(request: HttpRequest, bond: BondView, **_: Any) -> Section:
    latest = selectors.latest_checkup(user=request.user, bond=bond.bond)  # type: ignore[arg-type]
    return Section(
        "checkup/parts/bond.html",
        {"b": bond, "latest": latest, "days": selectors.days_since(latest)},
    )
