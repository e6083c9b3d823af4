"""JSON API for daily check-ins, appreciation and progress (joined onto checkup.api.router)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any, Literal
from uuid import UUID

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from heard.bonds.selectors import bond_for_member, bonds_for
from heard.checkup import progress, selectors, services
from heard.checkup.charts import Chart
from heard.checkup.models import Appreciation, CheckIn
from heard.safety.selectors import joint_exercise_require, safety_json

router = Router(tags=["checkup"])


class RatingOut(Schema):
    bond_id: int
    rating: int


class CheckInIn(Schema):
    feeling: str = Field(..., max_length=60)
    ratings: dict[int, int | None] = Field(default_factory=dict, description="bond id -> 1-10")
    note: str = Field("", max_length=services.NOTE_MAX)


class SafetyOut(Schema):
    label: str
    resources_url: str


class CheckInOut(Schema):
    id: int
    day: date
    feeling: str
    note: str
    ratings: list[RatingOut]
    safety: SafetyOut | None = None


class AppreciationIn(Schema):
    bond_id: int
    text: str = Field(..., max_length=services.APPRECIATION_MAX)
    idea_id: str = Field("", max_length=60)
    submission_key: UUID | None = Field(
        None, description="Any random UUID; the same one again sends no second note."
    )


class DecideIn(Schema):
    choice: Literal["send", "private"]


class AppreciationOut(Schema):
    id: int
    bond_id: int
    direction: str  # "sent" (by you) or "received"
    text: str
    status: str
    created_at: datetime
    safety: SafetyOut | None = None


class IdeaOut(Schema):
    id: str
    text: str
    language: str
    effort: str
    cost: str


class HintOut(Schema):
    suggestion: str | None
    ideas: list[IdeaOut]
    from_profile: bool
    languages: list[str]


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


def checkin_out(checkin: CheckIn, check: Any = None) -> dict[str, Any]:
    return {
        "id": checkin.pk,
        "day": checkin.day,
        "feeling": checkin.feeling,
        "note": checkin.note,
        "ratings": [{"bond_id": r.bond_id, "rating": r.rating} for r in checkin.ratings.all()],
        "safety": safety_json(check),
    }


def appreciation_out(note: Appreciation, user: Any, check: Any = None) -> dict[str, Any]:
    return {
        "id": note.pk,
        "bond_id": note.bond_id,
        "direction": "sent" if note.sender_id == user.pk else "received",
        "text": note.text,
        "status": note.status,
        "created_at": note.created_at,
        "safety": safety_json(check),
    }


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


# --------------------------------------------------------------------------- check-ins


@router.get("/checkins", response=list[CheckInOut])
def checkin_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [checkin_out(c) for c in selectors.checkins_for(user=request.user, limit=366)]  # type: ignore[arg-type]


@router.post("/checkins", response={201: CheckInOut})
def checkin_submit(request: HttpRequest, payload: CheckInIn) -> tuple[int, dict[str, Any]]:
    checkin, check = services.checkin_submit(
        user=request.user,  # type: ignore[arg-type]
        feeling=payload.feeling,
        ratings=payload.ratings,
        note=payload.note,
    )
    return 201, checkin_out(checkin, check)


# --------------------------------------------------------------------------- appreciation


@router.get("/appreciation", response=list[AppreciationOut])
def appreciation_list(request: HttpRequest, bond_id: int) -> list[dict[str, Any]]:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    notes = selectors.appreciations_for(user=request.user, view=view)  # type: ignore[arg-type]
    both = sorted(notes["received"] + notes["sent"], key=lambda n: n.created_at, reverse=True)
    return [appreciation_out(n, request.user) for n in both]


@router.post("/appreciation", response={201: AppreciationOut, 409: dict[str, str]})
def appreciation_send(request: HttpRequest, payload: AppreciationIn) -> tuple[int, Any]:
    view = bond_for_member(user=request.user, bond_id=payload.bond_id)  # type: ignore[arg-type]
    joint_exercise_require(user=request.user, bond=view.bond)  # type: ignore[arg-type]
    note, check = services.appreciation_send(
        user=request.user,  # type: ignore[arg-type]
        bond_id=payload.bond_id,
        text=payload.text,
        idea_id=payload.idea_id,
        submission_key=payload.submission_key,
    )
    return 201, appreciation_out(note, request.user, check)


@router.post("/appreciation/{int:note_id}/decide", response=AppreciationOut)
def appreciation_decide(request: HttpRequest, note_id: int, payload: DecideIn) -> dict[str, Any]:
    note = services.appreciation_decide(
        user=request.user,  # type: ignore[arg-type]
        appreciation_id=note_id,
        choice=payload.choice,
    )
    return appreciation_out(note, request.user)


@router.get("/appreciation/suggestions", response=HintOut)
def appreciation_suggestions(request: HttpRequest, bond_id: int, more: int = 0) -> dict[str, Any]:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    hint = selectors.appreciation_hint(user=request.user, view=view, turn=min(max(more, 0), 999))  # type: ignore[arg-type]
    return {
        "suggestion": hint.suggestion.text if hint.suggestion else None,
        "ideas": [
            i.model_dump(include={"id", "text", "language", "effort", "cost"}) for i in hint.ideas
        ],
        "from_profile": hint.from_profile,
        "languages": hint.languages,
    }


# --------------------------------------------------------------------------- progress


@router.get("/progress", response=ProgressOut)
def progress_overview(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    charts = progress.connection_charts(user=user, views=bonds_for(user=user))  # type: ignore[arg-type]
    focus = selectors.focus_for(user=user)  # type: ignore[arg-type]
    if focus.result is not None:
        bond = focus.result.bond
        charts.append(progress.scores_chart(user=user, bond=bond, group="component"))  # type: ignore[arg-type]
        charts.append(progress.scores_chart(user=user, bond=bond, group="roadblock"))  # type: ignore[arg-type]
    charts += [progress.activity_chart(user=user), progress.depth_chart(user=user)]  # type: ignore[arg-type]
    rhythm = progress.weekly_rhythm(user=user)  # type: ignore[arg-type]
    return {
        "this_week": rhythm.sentence,
        "checkin_days_this_week": rhythm.checkin_days,
        "charts": [chart_out(c) for c in charts],
        "milestones": [
            {"key": m.key, "title": title, "text": text, "reached_at": m.reached_at}
            for m, title, text in progress.milestones_all(user=user)  # type: ignore[arg-type]
        ],
    }
