from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Query, Router, Schema

from heard.bonds.selectors import bond_for_member
from heard.core.errors import NotFound
from heard.core.schemas import InputSchema, written
from heard.safety import selectors, services

router = Router(tags=["safety"])


class CheckIn(InputSchema):
    text: str = written(20000)


class LineOut(Schema):
    id: str
    country: str
    kind: str
    name: str
    phone: str | None
    text: str | None
    chat_url: str | None
    website: str | None
    hours: str | None
    description: str
    source: str
    checked: date


class CheckOut(Schema):
    label: str
    is_risk: bool
    resources: list[LineOut]


class EventOut(Schema):
    id: int
    kind: str
    source: str
    created_at: datetime
    shared_with_counsellor: bool


class ScreeningIn(InputSchema):
    afraid: bool
    threatened: bool
    controlled: bool
    hurt: bool


class SafetyOut(Schema):
    """What an answer tells the writer (only) about their own text: see ``safety_json``."""

    label: str
    resources_url: str


class BondSafetyOut(Schema):
    paused: bool
    reported_by_you: bool
    screening_needed: bool


def _lines(country: str, kind: str) -> list[dict[str, object]]:
    return [
        {
            **line.model_dump(),
            **{
                k: str(v)
                for k, v in line.model_dump().items()
                if k in {"chat_url", "website", "source"} and v
            },
        }
        for line in selectors.help_lines(country=country, kind=kind)
    ]


@router.post("/safety/check", response=CheckOut)
def safety_check(request: HttpRequest, payload: CheckIn) -> dict[str, object]:
    """Check a text for crisis language. Only the writer sees the result; the text is not kept."""
    result = services.safety_check_text(user=request.user, text=payload.text, source="api_check")  # type: ignore[arg-type]
    kind = "domestic_violence" if result.label == "abuse" else "crisis"
    return {
        "label": result.label,
        "is_risk": result.is_risk,
        "resources": _lines(request.user.country, kind) if result.is_risk else [],  # type: ignore[union-attr]
    }


@router.get("/safety/resources", response=list[LineOut], auth=None)
def safety_resources(
    request: HttpRequest,
    country: str = Query("INTL", max_length=8, pattern=r"^[A-Za-z]{2,5}$"),
    kind: Literal["crisis", "domestic_violence"] = Query("crisis"),
) -> list[dict[str, object]]:
    """Crisis or domestic-violence lines for a country (ISO code, 'EU' or 'INTL'); public."""
    return _lines(country, kind)


@router.get("/safety/events", response=list[EventOut])
def safety_events(request: HttpRequest) -> object:
    """The times help was shown to you (type and time only, never text)."""
    return selectors.events_for_history(user=request.user)[0]  # type: ignore[arg-type]


@router.delete("/safety/events/{int:event_id}", response={204: None})
def safety_event_delete(request: HttpRequest, event_id: int) -> tuple[int, None]:
    """Remove one of your own detections from your record."""
    if not services.event_delete(user=request.user, event_id=event_id):  # type: ignore[arg-type]
        raise NotFound("No such record.")
    return 204, None


@router.get("/safety/bonds/{int:bond_id}", response=BondSafetyOut)
def bond_safety(request: HttpRequest, bond_id: int) -> dict[str, bool]:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    return {
        "paused": selectors.bond_is_paused(bond=view.bond),
        "reported_by_you": selectors.pause_reported_by(bond=view.bond, user=request.user),  # type: ignore[arg-type]
        "screening_needed": selectors.screening_needed(user=request.user, bond=view.bond),  # type: ignore[arg-type]
    }


@router.post("/safety/bonds/{int:bond_id}/screening", response=BondSafetyOut)
def bond_screening(request: HttpRequest, bond_id: int, payload: ScreeningIn) -> dict[str, bool]:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    services.screening_submit(user=request.user, bond=view.bond, answers=payload.dict())  # type: ignore[arg-type]
    return bond_safety(request, bond_id)


@router.post("/safety/bonds/{int:bond_id}/lift-pause", response=BondSafetyOut)
def bond_lift_pause(request: HttpRequest, bond_id: int) -> dict[str, bool]:
    view = bond_for_member(user=request.user, bond_id=bond_id)  # type: ignore[arg-type]
    services.pause_lift(user=request.user, bond=view.bond)  # type: ignore[arg-type]
    return bond_safety(request, bond_id)
