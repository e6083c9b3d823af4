"""Series for the Progress page. Apps register a function that returns a person's dated
values (for one bond or none), so charts can show activity the core doesn't know about.

Services that record something that counts (a check-in, an answer, a rating) call
``progress_recorded``; listeners such as the milestones act on it then, so the pages that show
progress only read."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from heard.core.memo import once_per_request

SeriesFunc = Callable[..., list[tuple[datetime.date, float]]]


@dataclass(frozen=True)
class Series:
    name: str
    label: str
    unit: str
    func: SeriesFunc


SERIES: dict[str, Series] = {}


def register_series(name: str, label: str, unit: str = "") -> Callable[[SeriesFunc], SeriesFunc]:
    """``func(*, user, bond=None)`` returns [(date, value)], oldest first."""

    def wrap(func: SeriesFunc) -> SeriesFunc:
        SERIES[name] = Series(name, label, unit, func)
        return func

    return wrap


def series_for(name: str, **kwargs: Any) -> list[tuple[datetime.date, float]]:
    """A series' points; within one page each series is read once (two charts and the weekly
    rhythm share them)."""
    series = SERIES.get(name)
    if series is None:
        return []
    key = ("series", name, *sorted((k, getattr(v, "pk", v)) for k, v in kwargs.items()))
    return list(once_per_request(key, lambda: series.func(**kwargs)))


ProgressListener = Callable[..., Any]
_LISTENERS: list[ProgressListener] = []


def on_progress(func: ProgressListener) -> ProgressListener:
    """Register ``func(*, user)``, called after something that counts was recorded."""
    if func not in _LISTENERS:
        _LISTENERS.append(func)
    return func


def progress_recorded(*, users: Any) -> None:
    """Something that counts towards progress was just recorded for these people."""
    for user in users:
        if user is None:
            continue
        for listener in _LISTENERS:
            listener(user=user)
