"""Prompt answers a person may share with their counsellor, one by one (their own only)."""

from __future__ import annotations

import datetime
from typing import Any

from heard.core.shareables import ShareableItem, register_shareable
from heard.prompts.models import Answer


def _item(answer: Answer) -> ShareableItem:
    from heard.prompts.deck import prompt_index

    prompt = prompt_index().get(answer.prompt_id or answer.exchange.prompt_id)
    return ShareableItem(
        kind="prompt_answer",
        id=answer.pk,
        created_at=answer.submitted_at or answer.updated_at,
        title=f"Your answer to: {prompt.text}" if prompt else "Your answer to a question",
        text=answer.text,
        bond_id=answer.exchange.bond_id,
    )


def _own(user: Any) -> Any:
    return (
        Answer.objects.select_related("exchange")
        .filter(author=user, submitted_at__isnull=False)
        .exclude(text="")
    )


def list_own(user: Any, since: datetime.datetime) -> list[ShareableItem]:
    rows = _own(user).filter(submitted_at__gte=since).order_by("-submitted_at")[:200]
    return [_item(a) for a in rows]


def get_own(user: Any, item_id: int) -> ShareableItem | None:
    found = _own(user).filter(pk=item_id).first()
    return _item(found) if found else None


def register() -> None:
    register_shareable(
        "prompt_answer", "An answer to a question", list_own=list_own, get_own=get_own
    )
