"""JSON API for daily check-ins. Same services and selectors as the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from heard.daily import selectors, services
from heard.daily.models import CheckIn
from heard.safety.api import SafetyOut
from heard.safety.selectors import safety_json

router = Router(tags=["check-ins"])


class RatingOut(Schema):
    bond_id: int
    rating: int


class CheckInIn(Schema):
    feeling: str = Field(..., max_length=60)
    ratings: dict[int, int | None] = Field(default_factory=dict, description="bond id -> 1-10")
    note: str = Field("", max_length=services.NOTE_MAX)


class CheckInOut(Schema):
    id: int
    day: date
    feeling: str
    note: str
    ratings: list[RatingOut]
    safety: SafetyOut | None = None


def checkin_out(checkin: CheckIn, check: Any = None) -> dict[str, Any]:
    return {
        "id": checkin.pk,
        "day": checkin.day,
        "feeling": checkin.feeling,
        "note": checkin.note,
        "ratings": [{"bond_id": r.bond_id, "rating": r.rating} for r in checkin.ratings.all()],
        "safety": safety_json(check),
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
