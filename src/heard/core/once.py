"""Create a row at most once per submission key, so a double click or a retried request
stores one copy. Check-ins and answers de-duplicate by their natural key; notes and replies
have none, so each form (or API request) carries a random key kept with the row."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any, TypeVar

from django.db import IntegrityError, models, transaction

M = TypeVar("M", bound=models.Model)


def submission_key_constraint(owner: str, name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=[owner, "submission_key"],
        condition=models.Q(submission_key__isnull=False),
        name=name,
    )


def existing(model: type[M], *, key: uuid.UUID | None, **owner: Any) -> M | None:
    if key is None:
        return None
    return model._default_manager.filter(submission_key=key, **owner).first()


def create_once(
    model: type[M], *, key: uuid.UUID | None, create: Callable[[], M], **owner: Any
) -> tuple[M, bool]:
    """(row, created). The same key from the same owner hands back the row it made first."""
    if key is None:
        return create(), True
    found = existing(model, key=key, **owner)
    if found is not None:
        return found, False
    try:
        with transaction.atomic():
            return create(), True
    except IntegrityError:
        # The same submission won a race a moment ago.
        return model._default_manager.get(submission_key=key, **owner), False
