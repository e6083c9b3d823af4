"""Writes for daily check-ins."""

from __future__ import annotations

from collections.abc import Mapping

from django.db import transaction

from heard.accounts.models import User
from heard.accounts.selectors import local_today
from heard.bonds.selectors import bonds_for
from heard.core.errors import DomainError, NotFound
from heard.core.progress import progress_recorded
from heard.daily import selectors
from heard.daily.models import CheckIn, ConnectionRating
from heard.safety.services import TextCheck, safety_check_text

NOTE_MAX = 2000


# --------------------------------------------------------------------------- daily check-in


@transaction.atomic
def checkin_submit(
    *, user: User, feeling: str, ratings: Mapping[int, int | None], note: str = ""
) -> tuple[CheckIn, TextCheck | None]:
    """Record today's check-in (again today: it is updated). Ratings are for active bonds."""
    word = selectors.feeling_word(feeling)
    if word is None:
        raise DomainError("Choose a feeling word from the list.")
    note = (note or "").strip()
    if len(note) > NOTE_MAX:
        raise DomainError(f"Keep the note under {NOTE_MAX} characters.")
    active = {view.bond.pk: view.bond for view in bonds_for(user=user)}
    clean: dict[int, int] = {}
    for bond_id, rating in ratings.items():
        if bond_id not in active:
            raise NotFound("That bond doesn't exist.")
        if rating is None:
            continue
        if isinstance(rating, bool) or not isinstance(rating, int) or not 1 <= rating <= 10:
            raise DomainError("Rate the connection with a whole number from 1 to 10.")
        clean[bond_id] = rating
    checkin, _ = CheckIn.objects.update_or_create(
        user=user,
        day=local_today(user),
        defaults={"feeling": word, "note": note},
    )
    for bond_id, rating in clean.items():
        ConnectionRating.objects.update_or_create(
            checkin=checkin, bond=active[bond_id], defaults={"rating": rating}
        )
    check = safety_check_text(user=user, text=note, source="checkup_checkin") if note else None
    progress_recorded(users=[user])
    return checkin, check
