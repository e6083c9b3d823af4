"""This app's parts of Today, Together and Progress."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.core.charts import line_chart
from heard.core.sections import Section, register
from heard.quality import selectors


def _plans_probe(user: Any) -> Any:
    return selectors.open_plans_query(user=user)


@register("today", order=25, probe=_plans_probe)
def today_plans(request: HttpRequest, **_: Any) -> Section | None:
    user = request.user
    upcoming, proposals = selectors.today_plans(user=user)  # type: ignore[arg-type]
    upcoming = upcoming[:3]
    if not upcoming and not proposals:
        return None
    return Section("quality/parts/today.html", {"upcoming": upcoming, "proposals": proposals})


@register("together", order=20)
def together_quality(request: HttpRequest, **_: Any) -> Section:
    return Section("quality/parts/together.html", {})


@register("progress", order=15)
def progress_together(request: HttpRequest, **_: Any) -> Section | None:
    series = selectors.ratings_series(user=request.user)  # type: ignore[arg-type]
    if not series:
        return None
    chart = line_chart(
        id="together-ratings",
        title="How connected you felt after time together",
        series=[("You", series)],
        y_min=1,
        y_max=10,
        unit="/10",
    )
    return Section("quality/parts/progress.html", {"chart": chart})
