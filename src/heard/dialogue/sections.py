"""The dialogue's parts of Today, Talk and a bond's page."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from heard.bonds.selectors import BondView, bonds_for
from heard.core.sections import Section, register
from heard.dialogue import selectors

_registered = False


def talk_dialogue(request: HttpRequest, **kw: Any) -> Section:
    rows = [
        {"bond": b, "open": selectors.open_dialogue(bond=b.bond)}
        for b in bonds_for(user=request.user)  # type: ignore[arg-type]
    ]
    return Section(template="dialogue/sections/talk_dialogue.html", context={"rows": rows})


def talk_practice(request: HttpRequest, **kw: Any) -> Section:
    return Section(template="dialogue/sections/talk_practice.html")


def talk_say_it(request: HttpRequest, **kw: Any) -> Section:
    return Section(template="dialogue/sections/talk_say_it.html")


def today(request: HttpRequest, **kw: Any) -> Section | None:
    user = request.user
    comfort = selectors.comfort_waiting(user=user)  # type: ignore[arg-type]
    dialogues = selectors.your_turn_dialogues(user=user)  # type: ignore[arg-type]
    if not comfort and not dialogues:
        return None
    return Section(
        template="dialogue/sections/today.html",
        context={"comfort": comfort, "dialogues": dialogues},
    )


def _today_probe(user: Any) -> list[Any]:
    """Rows whenever ``today`` may have something: comfort waiting, or an open dialogue."""
    return [selectors.comfort_waiting_query(user=user), selectors.open_dialogues_query(user=user)]


def _comfort_ask(request: HttpRequest, place: str) -> Section | None:
    """Ask for comfort, from Today and Talk as well as each bond's page."""
    bonds = bonds_for(user=request.user)  # type: ignore[arg-type]
    if not bonds:
        return None
    return Section(
        template="dialogue/sections/comfort_ask.html", context={"bonds": bonds, "place": place}
    )


def today_comfort_ask(request: HttpRequest, **kw: Any) -> Section | None:
    return _comfort_ask(request, "today")


def talk_comfort_ask(request: HttpRequest, **kw: Any) -> Section | None:
    return _comfort_ask(request, "talk")


def bond(request: HttpRequest, *, bond: BondView, **kw: Any) -> Section:
    return Section(
        template="dialogue/sections/bond.html",
        context={"b": bond, "open": selectors.open_dialogue(bond=bond.bond)},
    )


def register_sections() -> None:
    global _registered
    if _registered:
        return
    _registered = True
    register("talk", order=10)(talk_dialogue)
    register("talk", order=20)(talk_practice)
    register("talk", order=30)(talk_say_it)
    register("today", order=5, probe=_today_probe)(today)
    register("today", order=60)(today_comfort_ask)
    register("talk", order=5)(talk_comfort_ask)
    register("bond", order=20)(bond)
