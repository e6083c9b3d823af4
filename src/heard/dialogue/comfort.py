"""Ask for comfort: one tap sends "I could use some support"; one tap answers "I'm here".

Both go as in-app notices in our own words. The only thing of the sender's in them is the
feeling word they chose from our vocabulary to send.
"""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from heard.accounts.models import User
from heard.bonds.selectors import BondView
from heard.coach.feelings import all_words
from heard.core.errors import Conflict, DomainError, TooManyRequests
from heard.core.notices import notice_send, notice_withdraw
from heard.dialogue.models import ComfortRequest

REPEAT_AFTER = timedelta(minutes=10)


def clean_feeling(word: str | None) -> str:
    word = " ".join((word or "").lower().split())
    if word and word not in set(all_words()):
        raise DomainError("Pick a feeling word from the list, or leave it empty.")
    return word


@transaction.atomic
def comfort_send(*, sender: User, bond: BondView, feeling_word: str = "") -> ComfortRequest:
    """Callers check joint-exercise safety for the bond first."""
    word = clean_feeling(feeling_word)
    recent = ComfortRequest.objects.filter(
        bond=bond.bond,
        sender=sender,
        answered_at__isnull=True,
        created_at__gte=timezone.now() - REPEAT_AFTER,
    ).exists()
    if recent:
        raise TooManyRequests(
            f"Your request is on its way to {bond.other.username}. Give them a little time."
        )
    request = ComfortRequest.objects.create(bond=bond.bond, sender=sender, feeling_word=word)
    feeling = f" They're feeling {word}." if word else ""
    notice_send(
        user=bond.other,
        kind="comfort_request",
        text=f"{sender.username} could use some support.{feeling}",
        url=reverse("dialogue:comfort", args=[request.pk]),
        bond=bond.bond,
        key=f"comfort-{bond.id}-{sender.pk}",
    )
    return request


@transaction.atomic
def comfort_respond(*, request: ComfortRequest, responder: User) -> ComfortRequest:
    if request.sender_id == responder.pk:
        raise DomainError("This is your own request. The other person can answer it.")
    if request.answered_at is not None:
        raise Conflict("You've already let them know you're here.")
    request.answered_at = timezone.now()
    request.save(update_fields=["answered_at"])
    notice_send(
        user=request.sender,
        kind="comfort_here",
        text=f"{responder.username} says: I'm here.",
        url=reverse("bonds:detail", args=[request.bond_id]),
        bond=request.bond,
        key=f"comfort-here-{request.bond_id}-{responder.pk}",
    )
    notice_withdraw(user=responder, key=f"comfort-{request.bond_id}-{request.sender_id}")
    return request
