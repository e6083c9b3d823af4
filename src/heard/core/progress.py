"""Series for the Progress page. Apps register a function that returns a person's dated
values (for one bond or none), so charts can show activity the core doesn't know about."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

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
    series = SERIES.get(name)
    return series.func(**kwargs) if series else []
