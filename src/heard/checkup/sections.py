"""This app's parts of Progress and a bond's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.bonds.selectors import BondView
from heard.checkup import selectors
from heard.core.sections import Section, register


# Between progress's focus (order 10) and its charts (order 12).
@register("progress", order=11)
def progress_checkup(request: HttpRequest, **_: Any) -> Section:
    return Section(
        "checkup/parts/progress_checkup.html",
        {
            "rows": selectors.checkup_overview(user=request.user),  # type: ignore[arg-type]
            "retake_days": selectors.RETAKE_DAYS,
        },
    )


@register("bond", order=30)
def bond_checkup(request: HttpRequest, bond: BondView, **_: Any) -> Section:
    latest = selectors.latest_checkup(user=request.user, bond=bond.bond)  # type: ignore[arg-type]
    return Section(
        "checkup/parts/bond.html",
        {"b": bond, "latest": latest, "days": selectors.days_since(latest)},
    )
