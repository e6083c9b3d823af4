"""Reminder kinds whose "is it due?" lives in another app, so the reminder system (quality)
never imports that app. The app registers a check in its AppConfig.ready():

    register_due("practice", practice_due)

``func(*, user, day)`` says whether this person has something of that kind waiting on their
local ``day``. It must be cheap (one or two queries) and say nothing else: the reminder's
words are the reminder system's own, never anything anyone wrote."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from typing import Any

DueCheck = Callable[..., bool]

_DUE: dict[str, DueCheck] = {}


def register_due(kind: str, func: DueCheck) -> None:
    """Register (or, on a second ready(), replace) the check for one kind."""
    _DUE[kind] = func


def is_due(kind: str, *, user: Any, day: datetime.date) -> bool:
    """Whether a registered kind is due for this person today. False when nothing registered
    it (the app that owns it isn't installed)."""
    found = _DUE.get(kind)
    return bool(found(user=user, day=day)) if found else False
