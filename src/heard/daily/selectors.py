"""Reads for daily check-ins: today's check-in, the history, the feelings vocabulary, and
the connection ratings the charts and the progress export use."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Q

from heard.accounts.models import User
from heard.accounts.selectors import local_today
from heard.bonds.models import Bond
from heard.bonds.selectors import BondView
from heard.core.progress import register_series
from heard.daily.models import CheckIn, ConnectionRating
from heard.safety.selectors import bond_is_paused, paused_bond_ids

Dated = list[tuple[datetime.date, float]]

# --------------------------------------------------------------------------- vocabulary


def feeling_groups() -> list[tuple[str, list[str]]]:
    """The shared feelings vocabulary as (family name, words), for the picker."""
    from heard.coach.feelings import families

    return [(family.name, list(family.words)) for family in families()]


def feeling_word(text: str) -> str | None:
    """The vocabulary word ``text`` names, or None."""
    from heard.coach.feelings import all_words

    wanted = " ".join((text or "").lower().split())
    return wanted if wanted in set(all_words()) else None


# --------------------------------------------------------------------------- check-ins


def checkin_today(*, user: User) -> CheckIn | None:
    return (
        CheckIn.objects.filter(user=user, day=local_today(user)).prefetch_related("ratings").first()
    )


def checkins_for(*, user: User, limit: int = 30) -> list[CheckIn]:
    return list(CheckIn.objects.filter(user=user).prefetch_related("ratings")[:limit])


def other_can_see_ratings(*, view: BondView) -> bool:
    """Connection ratings are seen by both people, except while the bond is paused."""
    return not bond_is_paused(bond=view.bond)


# --------------------------------------------------------------------------- for progress


def checkin_days(
    *, user: User, since: datetime.date | None = None, until: datetime.date | None = None
) -> list[datetime.date]:
    """The days the person checked in (between ``since`` and ``until`` when given)."""
    rows = CheckIn.objects.filter(user=user)
    if since is not None:
        rows = rows.filter(day__gte=since)
    if until is not None:
        rows = rows.filter(day__lte=until)
    return list(rows.values_list("day", flat=True))


def connection_ratings(*, user: User, bond: Bond | None) -> Dated:
    """The person's connection ratings per day (averaged over bonds when no bond is given)."""
    rows = ConnectionRating.objects.filter(checkin__user=user)
    if bond is not None:
        rows = rows.filter(bond=bond)
    by_day: dict[datetime.date, list[int]] = defaultdict(list)
    for day, rating in rows.values_list("checkin__day", "rating"):
        by_day[day].append(rating)
    return [(day, sum(v) / len(v)) for day, v in sorted(by_day.items())]


def connection_ratings_for_bonds(
    *, user: User, views: list[BondView]
) -> dict[tuple[int, int], Dated]:
    """Both people's ratings per day in each bond, keyed by (bond id, person id), in one query
    whatever the number of bonds."""
    if not views:
        return {}
    wanted = Q()
    for view in views:
        wanted |= Q(bond_id=view.bond.pk, checkin__user_id__in=[user.pk, view.other.pk])
    by_key: dict[tuple[int, int], dict[datetime.date, list[int]]] = defaultdict(
        lambda: defaultdict(list)
    )
    rows = ConnectionRating.objects.filter(wanted).values_list(
        "bond_id", "checkin__user_id", "checkin__day", "rating"
    )
    for bond_id, person_id, day, rating in rows:
        by_key[(bond_id, person_id)][day].append(rating)
    return {
        key: [(day, sum(v) / len(v)) for day, v in sorted(days.items())]
        for key, days in by_key.items()
    }


def bonds_with_ratings_hidden(*, views: list[BondView]) -> set[int]:
    """The bonds (ids) whose ratings the other person can't see now: those paused. One query."""
    return set(paused_bond_ids(bond_ids=[v.bond.pk for v in views])) if views else set()


def rating_rows(*, user: User) -> list[tuple[datetime.date, int, int]]:
    """Every connection rating the person gave, as (day, bond id, rating)."""
    rows = ConnectionRating.objects.filter(checkin__user=user)
    return list(rows.values_list("checkin__day", "bond_id", "rating"))


@register_series("connection_rating", "Connection rating", "/10")
def connection_series(*, user: User, bond: Bond | None = None) -> Dated:
    """The person's own connection ratings (averaged over bonds when no bond is given)."""
    return connection_ratings(user=user, bond=bond)


@register_series("checkins", "Check-ins", "")
def checkin_series(*, user: User, bond: Bond | None = None) -> Dated:
    return [(day, 1.0) for day in checkin_days(user=user)]
