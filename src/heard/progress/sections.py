"""This app's parts of Today (a milestone to celebrate) and of Progress: the focus, the
weekly rhythm, the charts and the milestones. (The check-up's own part sits between them.)"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.bonds.selectors import bonds_for
from heard.checkup import selectors as checkup_selectors
from heard.core.sections import Section, register
from heard.progress import selectors, services
from heard.progress.models import Milestone


def _unseen_milestones(user: Any) -> Any:
    return Milestone.objects.filter(user=user, seen_at__isnull=True)


def celebration(request: HttpRequest, **_: Any) -> Section | None:
    """Milestones not celebrated yet (recorded when the activity was, never on a page view)."""
    fresh = services.milestones_celebrate(user=request.user)  # type: ignore[arg-type]
    if not fresh:
        return None
    words = [selectors.milestone_words(m) for m in fresh]
    return Section("progress/parts/celebrate.html", {"milestones": words})


# Just before the check-in (order 10) on Today, and before the focus on Progress.
register("today", order=9, probe=_unseen_milestones)(celebration)
register("progress", order=9, probe=_unseen_milestones)(celebration)


@register("progress", order=10)
def progress_focus(request: HttpRequest, **_: Any) -> Section:
    user = request.user
    return Section(
        "progress/parts/progress_focus.html",
        {
            "focus": checkup_selectors.focus_for(user=user),  # type: ignore[arg-type]
            "rhythm": selectors.weekly_rhythm(user=user),  # type: ignore[arg-type]
        },
    )


@register("progress", order=12)
def progress_charts(request: HttpRequest, **_: Any) -> list[Section]:
    user = request.user
    views = bonds_for(user=user)  # type: ignore[arg-type]
    return [
        Section(
            "progress/parts/progress_charts.html",
            {
                "connection": selectors.connection_charts(user=user, views=views),  # type: ignore[arg-type]
                "scores": _latest_scores_chart(request),
                "activity": selectors.activity_chart(user=user),  # type: ignore[arg-type]
                "depth": selectors.depth_chart(user=user),  # type: ignore[arg-type]
            },
        ),
        Section(
            "progress/parts/progress_milestones.html",
            {"milestones": selectors.milestones_all(user=user)},  # type: ignore[arg-type]
        ),
    ]


def _latest_scores_chart(request: HttpRequest) -> Any:
    focus = checkup_selectors.focus_for(user=request.user)  # type: ignore[arg-type]
    if focus.result is None:
        return None
    return checkup_selectors.scores_chart(
        user=request.user,  # type: ignore[arg-type]
        bond=focus.result.bond,
        group="component",
    )
