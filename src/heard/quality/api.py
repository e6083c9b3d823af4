"""Quality time in the JSON API: ideas, plans, proposals, responses, ratings, reminders."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Literal

from django.http import HttpRequest
from django.urls import reverse
from ninja import Query, Router, Schema
from pydantic import ConfigDict, Field, model_validator

from heard.accounts.models import User
from heard.core.errors import DomainError, NotFound
from heard.core.schemas import InputSchema, IsoDate, LocalTime
from heard.quality import content, selectors, services
from heard.quality.content import Activity
from heard.quality.models import Anchor
from heard.quality.selectors import PlanRow
from heard.safety.selectors import joint_exercise_require

router = Router(tags=["quality time"])

if TYPE_CHECKING:
    ActivityId = str
    AnchorName = str
else:
    ActivityId = Literal[tuple(a.id for a in content.activities())]
    AnchorName = Literal[tuple(Anchor.values)]


class IdeaOut(Schema):
    id: str
    title: str
    duration: str
    minutes: int
    cost: str
    place: str
    energy: str
    kinds: list[str]
    builds: list[str]
    theme: str
    phones: str
    starter: str


class IdeaFilters(Schema):
    duration: Literal["ten_minutes", "an_hour", "half_a_day"] | None = None
    cost: Literal["free", "low", "some"] | None = None
    place: Literal["home", "out", "apart", "call"] | None = None
    energy: Literal["tired", "some", "lots"] | None = None
    kind: Literal["partner", "friend", "family", "parent_adult_child"] | None = None
    theme: content.Theme | None = None
    builds: content.Component | None = Field(
        None, description="One of the five components the idea builds."
    )


class PlanOut(Schema):
    id: int
    bond_id: int
    activity: IdeaOut | None
    status: str
    starts_at: datetime.datetime
    starts_local: str
    minutes: int
    repeat: str
    anchor: str
    yours_to_answer: bool


class PlansOut(Schema):
    proposals: list[PlanOut]
    upcoming: list[PlanOut]


class ProposeIn(InputSchema):
    bond_id: int
    activity_id: ActivityId = Field(description="An idea's id, from /quality/ideas.")
    day: IsoDate
    time: LocalTime = Field(description="Wall-clock time in your own time zone.")
    repeat: Literal["", "daily", "weekly"] = ""
    anchor: AnchorName = Field("", description="A habit to tie it to, or none.")


class ResponseIn(InputSchema):
    """Another time needs the day and time to suggest instead."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"properties": {"answer": {"enum": ["accept", "not_this_week"]}}},
                {
                    "required": ["day", "time"],
                    "properties": {"day": {"type": "string"}, "time": {"type": "string"}},
                },
            ]
        }
    )

    answer: Literal["accept", "another_time", "not_this_week"]
    day: IsoDate | None = None
    time: LocalTime | None = None

    @model_validator(mode="after")
    def _another_time_says_when(self) -> ResponseIn:
        if self.answer == "another_time" and (self.day is None or self.time is None):
            raise ValueError("Give a day and a time to suggest instead.")
        return self


class RescheduleIn(InputSchema):
    day: IsoDate
    time: LocalTime = Field(description="Wall-clock time in your own time zone.")


class OutcomeIn(InputSchema):
    outcome: Literal["done", "missed"]


class OutcomeOut(Schema):
    occurs_at: datetime.datetime
    outcome: str
    reschedule_url: str = ""


class RatingIn(InputSchema):
    rating: int = Field(ge=1, le=10)


class PlanRatingOut(Schema):
    occurs_at: datetime.datetime
    rating: int


class MyRatingOut(Schema):
    plan_id: int
    occurs_at: datetime.datetime
    day: datetime.date
    rating: int


class RemindersIO(InputSchema):
    """Quiet hours have both ends, or neither."""

    model_config = ConfigDict(
        json_schema_extra={
            "anyOf": [
                {"properties": {"quiet_start": {"type": "null"}, "quiet_end": {"type": "null"}}},
                {
                    "required": ["quiet_start", "quiet_end"],
                    "properties": {
                        "quiet_start": {"type": "string"},
                        "quiet_end": {"type": "string"},
                    },
                },
            ]
        }
    )

    daily: bool = False
    daily_time: LocalTime | None = None
    plans: bool = False
    proposals: bool = False
    weekly: bool = False
    practice: bool = False
    email: bool = False
    quiet_start: LocalTime | None = None
    quiet_end: LocalTime | None = None

    @model_validator(mode="after")
    def _both_ends_or_neither(self) -> RemindersIO:
        if (self.quiet_start is None) != (self.quiet_end is None):
            raise ValueError("Give both ends of your quiet hours, or neither.")
        return self


class FeedOut(Schema):
    url: str


def _idea(activity: Activity | None) -> dict[str, object] | None:
    if activity is None:
        return None
    return {**activity.model_dump(), "minutes": activity.minutes}


def _plan(row: PlanRow) -> dict[str, object]:
    plan = row.plan
    return {
        "id": plan.pk,
        "bond_id": plan.bond_id,
        "activity": _idea(row.activity),
        "status": plan.status,
        "starts_at": row.when or plan.starts_at,
        "starts_local": row.when_shown,
        "minutes": plan.minutes,
        "repeat": plan.repeat,
        "anchor": plan.anchor,
        "yours_to_answer": row.yours_to_answer,
    }


