"""JSON API for progress: the week so far, the charts and the milestones."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema

from heard.bonds.selectors import bonds_for
from heard.checkup import selectors as checkup_selectors
from heard.core.charts import Chart
from heard.progress import selectors

router = Router(tags=["progress"])


class PointOut(Schema):
    date: date
    value: float


class SeriesOut(Schema):
    name: str
    points: list[PointOut]


class ChartOut(Schema):
    id: str
    title: str
    description: str
    grouped: str
    series: list[SeriesOut]


class MilestoneOut(Schema):
    key: str
    title: str
    text: str
    reached_at: datetime


class ProgressOut(Schema):
    this_week: str
    checkin_days_this_week: int
    charts: list[ChartOut]
    milestones: list[MilestoneOut]


def chart_out(chart: Chart) -> dict[str, Any]:
    series = []
    for index, name in enumerate(chart.names):
        if chart.kind == "bar":
            points = [{"date": b.day, "value": b.value} for b in chart.bars if b.index == index]
        else:
            points = [{"date": p.day, "value": p.value} for p in chart.lines[index].points]
        series.append({"name": name, "points": points})
    return {
        "id": chart.id,
        "title": chart.title,
        "description": chart.desc,
        "grouped": chart.grouped,
        "series": series,
    }


# --------------------------------------------------------------------------- progress


@router.get("/progress", response=ProgressOut)
def progress_overview(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    charts = selectors.connection_charts(user=user, views=bonds_for(user=user))  # type: ignore[arg-type]
    focus = checkup_selectors.focus_for(user=user)  # type: ignore[arg-type]
    if focus.result is not None:
        bond = focus.result.bond
        charts.append(checkup_selectors.scores_chart(user=user, bond=bond, group="component"))  # type: ignore[arg-type]
        charts.append(checkup_selectors.scores_chart(user=user, bond=bond, group="roadblock"))  # type: ignore[arg-type]
    charts += [selectors.activity_chart(user=user), selectors.depth_chart(user=user)]  # type: ignore[arg-type]
    rhythm = selectors.weekly_rhythm(user=user)  # type: ignore[arg-type]
    return {
        "this_week": rhythm.sentence,
        "checkin_days_this_week": rhythm.checkin_days,
        "charts": [chart_out(c) for c in charts],
        "milestones": [
            {"key": m.key, "title": title, "text": text, "reached_at": m.reached_at}
            for m, title, text in selectors.milestones_all(user=user)  # type: ignore[arg-type]
        ],
    }
