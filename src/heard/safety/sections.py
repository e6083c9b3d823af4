"""What the safety app adds to the Help page and to a bond's page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from heard.bonds.selectors import BondView
from heard.core.sections import Section, register
from heard.safety import selectors, services


def _country(request: HttpRequest) -> str:
    return getattr(request.user, "country", "") or "OTHER"


def _waiting_probe(user: Any) -> Any:
    from heard.safety.models import SafetyEvent

    return SafetyEvent.objects.filter(user=user, seen_in_full=False)


@register("today", order=1, probe=_waiting_probe)
def waiting_panel(request: HttpRequest) -> Section | None:
    """The full resources for a detection that happened on a shared screen, on the writer's
    own next visit (a later login than the one it happened in)."""
    from heard.accounts.middleware import LOGIN_AT

    user = request.user
    if not user.is_authenticated:
        return None
    kind = selectors.waiting_full_panel(user=user, before=request.session.get(LOGIN_AT))  # type: ignore[arg-type]
    if kind is None:
        return None
    services.events_mark_seen_in_full(user=user)  # type: ignore[arg-type]
    return Section("safety/waiting_panel.html", {"label": kind})


@register("help", order=10)
def crisis_lines(request: HttpRequest) -> Section:
    country = _country(request)
    user = request.user
    if user.is_authenticated and selectors.waiting_full_panel(user=user) is not None:  # type: ignore[arg-type]
        services.events_mark_seen_in_full(user=user)  # type: ignore[arg-type]
    return Section(
        "safety/help_lines.html",
        {
            "crisis": selectors.help_lines(country=country, kind="crisis"),
            "dv": selectors.help_lines(country=country, kind="domestic_violence"),
            "signed_in": request.user.is_authenticated,
        },
    )


@register("help", order=20)
def when_to_seek_help(request: HttpRequest) -> Section:
    practice = {k: v for k, v in settings.PRACTICE.items() if v}
    return Section("safety/seek_help.html", {"practice": practice})


@register("bond", order=90)
def bond_safety(request: HttpRequest, bond: BondView) -> Section:
    user = request.user
    return Section(
        "safety/bond_section.html",
        {
            "b": bond,
            "paused": selectors.bond_is_paused(bond=bond.bond),
            "reporter": selectors.pause_reported_by(bond=bond.bond, user=user),  # type: ignore[arg-type]
            "screened": not selectors.screening_needed(user=user, bond=bond.bond)  # type: ignore[arg-type]
            or bond.kind not in selectors.SCREENED_KINDS,
            "screenable": bond.kind in selectors.SCREENED_KINDS,
        },
    )
