"""Notes of appreciation a person wrote, which they may share with their counsellor one by
one (their own only, never a note they received)."""

from __future__ import annotations

import datetime
from typing import Any

from heard.core.shareables import ShareableItem, register_shareable
from heard.together.models import Appreciation


def _item(note: Appreciation) -> ShareableItem:
    return ShareableItem(
        kind="appreciation",
        id=note.pk,
        created_at=note.created_at,
        title="A note of appreciation you wrote",
        text=note.text,
        bond_id=note.bond_id,
    )


def list_own(user: Any, since: datetime.datetime) -> list[ShareableItem]:
    rows = Appreciation.objects.filter(sender=user, created_at__gte=since)[:200]
    return [_item(n) for n in rows]


def get_own(user: Any, item_id: int) -> ShareableItem | None:
    found = Appreciation.objects.filter(sender=user, pk=item_id).first()
    return _item(found) if found else None


def register() -> None:
    register_shareable("appreciation", "A note of appreciation", list_own=list_own, get_own=get_own)
