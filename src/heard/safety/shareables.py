"""A person's own safety detections and screening answers, which a counsellor sees only
when that person shares one, item by item. The text is never kept: only its type and time."""

from __future__ import annotations

import datetime
from typing import Any

from heard.core.shareables import ShareableItem, register_shareable
from heard.safety.models import RiskKind, SafetyEvent, Screening


def _event(event: SafetyEvent) -> ShareableItem:
    kind = dict(RiskKind.choices).get(event.kind, event.kind)
    return ShareableItem(
        kind="safety_detection",
        id=event.pk,
        created_at=event.created_at,
        title="A time Heard showed you help",
        text=f"Heard noticed words about: {kind.lower()}.",
    )


def _screening(screening: Screening) -> ShareableItem:
    answer = (
        "yes to at least one of the questions" if screening.positive else "no to every question"
    )
    return ShareableItem(
        kind="screening_answer",
        id=screening.pk,
        created_at=screening.answered_at,
        title="Your answer to the private safety question",
        text=f"You answered {answer}.",
        bond_id=screening.bond_id,
    )


def events_own(user: Any, since: datetime.datetime) -> list[ShareableItem]:
    return [_event(e) for e in SafetyEvent.objects.filter(user=user, created_at__gte=since)]


def event_own(user: Any, item_id: int) -> ShareableItem | None:
    found = SafetyEvent.objects.filter(user=user, pk=item_id).first()
    return _event(found) if found else None


def screenings_own(user: Any, since: datetime.datetime) -> list[ShareableItem]:
    rows = Screening.objects.filter(user=user, answered_at__gte=since)
    return [_screening(s) for s in rows]


def screening_own(user: Any, item_id: int) -> ShareableItem | None:
    found = Screening.objects.filter(user=user, pk=item_id).first()
    return _screening(found) if found else None


def register() -> None:
    register_shareable(
        "safety_detection", "A time Heard showed you help", list_own=events_own, get_own=event_own
    )
    register_shareable(
        "screening_answer",
        "Your answer to the safety question",
        list_own=screenings_own,
        get_own=screening_own,
    )
