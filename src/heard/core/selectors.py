from __future__ import annotations

from typing import Any

from heard.accounts.models import User
from heard.bonds import selectors as bond_selectors
from heard.core.notices import notices_for


def today_for(*, user: User) -> dict[str, Any]:
    """What the Today page shows: bonds, anything waiting, and one next step."""
    bonds = bond_selectors.bonds_for(user=user)
    ended = list(bond_selectors.ended_bonds_unseen(user=user))
    invites = list(bond_selectors.open_invites_for(user=user))
    if not bonds and not invites:
        next_step = "invite"
    elif not bonds:
        next_step = "waiting_for_invite"
    else:
        next_step = "prompt"
    return {
        "bonds": bonds,
        "ended": ended,
        "invites": invites,
        "next_step": next_step,
        "notices": list(notices_for(user=user)[:20]),
    }
