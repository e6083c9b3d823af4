"""Check-in notes a person may share with their counsellor, one by one (their own only)."""

from __future__ import annotations

import datetime
from typing import Any

from heard.core.shareables import ShareableItem, register_shareable
from heard.daily.models import CheckIn


def _item(checkin: CheckIn) -> ShareableItem:
    return ShareableItem(
        kind="checkin_note",
        id=checkin.pk,
        created_at=checkin.created_at,
        title=f"Check-in note, {checkin.day:%-d %b %Y} (feeling {checkin.feeling})",
        text=checkin.note,
    )


def list_own(user: Any, since: datetime.datetime) -> list[ShareableItem]:
    rows = CheckIn.objects.filter(user=user, created_at__gte=since).order_by("-day")[:200]
    return [_item(c) for c in rows if c.note]


def get_own(user: Any, item_id: int) -> ShareableItem | None:
    found = CheckIn.objects.filter(user=user, pk=item_id).first()
    return _item(found) if found and found.note else None


def register() -> None:
    register_shareable("checkin_note", "A check-in note", list_own=list_own, get_own=get_own)
