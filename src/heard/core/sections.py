"""Feature apps add their parts to the five places (Today, Talk, Together, Progress, Help) and
to a bond's page without the core knowing them: each registers a function that returns a
Section (a template and its context) or None, in its AppConfig.ready()."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

PLACES = {"today", "talk", "together", "progress", "help", "bond"}


@dataclass
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


Provider = Callable[..., "Section | list[Section] | None"]
_PROVIDERS: dict[str, list[tuple[int, Provider]]] = {place: [] for place in PLACES}


def register(place: str, order: int = 50) -> Callable[[Provider], Provider]:
    if place not in PLACES:
        raise ValueError(f"unknown place {place!r}")

    def wrap(func: Provider) -> Provider:
        _PROVIDERS[place].append((order, func))
        return func

    return wrap


def sections_for(place: str, request: HttpRequest, **kwargs: Any) -> list[Section]:
    """Every section for ``place``, in order. Providers get the request (and e.g. ``bond``)."""
    found: list[Section] = []
    for order, provider in sorted(_PROVIDERS[place], key=lambda pair: pair[0]):
        result = provider(request, **kwargs)
        if result is None:
            continue
        for section in result if isinstance(result, list) else [result]:
            section.order = order
            found.append(section)
    return found
