"""Dialogue turns a person may share with their counsellor, one by one (their own only)."""

from __future__ import annotations

import datetime
from typing import Any

from heard.core.shareables import ShareableItem, register_shareable
from heard.dialogue.models import Step, Turn


def _item(turn: Turn) -> ShareableItem:
    step = dict(Step.choices).get(turn.step, turn.step)
    return ShareableItem(
        kind="dialogue_turn",
        id=turn.pk,
        created_at=turn.created_at,
        title=f"What you wrote in a listening dialogue ({step.lower()})",
        text=turn.text,
        bond_id=turn.dialogue.bond_id,
    )


def _own(user: Any) -> Any:
    return Turn.objects.select_related("dialogue").filter(author=user).exclude(text="")


def list_own(user: Any, since: datetime.datetime) -> list[ShareableItem]:
    rows = _own(user).filter(created_at__gte=since).order_by("-created_at")[:200]
    return [_item(t) for t in rows]


def get_own(user: Any, item_id: int) -> ShareableItem | None:
    found = _own(user).filter(pk=item_id).first()
    return _item(found) if found else None


def register() -> None:
    register_shareable(
        "dialogue_turn", "Something you wrote in a dialogue", list_own=list_own, get_own=get_own
    )
