from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.accounts.models import User
from heard.bonds import selectors as bond_selectors
from heard.core.notices import notices_for
from heard.core.sections import Section, register


def today_for(*, user: User) -> dict[str, Any]:
    """What the Today page shows besides its sections: bonds and one next step."""
    bonds = bond_selectors.bonds_for(user=user)
    # Open invites only matter for the next step while there is no bond yet.
    invites = [] if bonds else list(bond_selectors.open_invites_for(user=user))
    if not bonds and not invites:
        next_step = "invite"
    elif not bonds:
        next_step = "waiting_for_invite"
    else:
        next_step = "prompt"
    return {"bonds": bonds, "invites": invites, "next_step": next_step}


def _ended_probe(user: User) -> Any:
    return bond_selectors.ended_bonds_unseen(user=user)


def _notices_probe(user: User) -> Any:
    return notices_for(user=user)


@register("today", order=-20, probe=_ended_probe)
def today_ended(request: HttpRequest, **_: Any) -> Section | None:
    ended = list(bond_selectors.ended_bonds_unseen(user=request.user))  # type: ignore[arg-type]
    return Section("core/parts/today_ended.html", {"ended": ended}) if ended else None


@register("today", order=-10, probe=_notices_probe)
def today_notices(request: HttpRequest, **_: Any) -> Section | None:
    notices = list(notices_for(user=request.user)[:20])  # type: ignore[arg-type]
    return Section("core/parts/today_notices.html", {"notices": notices}) if notices else None