def _user(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def _row(request: HttpRequest, plan_id: int) -> dict[str, object]:
    plan, view = selectors.plan_for_member(user=_user(request), plan_id=plan_id)
    return _plan(selectors.plan_row(user=_user(request), plan=plan, view=view))


@router.get("/quality/ideas", response=list[IdeaOut])
def idea_list(request: HttpRequest, filters: Query[IdeaFilters]) -> list[dict[str, object]]:
    try:
        found = content.activities_filter(**filters.dict())
    except content.UnknownFilter as exc:
        raise DomainError(str(exc)) from None
    return [_idea(a) for a in found]  # type: ignore[misc]


@router.get("/quality/ideas/surprise", response=IdeaOut)
def idea_surprise(request: HttpRequest, filters: Query[IdeaFilters]) -> dict[str, object]:
    try:
        pick = content.activity_surprise(**filters.dict())
    except content.UnknownFilter as exc:
        raise DomainError(str(exc)) from None
    if pick is None:
        raise NotFound("Nothing fits all of those. Try loosening one filter.")
    return _idea(pick)  # type: ignore[return-value]


@router.get("/quality/plans", response=PlansOut)
def plan_list(request: HttpRequest) -> dict[str, object]:
    user = _user(request)
    return {
        "proposals": [_plan(r) for r in selectors.proposals_for(user=user)],
        "upcoming": [_plan(r) for r in selectors.upcoming_for(user=user)],
    }


@router.post("/quality/plans", response={201: PlanOut})
def plan_propose(request: HttpRequest, payload: ProposeIn) -> tuple[int, dict[str, object]]:
    plan = services.plan_propose(user=_user(request), **payload.dict())
    return 201, _row(request, plan.pk)


@router.get("/quality/plans/{plan_id}", response=PlanOut)
def plan_get(request: HttpRequest, plan_id: int) -> dict[str, object]:
    _, view = selectors.plan_for_member(user=_user(request), plan_id=plan_id)
    joint_exercise_require(user=_user(request), bond=view.bond)
    return _row(request, plan_id)


@router.post("/quality/plans/{plan_id}/response", response=PlanOut)
def plan_respond(request: HttpRequest, plan_id: int, payload: ResponseIn) -> dict[str, object]:
    services.plan_respond(user=_user(request), plan_id=plan_id, **payload.dict())
    return _row(request, plan_id)


@router.post("/quality/plans/{plan_id}/reschedule", response={201: PlanOut})
def plan_reschedule(
    request: HttpRequest, plan_id: int, payload: RescheduleIn
) -> tuple[int, dict[str, object]]:
    """Another time for a plan that is on, missed or "not this week": a new suggestion of the
    same idea for the other person to answer (a one-off still to come is replaced by it)."""
    fresh = services.plan_reschedule(user=_user(request), plan_id=plan_id, **payload.dict())
    return 201, _row(request, fresh.pk)


@router.post("/quality/plans/{plan_id}/outcome", response=OutcomeOut)
def plan_outcome(request: HttpRequest, plan_id: int, payload: OutcomeIn) -> dict[str, object]:
    found = services.plan_outcome(user=_user(request), plan_id=plan_id, outcome=payload.outcome)
    again = reverse("quality:plan", args=[plan_id]) + "#another-time"
    return {
        "occurs_at": found.occurs_at,
        "outcome": found.outcome,
        "reschedule_url": again if found.outcome == "missed" else "",
    }


@router.post("/quality/plans/{plan_id}/rating", response=PlanRatingOut)
def plan_rate(request: HttpRequest, plan_id: int, payload: RatingIn) -> dict[str, object]:
    found = services.plan_rate(user=_user(request), plan_id=plan_id, rating=payload.rating)
    return {"occurs_at": found.occurs_at, "rating": found.rating}


@router.get("/quality/ratings", response=list[MyRatingOut])
def rating_list(request: HttpRequest) -> list[dict[str, object]]:
    """Your own ratings after time together, oldest first (the other person's never show)."""
    return selectors.my_ratings(user=_user(request))


def _settings_out(user: User) -> dict[str, object]:
    found = selectors.reminder_settings(user=user)
    return {f: getattr(found, f) for f in RemindersIO.model_fields}


@router.get("/quality/reminders", response=RemindersIO)
def reminders_get(request: HttpRequest) -> dict[str, object]:
    return _settings_out(_user(request))


@router.put("/quality/reminders", response=RemindersIO)
def reminders_put(request: HttpRequest, payload: RemindersIO) -> dict[str, object]:
    services.reminder_settings_update(user=_user(request), **payload.dict())
    return _settings_out(_user(request))


@router.post("/quality/calendar-feed", response={201: FeedOut})
def feed_create(request: HttpRequest) -> tuple[int, dict[str, str]]:
    """A new private calendar URL, shown only in this answer. Any earlier one stops working."""
    token = services.feed_create(user=_user(request))
    return 201, {"url": request.build_absolute_uri(reverse("quality:feed", args=[token]))}


@router.delete("/quality/calendar-feed", response={204: None})
def feed_revoke(request: HttpRequest) -> tuple[int, None]:
    services.feed_revoke(user=_user(request))
    return 204, None
