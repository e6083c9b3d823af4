"""Feature apps add their parts to the five places (Today, Talk, Together, Progress, Help) and
to a bond's page without the core knowing them: each registers a function that returns a
Section (a template and its context) or None, in its AppConfig.ready().

A part that is usually empty (a notice, a dialogue waiting on you, a milestone to celebrate)
registers a ``probe`` too: a function of the person that returns a queryset (or several) with
a row whenever the part might have something to show. All of a page's probes run in a single
query first, and a part whose probes all come back empty is not asked at all. A probe may say
yes when the part then shows nothing; it must never say no when the part would show something."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Exists, QuerySet
from django.http import HttpRequest

PLACES = {"today", "talk", "together", "progress", "help", "bond"}


@dataclass
class Section:
    template: str
    context: dict[str, Any] = field(default_factory=dict)
    order: int = 50


Provider = Callable[..., "Section | list[Section] | None"]
Probe = Callable[[Any], "QuerySet[Any] | list[QuerySet[Any]]"]
_PROVIDERS: dict[str, list[tuple[int, Provider, Probe | None]]] = {place: [] for place in PLACES}


def register(
    place: str, order: int = 50, probe: Probe | None = None
) -> Callable[[Provider], Provider]:
    if place not in PLACES:
        raise ValueError(f"unknown place {place!r}")

    def wrap(func: Provider) -> Provider:
        _PROVIDERS[place].append((order, func, probe))
        return func

    return wrap


def _probed(user: Any, probes: list[Probe]) -> list[bool]:
    """For each probe, whether any of its querysets has a row: one query for all of them."""
    if not probes:
        return []
    if not getattr(user, "is_authenticated", False):
        return [False] * len(probes)
    owners: list[int] = []
    checks: dict[str, Exists] = {}
    for index, probe in enumerate(probes):
        found = probe(user)
        for queryset in found if isinstance(found, list) else [found]:
            checks[f"probe_{len(checks)}"] = Exists(queryset)
            owners.append(index)
    from django.contrib.auth import get_user_model

    row = get_user_model().objects.filter(pk=user.pk).annotate(**checks).values_list(*checks)
    answers = row.first() or (False,) * len(checks)
    result = [False] * len(probes)
    for owner, answer in zip(owners, answers, strict=True):
        result[owner] = result[owner] or bool(answer)
    return result


def sections_for(place: str, request: HttpRequest, **kwargs: Any) -> list[Section]:
    """Every section for ``place``, in order. Providers get the request (and e.g. ``bond``)."""
    providers = sorted(_PROVIDERS[place], key=lambda entry: entry[0])
    probes = [probe for _, _, probe in providers if probe is not None]
    answers = iter(_probed(getattr(request, "user", None), probes))
    found: list[Section] = []
    for order, provider, probe in providers:
        if probe is not None and not next(answers):
            continue
        result = provider(request, **kwargs)
        if result is None:
            continue
        for section in result if isinstance(result, list) else [result]:
            section.order = order
            found.append(section)
    return found
