"""JSON API for daily check-ins. Same services and selectors as the pages."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Router, Schema
from pydantic import Field

from heard.core.schemas import FeelingWord, InputSchema
from heard.daily import selectors, services
from heard.daily.models import CheckIn
from heard.safety.api import SafetyOut
from heard.safety.selectors import safety_json

router = Router(tags=["check-ins"])


class BondRatingOut(Schema):
    bond_id: int
    rating: int


BondKey = Annotated[str, Field(pattern=r"^[1-9][0-9]{0,9}$")]  # a bond id, as JSON keys are


class CheckInIn(InputSchema):
    feeling: FeelingWord = Field(description="A word from /feelings.")
    ratings: dict[BondKey, Annotated[int, Field(ge=1, le=10)] | None] = Field(
        default_factory=dict, description="bond id -> 1-10 (or null to leave it out)"
    )
    note: str = Field("", max_length=services.NOTE_MAX)


class CheckInOut(Schema):
    id: int
    day: date
    feeling: str
    note: str
    ratings: list[BondRatingOut]
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
        ratings={int(bond_id): rating for bond_id, rating in payload.ratings.items()},
        note=payload.note,
    )
    return 201, checkin_out(checkin, check)
